/**
 * LR and Wald tests of the spatial Durbin model against its restrictions (Elhorst 2014, §3.4;
 * LeSage & Pace 2009, §3.3): H₀: θ = 0 (SDM → SAR) and H₀: θ + ρβ = 0 (SDM → SEM), for the
 * regressors with a Durbin term (q = their number, χ²(q)).
 *   Wald(θ = 0) = θ̂' V̂_θθ⁻¹ θ̂;
 *   Wald(θ + ρβ = 0) = g' (G V̂ G')⁻¹ g, g = θ̂ + ρ̂β̂, G = ∂g/∂(β, θ, ρ) = [ρ̂ I_q | I_q | β̂] (delta method);
 *   LR = 2 (ln L_SDM − ln L_restricted) when the restricted fit (same data, W and effects) is given.
 */
import { InputError } from '../../core/errors';
import { cholesky } from '../../linalg/cholesky';
import { createMatrix } from '../../linalg/matrix';
import { chisqUpperP } from '../../stats/distributions';
import type { LrWaldTests, SpatialPanelFit, TestStatistic } from './types';

function chi(statistic: number, df: number): TestStatistic {
  return { statistic, df, p: chisqUpperP(statistic, df) };
}

/** g'A⁻¹g for symmetric positive-definite A (q×q, column-major). */
function quadInv(g: Float64Array, a: Float64Array): number {
  const q = g.length;
  const x = cholesky(createMatrix(q, q, a), 'covariance of the restrictions').solve(g);
  let s = 0;
  for (let i = 0; i < q; i++) s += g[i] * x[i];
  return s;
}

function checkRestricted(sdm: SpatialPanelFit, r: SpatialPanelFit, model: 'sar' | 'sem'): void {
  if (r.model !== model || r.n !== sdm.n || r.T !== sdm.T || r.effects !== sdm.effects || r.xNames.join('\u0000') !== sdm.xNames.join('\u0000')) {
    throw new InputError('spatial-panel-lr-mismatch', `The ${model.toUpperCase()} fit given for the LR test is not the same data, regressors and fixed effects as the SDM.`, { model: model.toUpperCase() });
  }
}

/**
 * LR and Wald tests of an SDM against SAR and SEM (see the module comment).
 * @throws InputError `spatial-panel-lr-not-sdm` when `sdm` is not an SDM with Durbin terms,
 *   `spatial-panel-lr-mismatch` when a restricted fit does not match it.
 */
export function lrWaldTests(sdm: SpatialPanelFit, restricted: { sar?: SpatialPanelFit; sem?: SpatialPanelFit } = {}): LrWaldTests {
  if (sdm.model !== 'sdm' || sdm.durbin.length === 0 || !sdm.rho) {
    throw new InputError('spatial-panel-lr-not-sdm', 'The LR and Wald tests need a spatial Durbin model with at least one Durbin term.', {});
  }
  const m = sdm.vcovNames.length;
  const kx = sdm.xNames.length;
  const q = sdm.durbin.length;
  const bIdx = sdm.durbin.map((d) => sdm.xNames.indexOf(d));
  const tIdx = sdm.durbin.map((_, j) => kx + j);
  const rIdx = sdm.vcovNames.indexOf('rho');
  const V = (a: number, b: number): number => sdm.vcov[a * m + b];
  const rho = sdm.rho.estimate;
  const theta = Float64Array.from(tIdx, (t) => sdm.coefficients[t].estimate);
  const beta = Float64Array.from(bIdx, (b) => sdm.coefficients[b].estimate);
  const vt = new Float64Array(q * q);
  for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) vt[a + b * q] = V(tIdx[a], tIdx[b]);
  const waldSar = chi(quadInv(theta, vt), q);
  // delta method for g = θ + ρβ: G row a has ρ at β_a, 1 at θ_a, β_a at ρ
  const g = Float64Array.from(theta, (t, a) => t + rho * beta[a]);
  const G = (a: number): [number, number][] => [[bIdx[a], rho], [tIdx[a], 1], [rIdx, beta[a]]];
  const vg = new Float64Array(q * q);
  for (let a = 0; a < q; a++) {
    for (let b = 0; b < q; b++) {
      let s = 0;
      for (const [i, gi] of G(a)) for (const [j, gj] of G(b)) s += gi * V(i, j) * gj;
      vg[a + b * q] = s;
    }
  }
  const waldSem = chi(quadInv(g, vg), q);
  let lrSar: TestStatistic | null = null, lrSem: TestStatistic | null = null;
  if (restricted.sar) { checkRestricted(sdm, restricted.sar, 'sar'); lrSar = chi(Math.max(0, 2 * (sdm.logLik - restricted.sar.logLik)), q); }
  if (restricted.sem) { checkRestricted(sdm, restricted.sem, 'sem'); lrSem = chi(Math.max(0, 2 * (sdm.logLik - restricted.sem.logLik)), q); }
  return Object.freeze({ lrSar, waldSar, lrSem, waldSem });
}
