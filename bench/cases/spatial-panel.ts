/**
 * Spatial panel benchmarks (issue 11), engine only (sp-app adds the whole-process `rwb sdm` case):
 * - N = 285, T = 14 (a prefecture-city panel; a 15 × 19 queen grid, row-standardised), two-way
 *   FE SDM with 5 regressors + effects with 1,000 simulation draws: target < 0.3 s;
 * - N = 3,000, T = 10 (a 60 × 50 queen grid), the same model and draws: reported (the issue's
 *   target is for the whole CLI process: under a quarter of spatialreg's lagsarlm(Durbin = TRUE,
 *   method = "Matrix") + impacts(R = 1000) on one cross-section, about 5–7 s here).
 * Each run builds a fresh W object, so the cached eigenvalues / orderings are not reused.
 */
import type { BenchCase } from '../run';
import { createRng } from '../../src/core/random';
import { CsrMatrix } from '../../src/linalg/sparse';
import { fitSpatialPanel, spatialEffects } from '../../src/models/spatial-panel';
import type { SpatialPanelInput } from '../../src/models/spatial-panel';

function queenGrid(r: number, c: number): CsrMatrix {
  const I: number[] = [], J: number[] = [], V: number[] = [];
  for (let a = 0; a < r; a++) {
    for (let b = 0; b < c; b++) {
      const nb: number[] = [];
      for (let da = -1; da <= 1; da++) for (let db = -1; db <= 1; db++) {
        const x = a + da, y = b + db;
        if ((da !== 0 || db !== 0) && x >= 0 && x < r && y >= 0 && y < c) nb.push(x * c + y);
      }
      for (const j of nb) { I.push(a * c + b); J.push(j); V.push(1 / nb.length); }
    }
  }
  return CsrMatrix.fromTriplets(r * c, r * c, I, J, V);
}

/** y = (I − ρW)⁻¹(Xβ + WXθ + μ + λ + ε) per period (ρ = 0.4, θ = 0.3), solved by fixed-point iteration y ← b + ρWy. */
export function simulate(r: number, c: number, T: number, k: number, seed: number): SpatialPanelInput {
  const w = queenGrid(r, c);
  const n = r * c;
  const rng = createRng(seed);
  const mu = Float64Array.from({ length: n }, () => rng.normal());
  const x = Array.from({ length: k }, (_, j) => ({ name: `x${j + 1}`, values: Float64Array.from({ length: n * T }, () => rng.normal()) }));
  const y = new Float64Array(n * T);
  for (let t = 0; t < T; t++) {
    const b = new Float64Array(n);
    const lam = rng.normal();
    for (let i = 0; i < n; i++) b[i] = mu[i] + lam + 0.5 * rng.normal();
    for (let j = 0; j < k; j++) {
      const xt = x[j].values.subarray(t * n, (t + 1) * n);
      const wx = w.matVec(xt);
      for (let i = 0; i < n; i++) b[i] += (1 - 0.2 * j) * xt[i] + 0.3 * wx[i];
    }
    const v = b.slice();
    for (let it = 0; it < 200; it++) { const wv = w.matVec(v); for (let i = 0; i < n; i++) v[i] = b[i] + 0.4 * wv[i]; }
    y.set(v, t * n);
  }
  return { n, T, regionIds: Array.from({ length: n }, (_, i) => `r${i}`), times: Array.from({ length: T }, (_, t) => 2000 + t), yName: 'y', y, x, w };
}

function run(inp: SpatialPanelInput): () => unknown {
  return () => {
    const w = inp.w.withValues(Float64Array.from(inp.w.values)); // a new W object: no cache hits
    const fit = fitSpatialPanel({ ...inp, w }, { model: 'sdm', effects: 'twoways' });
    return spatialEffects(fit, w, { draws: 1000, seed: 1 });
  };
}

export const cases: BenchCase[] = [
  { name: 'spatial-panel-sdm-twoways-n285-t14-draws1000', targetSeconds: 0.3, setup: () => run(simulate(15, 19, 14, 5, 1)) },
  { name: 'spatial-panel-sdm-twoways-n3000-t10-draws1000', repeat: 2, setup: () => run(simulate(60, 50, 10, 5, 2)) },
];
