/**
 * Indicator weights: objective (entropy, CRITIC, coefficient of variation, PCA), equal,
 * user-entered, subjective G1 and its standard-deviation-modified form, and subjective ×
 * objective combinations. Every method takes the normalised columns (n rows, no NaN) and
 * returns weights that sum to 1, in the order of the columns.
 */
import { InputError } from '../core/errors';
import { correlationMatrix, mean, sd } from './column-stats';
import { pcaSummary, type PcaSummary } from './pca';
import type { WeightSpec } from './types';

/** Weights and what a weights table reports beside them. */
export interface IndicatorWeights {
  /** One weight per column, Σ = 1. */
  readonly weights: readonly number[];
  /** Entropy e_j (entropy method). */
  readonly entropy?: readonly number[];
  /** CRITIC information C_j, the coefficient of variation v_j, or the SD σ_j (SD-modified G1). */
  readonly information?: readonly number[];
  /** PCA eigen-structure, KMO and Bartlett (PCA weights). */
  readonly pca?: PcaSummary & { readonly retained: number };
}

const normalise = (x: readonly number[]): number[] => {
  const s = x.reduce((a, b) => a + b, 0);
  return x.map((v) => v / s);
};

/**
 * Entropy weights: p_ij = x'_ij / Σ_i x'_ij, e_j = −(1/ln n) Σ_i p_ij ln p_ij with 0·ln 0 = 0,
 * g_j = 1 − e_j, w_j = g_j / Σ_j g_j (docs/cli-contract.md `rwb index`).
 *
 * @throws InputError `composite-entropy-negative` when a normalised value is negative (z-scores:
 *   use min–max), naming the indicator and row; `composite-entropy-zero-sum` when a column sums to 0
 */
export function entropyWeights(cols: readonly ArrayLike<number>[], names: readonly string[], rowLabel: (i: number) => string = (i) => `row ${i + 1}`): IndicatorWeights {
  const n = cols[0]?.length ?? 0;
  const k = 1 / Math.log(n);
  const e = cols.map((c, j) => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      if (c[i] < 0) {
        throw new InputError('composite-entropy-negative', `indicator "${names[j]}" has a negative normalised value at ${rowLabel(i)}: the entropy method needs values ≥ 0 (use min–max normalisation)`, { indicator: names[j], row: rowLabel(i), value: c[i] });
      }
      s += c[i];
    }
    if (!(s > 0)) throw new InputError('composite-entropy-zero-sum', `indicator "${names[j]}" sums to 0 after normalisation: the entropy method cannot weight it (add a shift, e.g. 0.0001)`, { indicator: names[j] });
    // Σ p ln p = (1/S) Σ x ln x − ln S with S = Σ x (one division per column, 0·ln 0 = 0).
    let xlx = 0;
    for (let i = 0; i < n; i++) { const x = c[i]; if (x > 0) xlx += x * Math.log(x); }
    return -k * (xlx / s - Math.log(s));
  });
  return Object.freeze({ weights: normalise(e.map((x) => 1 - x)), entropy: e });
}

/**
 * CRITIC weights (Diakoulaki, Mavrotas & Papayannakis 1995): C_j = σ_j Σ_k (1 − r_jk),
 * w_j = C_j / Σ C, σ the sample SD and r Pearson's correlation of the normalised columns.
 */
export function criticWeights(cols: readonly ArrayLike<number>[]): IndicatorWeights {
  const r = correlationMatrix(cols);
  const c = cols.map((x, j) => sd(x) * r[j].reduce((a, rjk) => a + (1 - rjk), 0));
  return Object.freeze({ weights: normalise(c), information: c });
}

/**
 * Coefficient-of-variation weights: v_j = σ_j / x̄_j of the normalised column, w_j = v_j / Σ v.
 *
 * @throws InputError `composite-cv-mean` when a column's mean is not positive (z-scores have mean 0)
 */
export function cvWeights(cols: readonly ArrayLike<number>[], names: readonly string[]): IndicatorWeights {
  const v = cols.map((x, j) => {
    const m = mean(x);
    if (!(m > 0)) throw new InputError('composite-cv-mean', `indicator "${names[j]}" has a normalised mean of ${m}: the coefficient of variation needs a positive mean (use min–max normalisation)`, { indicator: names[j], mean: m });
    return sd(x) / m;
  });
  return Object.freeze({ weights: normalise(v), information: v });
}

/**
 * PCA weights from the correlation matrix of the normalised columns (eigenvectors u_k with
 * elements summing to ≥ 0, eigenvalues λ_k descending).
 *
 * - `first`: w_j = |u_1j| / Σ_j |u_1j|.
 * - `variance`: over the q retained components (default: λ_k > 1, Kaiser; at least 1),
 *   s_j = Σ_{k≤q} (λ_k / Σ_{l≤q} λ_l)·u_kj, w_j = |s_j| / Σ_j |s_j|.
 *
 * KMO and Bartlett's test are returned (see `pcaSummary`).
 */
export function pcaWeights(cols: readonly ArrayLike<number>[], mode: 'first' | 'variance' = 'first', retain?: number): IndicatorWeights {
  const p = pcaSummary(cols);
  const m = cols.length;
  const q = mode === 'first' ? 1 : Math.max(1, Math.min(m, retain ?? p.eigenvalues.filter((l) => l > 1).length));
  const lam = p.eigenvalues.slice(0, q);
  const total = lam.reduce((a, b) => a + b, 0);
  const s = Array.from({ length: m }, (_, j) => lam.reduce((acc, l, k) => acc + (l / total) * p.vectors[k][j], 0));
  return Object.freeze({ weights: normalise(s.map(Math.abs)), pca: Object.freeze({ ...p, retained: q }) });
}

/** Position of each column name in a G1 order (most important first). @throws InputError on a bad order. */
function orderIndex(order: readonly string[], names: readonly string[]): number[] {
  const missing = names.filter((n) => !order.includes(n));
  const unknown = order.filter((n) => !names.includes(n));
  if (missing.length > 0 || unknown.length > 0 || order.length !== names.length) {
    throw new InputError('composite-g1-order', `the G1 order must list every indicator once: missing ${missing.join(', ') || 'none'}, unknown ${unknown.join(', ') || 'none'}`, { missing: missing.join(', ') || 'none', unknown: unknown.join(', ') || 'none' });
  }
  return order.map((o) => names.indexOf(o));
}

/** G1 weights in order position from r_2..r_m: w_m = (1 + Σ_{k=2}^m Π_{i=k}^m r_i)⁻¹, w_{k−1} = r_k·w_k. */
function g1FromRatios(ratios: readonly number[]): number[] {
  const m = ratios.length + 1;
  let sum = 0;
  for (let k = 2; k <= m; k++) {
    let prod = 1;
    for (let i = k; i <= m; i++) prod *= ratios[i - 2];
    sum += prod;
  }
  const w = new Array<number>(m);
  w[m - 1] = 1 / (1 + sum);
  for (let k = m; k >= 2; k--) w[k - 2] = ratios[k - 2] * w[k - 1];
  return w;
}

/**
 * G1 (order-relation analysis, Guo Yajun): with the indicators ordered by importance
 * x_1 ≻ x_2 ≻ … ≻ x_m and the expert ratios r_k = w_{k−1}/w_k (k = 2..m, usually 1.0–1.8),
 * w_m = (1 + Σ_{k=2}^m Π_{i=k}^m r_i)⁻¹ and w_{k−1} = r_k·w_k.
 *
 * @throws InputError `composite-g1-order` (order is not a permutation of the indicators),
 *   `composite-g1-ratios` (not m − 1 ratios, or a ratio ≤ 0)
 */
export function g1Weights(names: readonly string[], order: readonly string[], ratios: readonly number[]): IndicatorWeights {
  const idx = orderIndex(order, names);
  if (ratios.length !== names.length - 1 || ratios.some((r) => !(r > 0) || !Number.isFinite(r))) {
    throw new InputError('composite-g1-ratios', `G1 needs ${names.length - 1} positive ratios r_2..r_m for ${names.length} indicators, got ${ratios.length} (${ratios.join(', ')})`, { want: names.length - 1, indicators: names.length, got: ratios.length, ratios: ratios.join(', ') });
  }
  const w = g1FromRatios(ratios);
  const out = new Array<number>(names.length);
  idx.forEach((col, pos) => { out[col] = w[pos]; });
  return Object.freeze({ weights: out });
}

/**
 * Standard-deviation-modified G1 (Li, Li & Sun 2017, Management Review 29(12):17–26): the expert
 * order of importance is kept, and each adjacent importance ratio is taken from the dispersion
 * of the normalised indicators, r_k = σ_{k−1}/σ_k (σ the sample SD), then the G1 formulas.
 */
export function sdG1Weights(cols: readonly ArrayLike<number>[], names: readonly string[], order: readonly string[]): IndicatorWeights {
  const idx = orderIndex(order, names);
  const s = idx.map((j) => sd(cols[j]));
  const ratios = s.slice(1).map((sk, k) => s[k] / sk);
  const w = g1FromRatios(ratios);
  const out = new Array<number>(names.length);
  idx.forEach((col, pos) => { out[col] = w[pos]; });
  return Object.freeze({ weights: out, information: cols.map((c) => sd(c)) });
}

/**
 * User-entered weights, scaled to sum to 1.
 * @throws InputError `composite-user-weights` when an indicator has no weight, a weight names no
 *   indicator, or a weight is negative / not finite / all are 0
 */
export function userWeights(names: readonly string[], given: Readonly<Record<string, number>>): IndicatorWeights {
  const missing = names.filter((n) => !(n in given));
  const unknown = Object.keys(given).filter((k) => !names.includes(k));
  const w = names.map((n) => given[n]);
  if (missing.length > 0 || unknown.length > 0 || w.some((x) => !(x >= 0) || !Number.isFinite(x)) || !(w.reduce((a, b) => a + b, 0) > 0)) {
    throw new InputError('composite-user-weights', `user weights must give every indicator one weight ≥ 0 (not all 0): missing ${missing.join(', ') || 'none'}, unknown ${unknown.join(', ') || 'none'}`, { missing: missing.join(', ') || 'none', unknown: unknown.join(', ') || 'none' });
  }
  return Object.freeze({ weights: normalise(w) });
}

/**
 * Combine subjective weights a and objective weights b: multiplicative w_j = a_j b_j / Σ a b,
 * or linear w_j = α a_j + (1 − α) b_j with the stated coefficient α ∈ [0, 1].
 * @throws InputError `composite-alpha` when α is outside [0, 1]
 */
export function combineWeights(a: readonly number[], b: readonly number[], rule: 'multiplicative' | 'linear', alpha = 0.5): number[] {
  if (rule === 'multiplicative') return normalise(a.map((x, j) => x * b[j]));
  if (!(alpha >= 0 && alpha <= 1)) throw new InputError('composite-alpha', `the combination coefficient must be between 0 and 1, got ${alpha}`, { alpha });
  return a.map((x, j) => alpha * x + (1 - alpha) * b[j]);
}

/**
 * Weights of the normalised columns by a `WeightSpec`.
 * @throws the errors of the chosen method
 */
export function indicatorWeights(spec: WeightSpec, cols: readonly ArrayLike<number>[], names: readonly string[], rowLabel?: (i: number) => string): IndicatorWeights {
  switch (spec.method) {
    case 'entropy': return entropyWeights(cols, names, rowLabel);
    case 'critic': return criticWeights(cols);
    case 'cv': return cvWeights(cols, names);
    case 'pca': return pcaWeights(cols, spec.mode, spec.retain);
    case 'equal': return Object.freeze({ weights: names.map(() => 1 / names.length) });
    case 'user': return userWeights(names, spec.weights);
    case 'g1': return g1Weights(names, spec.order, spec.ratios);
    case 'g1-sd': return sdG1Weights(cols, names, spec.order);
    case 'combined': {
      const a = indicatorWeights(spec.subjective, cols, names, rowLabel);
      const b = indicatorWeights(spec.objective, cols, names, rowLabel);
      return Object.freeze({ ...b, weights: combineWeights(a.weights, b.weights, spec.rule, spec.alpha) });
    }
  }
}
