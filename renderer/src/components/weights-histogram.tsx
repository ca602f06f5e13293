/** Neighbour-count histogram of a weights matrix as inline SVG; the zero-neighbour bar (islands) is red. */
import { useTranslation } from 'react-i18next';

/** Props of the histogram. */
export interface WeightsHistogramProps {
  /** histogram[c] = number of regions with c neighbours. */
  readonly histogram: readonly number[];
}

const W = 300;
const H = 130;
const PAD = { left: 26, right: 6, top: 8, bottom: 30 };

/** Bars of region counts by number of neighbours. */
export function WeightsHistogram({ histogram }: WeightsHistogramProps) {
  const { t } = useTranslation();
  const max = Math.max(1, ...histogram);
  const n = Math.max(1, histogram.length);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const bw = plotW / n;
  const ticks = max <= 5 ? Array.from({ length: max + 1 }, (_, i) => i) : [0, Math.round(max / 2), max];
  return (
    <svg className="weights-histogram" viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={t('weights.histogram')} data-testid="weights-histogram">
      {ticks.map((t) => {
        const y = PAD.top + plotH - (t / max) * plotH;
        return (
          <g key={`t${t}`}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y} y2={y} stroke="#e3e7ec" />
            <text x={PAD.left - 4} y={y + 3} textAnchor="end" fontSize="9" fill="#6b7785">{t}</text>
          </g>
        );
      })}
      {histogram.map((count, c) => {
        const h = (count / max) * plotH;
        const x = PAD.left + c * bw;
        return (
          <g key={c}>
            <rect x={x + 1} y={PAD.top + plotH - h} width={Math.max(1, bw - 2)} height={h} fill={c === 0 ? '#d93025' : '#4a7fb5'}>
              <title>{t('weights.histogramBar', { regions: t('weights.regionCount', { count }), neighbours: t('weights.neighbourCount', { count: c }) })}</title>
            </rect>
            {(n <= 16 || c % Math.ceil(n / 16) === 0) && (
              <text x={x + bw / 2} y={H - PAD.bottom + 12} textAnchor="middle" fontSize="9" fill="#3c4650">{c}</text>
            )}
          </g>
        );
      })}
      <line x1={PAD.left} x2={W - PAD.right} y1={PAD.top + plotH} y2={PAD.top + plotH} stroke="#8a96a3" />
      <text x={PAD.left + plotW / 2} y={H - 4} textAnchor="middle" fontSize="10" fill="#3c4650">{t('weights.histogramAxis')}</text>
    </svg>
  );
}
