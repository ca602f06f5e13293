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

  constructor(coords: Float64Array, dim: 2 | 3) {
    this.dim = dim;
    this.coords = coords;
    this.n = coords.length / dim;
    this.perm = new Uint32Array(this.n);
    for (let i = 0; i < this.n; i++) this.perm[i] = i;
    this.build(0, this.n - 1, 0);
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
   */
  nearest(i: number, k: number): { idx: Int32Array; sqDist: Float64Array } {
    const heapI = new Int32Array(k).fill(-1), heapD = new Float64Array(k).fill(Infinity);
    let size = 0;
    const q = this.coords, qo = i * this.dim;
    // Max-heap on (distance, index): the root is the worst of the current best k.
    const worse = (a: number, b: number): boolean => heapD[a] > heapD[b] || (heapD[a] === heapD[b] && heapI[a] > heapI[b]);
    const siftDown = (s: number): void => {
      for (;;) {
        const l = 2 * s + 1, r = l + 1;
        let m = s;
        if (l < size && worse(l, m)) m = l;
        if (r < size && worse(r, m)) m = r;
        if (m === s) return;
        [heapI[s], heapI[m]] = [heapI[m], heapI[s]]; [heapD[s], heapD[m]] = [heapD[m], heapD[s]];
        s = m;
      }
    };
    const offer = (p: number, d: number): void => {
      if (size < k) {
        let s = size++;
        heapI[s] = p; heapD[s] = d;
        while (s > 0) {
          const par = (s - 1) >> 1;
          if (!worse(s, par)) break;
          [heapI[s], heapI[par]] = [heapI[par], heapI[s]]; [heapD[s], heapD[par]] = [heapD[par], heapD[s]];
          s = par;
        }
      } else if (d < heapD[0] || (d === heapD[0] && p < heapI[0])) {
        heapI[0] = p; heapD[0] = d; siftDown(0);
      }
    };
    const bound = (): number => (size < k ? Infinity : heapD[0]);
    const visit = (lo: number, hi: number, axis: number): void => {
      if (hi - lo + 1 <= LEAF) {
        for (let t = lo; t <= hi; t++) {
          const p = this.perm[t];
          if (p !== i) offer(p, this.sqDist(p, q, qo));
        }
        return;
      }
      const mid = (lo + hi) >> 1;
      const p = this.perm[mid];
      if (p !== i) offer(p, this.sqDist(p, q, qo));
      const diff = q[qo + axis] - this.coords[p * this.dim + axis];
      const next = (axis + 1) % this.dim;
      if (diff <= 0) {
        visit(lo, mid - 1, next);
        if (diff * diff <= bound()) visit(mid + 1, hi, next);
      } else {
        visit(mid + 1, hi, next);
        if (diff * diff <= bound()) visit(lo, mid - 1, next);
      }
    };
    if (this.n > 0) visit(0, this.n - 1, 0);
    // Pop into ascending order.
    const idx = new Int32Array(size), sq = new Float64Array(size);
    for (let t = size - 1; t >= 0; t--) {
      idx[t] = heapI[0]; sq[t] = heapD[0];
      size--;
      heapI[0] = heapI[size]; heapD[0] = heapD[size];
      siftDown(0);
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
