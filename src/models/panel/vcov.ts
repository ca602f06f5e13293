/**
 * Sandwich covariance estimators for a least-squares fit on a (transformed) design X̃ with
 * residuals e and bread A⁻¹ = (X̃'X̃)⁻¹:  V = c · A⁻¹ · Ω · A⁻¹ with
 * - HC1:  Ω = Σᵢ eᵢ² x̃ᵢx̃ᵢ',  c = N/(N − k)   (plm `vcovHC(method="white1", type="HC1")`,
 *   identical to `sandwich::vcovHC(type="HC1")` on the demeaned regression);
 * - cluster: Ω = Σ_g s_g s_g', s_g = Σ_{i∈g} x̃ᵢeᵢ,  c = G/(G−1)·(N−1)/(N−K)  (Stata);
 * - Driscoll–Kraay: S_t = Σ_{i∈t} x̃ᵢeᵢ, Ω = Γ₀ + Σ_{j=1}^{L} (1 − j/(L+1))(Γⱼ + Γⱼ'),
 *   Γⱼ = Σ_t S_t S_{t−j}',  c = 1  (plm `vcovSCC(type="HC0")`; Driscoll & Kraay 1998).
 */
import type { Matrix } from '../../linalg/matrix';
import { createMatrix } from '../../linalg/matrix';

/** A⁻¹ Ω A⁻¹ · c for symmetric k×k A⁻¹ and Ω. */
export function sandwich(bread: Matrix, meat: Float64Array, c: number): Matrix {
  const k = bread.rows;
  const tmp = new Float64Array(k * k); // bread · meat
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += bread.data[i + p * k] * meat[p + j * k];
      tmp[i + j * k] = s;
    }
  }
  const out = createMatrix(k, k);
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += tmp[i + p * k] * bread.data[p + j * k];
      out.data[i + j * k] = c * s;
      out.data[j + i * k] = c * s;
    }
  }
  return out;
}

/** Σ over levels of s_g s_g' where s_g = Σ_{i: code(i)=g} x̃ᵢeᵢ (k×k column-major). */
export function clusteredMeat(X: readonly Float64Array[], e: Float64Array, codes: Int32Array, nLevels: number): Float64Array {
  const k = X.length;
  const S = sumScores(X, e, codes, nLevels);
  const meat = new Float64Array(k * k);
  for (let g = 0; g < nLevels; g++) {
    const off = g * k;
    for (let a = 0; a < k; a++) {
      const sa = S[off + a];
      if (sa === 0) continue;
      for (let b = a; b < k; b++) meat[a + b * k] += sa * S[off + b];
    }
  }
  symmetrizeUpper(meat, k);
  return meat;
}

/** Per-level score sums S[g·k + a] = Σ_{i∈g} x̃ᵢₐeᵢ. */
export function sumScores(X: readonly Float64Array[], e: Float64Array, codes: Int32Array, nLevels: number): Float64Array {
  const k = X.length;
  const S = new Float64Array(nLevels * k);
  for (let a = 0; a < k; a++) {
    const x = X[a];
    for (let r = 0; r < e.length; r++) S[codes[r] * k + a] += x[r] * e[r];
  }
  return S;
}

/** Σᵢ eᵢ² x̃ᵢx̃ᵢ' (k×k column-major). */
export function whiteMeat(X: readonly Float64Array[], e: Float64Array): Float64Array {
  const k = X.length;
  const meat = new Float64Array(k * k);
  const e2 = new Float64Array(e.length);
  for (let r = 0; r < e.length; r++) e2[r] = e[r] * e[r];
  for (let a = 0; a < k; a++) {
    const xa = X[a];
    for (let b = a; b < k; b++) {
      const xb = X[b];
      let s = 0;
      for (let r = 0; r < e.length; r++) s += e2[r] * xa[r] * xb[r];
      meat[a + b * k] = s;
    }
  }
  symmetrizeUpper(meat, k);
  return meat;
}

/**
 * Driscoll–Kraay meat from period codes (0..T−1 in time order) with Bartlett weights up to `lag`.
 */
export function driscollKraayMeat(X: readonly Float64Array[], e: Float64Array, periodCodes: Int32Array, nPeriods: number, lag: number): Float64Array {
  const k = X.length;
  const S = sumScores(X, e, periodCodes, nPeriods);
  const meat = new Float64Array(k * k);
  for (let j = 0; j <= Math.min(lag, nPeriods - 1); j++) {
    const w = j === 0 ? 1 : 1 - j / (lag + 1);
    for (let t = j; t < nPeriods; t++) {
      const a0 = t * k;
      const b0 = (t - j) * k;
      for (let a = 0; a < k; a++) {
        for (let b = 0; b < k; b++) {
          const g = S[a0 + a] * S[b0 + b];
          if (j === 0) meat[a + b * k] += g;
          else {
            meat[a + b * k] += w * g;
            meat[b + a * k] += w * g;
          }
        }
      }
    }
  }
  return meat;
}

function symmetrizeUpper(m: Float64Array, k: number): void {
  for (let a = 0; a < k; a++) for (let b = a + 1; b < k; b++) m[b + a * k] = m[a + b * k];
}

/** Newey–West default lag floor(4·(T/100)^(2/9)) (Stata `xtscc`, Hoechle 2007). */
export function defaultDkLag(nPeriods: number): number {
  return Math.floor(4 * Math.pow(nPeriods / 100, 2 / 9));
}
