/**
 * Envelope (profile, "skyline") factorisations of sparse matrices with a symmetric sparsity
 * pattern, after a reverse Cuthill–McKee ordering that keeps the envelope narrow. For the
 * contiguity matrices of spatial models (planar graphs) the envelope of an n-region map is
 * about n·√n entries, so one factorisation of I − ρW costs O(n²) at most and usually far less,
 * without any dense n×n matrix.
 *
 * References: George & Liu (1981), Computer Solution of Large Sparse Positive Definite Systems,
 * ch. 4 (envelope methods) and §4.3 (RCM); Cuthill & McKee (1969); Gibbs, Poole & Stockmeyer
 * (1976), An algorithm for reducing the bandwidth and profile of a sparse matrix, SIAM J. Numer.
 * Anal. 13:236–250 (GPS).
 */
import { NotPositiveDefiniteError, SingularDesignError } from '../core/errors';
import type { CsrMatrix } from './sparse';

/**
 * Reverse Cuthill–McKee ordering of the symmetrised pattern of A (A + Aᵀ): `perm[newIndex] = oldIndex`.
 * Each connected component starts at a pseudo-peripheral vertex (George–Liu: repeated BFS from
 * a vertex of minimum degree in the last level), neighbours are visited by increasing degree.
 * @throws RangeError when A is not square.
 */
export function reverseCuthillMcKee(a: CsrMatrix, adj = symmetricAdjacency(a)): Int32Array {
  if (a.rows !== a.cols) throw new RangeError('reverseCuthillMcKee needs a square matrix.');
  const n = a.rows;
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

/** Deepest-level vertices (of least degree) tried as the far end of the pseudo-diameter. */
const DIAMETER_CANDIDATES = 8;

/**
 * Gibbs–Poole–Stockmeyer ordering of the symmetrised pattern of A: `perm[newIndex] = oldIndex`.
 * Per connected component: the ends u, v of a pseudo-diameter (u of minimum degree, v one of
 * the deepest vertices of u's level structure, of least degree), then one level structure
 * combined from the two rooted ones (a vertex at distance a from u and b from v lies on level a
 * or d − b; the components of the undecided vertices, largest first, each take whichever choice
 * keeps the widest level narrower). Of the candidate far ends v, the one whose combined structure
 * is narrowest is kept (GPS keep the v whose own rooted structure is narrowest; on a grid that is
 * the middle of an edge, where the opposite corner gives the column levels). Numbered level by
 * level (vertices in the order of their first numbered neighbour, then by adjacency within the
 * level and degree) and reversed. On a queen grid the levels are the grid's columns, a band as
 * narrow as a row-by-row numbering, where Cuthill–McKee's levels from a corner are L-shaped and
 * up to twice as wide.
 * @throws RangeError when A is not square.
 */
export function gibbsPooleStockmeyer(a: CsrMatrix, adj = symmetricAdjacency(a)): Int32Array {
  if (a.rows !== a.cols) throw new RangeError('gibbsPooleStockmeyer needs a square matrix.');
  const n = a.rows;
  const { ptr, idx } = adj;
  const deg = new Int32Array(n);
  for (let i = 0; i < n; i++) deg[i] = ptr[i + 1] - ptr[i];
  const lu = new Int32Array(n).fill(-1), lv = new Int32Array(n).fill(-1), scratch = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n), count = new Int32Array(n + 1);
  /** BFS from `root`: the vertices in visiting order, the depth and the widest level. */
  const bfs = (root: number, mark: Int32Array): { nodes: Int32Array; depth: number; width: number } => {
    let tail = 0;
    queue[tail++] = root;
    mark[root] = 0;
    for (let h = 0; h < tail; h++) {
      const x = queue[h], lx = mark[x] + 1;
      for (let p = ptr[x]; p < ptr[x + 1]; p++) { const y = idx[p]; if (mark[y] < 0) { mark[y] = lx; queue[tail++] = y; } }
    }
    const depth = mark[queue[tail - 1]];
    count.fill(0, 0, depth + 1);
    let width = 0;
    for (let h = 0; h < tail; h++) { const c = ++count[mark[queue[h]]]; if (c > width) width = c; }
    return { nodes: queue.slice(0, tail), depth, width };
  };
  const clear = (nodes: Int32Array, mark: Int32Array): void => { for (const x of nodes) mark[x] = -1; };
  const level = new Int32Array(n).fill(-1), trial = new Int32Array(n).fill(-1);
  const numbered = new Int32Array(n).fill(-1); // position in `order`
  /**
   * Levels of `nodes` combined from lu (distance from u) and d − lv (from v) into `out`; the parts
   * of undecided vertices, largest first, take the choice with the narrower widest level (ties:
   * `prefer`, the narrower rooted structure). Returns the widest level.
   */
  const combineLevels = (nodes: Int32Array, d: number, prefer: 'u' | 'v', out: Int32Array): number => {
    const fixed = new Int32Array(d + 1);
    for (const x of nodes) {
      if (lu[x] === d - lv[x]) { out[x] = lu[x]; fixed[lu[x]]++; } else out[x] = -1;
    }
    const parts: number[][] = [];
    for (const x of nodes) {
      if (out[x] !== -1) continue;
      out[x] = -2; // in a part
      const q = [x];
      for (let h = 0; h < q.length; h++) {
        const y = q[h];
        for (let p = ptr[y]; p < ptr[y + 1]; p++) { const z = idx[p]; if (out[z] === -1 && lu[z] !== d - lv[z]) { out[z] = -2; q.push(z); } }
      }
      parts.push(q);
    }
    parts.sort((p, q) => q.length - p.length);
    const hu = new Int32Array(d + 1), hv = new Int32Array(d + 1);
    for (const part of parts) {
      hu.set(fixed); hv.set(fixed);
      for (const x of part) { hu[lu[x]]++; hv[d - lv[x]]++; }
      let wu = 0, wv = 0;
      for (let i = 0; i <= d; i++) { if (hu[i] > fixed[i] && hu[i] > wu) wu = hu[i]; if (hv[i] > fixed[i] && hv[i] > wv) wv = hv[i]; }
      const useU = wu < wv || (wu === wv && prefer === 'u');
      for (const x of part) { const l = useU ? lu[x] : d - lv[x]; out[x] = l; fixed[l]++; }
    }
    let width = 0;
    for (const c of fixed) if (c > width) width = c;
    return width;
  };
  const order = new Int32Array(n);
  let pos = 0;
  for (let s0 = 0; s0 < n; s0++) {
    if (numbered[s0] >= 0) continue;
    const comp = bfs(s0, scratch);
    clear(comp.nodes, scratch);
    let u = comp.nodes[0];
    for (const x of comp.nodes) if (deg[x] < deg[u]) u = x;
    // pseudo-diameter u–v
    let ru = bfs(u, lu);
    let ends: number[] = [u];
    for (let it = 0; it < 32; it++) {
      // the last level shrunk to its vertices of least degree (GPS shrink the candidates likewise)
      const last = Array.from(ru.nodes).filter((x) => lu[x] === ru.depth).sort((x, y) => deg[x] - deg[y] || x - y).slice(0, DIAMETER_CANDIDATES);
      const widths: { x: number; width: number }[] = [];
      let deeper = -1;
      for (const c of last) {
        const rc = bfs(c, scratch);
        clear(rc.nodes, scratch);
        if (rc.depth > ru.depth) { deeper = c; break; }
        widths.push({ x: c, width: rc.width });
      }
      if (deeper >= 0) { clear(ru.nodes, lu); u = deeper; ru = bfs(u, lu); continue; }
      ends = widths.map((c) => c.x);
      break;
    }
    const d = ru.depth;
    // the combined level structure for each candidate far end; the narrowest is kept
    let bestWidth = Infinity;
    for (const v of ends) {
      const rv = bfs(v, lv);
      const width = combineLevels(comp.nodes, d, rv.width <= ru.width ? 'v' : 'u', trial);
      if (width < bestWidth) { bestWidth = width; for (const x of comp.nodes) level[x] = trial[x]; }
      clear(rv.nodes, lv);
    }
    // number level by level
    const byLevel: number[][] = Array.from({ length: d + 1 }, () => []);
    for (const x of comp.nodes) byLevel[level[x]].push(x);
    const firstNumbered = (x: number): number => {
      let m = n;
      for (let p = ptr[x]; p < ptr[x + 1]; p++) { const q = numbered[idx[p]]; if (q >= 0 && q < m) m = q; }
      return m;
    };
    for (let i = 0; i <= d; i++) {
      const members = byLevel[i];
      const key = new Map<number, number>();
      for (const x of members) key.set(x, firstNumbered(x));
      const cand = [...members].sort((x, y) => (key.get(x) as number) - (key.get(y) as number) || deg[x] - deg[y] || x - y);
      const levelStart = pos;
      let c = 0;
      while (pos - levelStart < members.length) {
        while (numbered[cand[c]] >= 0) c++;
        let next = cand[c];
        if ((key.get(next) as number) === n) {
          // nothing numbered next to the rest of the level: its vertex of least degree
          for (const x of members) if (numbered[x] < 0 && deg[x] < deg[next]) next = x;
        }
        numbered[next] = pos; order[pos++] = next;
        // then the level's vertices adjacent to it that come no later than the next candidate
        for (let h = pos - 1; h < pos; h++) {
          const y = order[h];
          const nb: number[] = [];
          for (let p = ptr[y]; p < ptr[y + 1]; p++) { const z = idx[p]; if (numbered[z] < 0 && level[z] === i) nb.push(z); }
          nb.sort((x, z) => (key.get(x) as number) - (key.get(z) as number) || deg[x] - deg[z] || x - z);
          while (c < cand.length && numbered[cand[c]] >= 0) c++;
          const bar = c < cand.length ? (key.get(cand[c]) as number) : n;
          for (const z of nb) if ((key.get(z) as number) <= bar || bar === n) { numbered[z] = pos; order[pos++] = z; }
        }
      }
    }
    clear(ru.nodes, lu);
  }
  order.reverse();
  return order;
}

/** Pattern of A + Aᵀ without the diagonal, as CSR index arrays. */
function symmetricAdjacency(a: CsrMatrix): { ptr: Int32Array; idx: Int32Array } {
  const n = a.rows;
  // both directions of every off-diagonal nonzero, bucketed by row, then sorted and deduplicated
  const cnt = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    for (let p = a.rowPtr[i]; p < a.rowPtr[i + 1]; p++) {
      const j = a.colIndex[p];
      if (j !== i && a.values[p] !== 0) { cnt[i + 1]++; cnt[j + 1]++; }
    }
  }
  for (let i = 0; i < n; i++) cnt[i + 1] += cnt[i];
  const fill = cnt.slice(0, n);
  const raw = new Int32Array(cnt[n]);
  for (let i = 0; i < n; i++) {
    for (let p = a.rowPtr[i]; p < a.rowPtr[i + 1]; p++) {
      const j = a.colIndex[p];
      if (j !== i && a.values[p] !== 0) { raw[fill[i]++] = j; raw[fill[j]++] = i; }
    }
  }
  const ptr = new Int32Array(n + 1);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = raw.subarray(cnt[i], cnt[i + 1]).sort();
    for (let k = 0; k < row.length; k++) if (k === 0 || row[k] !== row[k - 1]) out.push(row[k]);
    ptr[i + 1] = out.length;
  }
  return { ptr, idx: Int32Array.from(out) };
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
 * The envelope of A under the cheapest of its candidate orderings, by `envelopeWork`: A's own
 * order (which wins when the regions are already numbered along a narrow band, e.g. a
 * raster-ordered grid), reverse Cuthill–McKee and Gibbs–Poole–Stockmeyer. Same factorisation, same results up to
 * rounding; only the cost differs.
 * @throws RangeError when A is not square.
 */
export function cheapestEnvelope(a: CsrMatrix): Envelope {
  if (a.rows !== a.cols) throw new RangeError('cheapestEnvelope needs a square matrix.');
  let best = new Envelope(a, Int32Array.from({ length: a.rows }, (_, i) => i));
  let bestWork = envelopeWork(best);
  const adj = symmetricAdjacency(a);
  const candidates: (() => Int32Array)[] = [() => reverseCuthillMcKee(a, adj), () => gibbsPooleStockmeyer(a, adj)];
  for (const perm of candidates) {
    const env = new Envelope(a, perm());
    const work = envelopeWork(env);
    if (work < bestWork) { best = env; bestWork = work; }
  }
  return best;
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
    // row i is stored at l[oi + first[i] .. oi + i], oi = start[i] − first[i]; the dot products
    // run with four partial sums (independent multiply–adds, about a quarter faster in V8)
    for (let i = 0; i < n; i++) {
      const fi = first[i], oi = start[i] - fi;
      for (let j = fi; j < i; j++) {
        const fj = first[j], oj = start[j] - fj;
        let k = fi > fj ? fi : fj;
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (; k + 3 < j; k += 4) {
          s0 += l[oi + k] * l[oj + k];
          s1 += l[oi + k + 1] * l[oj + k + 1];
          s2 += l[oi + k + 2] * l[oj + k + 2];
          s3 += l[oi + k + 3] * l[oj + k + 3];
        }
        for (; k < j; k++) s0 += l[oi + k] * l[oj + k];
        l[oi + j] = (l[oi + j] - ((s0 + s1) + (s2 + s3))) / l[oj + j];
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
