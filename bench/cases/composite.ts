/**
 * Composite-index benchmark (issue 14): an entropy-TOPSIS index over 20 indicators for 2,850
 * counties × 20 years (57,000 rows), min–max pooled, under 0.2 s in the engine (`buildIndex`:
 * checks, normalisation, weights, TOPSIS, weights table). Indicators: seeded log-normal draws
 * with a county level and a trend, half of them negative.
 */
import type { BenchCase } from '../run';
import { createRng } from '../../src/core/random';
import { buildIndex, type IndicatorInput } from '../../src/composite';

function panel(counties: number, years: number, m: number): { ids: string[]; times: number[]; indicators: IndicatorInput[] } {
  const rng = createRng(14);
  const n = counties * years;
  const ids: string[] = new Array(n);
  const times: number[] = new Array(n);
  for (let i = 0; i < counties; i++) for (let t = 0; t < years; t++) { ids[i * years + t] = `c${i}`; times[i * years + t] = 2001 + t; }
  const indicators = Array.from({ length: m }, (_, j): IndicatorInput => {
    const level = Float64Array.from({ length: counties }, () => rng.normal());
    const v = new Float64Array(n);
    for (let k = 0; k < n; k++) v[k] = Math.exp(level[Math.floor(k / years)] + 0.02 * (k % years) + 0.3 * rng.normal());
    return { name: `x${j + 1}`, direction: j % 2 === 0 ? '+' : '-', dimension: j < m / 2 ? 'a' : 'b', values: v };
  });
  return { ids, times, indicators };
}

export const cases: BenchCase[] = [
  {
    name: 'composite-entropy-topsis-20x57000',
    targetSeconds: 0.2,
    repeat: 5,
    setup: () => {
      const p = panel(2850, 20, 20);
      return () => buildIndex(p.ids, p.times, p.indicators, { normalisation: 'minmax', scope: 'pooled', weights: { method: 'entropy' }, aggregate: 'topsis' });
    },
  },
];
