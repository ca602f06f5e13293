/** Panel benchmarks (issue 3): two-way FE + clustered SEs, 100,000 obs × 10 regressors, < 0.5 s. */
import type { BenchCase } from '../run';
import { createRng } from '../../src/core/random';
import { fitPanel } from '../../src/models/panel/fit';
import type { PanelDesign } from '../../src/models/panel/types';

/** G regions × T periods, k regressors, optionally dropping a share of rows (unbalanced). */
function simulate(G: number, T: number, k: number, drop: number, seed: number): PanelDesign {
  const rng = createRng(seed);
  const alpha = Array.from({ length: G }, () => rng.normal());
  const gamma = Array.from({ length: T }, () => rng.normal());
  const ids: string[] = []; const times: number[] = []; const y: number[] = [];
  const X: number[][] = Array.from({ length: k }, () => []);
  for (let g = 0; g < G; g++) {
    for (let t = 0; t < T; t++) {
      if (drop > 0 && t > 0 && rng.uniform() < drop) continue;
      let v = alpha[g] + gamma[t] + rng.normal();
      for (let j = 0; j < k; j++) { const x = rng.normal() + 0.3 * alpha[g]; X[j].push(x); v += 0.1 * (j + 1) * x; }
      ids.push(`region-${g}`); times.push(1990 + t); y.push(v);
    }
  }
  return { y: Float64Array.from(y), X: X.map((c) => Float64Array.from(c)), names: X.map((_, j) => `x${j + 1}`), ids, times };
}

export const cases: BenchCase[] = [
  {
    name: 'panel-fe-twoways-cluster-100k-x10',
    targetSeconds: 0.5,
    setup: () => {
      const d = simulate(5_000, 20, 10, 0, 1);
      return () => fitPanel(d, { model: 'fe', effects: 'twoways', se: 'cluster' });
    },
  },
  {
    name: 'panel-fe-twoways-cluster-100k-x10-unbalanced',
    setup: () => {
      const d = simulate(5_300, 20, 10, 0.05, 2);
      return () => fitPanel(d, { model: 'fe', effects: 'twoways', se: 'cluster' });
    },
  },
  {
    name: 'panel-re-swar-100k-x10',
    setup: () => {
      const d = simulate(5_000, 20, 10, 0, 3);
      return () => fitPanel(d, { model: 're', effects: 'individual', se: 'classical' });
    },
  },
];
