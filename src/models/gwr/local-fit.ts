/**
 * The local regressions of GWR / GTWR, row by row (never an n×n matrix):
 * β_i = (XᵀW_iX)⁻¹XᵀW_i y, C_i = (XᵀW_iX)⁻¹XᵀW_i, hat row S_i· = x_iᵀC_i, so
 * S_ij = w_ij·x_iᵀ(XᵀW_iX)⁻¹x_j, so S_ii = x_iᵀA⁻¹x_i and Σ_j S_ij² = uᵀ(Σ_j w_ij² x_j x_jᵀ)u with
 * u = A⁻¹x_i (tr SᵀS without forming the hat row; it is formed only when kept for the F test);
 * diag(C_iC_iᵀ) = diag(A⁻¹(Σ_j w_ij² x_j x_jᵀ)A⁻¹) with A = XᵀW_iX (GWmodel::gwr.basic).
 * Local R² = 1 − Σ_j w_ij(y_j − x_jᵀβ_i)² / Σ_j w_ij(y_j − ȳ_w)² (GWmodel `Local_R2`).
 */
import { kernelWeights, type GwrKernel } from './kernels';

/** A regression design: row-major X (n×p, intercept included when wanted) and y. */
export interface GwrDesign {
  readonly n: number;
  readonly p: number;
  /** Row-major n×p. */
  readonly X: Float64Array;
  readonly y: Float64Array;
  /** Coefficient names (p). */
  readonly names: readonly string[];
}

/** The neighbours of one focal observation with its bandwidth h_i. */
export interface LocalNeighbours {
  readonly idx: Int32Array;
  readonly dist: Float64Array;
  /** The bandwidth used for this focal point (km, or space–time units). */
  readonly h: number;
}

/** Results of a block of rows (all arrays indexed by position in `rows`). */
export interface RowBlock {
  readonly rows: Int32Array;
  readonly yhat: Float64Array;
  readonly sii: Float64Array;
  /** Σ_j S_ij² of each row (full mode), else empty. */
  readonly rowSS: Float64Array;
  /** Row-major rows×p local coefficients (full mode), else empty. */
  readonly beta: Float64Array;
  /** Row-major rows×p diag(C_iC_iᵀ) (full mode), else empty. */
  readonly cdiag: Float64Array;
  readonly localR2: Float64Array;
  readonly bandwidth: Float64Array;
  /** Number of observations with positive weight, per row. */
  readonly used: Int32Array;
  /** Positions (in `rows`) whose local design is singular. */
  readonly singular: number[];
  /** Hat rows in CSR form when asked (for the Leung–Mei–Zhang test): start, col, value. */
  readonly hat?: { readonly start: Int32Array; readonly col: Int32Array; readonly value: Float64Array };
}

/** Relative pivot below which a local X'WX is treated as singular. */
export const SINGULAR_PIVOT = 1e-10;

/**
 * In-place Cholesky of the p×p symmetric matrix `a` (row-major, lower part used); false when a
 * pivot falls below SINGULAR_PIVOT × its diagonal entry (a singular local design).
 */
function choleskyInPlace(a: Float64Array, p: number): boolean {
  for (let j = 0; j < p; j++) {
    let s = a[j * p + j];
    const orig = s;
    for (let k = 0; k < j; k++) s -= a[j * p + k] * a[j * p + k];
    if (!(s > SINGULAR_PIVOT * Math.abs(orig)) || !(orig > 0)) return false;
    const l = Math.sqrt(s);
    a[j * p + j] = l;
    for (let i = j + 1; i < p; i++) {
      let t = a[i * p + j];
      for (let k = 0; k < j; k++) t -= a[i * p + k] * a[j * p + k];
      a[i * p + j] = t / l;
    }
  }
  return true;
}

/** Solve L Lᵀ x = b in place (b overwritten by x). */
function cholSolve(l: Float64Array, p: number, b: Float64Array, bo = 0): void {
  for (let i = 0; i < p; i++) {
    let s = b[bo + i];
    for (let k = 0; k < i; k++) s -= l[i * p + k] * b[bo + k];
    b[bo + i] = s / l[i * p + i];
  }
  for (let i = p - 1; i >= 0; i--) {
    let s = b[bo + i];
    for (let k = i + 1; k < p; k++) s -= l[k * p + i] * b[bo + k];
    b[bo + i] = s / l[i * p + i];
  }
}

/*
 * The per-row passes of fitRows as small functions: the JIT optimises each after a few rows
 * (a short compile), instead of waiting for an on-stack replacement of the whole of fitRows,
 * which a cold `rwb gtwr` process spends much of its fit waiting for.
 */

/** XᵀWX (lower part) and XᵀWy over the neighbours; returns the number with positive weight. */
function accumulate(X: Float64Array, y: Float64Array, p: number, w: Float64Array, nIdx: Int32Array, cnt: number, A: Float64Array, b: Float64Array): number {
  let nUsed = 0;
  for (let t = 0; t < cnt; t++) {
    const wt = w[t];
    if (wt === 0) continue;
    nUsed++;
    const j = nIdx[t], jo = j * p, yj = y[j];
    for (let a = 0; a < p; a++) {
      const xa = X[jo + a] * wt, ao = a * p;
      b[a] += xa * yj;
      for (let c = 0; c <= a; c++) A[ao + c] += xa * X[jo + c];
    }
  }
  return nUsed;
}

/** As `accumulate`, plus Σ w² x xᵀ (lower part) in B and Σ w, Σ w y in sums[0], sums[1]. */
function accumulateFull(X: Float64Array, y: Float64Array, p: number, w: Float64Array, nIdx: Int32Array, cnt: number, A: Float64Array, B: Float64Array, b: Float64Array, sums: Float64Array): number {
  let nUsed = 0, sw = 0, swy = 0;
  for (let t = 0; t < cnt; t++) {
    const wt = w[t];
    if (wt === 0) continue;
    nUsed++;
    const j = nIdx[t], jo = j * p, yj = y[j];
    sw += wt; swy += wt * yj;
    for (let a = 0; a < p; a++) {
      const xa = X[jo + a] * wt, xa2 = xa * wt, ao = a * p;
      b[a] += xa * yj;
      for (let c = 0; c <= a; c++) { const xc = X[jo + c]; A[ao + c] += xa * xc; B[ao + c] += xa2 * xc; }
    }
  }
  sums[0] = sw; sums[1] = swy;
  return nUsed;
}

/** G = A⁻¹ (A holding its Cholesky factor) and diag(G B G) into out[o …] (B symmetric). */
function cdiagInto(A: Float64Array, B: Float64Array, G: Float64Array, p: number, out: Float64Array, o: number): void {
  for (let c = 0; c < p; c++) {
    for (let a = 0; a < p; a++) G[c * p + a] = a === c ? 1 : 0;
    cholSolve(A, p, G, c * p);
  }
  for (let a = 0; a < p; a++) {
    let sv = 0;
    const go = a * p;
    for (let c = 0; c < p; c++) {
      let t2 = 0;
      for (let e = 0; e < p; e++) t2 += B[c * p + e] * G[go + e];
      sv += G[go + c] * t2;
    }
    out[o + a] = sv;
  }
}

/** Local R² = 1 − Σ w(y − x′β)² / Σ w(y − ȳ_w)² over the neighbours (NaN when the total is 0). */
function localR2Of(X: Float64Array, y: Float64Array, p: number, w: Float64Array, nIdx: Int32Array, cnt: number, beta: Float64Array, ybar: number): number {
  let rss = 0, tss = 0;
  for (let t = 0; t < cnt; t++) {
    const wt = w[t];
    if (wt === 0) continue;
    const j = nIdx[t], jo = j * p;
    let f = 0;
    for (let a = 0; a < p; a++) f += X[jo + a] * beta[a];
    const e1 = y[j] - f, e0 = y[j] - ybar;
    rss += wt * e1 * e1;
    tss += wt * e0 * e0;
  }
  return tss > 0 ? 1 - rss / tss : NaN;
}

/**
 * Fit the local regressions of `rows`. `full` adds β, Σ_j S_ij², diag(C_iC_iᵀ) and local R²;
 * without it only ŷ_i and S_ii (what AICc and CV need in a bandwidth search).
 */
export function fitRows(
  design: GwrDesign,
  kernel: GwrKernel,
  neighbours: (i: number) => LocalNeighbours,
  rows: Int32Array,
  opts: { full: boolean; keepHat?: boolean; signal?: () => void } = { full: true },
): RowBlock {
  const { p, X, y } = design;
  const m = rows.length;
  const full = opts.full;
  const yhat = new Float64Array(m), sii = new Float64Array(m), bandwidth = new Float64Array(m);
  const used = new Int32Array(m);
  const rowSS = new Float64Array(full ? m : 0);
  const beta = new Float64Array(full ? m * p : 0);
  const cdiag = new Float64Array(full ? m * p : 0);
  const localR2 = new Float64Array(full ? m : 0);
  const singular: number[] = [];
  const A = new Float64Array(p * p), B = new Float64Array(p * p), G = new Float64Array(p * p);
  const b = new Float64Array(p), u = new Float64Array(p);
  let w = new Float64Array(256);
  const sums = new Float64Array(2);
  const hatStart = opts.keepHat ? new Int32Array(m + 1) : undefined;
  let hatCol: number[] = [], hatVal: number[] = [];
  for (let r = 0; r < m; r++) {
    if (opts.signal && (r & 63) === 0) opts.signal();
    const i = rows[r];
    const nb = neighbours(i);
    const cnt = nb.idx.length;
    const nIdx = nb.idx;
    if (w.length < cnt) w = new Float64Array(Math.max(cnt, 2 * w.length));
    A.fill(0); b.fill(0);
    if (full) B.fill(0);
    kernelWeights(kernel, nb.dist, nb.h, w, cnt);
    // one pass: XᵀWX, XᵀWy and (full) Σ w² x xᵀ, Σ w, Σ w y
    const nUsed = full ? accumulateFull(X, y, p, w, nIdx, cnt, A, B, b, sums) : accumulate(X, y, p, w, nIdx, cnt, A, b);
    const sw = sums[0], swy = sums[1];
    used[r] = nUsed;
    bandwidth[r] = nb.h;
    if (hatStart) hatStart[r + 1] = hatStart[r];
    if (!choleskyInPlace(A, p)) {
      singular.push(r);
      yhat[r] = NaN; sii[r] = NaN;
      if (full) { rowSS[r] = NaN; localR2[r] = NaN; for (let a = 0; a < p; a++) { beta[r * p + a] = NaN; cdiag[r * p + a] = NaN; } }
      continue;
    }
    cholSolve(A, p, b);
    const io = i * p;
    for (let a = 0; a < p; a++) u[a] = X[io + a];
    cholSolve(A, p, u);
    let fit = 0, sIi = 0;
    for (let a = 0; a < p; a++) { fit += X[io + a] * b[a]; sIi += X[io + a] * u[a]; }
    // S_ii = w_ii·x_iᵀA⁻¹x_i with w_ii = 1 (d_ii = 0)
    yhat[r] = fit;
    sii[r] = sIi;
    if (hatStart) {
      for (let t = 0; t < cnt; t++) {
        const wt = w[t];
        if (wt === 0) continue;
        const j = nIdx[t], jo = j * p;
        let sv = 0;
        for (let a = 0; a < p; a++) sv += u[a] * X[jo + a];
        hatCol.push(j); hatVal.push(sv * wt); hatStart[r + 1]++;
      }
    }
    if (!full) continue;
    // symmetric B from its lower part; Σ_j S_ij² = Σ_j w_j²(uᵀx_j)² = uᵀBu (no pass over the row)
    for (let a = 0; a < p; a++) for (let c = a + 1; c < p; c++) B[a * p + c] = B[c * p + a];
    let ss = 0;
    for (let a = 0; a < p; a++) { let t2 = 0; for (let c = 0; c < p; c++) t2 += B[a * p + c] * u[c]; ss += u[a] * t2; }
    rowSS[r] = ss;
    for (let a = 0; a < p; a++) beta[r * p + a] = b[a];
    // G = A⁻¹ column by column, diag(C_iC_iᵀ) = diag(G B G)
    cdiagInto(A, B, G, p, cdiag, r * p);
    // local R² (one pass: weighted residual and total sums about the weighted mean)
    localR2[r] = localR2Of(X, y, p, w, nIdx, cnt, b, swy / sw);
  }
  const block: RowBlock = { rows, yhat, sii, rowSS, beta, cdiag, localR2, bandwidth, used, singular };
  if (hatStart) {
    const col = Int32Array.from(hatCol), value = Float64Array.from(hatVal);
    hatCol = []; hatVal = [];
    return { ...block, hat: { start: hatStart, col, value } };
  }
  return block;
}
