/** The legend: one swatch per class with its value range, plus "no data". */
import { useTranslation } from 'react-i18next';
import type { Classes } from '../../../src/stats/class-breaks';
import { MISSING_COLOR, OUTSIDE_COLOR } from '../lib/palette';
import { formatNumber } from '../lib/format';

/** Props of the legend. */
export interface MapLegendProps {
  readonly title: string;
  readonly unit: string | null;
  readonly classes: Classes | null;
  readonly palette: readonly string[];
  readonly hasMissing: boolean;
  /** Display label of the selected region group (other groups are greyed out), or null. */
  readonly group: string | null;
}

/** Legend overlay in the map's lower left corner. */
export function MapLegend({ title, unit, classes, palette, hasMissing, group }: MapLegendProps) {
  const { t } = useTranslation();
  if (!classes) return null;
  const edges = [classes.min, ...classes.breaks, classes.max];
  return (
    <div className="map-legend" aria-label={t('map.legend')}>
      <div className="map-legend-title">
        {title}
        {unit ? <span className="muted"> ({unit})</span> : null}
      </div>
      {palette.map((color, i) => (
        <div className="map-legend-row" key={color + i}>
          <span className="swatch" style={{ background: color }} />
          <span>
            {formatNumber(edges[i])} – {formatNumber(edges[i + 1])}
          </span>
        </div>
      ))}
      {hasMissing && (
        <div className="map-legend-row">
          <span className="swatch" style={{ background: MISSING_COLOR }} />
          <span>{t('map.noData')}</span>
        </div>
      )}
      {group && (
        <div className="map-legend-row">
          <span className="swatch" style={{ background: OUTSIDE_COLOR }} />
          <span>{t('map.outside', { group })}</span>
        </div>
      )}
      <div className="map-legend-foot">{classes.method === 'quantile' ? t('map.quantileClasses') : t('map.jenksClasses')}</div>
    </div>
  );
}
