/**
 * Class breaks for choropleth maps (the app's map and, later, map export). `breaks` has k−1
 * inner thresholds; a value v is in class i = number of thresholds ≤ v (so class 0 is below
 * the first threshold). Pure and value-only: the renderer imports it by value.
 */
import { quantileSorted } from '../core/quantile';

/** The two classification methods offered in the map toolbar. */
export type ClassMethod = 'quantile' | 'jenks';

/** Class breaks plus the data range, for the legend. */
export interface Classes {
  readonly method: ClassMethod;
  readonly min: number;
  readonly max: number;
  /** Inner thresholds, ascending, unique. */
  readonly breaks: readonly number[];
}

/**
 * Quantile classes: thresholds at the i/k quantiles (type 7), duplicates dropped.
 * Natural breaks: Fisher–Jenks optimal partition minimising within-class squared deviations
 * (Jenks 1977; dynamic programme over sorted values, O(k·n²), fine for a few thousand regions).
 */
export function classify(values: readonly number[], k: number, method: ClassMethod): Classes | null {
  const xs = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (xs.length === 0) return null;
  const min = xs[0];
  const max = xs[xs.length - 1];
  const classes = Math.max(1, Math.min(k, new Set(xs).size));
  let breaks: number[] = [];
  if (classes > 1) {
    breaks = method === 'quantile' ? quantileBreaks(xs, classes) : jenksBreaks(xs, classes);
  }
  breaks = [...new Set(breaks)].filter((b) => b > min && b <= max).sort((a, b) => a - b);
  return { method, min, max, breaks };
}

function quantileBreaks(xs: readonly number[], k: number): number[] {
  const out: number[] = [];
  for (let i = 1; i < k; i++) out.push(quantileSorted(xs, i / k));
  return out;
}

function jenksBreaks(xs: readonly number[], k: number): number[] {
  const n = xs.length;
  const prefix = new Float64Array(n + 1);
  const prefix2 = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    prefix[i + 1] = prefix[i] + xs[i];
    prefix2[i + 1] = prefix2[i] + xs[i] * xs[i];
  }
  // Sum of squared deviations of xs[a..b] (inclusive).
  const ssd = (a: number, b: number): number => {
    const m = b - a + 1;
    const s = prefix[b + 1] - prefix[a];
    return prefix2[b + 1] - prefix2[a] - (s * s) / m;
  };
  // cost[c][j]: best cost of splitting xs[0..j] into c+1 classes; start[c][j]: first index of the last class.
  const cost: Float64Array[] = [];
  const start: Int32Array[] = [];
  cost.push(Float64Array.from({ length: n }, (_, j) => ssd(0, j)));
  start.push(new Int32Array(n));
  for (let c = 1; c < k; c++) {
    const cc = new Float64Array(n).fill(Infinity);
    const st = new Int32Array(n);
    for (let j = c; j < n; j++) {
      for (let s = c; s <= j; s++) {
        const v = cost[c - 1][s - 1] + ssd(s, j);
        if (v < cc[j]) {
          cc[j] = v;
          st[j] = s;
        }
      }
    }
    cost.push(cc);
    start.push(st);
  }
  const breaks: number[] = [];
  let j = n - 1;
  for (let c = k - 1; c > 0; c--) {
    const s = start[c][j];
    breaks.unshift(xs[s]);
    j = s - 1;
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
