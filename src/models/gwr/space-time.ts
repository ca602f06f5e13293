/**
 * Space–time distances and neighbour lists for GTWR (Huang, Wu & Barry 2010):
 * d_ij = √(d_S(i, j)² + τ·(t_i − t_j)²), d_S great-circle km between the observations'
 * locations (haversine, R = 6371.0088 km) or planar, t in years. Symmetric by default (past and
 * future periods both used); `pastOnly` keeps only t_j ≤ t_i (one-sided GTWR).
 *
 * Neighbours come from a k-d tree over the distinct locations (src/geo/kd-tree): for a focal
 * observation the nearest locations are taken in rings of growing size until the spatial
 * distance of the next location exceeds the space–time bandwidth, so memory is O(n·k) and no
 * n×n matrix is built.
 */
import { InputError } from '../../core/errors';
import { cosLatitude, haversineKmCos, indexCoordinates } from '../../geo/distance';
import { KdTree } from '../../geo/kd-tree';

/** Observations of a GTWR problem: each row at one location and one time. */
export interface SpaceTimePoints {
  /** Location index (0 … L−1) of each observation. */
  readonly location: Int32Array;
  /** Time (years) of each observation. */
  readonly time: Float64Array;
  /** Location coordinates: longitude (or x) per location. */
  readonly x: Float64Array;
  /** Latitude (or y) per location. */
  readonly y: Float64Array;
  /** True: lon/lat degrees and great-circle km; false: planar, Euclidean distances in the units of x, y. */
  readonly lonLat: boolean;
  /** Location names (for messages), one per location. */
  readonly names?: readonly string[];
}

/** A focal observation's neighbours: indices and space–time distances (`all`: in no particular order; `nearest`, `within`: nearest first). */
export interface NeighbourList {
  readonly idx: Int32Array;
  readonly dist: Float64Array;
}

/** Options of the distance: τ (km²/year²) and the one-sided variant. */
export interface SpaceTimeMetric {
  readonly tau: number;
  readonly pastOnly?: boolean;
}

/** Above this many locations a ring of all locations is computed per query instead of kept. */
const RING_CACHE_ALL_MAX = 1000;
/** A ring of m locations is found by scanning all L when m × this ≥ L, else with the k-d tree. */
const BRUTE_RING_SHARE = 8;

/** The index: neighbour queries over one point set. */
export interface SpaceTimeIndex {
  readonly n: number;
  /** Number of distinct locations. */
  readonly locations: number;
  /** Spatial distance between two locations (km on lon/lat). */
  spatial(a: number, b: number): number;
  /**
   * The `k` nearest observations to `i` (i itself among them at distance 0) plus every
   * observation tied with the k-th; fewer when fewer are eligible. Nearest first (ties in no
   * particular order); the arrays are views into buffers reused by the next query (copy them
   * to keep them).
   */
  nearest(i: number, k: number, metric: SpaceTimeMetric): NeighbourList;
  /** Every observation within space–time distance `h` of `i` (d ≤ h), nearest first; reused buffers as `nearest`. */
  within(i: number, h: number, metric: SpaceTimeMetric): NeighbourList;
  /** Every eligible observation with its distance (for kernels without a cut-off); reused buffers. */
  all(i: number, metric: SpaceTimeMetric): NeighbourList;
  /** The k-th smallest distance of a list (the adaptive bandwidth h_i). */
  kth(list: NeighbourList, k: number): number;
  /** Largest spatial distance between two locations (an upper bound is enough: used for search ranges). */
  maxSpatial(): number;
  /** Spatial distance from location `l` to its nearest other location (0 with one location). */
  nearestLocationDistance(l: number): number;
  /** Largest minus smallest time. */
  timeSpan(): number;
}

/**
 * Check the points and build the index.
 * @throws InputError `gwr-missing-coordinates` when a location has no finite coordinates,
 *   `gwr-duplicate-locations` when two named locations share coordinates.
 */
export function createSpaceTimeIndex(p: SpaceTimePoints): SpaceTimeIndex {
  const L = p.x.length, n = p.location.length;
  const name = (l: number): string => p.names?.[l] ?? `location ${l + 1}`;
  for (let l = 0; l < L; l++) {
    if (!Number.isFinite(p.x[l]) || !Number.isFinite(p.y[l])) {
      throw new InputError('gwr-missing-coordinates', `Region "${name(l)}" has no coordinates: GWR needs a location for every region (from the geometry's centroid or --coords).`, { region: name(l) });
    }
  }
  const { dim, coords } = indexCoordinates(p.x, p.y, p.lonLat);
  const tree = new KdTree(coords, dim);
  const dup = duplicatePair(coords, dim, L);
  if (dup) {
    const [a, b] = dup;
    throw new InputError('gwr-duplicate-locations', `Regions "${name(a)}" and "${name(b)}" have the same location; GWR needs distinct locations (merge them or give --coords).`, { first: name(a), second: name(b) });
  }
  // Observations by location (CSR).
  const start = new Int32Array(L + 1);
  for (let i = 0; i < n; i++) start[p.location[i] + 1]++;
  for (let l = 0; l < L; l++) start[l + 1] += start[l];
  const members = new Int32Array(n);
  const fill = start.slice(0, L);
  for (let i = 0; i < n; i++) members[fill[p.location[i]]++] = i;

  const cosLat = p.lonLat ? Float64Array.from(p.y, cosLatitude) : new Float64Array(0);
  const spatial = p.lonLat
    ? (a: number, b: number): number => (a === b ? 0 : haversineKmCos(p.x[a], p.y[a], cosLat[a], p.x[b], p.y[b], cosLat[b]))
    : (a: number, b: number): number => Math.hypot(p.x[a] - p.x[b], p.y[a] - p.y[b]);

  // Reusable buffers of candidates, sized once (a query never returns more than n).
  const cIdx = new Int32Array(Math.max(1, n)), cDist = new Float64Array(Math.max(1, n));
  const times = p.time;

  /** Append the eligible observations of location `l` (spatial distance `ds`) to the candidates. */
  const addLocation = (i: number, l: number, ds: number, m: SpaceTimeMetric, count: number): number => {
    const ti = times[i];
    const ds2 = ds * ds, tau = m.tau, past = m.pastOnly === true;
    const end = start[l + 1];
    for (let q = start[l]; q < end; q++) {
      const j = members[q];
      const dt = times[j] - ti;
      if (past && dt > 0) continue;
      cIdx[count] = j;
      cDist[count] = j === i ? 0 : Math.sqrt(ds2 + tau * dt * dt);
      count++;
    }
    return count;
  };

  const scratch = new Float64Array(Math.max(1, n));
  /** The k-th smallest candidate distance (native numeric sort of a copy). */
  const kthSmallest = (count: number, k: number): number => {
    const s = scratch;
    for (let t = 0; t < count; t++) s[t] = cDist[t];
    return select(s, count, Math.min(k, count) - 1);
  };
  const outIdx = new Int32Array(Math.max(1, n)), outDist = new Float64Array(Math.max(1, n));
  /** The list sorted nearest first (in place: its arrays are the reused buffers). */
  const sorted = (l: NeighbourList): NeighbourList => { sortPairs(l.dist as Float64Array, l.idx as Int32Array, l.idx.length); return l; };
  /** Candidates with d ≤ h, as views into reused buffers (valid until the next query). */
  const upTo = (count: number, h: number): NeighbourList => {
    let m = 0;
    for (let t = 0; t < count; t++) if (cDist[t] <= h) { outIdx[m] = cIdx[t]; outDist[m] = cDist[t]; m++; }
    return { idx: outIdx.subarray(0, m), dist: outDist.subarray(0, m) };
  };

  /** Per location: its nearest other locations (indices, spatial distances and their squares), grown on demand. */
  // (filled with empty rings, not holes: one element kind, and the same loads on every query)
  const locIdx: Int32Array[] = new Array<Int32Array>(L).fill(new Int32Array(0));
  const locDist: Float64Array[] = new Array<Float64Array>(L).fill(new Float64Array(0));
  const locD2: Float64Array[] = new Array<Float64Array>(L).fill(new Float64Array(0));
  // scratch of the scanned ring: index-space squared distances to every location
  const allKey = new Float64Array(Math.max(1, L)), keyScratch = new Float64Array(Math.max(1, L));
  /**
   * The `m` locations nearest to `li` by index-space distance, ties by the lower index — the
   * k-d tree's set — found by scanning every location when m is a large share of them (the
   * tree then visits nearly all of its leaves anyway, at several times the cost per point).
   */
  const nearestLocations = (li: number, m: number): Int32Array =>
    (m * BRUTE_RING_SHARE < L ? tree.nearest(li, m).idx : nearestByScan(coords, dim, li, m, allKey, keyScratch));
  /** The ring of the last ringFor: location indices, spatial distances and their squares, nearest first. */
  let ringIdx: Int32Array = new Int32Array(0), ringDist: Float64Array = new Float64Array(0), ringD2: Float64Array = new Float64Array(0);
  /** Make location li's ring hold at least m locations (every other one when m ≥ L − 1) and put it in ringIdx, ringDist, ringD2. */
  const ringFor = (li: number, m: number): void => {
    if (locIdx[li].length < m && !buildRing(li, m)) return;
    ringIdx = locIdx[li]; ringDist = locDist[li]; ringD2 = locD2[li];
  };
  /** Build location li's ring of m and keep it; false when it is too big to keep (it is then in ringIdx, ringDist, ringD2). */
  const buildRing = (li: number, m: number): boolean => {
    let idx: Int32Array;
    if (m >= L - 1) {
      idx = new Int32Array(L - 1);
      for (let l = 0, q = 0; l < L; l++) if (l !== li) idx[q++] = l;
    } else {
      idx = nearestLocations(li, m); // a new array either way
    }
    const dist = new Float64Array(idx.length), d2 = new Float64Array(idx.length);
    for (let t = 0; t < idx.length; t++) dist[t] = spatial(li, idx[t]);
    // nearest first by the distance itself (the tree orders by chord; the merge of
    // SpaceTimeIndex.nearest needs each ring exactly non-decreasing), ties by index: the same
    // ring whichever way its set was found
    sortPairs(dist, idx, idx.length);
    tiesByIndex(dist, idx, idx.length);
    for (let t = 0; t < idx.length; t++) d2[t] = dist[t] * dist[t];
    // every location: not kept when that would take O(L²) memory (Gaussian kernels on many regions)
    if (m >= L - 1 && L > RING_CACHE_ALL_MAX) { ringIdx = idx; ringDist = dist; ringD2 = d2; return false; }
    locIdx[li] = idx; locDist[li] = dist; locD2[li] = d2;
    return true;
  };
  const ringOf = (li: number, m: number): { idx: Int32Array; dist: Float64Array } => {
    ringFor(li, m);
    return ringIdx.length > m ? { idx: ringIdx.subarray(0, m), dist: ringDist.subarray(0, m) } : { idx: ringIdx, dist: ringDist };
  };

  /** Candidates from the focal location and its `m` nearest locations; returns count and the bound. */
  const gather = (i: number, m: number, metric: SpaceTimeMetric): { count: number; bound: number; complete: boolean } => {
    const li = p.location[i];
    let count = addLocation(i, li, 0, metric, 0);
    const mm = Math.min(m, L - 1);
    if (mm <= 0) return { count, bound: Infinity, complete: true };
    const complete = mm >= L - 1;
    const ring = ringOf(li, mm);
    let far = 0;
    for (let t = 0; t < ring.idx.length; t++) {
      count = addLocation(i, ring.idx[t], ring.dist[t], metric, count);
      if (ring.dist[t] > far) far = ring.dist[t];
    }
    // every location left out is at least as far as the farthest one taken (kd order = distance order)
    return { count, bound: complete ? Infinity : far, complete };
  };

  const avgPerLoc = Math.max(1, n / Math.max(1, L));
  const lastK = new Int32Array(L), lastM = new Int32Array(L);

  // Space–time merge: the distinct times, and the observation at (location, time) in a table.
  // For a focal i, each time t_s is a stream that walks i's ring of nearest locations; along a
  // stream d = √(d_S² + τ(t_s − t_i)²) never decreases, so a heap over the streams yields the
  // neighbours nearest first and stops at the k-th (or at h): no candidate beyond it is formed.
  const tvals = Float64Array.from(new Set(times)).sort();
  const S = tvals.length;
  const tIndex = new Int32Array(n);
  {
    const pos = new Map<number, number>();
    tvals.forEach((t, s2) => pos.set(t, s2));
    for (let i = 0; i < n; i++) tIndex[i] = pos.get(times[i]) as number;
  }
  let table: Int32Array | null = L * S <= 4 * n + 4096 ? new Int32Array(L * S).fill(-1) : null;
  if (table) {
    for (let i = 0; i < n; i++) {
      const key = p.location[i] * S + tIndex[i];
      if (table[key] !== -1) { table = null; break; } // two observations at one place and time: gather instead
      table[key] = i;
    }
  }
  const obsAt = table;
  // The merge's state: per stream s its ring position (0 the focal location, q ≥ 1 ring entry
  // q − 1), the squared distance of its next observation, and whether that is an end marker
  // (the ring ran out: every observation left in the stream is at least that far); a binary
  // min-heap of streams by that key. Squared distances are compared (√ is monotone); √ is taken
  // once per neighbour taken. Everything lives in typed arrays sized once, so a query allocates
  // nothing and the JIT sees one shape.
  const sPos = new Int32Array(S), sC = new Float64Array(S), sKey = new Float64Array(S), sEnd = new Uint8Array(S);
  const heap = new Int32Array(S);
  const mIdx = new Int32Array(Math.max(1, n)), mDist = new Float64Array(Math.max(1, n));
  /**
   * The merge for focal i over a ring of m locations: the k nearest (and ties) when k > 0, else
   * every observation within h, nearest first in mIdx / mDist. Returns the count, or −1 when the
   * ring was too small. One function with its loops written out and its arrays in locals: a
   * fresh process runs it for a while before the JIT's optimised code arrives, and in the
   * interpreter every call and closure access costs.
   */
  const merge = (i: number, k: number, h: number, metric: SpaceTimeMetric, m: number): number => {
    const li = p.location[i], ti = times[i];
    const mm = Math.min(m, L - 1);
    const complete = mm >= L - 1;
    if (mm > 0) ringFor(li, mm);
    const rIdx = ringIdx, rD2 = ringD2;
    const far2 = mm > 0 ? rD2[mm - 1] : 0;
    const tau = metric.tau, past = metric.pastOnly === true;
    const tab = obsAt as Int32Array;
    const key = sKey, pos = sPos, end = sEnd, cs = sC, hp = heap, outI = mIdx, outD = mDist;
    let hn = 0;
    for (let s = 0; s < S; s++) {
      const dt = tvals[s] - ti;
      if (past && dt > 0) continue;
      const c0 = tau * dt * dt;
      cs[s] = c0;
      // the stream's first observation: at the focal location (d² = c0, 0 for i itself), else along the ring
      let q = 0;
      if (tab[li * S + s] < 0) {
        for (q = 1; q <= mm; q++) if (tab[rIdx[q - 1] * S + s] >= 0) break;
      }
      if (q <= mm) {
        pos[s] = q; key[s] = q === 0 ? c0 : rD2[q - 1] + c0; end[s] = 0;
      } else {
        pos[s] = mm + 1;
        if (complete) continue;
        key[s] = far2 + c0; end[s] = 1;
      }
      // sift up
      const v = key[s];
      let c = hn++;
      while (c > 0) {
        const par = (c - 1) >> 1;
        if (!(v < key[hp[par]])) break;
        hp[c] = hp[par]; c = par;
      }
      hp[c] = s;
    }
    let count = 0, hk = k > 0 ? Infinity : h;
    while (hn > 0) {
      const s = hp[0];
      const d = Math.sqrt(key[s]);
      if (d > hk) break;
      if (end[s] === 1) return -1;
      const q = pos[s];
      outI[count] = tab[(q === 0 ? li : rIdx[q - 1]) * S + s]; outD[count] = d; count++;
      if (count === k) hk = d;
      // the stream's next observation (always at a ring location) replaces it at the top
      let nq = q + 1;
      while (nq <= mm && tab[rIdx[nq - 1] * S + s] < 0) nq++;
      if (nq <= mm) {
        pos[s] = nq; key[s] = rD2[nq - 1] + cs[s];
      } else {
        pos[s] = mm + 1;
        if (complete) { hp[0] = hp[--hn]; if (hn === 0) break; } else { key[s] = far2 + cs[s]; end[s] = 1; }
      }
      // sift down the top
      const top = hp[0], v = key[top];
      let c = 0;
      for (;;) {
        let ch = 2 * c + 1;
        if (ch >= hn) break;
        if (ch + 1 < hn && key[hp[ch + 1]] < key[hp[ch]]) ch++;
        if (!(key[hp[ch]] < v)) break;
        hp[c] = hp[ch]; c = ch;
      }
      hp[c] = top;
    }
    return count;
  };
  let lastMAny = 0;
  // the result views of the merge, reused while the count repeats (adaptive k: nearly always)
  let viewOf: NeighbourList = { idx: mIdx.subarray(0, 0), dist: mDist.subarray(0, 0) };
  const mergeView = (c: number): NeighbourList => {
    if (viewOf.idx.length !== c) viewOf = { idx: mIdx.subarray(0, c), dist: mDist.subarray(0, c) };
    return viewOf;
  };

  return {
    n,
    locations: L,
    spatial,
    nearest(i, k, metric) {
      // start from the ring size that sufficed at this location for the same k (observations
      // of one location at other times need about as many), else from the last query's, else
      // from the density guess
      const li = p.location[i];
      let m = lastK[li] === k ? lastM[li] : lastMAny > 0 ? lastMAny : Math.min(L - 1, Math.ceil((2 * k) / avgPerLoc) + 4);
      if (obsAt) {
        for (;;) {
          const c = merge(i, k, 0, metric, m);
          if (c >= 0) { lastK[li] = k; lastM[li] = m; lastMAny = m; return mergeView(c); }
          m = Math.min(L - 1, Math.max(1, m * 2));
        }
      }
      for (;;) {
        const g = gather(i, m, metric);
        if (g.count >= k || g.complete) {
          const h = kthSmallest(g.count, k);
          if (g.complete || h < g.bound) { lastK[li] = k; lastM[li] = m; return sorted(upTo(g.count, h)); }
        }
        m = Math.min(L - 1, Math.max(1, m * 2));
      }
    },
    within(i, h, metric) {
      let m = Math.min(L - 1, 16);
      if (obsAt) {
        for (;;) {
          const c = merge(i, 0, h, metric, m);
          if (c >= 0) return mergeView(c);
          m = Math.min(L - 1, Math.max(1, m * 2));
        }
      }
      for (;;) {
        const g = gather(i, m, metric);
        if (g.complete || h < g.bound) return sorted(upTo(g.count, h));
        m = Math.min(L - 1, Math.max(1, m * 2));
      }
    },
    all(i, metric) {
      const g = gather(i, L - 1, metric);
      return upTo(g.count, Infinity);
    },
    kth(list, k) {
      const c = list.dist.length;
      for (let t = 0; t < c; t++) scratch[t] = list.dist[t];
      return select(scratch, c, Math.min(k, c) - 1);
    },
    maxSpatial() {
      // twice the largest distance from location 0 bounds every pairwise distance (triangle inequality)
      let m = 0;
      for (let l = 1; l < L; l++) m = Math.max(m, spatial(0, l));
      return Math.max(2 * m, 1e-9);
    },
    nearestLocationDistance(l) {
      if (L < 2) return 0;
      return spatial(l, tree.nearest(l, 1).idx[0]);
    },
    timeSpan() {
      let lo = Infinity, hi = -Infinity;
      for (let i = 0; i < n; i++) { const t = p.time[i]; if (t < lo) lo = t; if (t > hi) hi = t; }
      return n === 0 ? 0 : hi - lo;
    },
  };
}

/**
 * The first two locations (lowest index, then the lowest index sharing its point) whose index
 * coordinates are equal, or null: one sort of the locations by their coordinates instead of a
 * nearest-neighbour query per location.
 */
function duplicatePair(coords: Float64Array, dim: 2 | 3, L: number): [number, number] | null {
  if (L < 2) return null;
  const cmp = (a: number, b: number): number => {
    for (let e = 0; e < dim; e++) { const d = coords[a * dim + e] - coords[b * dim + e]; if (d !== 0) return d; }
    return a - b;
  };
  const same = (a: number, b: number): boolean => {
    for (let e = 0; e < dim; e++) if (coords[a * dim + e] !== coords[b * dim + e]) return false;
    return true;
  };
  const order = Array.from({ length: L }, (_, l) => l).sort(cmp);
  let best: [number, number] | null = null;
  // equal points are adjacent and in index order: a run's first two are its pair
  for (let t = 1; t < L; t++) {
    const a = order[t - 1], b = order[t];
    if (!same(a, b)) continue;
    if (t >= 2 && same(order[t - 2], a)) continue; // not the run's first two
    if (!best || a < best[0]) best = [a, b];
  }
  return best;
}

/** The r-th smallest (0-based) of a[0 … count−1], rearranging a (Hoare quickselect, median-of-three). */
function select(a: Float64Array, count: number, r: number): number {
  let lo = 0, hi = count - 1;
  while (hi > lo) {
    const mid = (lo + hi) >> 1;
    const x = a[lo], y = a[mid], z = a[hi];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : (x < z ? x : y < z ? z : y);
    let i = lo, j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) { const t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
    }
    if (r <= j) hi = j; else if (r >= i) lo = i; else return a[r];
  }
  return a[r];
}

/**
 * Sort a[0 … count−1] ascending in place (quicksort, median-of-three, insertion sort below 16):
 * several times faster here than the engine's typed-array sort on a subarray view.
 */
export function sortFloat64(a: Float64Array, count: number): void {
  const stack: number[] = [0, count - 1];
  while (stack.length > 0) {
    let hi = stack.pop() as number;
    let lo = stack.pop() as number;
    while (hi - lo > 16) {
      const mid = (lo + hi) >> 1;
      const x = a[lo], y = a[mid], z = a[hi];
      const pivot = x < y ? (y < z ? y : x < z ? z : x) : (x < z ? x : y < z ? z : y);
      let i = lo, j = hi;
      while (i <= j) {
        while (a[i] < pivot) i++;
        while (a[j] > pivot) j--;
        if (i <= j) { const t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
      }
      // recurse into the smaller side later, loop on the larger
      if (j - lo < hi - i) { stack.push(i, hi); hi = j; } else { stack.push(lo, j); lo = i; }
    }
    for (let i = lo + 1; i <= hi; i++) {
      const v = a[i];
      let j = i - 1;
      while (j >= lo && a[j] > v) { a[j + 1] = a[j]; j--; }
      a[j + 1] = v;
    }
  }
}

/**
 * Sort the pairs (d[t], idx[t]), t < count, by d ascending in place (quicksort, median-of-three,
 * insertion sort below 16); the order among equal distances is unspecified.
 */
export function sortPairs(d: Float64Array, idx: Int32Array, count: number, lo0 = 0): void {
  const stack: number[] = [lo0, lo0 + count - 1];
  while (stack.length > 0) {
    let hi = stack.pop() as number;
    let lo = stack.pop() as number;
    while (hi - lo > 16) {
      const mid = (lo + hi) >> 1;
      const x = d[lo], y = d[mid], z = d[hi];
      const pivot = x < y ? (y < z ? y : x < z ? z : x) : (x < z ? x : y < z ? z : y);
      let i = lo, j = hi;
      while (i <= j) {
        while (d[i] < pivot) i++;
        while (d[j] > pivot) j--;
        if (i <= j) {
          const t = d[i]; d[i] = d[j]; d[j] = t;
          const u = idx[i]; idx[i] = idx[j]; idx[j] = u;
          i++; j--;
        }
      }
      if (j - lo < hi - i) { stack.push(i, hi); hi = j; } else { stack.push(lo, j); lo = i; }
    }
    for (let i = lo + 1; i <= hi; i++) {
      const v = d[i], w = idx[i];
      let j = i - 1;
      while (j >= lo && d[j] > v) { d[j + 1] = d[j]; idx[j + 1] = idx[j]; j--; }
      d[j + 1] = v; idx[j + 1] = w;
    }
  }
}

/**
 * The `m` (1 ≤ m < L) points nearest to point `li` of `coords` (`dim` numbers each; L points)
 * by squared Euclidean distance, ties by the lower index — the set KdTree.nearest(li, m)
 * returns — by one scan, in no particular order. `keys` and `scratch` hold at least L numbers.
 */
export function nearestByScan(coords: Float64Array, dim: 2 | 3, li: number, m: number, keys: Float64Array, scratch: Float64Array): Int32Array {
  const L = coords.length / dim;
  const qo = li * dim, q0 = coords[qo], q1 = coords[qo + 1], q2 = dim === 3 ? coords[qo + 2] : 0;
  let c = 0;
  for (let l = 0; l < L; l++) {
    if (l === li) continue;
    const o = l * dim;
    // the tree's sum in the tree's order, so the same set is chosen (x ** 2 is x * x exactly:
    // fdlibm's pow returns x * x for y = 2)
    const e0 = coords[o] - q0, e1 = coords[o + 1] - q1;
    let d = e0 * e0 + e1 * e1;
    if (dim === 3) { const e2 = coords[o + 2] - q2; d += e2 * e2; }
    keys[c] = d; scratch[c] = d; c++;
  }
  const kth = select(scratch, c, m - 1);
  const out = new Int32Array(m);
  let q = 0;
  // keys[t] belongs to point t, or t + 1 past li
  for (let t = 0; t < c; t++) if (keys[t] < kth) out[q++] = t < li ? t : t + 1;
  for (let t = 0; t < c && q < m; t++) if (keys[t] === kth) out[q++] = t < li ? t : t + 1;
  return out;
}

/** Put the entries of equal d (already sorted by d) in increasing idx order (insertion sort within each run of ties). */
function tiesByIndex(d: Float64Array, idx: Int32Array, count: number): void {
  for (let t = 1; t < count; t++) {
    if (d[t] !== d[t - 1] || idx[t] > idx[t - 1]) continue;
    const v = idx[t];
    let u = t - 1;
    while (u >= 0 && d[u] === d[t] && idx[u] > v) { idx[u + 1] = idx[u]; u--; }
    idx[u + 1] = v;
  }
}
