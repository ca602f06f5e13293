/** The hover tooltip (plain DOM, since the map style has no glyphs for text). */
import type { RegionInfo } from '../../../src/contract';
import { useLabels } from '../i18n/labels';
import { formatNumber } from '../lib/format';

/** Props of the tooltip. */
export interface MapTooltipProps {
  readonly x: number;
  readonly y: number;
  readonly region: RegionInfo | undefined;
  readonly code: string;
  readonly variable: string;
  readonly unit: string | null;
  readonly value: number | null | undefined;
}

/** A small card next to the cursor with the region's Chinese/English name and the value. */
export function MapTooltip({ x, y, region, code, variable, unit, value }: MapTooltipProps) {
  const labels = useLabels();
  const zh = region?.nameZh;
  const en = region?.nameEn;
  return (
    <div className="map-tooltip" style={{ left: x + 14, top: y + 14 }} role="tooltip">
      <div className="map-tooltip-name">
        {zh && <span lang="zh">{zh}</span>}
        {zh && en ? ' · ' : null}
        {en ?? (zh ? null : code)}
      </div>
      <div className="map-tooltip-value">
        <span className="muted">{variable}: </span>
        <strong>{formatNumber(value ?? null)}</strong>
        {unit && value !== null && value !== undefined ? <span className="muted"> {unit}</span> : null}
      </div>
      {region?.regionGroup && <div className="muted small">{labels.group(region.regionGroup)}</div>}
    </div>
  );
}
