/**
 * Distance-based weights: k nearest neighbours, distance band, inverse distance, kernels.
 * Locations are `Points` (centroids from `featureCentroids` or user point columns); distances
 * are great-circle km on lon/lat (haversine, R = 6371.0088) and planar otherwise.
 */
import KDBush from 'kdbush';
import { InputError } from '../core/errors';
import type { Points } from '../geo/centroid';
import { chordForKm, distanceFn, ellipsoidKm, indexCoordinates } from '../geo/distance';
import { KdTree } from '../geo/kd-tree';
import { indexIds } from '../core/ids';
import { SpatialWeights } from './spatial-weights';

function checkPoints(points: Points): void {
  indexIds(points.ids);
  if (points.ids.length === 0) throw new InputError('weights-no-regions', 'There are no regions to build weights for.');
  if (points.x.length !== points.ids.length || points.y.length !== points.ids.length) {
    throw new RangeError('points: x, y and ids must have the same length');
  }
  for (let i = 0; i < points.ids.length; i++) {
    if (!Number.isFinite(points.x[i]) || !Number.isFinite(points.y[i])) {
      throw new InputError('weights-no-location', `Region "${points.ids[i]}" has no valid location (${points.x[i]}, ${points.y[i]}).`, { id: points.ids[i], x: points.x[i], y: points.y[i] });
    }
  }
}

function treeOf(points: Points): KdTree {
  const { dim, coords } = indexCoordinates(points.x, points.y, points.lonLat);
  return new KdTree(coords, dim);
}

/**
 * Neighbours of every region within distance `threshold` (inclusive), found with a spatial
 * index; returns sorted neighbour positions and their distances.
 */
function neighborsWithin(points: Points, threshold: number): { nb: Int32Array[]; dist: Float64Array[] } {
  const n = points.ids.length;
  const d = distanceFn(points.x, points.y, points.lonLat);
  const nb: Int32Array[] = [], dist: Float64Array[] = [];
  let candidates: (i: number) => number[];
  if (points.lonLat) {
    const tree = treeOf(points);
    // Pad the chord slightly so rounding never loses a point exactly at the threshold.
    const r = chordForKm(threshold) * (1 + 1e-9) + 1e-12;
    candidates = (i) => tree.within(i, r);
  } else {
    const index = new KDBush(n);
    for (let i = 0; i < n; i++) index.add(points.x[i], points.y[i]);
    index.finish();
    const r = threshold * (1 + 1e-12);
    candidates = (i) => index.within(points.x[i], points.y[i], r).filter((j) => j !== i).sort((a, b) => a - b);
  }
  for (let i = 0; i < n; i++) {
    const keep: number[] = [], kd: number[] = [];
    for (const j of candidates(i)) {
      const dij = d(i, j);
      if (dij <= threshold) { keep.push(j); kd.push(dij); }
    }
    nb.push(Int32Array.from(keep)); dist.push(Float64Array.from(kd));
  }
  return { nb, dist };
}

/** Options of `buildKnn`. */
export interface KnnOptions {
  /**
   * How lon/lat neighbours are ranked: `great-circle` (default; haversine, as everywhere in
   * the workbench) or `ellipsoid` (WGS84, Andoyer–Lambert — the ranking of
   * `spdep::knearneigh(longlat = TRUE)`; near-ties can differ, e.g. on us48 centroids New York's
   * 4th neighbour is Massachusetts at 313.13 great-circle km but New Jersey at 313.10 ellipsoidal km).
   * Ignored for planar coordinates.
   */
  readonly metric?: 'great-circle' | 'ellipsoid';
}

/**
 * k-nearest-neighbour weights (binary, generally asymmetric), via a k-d tree; on lon/lat the
 * tree holds 3-D unit vectors so chord order equals great-circle order. Ties go to the region
 * that comes first in `points.ids`.
 * Reference: `spdep::knn2nb(knearneigh(coords, k, longlat = TRUE))` (with `metric: 'ellipsoid'`
 * the lists agree exactly on us48); libpysal `KNN`.
 * @throws InputError `weights-bad-k` / `weights-k-too-large` when k is not an integer ≥ 1 or k ≥ n.
 */
export function buildKnn(points: Points, k: number, opts: KnnOptions = {}): SpatialWeights {
  checkPoints(points);
  const n = points.ids.length;
  if (!Number.isInteger(k) || k < 1) throw new InputError('weights-bad-k', `k must be a whole number ≥ 1, got ${k}.`, { k });
  if (k >= n) throw new InputError('weights-k-too-large', `k = ${k} must be less than the number of regions (${n}).`, { k, n });
  const tree = treeOf(points);
  const rows = new Int32Array(n * k), cols = new Int32Array(n * k), vals = new Float64Array(n * k).fill(1);
  const ellipsoid = points.lonLat && opts.metric === 'ellipsoid';
  const { x, y } = points;
  for (let i = 0; i < n; i++) {
    let nb: ArrayLike<number>;
    if (!ellipsoid) nb = tree.nearest(i, k).idx;
    else {
      // Ellipsoidal / spherical distance ratios stay within [0.996, 1.007]: every ellipsoidal
      // k-th neighbour lies within 1.02 × the spherical k-th distance; re-rank those candidates.
      const { sqDist } = tree.nearest(i, k);
      const cand = tree.within(i, Math.sqrt(sqDist[k - 1]) * 1.02);
      nb = cand.map((j) => [j, ellipsoidKm(x[i], y[i], x[j], y[j])] as const)
        .sort((a, b) => a[1] - b[1] || a[0] - b[0]).slice(0, k).map((e) => e[0]);
    }
    for (let t = 0; t < k; t++) { rows[i * k + t] = i; cols[i * k + t] = nb[t]; }
  }
  return SpatialWeights.fromTriplets(points.ids, rows, cols, vals);
}

/**
 * Distance to each region's nearest neighbour (km on lon/lat, map units otherwise).
 * @throws InputError `weights-too-few-regions` with fewer than 2 regions.
 */
export function nearestNeighborDistances(points: Points): Float64Array {
  checkPoints(points);
  const n = points.ids.length;
  if (n < 2) throw new InputError('weights-too-few-regions', 'Distance weights need at least 2 regions.');
  const tree = treeOf(points);
  const d = distanceFn(points.x, points.y, points.lonLat);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = d(i, tree.nearest(i, 1).idx[0]);
  return out;
}

/**
 * The smallest distance band that leaves no island: the largest nearest-neighbour distance.
 * Formula: max_i min_{j≠i} d_ij. Reference: GeoDa's suggested minimum threshold.
 * @throws InputError `weights-too-few-regions` with fewer than 2 regions.
 */
export function minThresholdNoIsland(points: Points): number {
  let m = 0;
  for (const v of nearestNeighborDistances(points)) m = Math.max(m, v);
  return m;
}

/**
 * Binary distance-band weights: w_ij = 1 when 0 < d_ij ≤ threshold (km on lon/lat).
 * Regions with no other region within the band are islands.
 * Reference: `spdep::dnearneigh(0, threshold, longlat)`; libpysal `DistanceBand(binary=True)`.
 * @throws InputError `weights-bad-band` / `weights-bad-bandwidth` / `weights-bad-power` / `weights-kernel-bandwidth-choice` … when the threshold is not positive.
 */
export function buildDistanceBand(points: Points, threshold: number): SpatialWeights {
  checkPoints(points);
  if (!(threshold > 0) || !Number.isFinite(threshold)) throw new InputError('weights-bad-band', `The distance band must be a positive number, got ${threshold}.`, { band: threshold });
  const { nb } = neighborsWithin(points, threshold);
  const rows: number[] = [], cols: number[] = [];
  nb.forEach((list, i) => { for (const j of list) { rows.push(i); cols.push(j); } });
  return SpatialWeights.fromTriplets(points.ids, rows, cols, new Float64Array(rows.length).fill(1));
}

/** Options of `buildInverseDistance`. */
export interface InverseDistanceOptions {
  /** Distance decay exponent α in 1/d^α (1 or 2 in the literature; any positive value accepted). */
  readonly power: number;
  /** Only pairs with d ≤ band are linked (sparse); omitted = every pair (dense, n² entries). */
  readonly band?: number;
}

/**
 * Inverse-distance weights w_ij = 1 / d_ij^α for i ≠ j (d in km on lon/lat), for every pair or
 * within a band (found with a spatial index, so memory stays O(nnz)).
 * Reference: libpysal `DistanceBand(binary=False, alpha=-α)`; GeoDa inverse distance weights.
 * @throws InputError `weights-bad-band` / `weights-bad-bandwidth` / `weights-bad-power` / `weights-kernel-bandwidth-choice` … for a non-positive power or band; `weights-coincident-points` naming
 *   two regions at the same location.
 */
export function buildInverseDistance(points: Points, opts: InverseDistanceOptions): SpatialWeights {
  checkPoints(points);
  const { power, band } = opts;
  if (!(power > 0) || !Number.isFinite(power)) throw new InputError('weights-bad-power', `The inverse-distance power must be positive, got ${power}.`, { power });
  if (band !== undefined && (!(band > 0) || !Number.isFinite(band))) throw new InputError('weights-bad-band', `The distance band must be a positive number, got ${band}.`, { band });
  const n = points.ids.length;
  const rows: number[] = [], cols: number[] = [], vals: number[] = [];
  const push = (i: number, j: number, dij: number): void => {
    if (dij === 0) {
      throw new InputError('weights-coincident-points', `Regions "${points.ids[i]}" and "${points.ids[j]}" are at the same location; inverse distance is undefined.`, { i: points.ids[i], j: points.ids[j] });
    }
    rows.push(i); cols.push(j); vals.push(power === 1 ? 1 / dij : dij ** -power);
  };
  if (band === undefined) {
    const d = distanceFn(points.x, points.y, points.lonLat);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (j !== i) push(i, j, d(i, j));
  } else {
    const { nb, dist } = neighborsWithin(points, band);
    nb.forEach((list, i) => list.forEach((j, t) => push(i, j, dist[i][t])));
  }
  return SpatialWeights.fromTriplets(points.ids, rows, cols, vals);
}

/** Kernel functions of z = d / h on 0 ≤ z < 1. */
export type KernelName = 'triangular' | 'epanechnikov' | 'quartic' | 'gaussian';

/** Options of `buildKernel`: exactly one of `bandwidth` (fixed) or `adaptiveK` (adaptive). */
export interface KernelOptions {
  readonly kernel: KernelName;
  /** Fixed bandwidth h (km on lon/lat). */
  readonly bandwidth?: number;
  /** Adaptive bandwidth: h_i = distance to region i's k-th nearest neighbour. */
  readonly adaptiveK?: number;
  /** Put K(0) on the diagonal (GeoDa's "apply kernel to diagonal"); default false (w_ii = 0). */
  readonly diagonal?: boolean;
}

/**
 * K(z) for z = d/h in [0, 1): triangular 1 − z; Epanechnikov ¾(1 − z²); quartic
 * (15/16)(1 − z²)²; Gaussian exp(−z²/2)/√(2π) (truncated at the bandwidth, as GeoDa and libpysal do).
 */
export function kernelValue(kernel: KernelName, z: number): number {
  switch (kernel) {
    case 'triangular': return 1 - z;
    case 'epanechnikov': return 0.75 * (1 - z * z);
    case 'quartic': return (15 / 16) * (1 - z * z) ** 2;
    case 'gaussian': return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
  }
}

/**
 * Kernel weights w_ij = K(d_ij / h_i) for d_ij < h_i, with a fixed bandwidth h or an adaptive
 * one (h_i = distance to the k-th nearest neighbour, enlarged by a relative 1e-7 so that the
 * k-th neighbour itself gets a positive weight, as in libpysal).
 * Reference: libpysal `Kernel(function=..., fixed=...)`; GeoDa kernel weights.
 * @throws InputError `weights-bad-band` / `weights-bad-bandwidth` / `weights-bad-power` / `weights-kernel-bandwidth-choice` … (unknown kernel; neither or both bandwidth options; non-positive
 *   bandwidth), `weights-bad-k` / `weights-k-too-large` (adaptive k ≥ n).
 */
export function buildKernel(points: Points, opts: KernelOptions): SpatialWeights {
  checkPoints(points);
  const n = points.ids.length;
  if (!['triangular', 'epanechnikov', 'quartic', 'gaussian'].includes(opts.kernel)) {
    throw new InputError('weights-unknown-kernel', `Unknown kernel "${String(opts.kernel)}"; use triangular, epanechnikov, quartic or gaussian.`, { kernel: String(opts.kernel) });
  }
  if ((opts.bandwidth === undefined) === (opts.adaptiveK === undefined)) {
    throw new InputError('weights-kernel-bandwidth-choice', 'Give either a fixed bandwidth or an adaptive k for kernel weights, not both or neither.');
  }
  const h = new Float64Array(n);
  let maxH = 0;
  if (opts.bandwidth !== undefined) {
    if (!(opts.bandwidth > 0) || !Number.isFinite(opts.bandwidth)) throw new InputError('weights-bad-bandwidth', `The kernel bandwidth must be positive, got ${opts.bandwidth}.`, { bandwidth: opts.bandwidth });
    h.fill(opts.bandwidth);
    maxH = opts.bandwidth;
  } else {
    const k = opts.adaptiveK as number;
    if (!Number.isInteger(k) || k < 1) throw new InputError('weights-bad-k', `k must be a whole number ≥ 1, got ${k}.`, { k });
    if (k >= n) throw new InputError('weights-k-too-large', `k = ${k} must be less than the number of regions (${n}).`, { k, n });
    const tree = treeOf(points);
    const d = distanceFn(points.x, points.y, points.lonLat);
    for (let i = 0; i < n; i++) {
      const { idx } = tree.nearest(i, k);
      h[i] = d(i, idx[k - 1]) * (1 + 1e-7);
      maxH = Math.max(maxH, h[i]);
    }
  }
  const { nb, dist } = neighborsWithin(points, maxH);
  const rows: number[] = [], cols: number[] = [], vals: number[] = [];
  for (let i = 0; i < n; i++) {
    if (opts.diagonal) { rows.push(i); cols.push(i); vals.push(kernelValue(opts.kernel, 0)); }
    nb[i].forEach((j, t) => {
      const z = dist[i][t] / h[i];
      if (z < 1) { rows.push(i); cols.push(j); vals.push(kernelValue(opts.kernel, z)); }
    });
  }
  return SpatialWeights.fromTriplets(points.ids, rows, cols, vals);
}
