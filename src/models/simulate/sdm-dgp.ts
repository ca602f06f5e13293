/**
 * Spatial Durbin data-generating process with two-way fixed effects, for demonstration panels
 * and for tests that check an estimator recovers known parameters.
 *
 * For each period t = 1..T, with n regions:
 *   y_t = (I − ρW)⁻¹ (X_t β + W X_t θ + μ + λ_t ι + ε_t),   ε_it ~ N(0, σ²) i.i.d.
 * where W is a fixed n × n weights matrix (row-standardised here), μ the region effects and
 * λ_t the period effects. The system (I − ρW) y_t = b_t is solved by one dense LU
 * factorisation reused for every period (fine for n in the tens to hundreds).
 * Reference: Elhorst (2014), Spatial Econometrics, ch. 3, eq. (3.1) with two-way effects;
 * LeSage & Pace (2009), Introduction to Spatial Econometrics, §2.
 */
import type { Rng } from '../../core/random';
import { InputError } from '../../core/errors';
import { denseLu, denseMatVec } from './dense';

/** Inputs of `simulateSdm`. Arrays over observations are region-major: index i·T + t. */
export interface SdmInput {
  /** Row-major n × n weights. */
  readonly w: Float64Array;
  readonly n: number;
  readonly T: number;
  /** Spatial autoregressive parameter; |ρ| < 1 for a row-standardised W. */
  readonly rho: number;
  /** Regressors by name, each of length n·T (region-major). */
  readonly x: Readonly<Record<string, Float64Array>>;
  /** Coefficients of X by name (a name in `x` without an entry has β = 0). */
  readonly beta: Readonly<Record<string, number>>;
  /** Coefficients of W X by name (missing = 0). */
  readonly theta: Readonly<Record<string, number>>;
  /** Region effects μ_i, length n. */
  readonly mu: Float64Array;
  /** Period effects λ_t, length T. */
  readonly lambda: Float64Array;
  /** Standard deviation of ε. */
  readonly sigma: number;
  /** Seeded generator for ε. */
  readonly rng: Rng;
}

/** Output of `simulateSdm`, all region-major of length n·T. */
export interface SdmOutput {
  readonly y: Float64Array;
  /** The right-hand side b = Xβ + WXθ + μ + λ + ε. */
  readonly b: Float64Array;
  readonly eps: Float64Array;
}

/**
 * Draw ε and solve (I − ρW) y_t = b_t for every period; see the module comment.
 * ε is drawn period by period, region by region (t outer, i inner) from `rng.normal()`.
 * @throws InputError `simulate-bad-rho` / `simulate-bad-sigma` / `simulate-lambda-length` / `simulate-mu-length` … for |ρ| ≥ 1, σ < 0, or arrays of the wrong length.
 * @throws SingularDesignError if I − ρW is singular.
 */
export function simulateSdm(inp: SdmInput): SdmOutput {
  const { n, T, w, rho, sigma } = inp;
  const N = n * T;
  if (!(Math.abs(rho) < 1)) throw new InputError('simulate-bad-rho', `rho must lie in (−1, 1), got ${rho}.`, { rho });
  if (!(sigma >= 0)) throw new InputError('simulate-bad-sigma', `sigma must be non-negative, got ${sigma}.`, { sigma });
  if (w.length !== n * n) throw new InputError('simulate-w-size', `W has ${w.length} entries, expected ${n * n}.`, { entries: w.length, expected: n * n });
  if (inp.mu.length !== n) throw new InputError('simulate-mu-length', `mu has ${inp.mu.length} values, expected ${n}.`, { length: inp.mu.length, n });
  if (inp.lambda.length !== T) throw new InputError('simulate-lambda-length', `lambda has ${inp.lambda.length} values, expected ${T}.`, { length: inp.lambda.length, expected: T });
  for (const [name, v] of Object.entries(inp.x)) {
    if (v.length !== N) throw new InputError('simulate-regressor-length', `Regressor ${name} has ${v.length} values, expected ${N}.`, { name, length: v.length, expected: N });
  }
  for (const name of [...Object.keys(inp.beta), ...Object.keys(inp.theta)]) {
    if (!(name in inp.x)) throw new InputError('simulate-unknown-coefficient', `Coefficient given for unknown regressor ${name}.`, { name });
  }
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = (i === j ? 1 : 0) - rho * w[i * n + j];
  const lu = denseLu(a, n);

  const y = new Float64Array(N), b = new Float64Array(N), eps = new Float64Array(N);
  const xt = new Float64Array(n);
  for (let t = 0; t < T; t++) {
    const bt = new Float64Array(n);
    for (let i = 0; i < n; i++) bt[i] = inp.mu[i] + inp.lambda[t];
    for (const [name, v] of Object.entries(inp.x)) {
      const be = inp.beta[name] ?? 0, th = inp.theta[name] ?? 0;
      if (be === 0 && th === 0) continue;
      for (let i = 0; i < n; i++) xt[i] = v[i * T + t];
      const wx = th !== 0 ? denseMatVec(w, n, xt) : null;
      for (let i = 0; i < n; i++) bt[i] += be * xt[i] + (wx ? th * wx[i] : 0);
    }
    for (let i = 0; i < n; i++) {
      const e = sigma * inp.rng.normal();
      eps[i * T + t] = e;
      bt[i] += e;
    }
    const yt = lu.solve(bt);
    for (let i = 0; i < n; i++) { y[i * T + t] = yt[i]; b[i * T + t] = bt[i]; }
  }
  return Object.freeze({ y, b, eps });
}
