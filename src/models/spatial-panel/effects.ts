/**
 * Direct, indirect and total effects of the regressors (LeSage & Pace 2009, §2.7 and §4.2).
 * For a lag model y = (I − ρW)⁻¹(Xβ + WXθ) + …, the effect of regressor x is the n×n matrix
 * S(W) = (I − ρW)⁻¹(βI + θW); direct = tr(S)/n = β a₀(ρ) + θ a₁(ρ) with
 * a₀ = tr((I − ρW)⁻¹)/n, a₁ = tr((I − ρW)⁻¹W)/n; total = ι'Sι/n = β t₀(ρ) + θ t₁(ρ) with
 * t₀ = ι'(I − ρW)⁻¹ι/n, t₁ = ι'(I − ρW)⁻¹Wι/n (both 1/(1 − ρ) for a row-standardised W without
 * islands); indirect = total − direct. SEM: direct = β, indirect = 0. SDEM and SLX: direct =
 * β + θ tr(W)/n, total = β + θ ι'Wι/n (linear, so their standard errors are exact from V̂).
 *
 * Inference: `simulation` (default) draws (β, θ, ρ) from N(θ̂, V̂) with a seeded generator
 * (the reference uses MASS::mvrnorm in R; the draws differ, the distribution is the same),
 * reports the effects at θ̂ and the standard deviation of the draws as SE; `delta` uses the
 * gradient of the effects at θ̂ (central differences; the effects are linear in β, θ).
 * Each draw costs O(n) with eigenvalues; without them (large W) the traces come from a Chebyshev
 * interpolant of the exact ln|I − ρW| over the draws' range of ρ (`logDetEffectTraces`), O(m) per
 * draw: never an inverse.
 */
import { InputError } from '../../core/errors';
import { createRng } from '../../core/random';
import type { CsrMatrix } from '../../linalg/sparse';
import { normalTwoSidedP } from '../../stats/distributions';
import { effectParameters, normalSampler } from './draws';
import type { EffectParameters } from './draws';
import { checkSameW } from './fit';
import { isRowStandardised, logDetFor } from './log-determinant';
import type { LogDet } from './log-determinant';
import { effectTraces, logDetEffectTraces, SERIES_TERMS } from './traces';
import type {
  Estimate, EffectsOptions, ProgressFn, RegressorEffects, SpatialEffects, SpatialPanelFit, SpatialWarning,
} from './types';

/** Default number of simulation draws. */
export const DEFAULT_DRAWS = 1000;
/** Draws between progress calls. */
const PROGRESS_EVERY = 100;

function estimate(e: number, se: number): Estimate {
  const z = e / se;
  return { estimate: e, se, z, p: normalTwoSidedP(z) };
}

/** t₀(ρ), t₁(ρ) of the total effect (see the module comment). */
export function totalMultipliers(ld: LogDet, w: CsrMatrix): { t0: (rho: number) => number; t1: (rho: number) => number } {
  const n = w.rows;
  if (isRowStandardised(w)) return { t0: (r) => 1 / (1 - r), t1: (r) => 1 / (1 - r) };
  const sym = ld.symmetric, full = ld.eigenvectors();
  if (sym && full) {
    const vec = full.vectors, om = full.values;
    // ι'A⁻¹x = Σ_k (v_k'D^{-1/2}ι)(v_k'D^{1/2}x)/(1 − ρω_k)
    const sq = sym.d.map(Math.sqrt);
    const wi = w.matVec(new Float64Array(n).fill(1));
    const p = new Float64Array(n), q = new Float64Array(n), r = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      let a = 0, b = 0, c = 0;
      for (let i = 0; i < n; i++) { const v = vec.data[i + k * n]; a += v / sq[i]; b += v * sq[i]; c += v * sq[i] * wi[i]; }
      p[k] = a; q[k] = b; r[k] = c;
    }
    const f = (rho: number, x: Float64Array): number => { let s = 0; for (let k = 0; k < n; k++) s += p[k] * x[k] / (1 - rho * om[k]); return s / n; };
    return { t0: (rho) => f(rho, q), t1: (rho) => f(rho, r) };
  }
  // s_k = ι'W^kι/n by powers
  const s = new Float64Array(SERIES_TERMS + 2);
  let v: Float64Array = new Float64Array(n).fill(1);
  for (let k = 0; k <= SERIES_TERMS + 1; k++) {
    let t = 0;
    for (let i = 0; i < n; i++) t += v[i];
    s[k] = t / n;
    v = w.matVec(v);
  }
  const series = (rho: number, shift: 0 | 1): number => { let a = 0, pw = 1; for (let k = 0; k <= SERIES_TERMS; k++) { a += pw * s[k + shift]; pw *= rho; } return a; };
  return { t0: (r) => series(r, 0), t1: (r) => series(r, 1) };
}

/** The effects of every regressor as a function of a parameter vector: out[3j..3j+2] = direct, indirect, total. */
function effectFunction(fit: SpatialPanelFit, w: CsrMatrix, par: EffectParameters): { f: (p: Float64Array, out: Float64Array) => Float64Array; method: 'eigen' | 'series' | 'chebyshev' | 'none'; bound: (rhoMax: number) => number } {
  const kx = fit.xNames.length;
  const n = w.rows;
  if (fit.model === 'sar' || fit.model === 'sdm') {
    const ld = logDetFor(w, { method: fit.logDet?.method });
    const rhoHat = par.mean[par.rhoIndex];
    const rhoSe = Math.sqrt(par.vcov[par.rhoIndex * par.mean.length + par.rhoIndex]);
    const margin = 1e-6 * (1 / ld.omegaMax - 1 / ld.omegaMin);
    const lo = Math.max(rhoHat - 6 * rhoSe, 1 / ld.omegaMin + margin), hi = Math.min(rhoHat + 6 * rhoSe, 1 / ld.omegaMax - margin);
    const tr = ld.eigenvalues
      ? effectTraces(ld, w)
      : logDetEffectTraces(ld, lo, hi, rhoHat >= lo && rhoHat <= hi ? rhoHat : (lo + hi) / 2);
    const tot = totalMultipliers(ld, w);
    return {
      method: tr.method,
      bound: (r) => tr.errorBound(r),
      f: (p, out) => {
        const rho = p[par.rhoIndex];
        const a0 = tr.a0(rho), a1 = tr.a1(rho), t0 = tot.t0(rho), t1 = tot.t1(rho);
        for (let j = 0; j < kx; j++) {
          const b = p[par.betaIndex[j]], th = par.thetaIndex[j] >= 0 ? p[par.thetaIndex[j]] : 0;
          const d = b * a0 + th * a1, t = b * t0 + th * t1;
          out[3 * j] = d; out[3 * j + 1] = t - d; out[3 * j + 2] = t;
        }
        return out;
      },
    };
  }
  let trW = 0;
  for (let i = 0; i < n; i++) trW += w.get(i, i);
  const m1 = trW / n;
  const s1 = w.rowSums().reduce((a, b) => a + b, 0) / n;
  return {
    method: 'none',
    bound: () => 0,
    f: (p, out) => {
      for (let j = 0; j < kx; j++) {
        const b = p[par.betaIndex[j]], th = par.thetaIndex[j] >= 0 ? p[par.thetaIndex[j]] : 0;
        const d = b + th * m1, t = b + th * s1;
        out[3 * j] = d; out[3 * j + 1] = t - d; out[3 * j + 2] = t;
      }
      return out;
    },
  };
}

/**
 * Direct, indirect and total effects with simulated (default 1000 draws, seed 1) or delta-method
 * standard errors; see the module comment. A non-positive-definite V̂ is repaired (eigenvalue
 * floor) and reported in `covarianceRepair` and as a warning.
 * @throws InputError `spatial-panel-weights-size` (W does not match the fit), `spatial-panel-bad-draws`,
 *   `spatial-panel-bad-seed`, `spatial-panel-covariance-invalid`; CancelledError from `progress`.
 */
export function spatialEffects(fit: SpatialPanelFit, w: CsrMatrix, options: EffectsOptions = {}, progress?: ProgressFn): SpatialEffects {
  checkSameW(fit, w);
  const draws = options.draws ?? DEFAULT_DRAWS;
  const seed = options.seed ?? 1;
  const method = options.method ?? 'simulation';
  if (!(Number.isInteger(draws) && draws >= 2)) throw new InputError('spatial-panel-bad-draws', `The number of draws must be an integer of at least 2, got ${draws}.`, { draws });
  if (!Number.isInteger(seed)) throw new InputError('spatial-panel-bad-seed', `The seed must be an integer, got ${seed}.`, { seed });
  const par = effectParameters(fit);
  const kx = fit.xNames.length;
  const ef = effectFunction(fit, w, par);
  const point = ef.f(par.mean, new Float64Array(3 * kx));
  const q = par.mean.length;
  const warnings: SpatialWarning[] = [];
  const se = new Float64Array(3 * kx);
  const sampler = normalSampler(par.mean, par.vcov);
  const lagModel = par.rhoIndex >= 0;
  if (method === 'delta' || !lagModel) {
    // gradient by central differences (exact up to rounding in β, θ), se² = g'Vg
    const grad = new Float64Array(q * 3 * kx);
    const p = Float64Array.from(par.mean), up = new Float64Array(3 * kx), dn = new Float64Array(3 * kx);
    for (let a = 0; a < q; a++) {
      const h = 1e-6 * Math.max(1, Math.abs(par.mean[a]));
      p[a] = par.mean[a] + h; ef.f(p, up);
      p[a] = par.mean[a] - h; ef.f(p, dn);
      p[a] = par.mean[a];
      for (let c = 0; c < 3 * kx; c++) grad[a * 3 * kx + c] = (up[c] - dn[c]) / (2 * h);
    }
    for (let c = 0; c < 3 * kx; c++) {
      let s = 0;
      for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) s += grad[a * 3 * kx + c] * par.vcov[a * q + b] * grad[b * 3 * kx + c];
      se[c] = Math.sqrt(Math.max(s, 0));
    }
  } else {
    const rng = createRng(seed);
    const p = new Float64Array(q), out = new Float64Array(3 * kx);
    const mean = new Float64Array(3 * kx), m2 = new Float64Array(3 * kx);
    let rhoMax = 0;
    for (let r = 0; r < draws; r++) {
      sampler.draw(rng, p);
      rhoMax = Math.max(rhoMax, Math.abs(p[par.rhoIndex]));
      ef.f(p, out);
      for (let c = 0; c < 3 * kx; c++) {
        const d = out[c] - mean[c];
        mean[c] += d / (r + 1);
        m2[c] += d * (out[c] - mean[c]);
      }
      if (progress && (r + 1) % PROGRESS_EVERY === 0) progress(r + 1, draws);
    }
    if (progress && draws % PROGRESS_EVERY !== 0) progress(draws, draws);
    for (let c = 0; c < 3 * kx; c++) se[c] = Math.sqrt(m2[c] / (draws - 1));
    const bound = ef.bound(rhoMax);
    if (bound > 1e-8) {
      warnings.push({ code: 'spatial-panel-effects-trace-error', message: `The effects use approximate traces of (I − ρW)⁻¹ with an error bound of ${bound.toPrecision(2)} on the averaged traces.`, details: { bound: bound.toPrecision(2) } });
    }
  }
  if (sampler.repair.repaired) {
    warnings.push({ code: 'spatial-panel-covariance-repaired', message: `The covariance of the estimates was not positive definite (smallest eigenvalue ${sampler.repair.minEigenvalue.toPrecision(3)}); its eigenvalues were floored at ${sampler.repair.floor.toPrecision(3)} before drawing.`, details: { minEigenvalue: sampler.repair.minEigenvalue.toPrecision(3), floor: sampler.repair.floor.toPrecision(3) } });
  }
  const effects: RegressorEffects[] = fit.xNames.map((name, j) => Object.freeze({
    name,
    direct: estimate(point[3 * j], se[3 * j]),
    indirect: estimate(point[3 * j + 1], se[3 * j + 1]),
    total: estimate(point[3 * j + 2], se[3 * j + 2]),
  }));
  return Object.freeze({
    model: fit.model, method: lagModel ? method : 'delta', draws: lagModel && method === 'simulation' ? draws : 0, seed,
    effects: Object.freeze(effects), covarianceRepair: sampler.repair,
    traces: { method: ef.method, errorBound: ef.bound(lagModel ? Math.abs(par.mean[par.rhoIndex]) : 0) },
    warnings: Object.freeze(warnings),
  });
}
