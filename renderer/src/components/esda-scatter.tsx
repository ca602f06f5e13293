/**
 * The Moran scatterplot on screen: standardised value (x) against its spatial lag (y), the axes
 * through 0 marking the quadrants, the line through the origin with slope Moran's I, points in
 * their cluster colour. Hovering a point names the region; a click selects it (shared with the
 * LISA map, which outlines it).
 */
import { useTranslation } from 'react-i18next';
import type { JobResultOf } from '../../../src/contract';
import { LISA_CLASS_COLORS } from '../lib/lisa';

type Region = JobResultOf<'esda-local'>['years'][number]['regions'][number];

/** Props of the scatterplot. */
export interface EsdaScatterProps {
  readonly regions: readonly Region[];
  readonly slope: number;
  readonly variableLabel: string;
  readonly selected: string | null;
  readonly hover: string | null;
  readonly onHover: (code: string | null) => void;
  readonly onSelect: (code: string | null) => void;
  readonly nameOf: (code: string) => string;
}

const W = 360, H = 320, M = { l: 44, r: 12, t: 14, b: 40 };

/** The plot. */
export function EsdaScatter({ regions, slope, variableLabel, selected, hover, onHover, onSelect, nameOf }: EsdaScatterProps) {
  const { t } = useTranslation();
  const pts = regions.filter((r) => r.x !== null && r.lag !== null) as (Region & { x: number; lag: number })[];
  const span = Math.max(1, ...pts.map((p) => Math.abs(p.x)), ...pts.map((p) => Math.abs(p.lag))) * 1.05;
  const sx = (v: number) => M.l + ((v + span) / (2 * span)) * (W - M.l - M.r);
  const sy = (v: number) => H - M.b - ((v + span) / (2 * span)) * (H - M.t - M.b);
  const ticks = [-Math.floor(span), 0, Math.floor(span)].filter((v, i, a) => a.indexOf(v) === i);
  const a = slope === 0 ? -span : Math.max(-span, Math.min(-span / slope, span / slope));
  const b = slope === 0 ? span : Math.min(span, Math.max(-span / slope, span / slope));
  const hovered = hover ? pts.find((p) => p.id === hover) : undefined;
  return (
    <figure className="esda-scatter" data-testid="moran-scatter">
      <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={t('esda.scatterTitle')}>
        <rect x={M.l} y={M.t} width={W - M.l - M.r} height={H - M.t - M.b} fill="#ffffff" stroke="#d0d7de" />
        <line x1={sx(0)} x2={sx(0)} y1={M.t} y2={H - M.b} stroke="#888" strokeDasharray="3 3" />
        <line x1={M.l} x2={W - M.r} y1={sy(0)} y2={sy(0)} stroke="#888" strokeDasharray="3 3" />
        <text x={W - M.r - 4} y={M.t + 12} textAnchor="end" className="esda-quadrant">{t('esda.clusters.HH')}</text>
        <text x={M.l + 4} y={M.t + 12} className="esda-quadrant">{t('esda.clusters.LH')}</text>
        <text x={M.l + 4} y={H - M.b - 6} className="esda-quadrant">{t('esda.clusters.LL')}</text>
        <text x={W - M.r - 4} y={H - M.b - 6} textAnchor="end" className="esda-quadrant">{t('esda.clusters.HL')}</text>
        {ticks.map((v) => (
          <g key={v}>
            <text x={sx(v)} y={H - M.b + 14} textAnchor="middle" className="esda-tick">{v}</text>
            <text x={M.l - 6} y={sy(v) + 4} textAnchor="end" className="esda-tick">{v}</text>
          </g>
        ))}
        <text x={(M.l + W - M.r) / 2} y={H - 6} textAnchor="middle" className="esda-axis">{t('esda.scatterX', { variable: variableLabel })}</text>
        <text x={12} y={(M.t + H - M.b) / 2} textAnchor="middle" transform={`rotate(-90 12 ${(M.t + H - M.b) / 2})`} className="esda-axis">{t('esda.scatterY')}</text>
        <line x1={sx(a)} y1={sy(slope * a)} x2={sx(b)} y2={sy(slope * b)} stroke="#111" strokeWidth={1.5} />
        {pts.map((p) => (
          <circle
            key={p.id} data-region={p.id} cx={sx(p.x)} cy={sy(p.lag)} r={p.id === selected || p.id === hover ? 6 : 4}
            fill={LISA_CLASS_COLORS[p.cluster]} stroke={p.id === selected ? '#111' : '#fff'} strokeWidth={p.id === selected ? 2 : 0.8}
            onMouseEnter={() => onHover(p.id)} onMouseLeave={() => onHover(null)} onClick={() => onSelect(p.id === selected ? null : p.id)}
            style={{ cursor: 'pointer' }}
          >
            <title>{nameOf(p.id)}</title>
          </circle>
        ))}
      </svg>
      <figcaption className="muted small">
        {t('esda.scatterCaption', { value: slope.toFixed(3) })}
        {hovered && <> · <strong>{nameOf(hovered.id)}</strong> ({hovered.x.toFixed(2)}, {hovered.lag.toFixed(2)})</>}
      </figcaption>
    </figure>
  );
}
