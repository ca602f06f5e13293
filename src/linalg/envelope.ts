/**
 * Envelope (profile, "skyline") factorisations of sparse matrices with a symmetric sparsity
 * pattern, after a reverse Cuthill–McKee ordering that keeps the envelope narrow. For the
 * contiguity matrices of spatial models (planar graphs) the envelope of an n-region map is
 * about n·√n entries, so one factorisation of I − ρW costs O(n²) at most and usually far less,
 * without any dense n×n matrix.
 *
 * References: George & Liu (1981), Computer Solution of Large Sparse Positive Definite Systems,
 * ch. 4 (envelope methods) and §4.3 (RCM); Cuthill & McKee (1969).
 */
import { NotPositiveDefiniteError, SingularDesignError } from '../core/errors';
import type { CsrMatrix } from './sparse';

/**
 * Reverse Cuthill–McKee ordering of the symmetrised pattern of A (A + Aᵀ): `perm[newIndex] = oldIndex`.
 * Each connected component starts at a pseudo-peripheral vertex (George–Liu: repeated BFS from
 * a vertex of minimum degree in the last level), neighbours are visited by increasing degree.
 * @throws RangeError when A is not square.
 */
export function reverseCuthillMcKee(a: CsrMatrix): Int32Array {
  if (a.rows !== a.cols) throw new RangeError('reverseCuthillMcKee needs a square matrix.');
  const n = a.rows;
  const adj = symmetricAdjacency(a);
  const deg = new Int32Array(n);
  for (let i = 0; i < n; i++) deg[i] = adj.ptr[i + 1] - adj.ptr[i];
  const visited = new Uint8Array(n);
  const order = new Int32Array(n);
  let pos = 0;
  const level = new Int32Array(n).fill(-1);
  const bfsLevels = (start: number, mark: Int32Array): { last: number[]; depth: number } => {
    const queue: number[] = [start];
    mark[start] = 0;
    let depth = 0;
    for (let h = 0; h < queue.length; h++) {
      const v = queue[h];
      for (let p = adj.ptr[v]; p < adj.ptr[v + 1]; p++) {
        const u = adj.idx[p];
        if (mark[u] < 0) { mark[u] = mark[v] + 1; depth = Math.max(depth, mark[u]); queue.push(u); }
      }
    }
    const last = queue.filter((v) => mark[v] === depth);
    for (const v of queue) mark[v] = -1;
    return { last, depth };
  };
  for (let s0 = 0; s0 < n; s0++) {
    if (visited[s0]) continue;
    // pseudo-peripheral start
    let start = s0;
    let { last, depth } = bfsLevels(start, level);
    for (let it = 0; it < 8; it++) {
      let best = last[0];
      for (const v of last) if (deg[v] < deg[best]) best = v;
      const r = bfsLevels(best, level);
      if (r.depth <= depth) break;
      start = best; depth = r.depth; last = r.last;
    }
    // Cuthill–McKee BFS
    const begin = pos;
    order[pos++] = start;
    visited[start] = 1;
    for (let h = begin; h < pos; h++) {
      const v = order[h];
      const nb: number[] = [];
      for (let p = adj.ptr[v]; p < adj.ptr[v + 1]; p++) {
        const u = adj.idx[p];
        if (!visited[u]) { visited[u] = 1; nb.push(u); }
      }
      nb.sort((x, y) => deg[x] - deg[y] || x - y);
      for (const u of nb) order[pos++] = u;
    }
  }
  order.reverse();
  return order;
}

/** Pattern of A + Aᵀ without the diagonal, as CSR index arrays. */
function symmetricAdjacency(a: CsrMatrix): { ptr: Int32Array; idx: Int32Array } {
  const n = a.rows;
  const lists: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
  for (let i = 0; i < n; i++) {
    for (let p = a.rowPtr[i]; p < a.rowPtr[i + 1]; p++) {
      const j = a.colIndex[p];
      if (j !== i && a.values[p] !== 0) { lists[i].add(j); lists[j].add(i); }
    }
  }
  const ptr = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) ptr[i + 1] = ptr[i] + lists[i].size;
  const idx = new Int32Array(ptr[n]);
  for (let i = 0; i < n; i++) {
    const s = [...lists[i]].sort((x, y) => x - y);
    idx.set(s, ptr[i]);
  }
  return { ptr, idx };
}

/**
 * The envelope of P(A + Aᵀ)Pᵀ: first[i] = smallest (new) column j ≤ i with a nonzero in row i,
 * and the offsets of each row's segment first[i]..i in a packed array.
 */
export class Envelope {
  readonly n: number;
  /** perm[new] = old. */
  readonly perm: Int32Array;
  /** inv[old] = new. */
  readonly inv: Int32Array;
  readonly first: Int32Array;
  /** Row i occupies start[i] .. start[i] + (i − first[i]) (diagonal last). */
  readonly start: Int32Array;
  /** Total stored entries. */
  readonly size: number;

  constructor(a: CsrMatrix, perm: Int32Array = reverseCuthillMcKee(a)) {
    const n = a.rows;
    this.n = n;
    this.perm = perm;
    const inv = new Int32Array(n);
    for (let k = 0; k < n; k++) inv[perm[k]] = k;
    this.inv = inv;
    const first = Int32Array.from({ length: n }, (_, i) => i);
    for (let i = 0; i < n; i++) {
      for (let p = a.rowPtr[i]; p < a.rowPtr[i + 1]; p++) {
        const r = inv[i], c = inv[a.colIndex[p]];
        if (c < r) { if (c < first[r]) first[r] = c; } else if (r < first[c]) first[c] = r;
      }
    }
    this.first = first;
    const start = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) start[i + 1] = start[i] + (i - first[i] + 1);
    this.start = start;
    this.size = start[n];
  }

  /**
   * Scatter c·I + s·PAPᵀ into packed arrays: `lower` gets the entries on and below the diagonal
   * (row envelopes), `upper` those on and above it (column envelopes). For a symmetric A only
   * `lower` is needed (its mirrored entries are stored by their own rows).
   */
  scatter(a: CsrMatrix, s: number, c: number, lower: Float64Array, upper: Float64Array | null): void {
    lower.fill(0);
    if (upper) upper.fill(0);
    const { inv, first, start } = this;
    for (let i = 0; i < this.n; i++) {
      for (let p = a.rowPtr[i]; p < a.rowPtr[i + 1]; p++) {
        const r = inv[i], col = inv[a.colIndex[p]];
        const v = s * a.values[p];
        if (col <= r) lower[start[r] + col - first[r]] += v;
        if (upper && r <= col) upper[start[col] + r - first[col]] += v;
      }
    }
    for (let i = 0; i < this.n; i++) {
      lower[start[i + 1] - 1] += c;
      if (upper) upper[start[i + 1] - 1] += c;
    }
  }
}

/**
 * Multiply–adds of one envelope factorisation on `env`: Σ over the stored off-diagonal entries
 * (i, j) of the overlap of rows i and j left of j, plus the row lengths for the pivots.
 */
export function envelopeWork(env: Envelope): number {
  const { first, n } = env;
  let work = 0;
  for (let i = 0; i < n; i++) {
    const fi = first[i];
    work += i - fi;
    for (let j = fi; j < i; j++) work += j - (fi > first[j] ? fi : first[j]);
  }
  return work;
}

/**
 * The envelope of A under the cheaper of two orderings, by `envelopeWork`: reverse Cuthill–McKee
 * or A's own order (which wins when the regions are already numbered along a narrow band, e.g. a
 * raster-ordered grid, where RCM's diagonal level sets are wider). Same factorisation, same
 * results up to rounding; only the cost differs.
 * @throws RangeError when A is not square.
 */
export function cheapestEnvelope(a: CsrMatrix): Envelope {
  const rcm = new Envelope(a);
  const given = new Envelope(a, Int32Array.from({ length: a.rows }, (_, i) => i));
  return envelopeWork(given) < envelopeWork(rcm) ? given : rcm;
}

/**
 * Envelope Cholesky of the symmetric matrix c·I + s·A (A symmetric sparse), factor once and
 * solve many; `logDet` = 2 Σ ln L_ii.
 */
export class EnvelopeCholesky {
  readonly n: number;
  private readonly env: Envelope;
  private readonly l: Float64Array;

  /**
   * @throws NotPositiveDefiniteError (`not-positive-definite-envelope`) when c·I + s·A is not positive definite.
   */
  constructor(env: Envelope, a: CsrMatrix, s: number, c = 1, work?: Float64Array) {
    this.n = env.n;
    this.env = env;
    const l = work && work.length === env.size ? work : new Float64Array(env.size);
    env.scatter(a, s, c, l, null);
    const { first, start } = env;
    const n = env.n;
    // row i is stored at l[oi + first[i] .. oi + i], oi = start[i] − first[i]
    for (let i = 0; i < n; i++) {
      const fi = first[i], oi = start[i] - fi;
      for (let j = fi; j < i; j++) {
        const fj = first[j], oj = start[j] - fj;
        const k0 = fi > fj ? fi : fj;
        let sum = l[oi + j];
        for (let k = k0; k < j; k++) sum -= l[oi + k] * l[oj + k];
        l[oi + j] = sum / l[oj + j];
      }
      let d = l[oi + i];
      for (let k = fi; k < i; k++) { const v = l[oi + k]; d -= v * v; }
      if (!(d > 0)) {
        throw new NotPositiveDefiniteError(`The matrix is not positive definite (pivot ${i + 1} is ${d}).`, { pivot: i + 1, value: d }, 'not-positive-definite-envelope');
      }
      l[oi + i] = Math.sqrt(d);
    }
    this.l = l;
  }

  /** ln det = 2 Σ ln L_ii. */
  logDet(): number {
    let s = 0;
    for (let i = 0; i < this.n; i++) s += Math.log(this.l[this.env.start[i + 1] - 1]);
    return 2 * s;
  }

  /** x with (cI + sA)x = b (b in the original order). */
  solve(b: ArrayLike<number>): Float64Array {
    const { n, l } = this;
    const { first, start, perm } = this.env;
    const x = new Float64Array(n);
    for (let k = 0; k < n; k++) x[k] = b[perm[k]];
    for (let i = 0; i < n; i++) {
      const fi = first[i], si = start[i];
      let sum = x[i];
      for (let k = fi; k < i; k++) sum -= l[si + k - fi] * x[k];
      x[i] = sum / l[si + i - fi];
    }
    for (let i = n - 1; i >= 0; i--) {
      const fi = first[i], si = start[i];
      const xi = x[i] / l[si + i - fi];
      x[i] = xi;
      for (let k = fi; k < i; k++) x[k] -= l[si + k - fi] * xi;
    }
    const out = new Float64Array(n);
    for (let k = 0; k < n; k++) out[perm[k]] = x[k];
    return out;
  }
}

/**
 * Envelope LU without pivoting, P(cI + sA)Pᵀ = L·U (L unit lower with row envelopes, U upper with
 * column envelopes), for A with a symmetric pattern. Without pivoting it is stable for diagonally
 * dominant matrices such as I − ρW with |ρ|·‖W‖∞ < 1; a zero or negative pivot is reported.
 */
export class EnvelopeLu {
  readonly n: number;
  private readonly env: Envelope;
  private readonly l: Float64Array;
  private readonly u: Float64Array;

  /** @throws SingularDesignError (`singular-envelope-pivot`) when a pivot is not positive. */
  constructor(env: Envelope, a: CsrMatrix, s: number, c = 1) {
    this.n = env.n;
    this.env = env;
    const l = new Float64Array(env.size), u = new Float64Array(env.size);
    env.scatter(a, s, c, l, u);
    const { first, start } = env;
    const n = env.n;
    // row i of L and column i of U at offset oi + first[i] .. oi + i, oi = start[i] − first[i]
    for (let i = 0; i < n; i++) {
      const fi = first[i], oi = start[i] - fi;
      // column i of U, rows fi..i−1
      for (let r = fi; r < i; r++) {
        const fr = first[r], or = start[r] - fr;
        const k0 = fr > fi ? fr : fi;
        let sum = u[oi + r];
        for (let k = k0; k < r; k++) sum -= l[or + k] * u[oi + k];
        u[oi + r] = sum;
      }
      // row i of L, columns fi..i−1
      for (let j = fi; j < i; j++) {
        const fj = first[j], oj = start[j] - fj;
        const k0 = fi > fj ? fi : fj;
        let sum = l[oi + j];
        for (let k = k0; k < j; k++) sum -= l[oi + k] * u[oj + k];
        l[oi + j] = sum / u[oj + j];
      }
      let d = u[oi + i];
      for (let k = fi; k < i; k++) d -= l[oi + k] * u[oi + k];
      if (!(d > 0)) throw new SingularDesignError(`The matrix has a non-positive pivot ${i + 1} (${d}) in LU without pivoting.`, { pivot: i + 1, value: d }, 'singular-envelope-pivot');
      u[oi + i] = d;
      l[oi + i] = 1;
    }
    this.l = l;
    this.u = u;
  }

  /** ln |det| = Σ ln U_ii (all pivots are positive, so det > 0). */
  logDet(): number {
    let s = 0;
    for (let i = 0; i < this.n; i++) s += Math.log(this.u[this.env.start[i + 1] - 1]);
    return s;
  }

  /** x with (cI + sA)x = b. */
  solve(b: ArrayLike<number>): Float64Array {
    const { n, l, u } = this;
    const { first, start, perm } = this.env;
    const x = new Float64Array(n);
    for (let k = 0; k < n; k++) x[k] = b[perm[k]];
    for (let i = 0; i < n; i++) {
      const fi = first[i], si = start[i];
      let sum = x[i];
      for (let k = fi; k < i; k++) sum -= l[si + k - fi] * x[k];
      x[i] = sum;
    }
    for (let j = n - 1; j >= 0; j--) {
      const fj = first[j], sj = start[j];
      const xj = x[j] / u[sj + j - fj];
      x[j] = xj;
      for (let r = fj; r < j; r++) x[r] -= u[sj + r - fj] * xj;
    }
    const out = new Float64Array(n);
    for (let k = 0; k < n; k++) out[perm[k]] = x[k];
    return out;
  }

  /** x with (cI + sA)ᵀx = b. */
  solveTranspose(b: ArrayLike<number>): Float64Array {
    const { n, l, u } = this;
    const { first, start, perm } = this.env;
    const x = new Float64Array(n);
    for (let k = 0; k < n; k++) x[k] = b[perm[k]];
    for (let j = 0; j < n; j++) {
      const fj = first[j], sj = start[j];
      let sum = x[j];
      for (let r = fj; r < j; r++) sum -= u[sj + r - fj] * x[r];
      x[j] = sum / u[sj + j - fj];
    }
    for (let i = n - 1; i >= 0; i--) {
      const fi = first[i], si = start[i];
      const xi = x[i];
      for (let k = fi; k < i; k++) x[k] -= l[si + k - fi] * xi;
    }
    const out = new Float64Array(n);
    for (let k = 0; k < n; k++) out[perm[k]] = x[k];
    return out;
  }
}
