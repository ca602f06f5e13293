/**
 * Draws of parameter vectors from their asymptotic normal distribution N(θ̂, V̂) for simulated
 * inference on effects (LeSage & Pace 2009, §2.7), with a non-positive-definite V̂ repaired by
 * flooring its eigenvalues (Higham 1988's nearest symmetric positive semi-definite matrix in
 * the Frobenius norm, lifted to a small positive floor) and the repair reported.
 */
import { InputError } from '../../core/errors';
import type { Rng } from '../../core/random';
import { cholesky } from '../../linalg/cholesky';
import { symmetricEigen } from '../../linalg/eigen';
import { createMatrix } from '../../linalg/matrix';
import type { CovarianceRepair, SpatialPanelFit } from './types';

/** Relative eigenvalue floor of the repair: λ ≥ FLOOR_RTOL · max λ. */
export const FLOOR_RTOL = 1e-10;

/** A sampler of N(mean, V). */
export interface NormalSampler {
  readonly dim: number;
  readonly repair: CovarianceRepair;
  /** One draw into `out`. */
  draw(rng: Rng, out: Float64Array): Float64Array;
}

/**
 * Sampler of N(mean, V), V k×k row-major symmetric. Cholesky of V; when V is not positive
 * definite, V = QΛQᵀ is replaced by Q max(Λ, floor) Qᵀ, floor = 1e-10·max λ, and reported.
 * @throws InputError `spatial-panel-covariance-invalid` when V has no positive eigenvalue or a non-finite entry.
 */
export function normalSampler(mean: Float64Array, v: Float64Array): NormalSampler {
  const k = mean.length;
  for (let i = 0; i < v.length; i++) {
    if (!Number.isFinite(v[i])) throw new InputError('spatial-panel-covariance-not-finite', 'The covariance of the estimates has a non-finite entry; effects cannot be simulated.', {});
  }
  const m = createMatrix(k, k, Float64Array.from(v));
  const e = symmetricEigen(m);
  const minEig = e.values[0], maxEig = e.values[k - 1];
  if (!(maxEig > 0)) throw new InputError('spatial-panel-covariance-invalid', 'The covariance of the estimates has no positive eigenvalue; effects cannot be simulated.', {});
  let lower: Float64Array;
  let repair: CovarianceRepair;
  const floor = FLOOR_RTOL * maxEig;
  if (minEig > floor) {
    lower = cholesky(m, 'covariance of the estimates').lower().data;
    repair = { repaired: false, minEigenvalue: minEig, floor: 0 };
  } else {
    // L = Q diag(√max(λ, floor)): L Lᵀ = Q max(Λ, floor) Qᵀ
    lower = new Float64Array(k * k);
    for (let j = 0; j < k; j++) {
      const s = Math.sqrt(Math.max(e.values[j], floor));
      for (let i = 0; i < k; i++) lower[i + j * k] = e.vectors.data[i + j * k] * s;
    }
    repair = { repaired: true, minEigenvalue: minEig, floor };
  }
  const z = new Float64Array(k);
  return {
    dim: k,
    repair,
    draw(rng, out) {
      for (let i = 0; i < k; i++) z[i] = rng.normal();
      for (let i = 0; i < k; i++) {
        let s = mean[i];
        for (let j = 0; j < k; j++) s += lower[i + j * k] * z[j];
        out[i] = s;
      }
      return out;
    },
  };
}

/** The (β, θ, ρ) part of a fit: estimates, covariance (row-major) and where each piece sits. */
export interface EffectParameters {
  readonly mean: Float64Array;
  readonly vcov: Float64Array;
  /** Index of β_x in `mean` per regressor (xNames order). */
  readonly betaIndex: Int32Array;
  /** Index of θ_x in `mean` per regressor, −1 without a Durbin term. */
  readonly thetaIndex: Int32Array;
  /** Index of ρ (lag models) or −1. */
  readonly rhoIndex: number;
}

/** Extract the effect parameters of a fit (σ² and λ left out: the effects do not depend on them). */
export function effectParameters(fit: SpatialPanelFit): EffectParameters {
  const m = fit.vcovNames.length;
  const take: number[] = [];
  const kx = fit.xNames.length;
  for (let j = 0; j < fit.coefficients.length; j++) take.push(j);
  const rhoPos = fit.vcovNames.indexOf('rho');
  if (rhoPos >= 0) take.push(rhoPos);
  const q = take.length;
  const mean = new Float64Array(q), vcov = new Float64Array(q * q);
  take.forEach((a, i) => {
    mean[i] = a === rhoPos ? (fit.rho as { estimate: number }).estimate : fit.coefficients[a].estimate;
    take.forEach((b, j) => { vcov[i * q + j] = fit.vcov[a * m + b]; });
  });
  const betaIndex = Int32Array.from({ length: kx }, (_, j) => j);
  const thetaIndex = Int32Array.from(fit.xNames, (x) => { const d = fit.durbin.indexOf(x); return d < 0 ? -1 : kx + d; });
  return { mean, vcov, betaIndex, thetaIndex, rhoIndex: rhoPos >= 0 ? q - 1 : -1 };
}
