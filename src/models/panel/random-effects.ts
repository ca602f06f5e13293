/**
 * Swamy–Arora variance components of the one-way (individual) random-effects model, for
 * balanced and unbalanced panels, as `plm(model = "random", random.method = "swar")`:
 *   σ²_e = RSS_within / (N − G − K_w)
 *   σ²_u = (RSS_Between − (G − K − 1)·σ²_e) / (N − tr[(Σ Tᵢ z̄ᵢz̄ᵢ')⁻¹ Σ Tᵢ² z̄ᵢz̄ᵢ'])   (floored at 0)
 *   θᵢ  = 1 − √(σ²_e / (Tᵢσ²_u + σ²_e))
 * where RSS_Between is the residual sum of squares of the between regression on group means
 * repeated Tᵢ times, K the number of slopes. On a balanced panel the denominator is T(G − K − 1).
 * Reference: Swamy & Arora (1972); Baltagi (2021) §2.3, §9.2; plm `ercomp`.
 */
import { InputError, SingularDesignError } from '../../core/errors';
import { cholesky } from '../../linalg/cholesky';
import { createMatrix } from '../../linalg/matrix';
import { HouseholderQr, leastSquares } from '../../linalg/qr';
import { absorbedColumns } from './collinearity';
import type { IndexedPanel } from './panel-index';
import { groupMeans, withinTransform } from './within';

/** Variance components and quasi-demeaning factors. */
export interface SwamyArora {
  sigma2Idios: number;
  sigma2Individual: number;
  /** θ per region (codes of `IndexedPanel.group`). */
  thetaByGroup: Float64Array;
}

/**
 * Estimate the Swamy–Arora components.
 * @throws InputError `panel-re-too-few-observations` / `panel-re-too-few-regions` when the within or between regression has no
 *   residual degrees of freedom; SingularDesignError when the between regression is singular.
 */
export function swamyArora(p: IndexedPanel, intercept: boolean): SwamyArora {
  const N = p.y.length;
  const G = p.group.levels.length;
  // within regression (time-invariant regressors drop out, as plm does)
  const yw = withinTransform(p.y, 'individual', p.group, p.period, p.balanced);
  const Xw = p.X.map((x) => withinTransform(x, 'individual', p.group, p.period, p.balanced));
  const dropped = new Set(absorbedColumns(p.X, Xw));
  const keepW = Xw.filter((_, j) => !dropped.has(j));
  let rssW = 0;
  let kW = 0;
  if (keepW.length > 0) {
    const qr = new HouseholderQr(keepW);
    kW = qr.rank;
    const e = qr.residuals(yw);
    for (let r = 0; r < N; r++) rssW += e[r] * e[r];
  } else {
    for (let r = 0; r < N; r++) rssW += yw[r] * yw[r];
  }
  const dfW = N - G - kW;
  if (dfW <= 0) {
    throw new InputError('panel-re-too-few-observations',
      `Random effects need more observations than regions plus regressors (${N} observations, ${G} regions, ${kW} regressors).`,
      { variables: p.names, observations: N, regions: G, regressors: kW });
  }
  const sigma2Idios = rssW / dfW;
  // between regression on group means, each group weighted by its size (rows repeated Tᵢ times)
  const Ti = p.group.sizes;
  const means = p.X.map((x) => groupMeans(x, p.group));
  const ybar = groupMeans(p.y, p.group);
  const cols: Float64Array[] = [];
  if (intercept) cols.push(Float64Array.from({ length: G }, (_, g) => Math.sqrt(Ti[g])));
  for (const m of means) cols.push(Float64Array.from(m, (v, g) => v * Math.sqrt(Ti[g])));
  const pB = cols.length;
  const dfB = G - pB;
  if (dfB <= 0) {
    throw new InputError('panel-re-too-few-regions',
      `Random effects need more regions than coefficients for the between regression (${G} regions, ${pB} coefficients).`,
      { variables: p.names, regions: G, coefficients: pB });
  }
  const yB = Float64Array.from(ybar, (v, g) => v * Math.sqrt(Ti[g]));
  const ls = leastSquares(cols, yB);
  if (ls.aliased.length > 0) {
    const names = [...(intercept ? ['(Intercept)'] : []), ...p.names];
    throw new SingularDesignError(
      `The between regression of the random-effects model is singular: the region means of ${ls.aliased.map((j) => `"${names[j]}"`).join(', ')} are collinear with the others.`,
      { variables: ls.aliased.map((j) => names[j]), variableList: ls.aliased.map((j) => `"${names[j]}"`).join(', ') }, 'singular-between');
  }
  // tr[(Σ Tᵢ z̄z̄')⁻¹ Σ Tᵢ² z̄z̄']
  const A = createMatrix(pB, pB);
  const B = createMatrix(pB, pB);
  const zbar = (c: number, g: number): number => (intercept ? (c === 0 ? 1 : means[c - 1][g]) : means[c][g]);
  for (let g = 0; g < G; g++) {
    for (let a = 0; a < pB; a++) {
      const za = zbar(a, g);
      for (let b = 0; b < pB; b++) {
        const zz = za * zbar(b, g);
        A.data[a + b * pB] += Ti[g] * zz;
        B.data[a + b * pB] += Ti[g] * Ti[g] * zz;
      }
    }
  }
  const chol = cholesky(A, 'cross-product of the region means');
  let tr = 0;
  for (let b = 0; b < pB; b++) {
    const col = chol.solve(B.data.subarray(b * pB, (b + 1) * pB));
    tr += col[b];
  }
  const kSlopes = intercept ? pB - 1 : pB;
  const sigma2Raw = (ls.rss - (G - kSlopes - (intercept ? 1 : 0)) * sigma2Idios) / (N - tr);
  const sigma2Individual = Math.max(0, sigma2Raw);
  const thetaByGroup = Float64Array.from(Ti, (t) => 1 - Math.sqrt(sigma2Idios / (t * sigma2Individual + sigma2Idios)));
  return { sigma2Idios, sigma2Individual, thetaByGroup };
}

/** z*ᵢₜ = zᵢₜ − θᵢ z̄ᵢ (quasi-demeaning). */
export function quasiDemean(v: ArrayLike<number>, p: IndexedPanel, theta: Float64Array): Float64Array {
  const mu = groupMeans(v, p.group);
  const out = new Float64Array(v.length);
  for (let r = 0; r < v.length; r++) {
    const g = p.group.codes[r];
    out[r] = v[r] - theta[g] * mu[g];
  }
  return out;
}
