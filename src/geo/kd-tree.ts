/**
 * A static k-d tree over 2-D or 3-D points for k-nearest-neighbour and radius queries.
 * kdbush (used for planar radius queries elsewhere) is 2-D only; lon/lat neighbours need
 * 3-D unit-sphere coordinates, so kNN uses this tree in both cases.
 */

const LEAF = 16;

/** Static k-d tree; points are rows of `coords` (`dim` numbers each). */
export class KdTree {
  readonly dim: 2 | 3;
  readonly n: number;
  private readonly coords: Float64Array;
  /** Permutation of point indices; node ranges refer to it. */
  private readonly perm: Uint32Array;
  /** Scratch stack of the nearest-neighbour search (reused: queries are not re-entrant). */
  private readonly sLo: Int32Array;
  private readonly sHi: Int32Array;
  private readonly sAx: Int8Array;
  private readonly sB: Float64Array;

  constructor(coords: Float64Array, dim: 2 | 3) {
    this.dim = dim;
    this.coords = coords;
    this.n = coords.length / dim;
    this.perm = new Uint32Array(this.n);
    for (let i = 0; i < this.n; i++) this.perm[i] = i;
    this.build(0, this.n - 1, 0);
    const depth = 2 * Math.ceil(Math.log2(this.n + 2)) + 8;
    this.sLo = new Int32Array(depth); this.sHi = new Int32Array(depth);
    this.sAx = new Int8Array(depth); this.sB = new Float64Array(depth);
  }

  private build(lo: number, hi: number, axis: number): void {
    if (hi - lo + 1 <= LEAF) return;
    const mid = (lo + hi) >> 1;
    this.select(lo, hi, mid, axis);
    const next = (axis + 1) % this.dim;
    this.build(lo, mid - 1, next);
    this.build(mid + 1, hi, next);
  }

  /** Hoare quickselect on `perm[lo..hi]` by coordinate `axis` so that `perm[k]` is the median. */
  private select(lo: number, hi: number, k: number, axis: number): void {
    const { perm, coords, dim } = this;
    while (hi > lo) {
      const pivot = coords[perm[(lo + hi) >> 1] * dim + axis];
      let i = lo, j = hi;
      while (i <= j) {
        while (coords[perm[i] * dim + axis] < pivot) i++;
        while (coords[perm[j] * dim + axis] > pivot) j--;
        if (i <= j) { const t = perm[i]; perm[i] = perm[j]; perm[j] = t; i++; j--; }
      }
      if (k <= j) hi = j; else if (k >= i) lo = i; else return;
    }
  }

  private sqDist(p: number, q: Float64Array | number[], qo: number): number {
    let s = 0;
    for (let d = 0; d < this.dim; d++) { const t = this.coords[p * this.dim + d] - q[qo + d]; s += t * t; }
    return s;
  }

  /**
   * The `k` points nearest to point `i` (excluding `i` itself), nearest first; ties broken by
   * the lower point index. Returns indices and squared index-space distances.
   * Iterative branch-and-bound search over the tree with a bounded max-heap.
   */
  nearest(i: number, k: number): { idx: Int32Array; sqDist: Float64Array } {
    const { perm, coords, dim } = this;
    const heapI = new Int32Array(k), heapD = new Float64Array(k);
    let size = 0;
    const qo = i * dim;
    const q0 = coords[qo], q1 = coords[qo + 1], q2 = dim === 3 ? coords[qo + 2] : 0;
    // Explicit stack of (lo, hi, axis) with the squared distance bound of each subtree.
    const { sLo, sHi, sAx, sB } = this;
    let sp = 0;
    sLo[0] = 0; sHi[0] = this.n - 1; sAx[0] = 0; sB[0] = 0; sp = this.n > 0 ? 1 : 0;
    const offer = (p: number): void => {
      const o = p * dim;
      let d = (coords[o] - q0) ** 2 + (coords[o + 1] - q1) ** 2;
      if (dim === 3) d += (coords[o + 2] - q2) ** 2;
      if (size < k) {
        // sift up
        let s = size++;
        while (s > 0) {
          const par = (s - 1) >> 1;
          if (heapD[par] > d || (heapD[par] === d && heapI[par] > p)) break;
          heapI[s] = heapI[par]; heapD[s] = heapD[par]; s = par;
        }
        heapI[s] = p; heapD[s] = d;
        return;
      }
      if (d > heapD[0] || (d === heapD[0] && p > heapI[0])) return;
      // replace the root and sift down
      siftDown(heapI, heapD, size, p, d);
    };
    while (sp > 0) {
      sp--;
      const lo = sLo[sp], hi = sHi[sp], axis = sAx[sp];
      if (size === k && sB[sp] > heapD[0]) continue;
      if (hi - lo + 1 <= LEAF) {
        for (let t = lo; t <= hi; t++) if (perm[t] !== i) offer(perm[t]);
        continue;
      }
      const mid = (lo + hi) >> 1;
      const p = perm[mid];
      if (p !== i) offer(p);
      const diff = (axis === 0 ? q0 : axis === 1 ? q1 : q2) - coords[p * dim + axis];
      const next = axis + 1 === dim ? 0 : axis + 1;
      const far2 = diff * diff;
      // push the far side first so the near side is searched first
      if (diff <= 0) {
        sLo[sp] = mid + 1; sHi[sp] = hi; sAx[sp] = next; sB[sp] = far2; sp++;
        sLo[sp] = lo; sHi[sp] = mid - 1; sAx[sp] = next; sB[sp] = 0; sp++;
      } else {
        sLo[sp] = lo; sHi[sp] = mid - 1; sAx[sp] = next; sB[sp] = far2; sp++;
        sLo[sp] = mid + 1; sHi[sp] = hi; sAx[sp] = next; sB[sp] = 0; sp++;
      }
    }
    // Pop into ascending order.
    const idx = new Int32Array(size), sq = new Float64Array(size);
    for (let t = size - 1; t >= 0; t--) {
      idx[t] = heapI[0]; sq[t] = heapD[0];
      size--;
      siftDown(heapI, heapD, size, heapI[size], heapD[size]);
    }
    return { idx, sqDist: sq };
  }

  /** Indices of points within index-space distance `r` of point `i` (excluding `i`), ascending. */
  within(i: number, r: number): number[] {
    const out: number[] = [];
    const r2 = r * r, q = this.coords, qo = i * this.dim;
    const visit = (lo: number, hi: number, axis: number): void => {
      if (hi - lo + 1 <= LEAF) {
        for (let t = lo; t <= hi; t++) {
          const p = this.perm[t];
          if (p !== i && this.sqDist(p, q, qo) <= r2) out.push(p);
        }
        return;
      }
      const mid = (lo + hi) >> 1;
      const p = this.perm[mid];
      if (p !== i && this.sqDist(p, q, qo) <= r2) out.push(p);
      const diff = q[qo + axis] - this.coords[p * this.dim + axis];
      const next = (axis + 1) % this.dim;
      if (diff <= r) visit(lo, mid - 1, next);
      if (diff >= -r) visit(mid + 1, hi, next);
    };
    if (this.n > 0) visit(0, this.n - 1, 0);
    return out.sort((a, b) => a - b);
  }
}

/**
 * Put (p, d) at the root of the max-heap of the first `size` entries (ordered by distance, ties
 * by larger index first) and sift it down. With size 0 it writes the unused slot 0, harmlessly.
 */
function siftDown(heapI: Int32Array, heapD: Float64Array, size: number, p: number, d: number): void {
  let s = 0;
  for (;;) {
    const l = 2 * s + 1, r = l + 1;
    let m = -1, md = d, mi = p;
    if (l < size && (heapD[l] > md || (heapD[l] === md && heapI[l] > mi))) { m = l; md = heapD[l]; mi = heapI[l]; }
    if (r < size && (heapD[r] > md || (heapD[r] === md && heapI[r] > mi))) { m = r; }
    if (m < 0) break;
    heapI[s] = heapI[m]; heapD[s] = heapD[m]; s = m;
  }
  heapI[s] = p; heapD[s] = d;
}
