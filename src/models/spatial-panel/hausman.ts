/**
 * Spatial Hausman test of fixed against random effects for the SAR / SDM panel models (Elhorst
 * 2014, §3.5; the comparison xsmle's `hausman` option reports):
 *
 *   H = d' (V_FE − V_RE)⁻¹ d,   d = (β, θ, ρ)_FE − (β, θ, ρ)_RE,   H ~ χ²(dim d) under H₀,
 *
 * over the coefficients both models share: the slopes, the Durbin terms and ρ (the RE intercept,
 * θ_RE and both σ² are left out). V_FE and V_RE are the matching blocks of the inverse analytical
 * information matrices; the fixed-effects model has individual (spatial) effects only, as xsmle's
 * default `type(ind)`. V_FE − V_RE need not be positive definite in a finite sample: its smallest
 * eigenvalue is reported and a warning given when it is not positive.
 *
 * xsmle builds the variance of d in a compiled Mata routine from scores and Hessians, which could
 * not be reproduced here; this is the classic form of Elhorst's `Hausman_test` demo.
 * Reference: scripts/reference/spatial-panel-reference.R (`hausman`).
 */
import { InputError } from '../../core/errors';
import { symmetricEigen } from '../../linalg/eigen';
import { lu } from '../../linalg/lu';
import { createMatrix } from '../../linalg/matrix';
import { chisqUpperP } from '../../stats/distributions';
import type { RandomEffectsFit } from './random-effects';
import type { SpatialPanelFit, SpatialWarning, TestStatistic } from './types';

/** The result of `spatialHausman`. */
export interface SpatialHausmanTest extends TestStatistic {
  /** The compared parameters: β, θ (`W*x`), `rho`. */
  readonly names: readonly string[];
  /** d = FE − RE, aligned with `names`. */
  readonly difference: Float64Array;
  /** Smallest eigenvalue of V_FE − V_RE. */
  readonly minEigenvalue: number;
  readonly warnings: readonly SpatialWarning[];
}

function block(names: readonly string[], vcov: Float64Array, pick: readonly string[]): Float64Array {
  const k = names.length;
  const idx = pick.map((p) => names.indexOf(p));
  const out = new Float64Array(pick.length * pick.length);
  idx.forEach((a, i) => idx.forEach((b, j) => { out[i * pick.length + j] = vcov[a * k + b]; }));
  return out;
}

/**
 * The spatial Hausman test of an individual-effects FE fit against the RE fit of the same model.
 * @throws InputError `spatial-hausman-model` (different models or Durbin terms),
 *   `spatial-hausman-fe-effects` (the FE fit is not individual-effects),
 *   `spatial-hausman-singular` (V_FE − V_RE is singular).
 */
export function spatialHausman(fe: SpatialPanelFit, re: RandomEffectsFit): SpatialHausmanTest {
  if (fe.model !== re.model || fe.durbin.join('\u0000') !== re.durbin.join('\u0000') || fe.xNames.join('\u0000') !== re.xNames.join('\u0000')) {
    throw new InputError('spatial-hausman-model', `The Hausman test compares the same model: the fixed-effects fit is ${fe.model.toUpperCase()} and the random-effects fit is ${re.model.toUpperCase()} (or their regressors differ).`, { fe: fe.model.toUpperCase(), re: re.model.toUpperCase() });
  }
  if (fe.effects !== 'individual') {
    throw new InputError('spatial-hausman-fe-effects', `The Hausman test needs the fixed-effects model with individual effects only, got ${fe.effects} effects.`, { effects: fe.effects });
  }
  const names = [...fe.coefficients.map((c) => c.name), 'rho'];
  const vfe = block(fe.vcovNames, fe.vcov, names);
  const vre = block(re.vcovNames, re.vcov, names);
  const k = names.length;
  const est = (f: { coefficients: readonly { name: string; estimate: number }[]; rho: { estimate: number } | null }, nm: string): number =>
    nm === 'rho' ? f.rho!.estimate : f.coefficients.find((c) => c.name === nm)!.estimate;
  const d = new Float64Array(k);
  names.forEach((nm, i) => { d[i] = est(fe, nm) - est(re, nm); });
  const vd = createMatrix(k, k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) vd.data[i + j * k] = vfe[i * k + j] - vre[i * k + j];
  const minEigenvalue = symmetricEigen(vd).values[0];
  const f = lu(vd);
  if (f.isSingular()) {
    throw new InputError('spatial-hausman-singular', 'The difference of the fixed- and random-effects covariances is singular; the Hausman statistic is undefined.', {});
  }
  const x = f.solve(d);
  let statistic = 0;
  for (let i = 0; i < k; i++) statistic += d[i] * x[i];
  const warnings: SpatialWarning[] = [];
  if (!(minEigenvalue > 0)) {
    warnings.push({
      code: 'spatial-hausman-not-positive-definite',
      message: `V_FE − V_RE is not positive definite (smallest eigenvalue ${minEigenvalue}); read the Hausman statistic with care.`,
      details: { minEigenvalue },
    });
  }
  return Object.freeze({ statistic, df: k, p: chisqUpperP(statistic, k), names, difference: d, minEigenvalue, warnings });
}
