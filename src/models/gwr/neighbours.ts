/**
 * The neighbours (and bandwidth h_i) of each focal observation for one kernel and bandwidth:
 * adaptive k — h_i is the k-th smallest space–time distance from i counting i itself (d_ii = 0)
 * as the first (GWmodel convention; ties are not broken, h_i is a value); fixed h — h_i = h.
 * Compact kernels (bisquare, tricube, box-car) see only observations within h_i; Gaussian and
 * exponential see all. A cache of sorted k_max lists serves every k ≤ k_max of a search.
 */
import { InputError } from '../../core/errors';
import { isCompact, type GwrKernel } from './kernels';
import type { LocalNeighbours } from './local-fit';
import type { SpaceTimeIndex, SpaceTimeMetric, NeighbourList } from './space-time';

/** How the bandwidth is given. */
export interface BandwidthSpec {
  readonly kernel: GwrKernel;
  /** True: `bandwidth` is k (number of nearest observations); false: a distance h. */
  readonly adaptive: boolean;
  readonly bandwidth: number;
}

/** Sorted (nearest first) neighbour lists of every observation up to k_max (reused across k in a search). */
export interface NeighbourCache {
  readonly kMax: number;
  readonly lists: readonly NeighbourList[];
}

/** Build the cache of the k_max nearest of each observation (ties at the k_max-th included). */
export function buildNeighbourCache(index: SpaceTimeIndex, kMax: number, metric: SpaceTimeMetric, signal?: () => void): NeighbourCache {
  const lists: NeighbourList[] = new Array<NeighbourList>(index.n);
  for (let i = 0; i < index.n; i++) {
    if (signal && (i & 255) === 0) signal();
    const lst = index.nearest(i, kMax, metric);
    const order = Array.from({ length: lst.idx.length }, (_, t) => t).sort((a, b) => lst.dist[a] - lst.dist[b]);
    const idx = new Int32Array(order.length), dist = new Float64Array(order.length);
    for (let t = 0; t < order.length; t++) { idx[t] = lst.idx[order[t]]; dist[t] = lst.dist[order[t]]; }
    lists[i] = { idx, dist };
  }
  return { kMax, lists };
}

/** Number of entries of a sorted list at distance ≤ h. */
function prefixUpTo(dist: Float64Array, h: number): number {
  let lo = 0, hi = dist.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (dist[mid] <= h) lo = mid + 1; else hi = mid; }
  return lo;
}

/**
 * The neighbour function of a bandwidth.
 * @throws InputError `gwr-too-few-observations` when adaptive k exceeds the observations.
 */
export function neighbourSource(
  index: SpaceTimeIndex, spec: BandwidthSpec, metric: SpaceTimeMetric, cache?: NeighbourCache,
): (i: number) => LocalNeighbours {
  const compact = isCompact(spec.kernel);
  // one result object, refilled per call (valid until the next call, as the index's lists)
  const out: { idx: Int32Array; dist: Float64Array; h: number } = { idx: new Int32Array(0), dist: new Float64Array(0), h: 0 };
  const fill = (idx: Int32Array, dist: Float64Array, h: number): LocalNeighbours => { out.idx = idx; out.dist = dist; out.h = h; return out; };
  if (spec.adaptive) {
    const k = spec.bandwidth;
    if (!Number.isInteger(k) || k < 1) throw new RangeError(`adaptive bandwidth must be a positive integer, got ${k}`);
    if (k > index.n) {
      throw new InputError('gwr-too-few-observations', `The adaptive bandwidth asks for ${k} nearest observations but there are only ${index.n}.`, { k, n: index.n });
    }
    if (compact) {
      return (i) => {
        if (cache && k <= cache.kMax) {
          const lst = cache.lists[i];
          const h = lst.dist[Math.min(k, lst.dist.length) - 1];
          const end = prefixUpTo(lst.dist, h);
          return fill(lst.idx.subarray(0, end), lst.dist.subarray(0, end), h);
        }
        // nearest first: h_i is the k-th entry (or the last when fewer are eligible)
        const lst = index.nearest(i, k, metric);
        return fill(lst.idx as Int32Array, lst.dist as Float64Array, lst.dist[Math.min(k, lst.dist.length) - 1]);
      };
    }
    return (i) => {
      const lst = index.all(i, metric);
      return fill(lst.idx as Int32Array, lst.dist as Float64Array, index.kth(lst, k));
    };
  }
  const h = spec.bandwidth;
  if (!(h > 0) || !Number.isFinite(h)) throw new RangeError(`fixed bandwidth must be a positive distance, got ${h}`);
  if (compact) {
    return (i) => { const lst = index.within(i, h, metric); return fill(lst.idx as Int32Array, lst.dist as Float64Array, h); };
  }
  return (i) => { const lst = index.all(i, metric); return fill(lst.idx as Int32Array, lst.dist as Float64Array, h); };
}
