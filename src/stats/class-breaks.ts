/**
 * Class breaks for choropleth maps (the app's map and the map figures of src/figures). `breaks`
 * has the inner thresholds; a value v is in class i = number of thresholds ≤ v (so class 0 is
 * below the first threshold, and a value equal to a threshold goes to the class above it —
 * classInt's default left-closed intervals). Pure and value-only: the renderer imports it by value.
 *
 * Methods and how they map to R's `classInt::classIntervals(x, n, style)` (tests/stats):
 *  - 'jenks' natural breaks = `style = "fisher"` (the exact optimum; we compute it by ckmeans).
 *    classInt reports the midpoint between two classes; our threshold is the smallest value of
 *    the upper class. Both put every value in the same class.
 *  - 'quantile' = `style = "quantile"` (type-7 quantiles at i/k), duplicates dropped.
 *  - 'equal' = `style = "equal"` (min + i·(max − min)/k).
 *  - 'stddev' = GeoDa's standard deviation map: thresholds at mean + j·sd, j = −2…2 (sd with the
 *    n − 1 divisor), six classes whatever k is. classInt's `"sd"` puts thresholds at `pretty()`
 *    multiples of the sd (often steps of 0.5 sd), a superset of ours when the step divides 1.
 *  - 'box' = GeoDa's box map = `style = "box"` (hinge 1.5, type-7 quartiles): thresholds
 *    Q1 − 1.5·IQR, Q1, Q2, Q3, Q3 + 1.5·IQR, six classes (lower outlier … upper outlier).
 *  - 'user' = the caller's thresholds (classInt `style = "fixed"` without the outer limits).
 * For 'stddev' and 'box' every threshold is kept (a class can be empty), so class i always means
 * the same thing; the others drop thresholds outside (min, max] and duplicates.
 */
import { InputError } from '../core/errors';
import { quantileSorted } from '../core/quantile';

/** Classification methods (the contract's MAP_CLASS_METHODS; the map toolbar offers some). */
export type ClassMethod = 'quantile' | 'jenks' | 'equal' | 'stddev' | 'box' | 'user';

/** Every method, in the order the contract lists them. */
export const CLASS_METHODS: readonly ClassMethod[] = ['jenks', 'quantile', 'equal', 'stddev', 'box', 'user'];

/** Class breaks plus the data range, for the legend. */
export interface Classes {
  readonly method: ClassMethod;
  readonly min: number;
  readonly max: number;
  /** Inner thresholds, ascending (strictly, except 'box'/'stddev' on degenerate data). */
  readonly breaks: readonly number[];
  /** Mean and sd (n − 1) for 'stddev'; absent otherwise. */
  readonly mean?: number;
  readonly sd?: number;
}

/** Options of `classify`. */
export interface ClassifyOptions {
  /** Inner thresholds for method 'user', ascending. */
  readonly breaks?: readonly number[];
}

/**
 * Classes of the finite values of `values` (non-finite ones are ignored).
 *
 * @param values - the data (NaN / ±Infinity = missing)
 * @param k - number of classes asked for (capped by the number of distinct values; ignored by
 *   'stddev' and 'box', which always make six, and by 'user', which makes breaks + 1)
 * @param method - see the module comment
 * @returns the classes, or null when no value is finite
 * @throws InputError `class-breaks-user-missing` when method 'user' has no thresholds;
 *   `class-breaks-user-order` when they are not finite and strictly ascending.
 */
export function classify(values: readonly number[], k: number, method: ClassMethod, opts: ClassifyOptions = {}): Classes | null {
  const xs = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (xs.length === 0) return null;
  const min = xs[0];
  const max = xs[xs.length - 1];
  if (method === 'box') return { method, min, max, breaks: boxBreaks(xs) };
  if (method === 'stddev') {
    const { mean, sd } = meanSd(xs);
    return { method, min, max, breaks: [-2, -1, 0, 1, 2].map((j) => mean + j * sd), mean, sd };
  }
  if (method === 'user') return { method, min, max, breaks: userBreaks(opts.breaks) };
  const classes = Math.max(1, Math.min(k, distinctCount(xs)));
  let breaks: number[] = [];
  if (classes > 1) {
    if (method === 'quantile') breaks = quantileBreaks(xs, classes);
    else if (method === 'equal') breaks = equalBreaks(min, max, classes);
    else breaks = ckmeansBreaks(xs, classes);
  }
  breaks = [...new Set(breaks)].filter((b) => b > min && b <= max).sort((a, b) => a - b);
  return { method, min, max, breaks };
}

function distinctCount(sorted: readonly number[]): number {
  let c = 1;
  for (let i = 1; i < sorted.length; i++) if (sorted[i] !== sorted[i - 1]) c++;
  return c;
}

function quantileBreaks(xs: readonly number[], k: number): number[] {
  const out: number[] = [];
  for (let i = 1; i < k; i++) out.push(quantileSorted(xs, i / k));
  return out;
}

/** classInt "equal": seq(min, max, length.out = k + 1), inner points. */
function equalBreaks(min: number, max: number, k: number): number[] {
  const out: number[] = [];
  for (let i = 1; i < k; i++) out.push(min + (i * (max - min)) / k);
  return out;
}

function meanSd(xs: readonly number[]): { mean: number; sd: number } {
  const n = xs.length;
  let s = 0;
  for (const x of xs) s += x;
  const mean = s / n;
  let ss = 0;
  for (const x of xs) ss += (x - mean) ** 2;
  return { mean, sd: n > 1 ? Math.sqrt(ss / (n - 1)) : 0 };
}

/** Box map thresholds (GeoDa; classInt style "box", iqr_mult 1.5, type 7). */
function boxBreaks(xs: readonly number[]): number[] {
  const q1 = quantileSorted(xs, 0.25), q2 = quantileSorted(xs, 0.5), q3 = quantileSorted(xs, 0.75);
  const h = 1.5 * (q3 - q1);
  return [q1 - h, q1, q2, q3, q3 + h];
}

function userBreaks(breaks: readonly number[] | undefined): number[] {
  if (!breaks || breaks.length === 0) {
    throw new InputError('class-breaks-user-missing', 'User-defined classes need at least one threshold.');
  }
  for (let i = 0; i < breaks.length; i++) {
    if (!Number.isFinite(breaks[i]) || (i > 0 && !(breaks[i] > breaks[i - 1]))) {
      throw new InputError('class-breaks-user-order',
        `The user-defined thresholds must be finite and strictly ascending (${breaks.join(', ')}).`,
        { breaks: breaks.join(', ') });
    }
  }
  return [...breaks];
}

/**
 * Natural breaks by optimal 1-D k-means: the partition of sorted values into k contiguous
 * classes with the least within-class sum of squares (Fisher 1958's criterion, which classInt's
 * "fisher" style solves exactly), found by dynamic programming with the divide-and-conquer
 * row fill of Ckmeans.1d.dp (Wang & Song 2011; Song & Zhong 2020): the best start of the last
 * class is monotone in the class's end, so each of the k rows costs O(n log n).
 *
 * Returns the k − 1 thresholds as the smallest value of each upper class.
 */
export function ckmeansBreaks(sorted: readonly number[], k: number): number[] {
  const n = sorted.length;
  // Shift by the median so the prefix sums lose little precision.
  const shift = sorted[n >> 1];
  const s1 = new Float64Array(n + 1);
  const s2 = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const x = sorted[i] - shift;
    s1[i + 1] = s1[i] + x;
    s2[i + 1] = s2[i] + x * x;
  }
  // ssq(j, i): sum of squared deviations of sorted[j..i] (inclusive).
  const ssq = (j: number, i: number): number => {
    const m = i - j + 1;
    const s = s1[i + 1] - s1[j];
    const v = s2[i + 1] - s2[j] - (s * s) / m;
    return v > 0 ? v : 0;
  };
  // D[q][i]: best cost of sorted[0..i] in q + 1 classes; B[q][i]: start of the last class.
  const D: Float64Array[] = [];
  const B: Int32Array[] = [];
  const d0 = new Float64Array(n);
  for (let i = 0; i < n; i++) d0[i] = ssq(0, i);
  D.push(d0);
  B.push(new Int32Array(n));
  for (let q = 1; q < k; q++) {
    const prev = D[q - 1];
    const cur = new Float64Array(n).fill(Infinity);
    const arg = new Int32Array(n);
    // Fill cur[i] for i in [lo, hi], knowing the optimal start lies in [jlo, jhi].
    const fill = (lo: number, hi: number, jlo: number, jhi: number): void => {
      if (lo > hi) return;
      const mid = (lo + hi) >> 1;
      let best = Infinity, bestJ = Math.max(jlo, q);
      const top = Math.min(jhi, mid);
      for (let j = Math.max(jlo, q); j <= top; j++) {
        const v = prev[j - 1] + ssq(j, mid);
        if (v < best) {
          best = v;
          bestJ = j;
        }
      }
      cur[mid] = best;
      arg[mid] = bestJ;
      fill(lo, mid - 1, jlo, bestJ);
      fill(mid + 1, hi, bestJ, jhi);
    };
    fill(q, n - 1, q, n - 1);
    D.push(cur);
    B.push(arg);
  }
  const breaks: number[] = [];
  let i = n - 1;
  for (let q = k - 1; q > 0; q--) {
    const j = B[q][i];
    breaks.unshift(sorted[j]);
    i = j - 1;
  }
  return breaks;
}

/** Class index of `v` (0-based), or −1 when missing. */
export function classOf(v: number | null, classes: Classes): number {
  if (v === null || !Number.isFinite(v)) return -1;
  let i = 0;
  while (i < classes.breaks.length && v >= classes.breaks[i]) i++;
  return i;
}

/** Number of classes `classes` makes (breaks + 1). */
export function classCount(classes: Classes): number {
  return classes.breaks.length + 1;
}
