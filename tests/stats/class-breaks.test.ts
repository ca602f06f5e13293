/** Choropleth class breaks: natural breaks (ckmeans), quantiles, equal interval, standard deviation, box map, user. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ckmeansBreaks, classOf, classify, type ClassMethod } from '../../src/stats/class-breaks';
import { fixturePath, readJsonFile } from '../helpers/paths';
import { inputError } from '../helpers/input-error';

/** Tolerance against classInt (both compute the same closed forms / the same exact optimum). */
const TOL = 1e-9;

/** tests/fixtures/reference/class_breaks.json, written by scripts/reference/class-breaks.R. */
interface RefVector {
  x: number[];
  mean: number;
  sd: number;
  brks: { fisher: Record<string, number[]>; quantile: Record<string, number[]>; equal: Record<string, number[]>; sd: number[]; box: (number | string)[] };
}
const REF = readJsonFile<{ source: string; vectors: Record<string, RefVector> }>(fixturePath('reference', 'class_breaks.json'));
const num = (v: number | string): number => (v === 'Inf' ? Infinity : v === '-Inf' ? -Infinity : Number(v));

/** Within-class sum of squared deviations of a partition given by class indices. */
function withinSS(xs: number[], cls: number[]): number {
  const groups = new Map<number, number[]>();
  xs.forEach((x, i) => groups.set(cls[i], [...(groups.get(cls[i]) ?? []), x]));
  let ss = 0;
  for (const g of groups.values()) {
    const m = g.reduce((s, x) => s + x, 0) / g.length;
    for (const x of g) ss += (x - m) ** 2;
  }
  return ss;
}

/** Smallest within-class SS over every split of sorted xs into k contiguous classes (brute force). */
function bestSS(sorted: number[], k: number): number {
  let best = Infinity;
  const rec = (start: number, left: number, cls: number[]) => {
    if (left === 1) {
      const all = [...cls, ...Array(sorted.length - start).fill(k - 1)];
      best = Math.min(best, withinSS(sorted, all));
      return;
    }
    for (let end = start + 1; end <= sorted.length - (left - 1); end++) {
      rec(end, left - 1, [...cls, ...Array(end - start).fill(k - left)]);
    }
  };
  rec(0, k, []);
  return best;
}

/** The classes as R cuts them: findInterval on the inner breaks, left-closed (classInt's default). */
function rClass(x: number, inner: readonly number[]): number {
  return inner.filter((b) => x >= b).length;
}

describe('classify against classInt::classIntervals (Produc, scripts/reference/class-breaks.R)', () => {
  it('names its source', () => {
    expect(REF.source).toMatch(/^classInt 0\.4/);
  });
  for (const [name, v] of Object.entries(REF.vectors)) {
    describe(name, () => {
      for (const n of ['3', '4', '5', '6', '7']) {
        it(`fisher, quantile and equal with ${n} classes`, () => {
          const k = Number(n);
          // style = "quantile" and "equal": the inner breaks are ours exactly.
          for (const [style, method] of [['quantile', 'quantile'], ['equal', 'equal']] as const) {
            const c = classify(v.x, k, method as ClassMethod);
            const inner = v.brks[style][n].slice(1, -1);
            expect(c?.breaks.length).toBe(inner.length);
            c?.breaks.forEach((b, i) => expect(Math.abs(b - inner[i])).toBeLessThan(TOL));
          }
          // style = "fisher": classInt reports midpoints (max of the lower class + min of the upper) / 2.
          const c = classify(v.x, k, 'jenks');
          if (!c) throw new Error('no classes');
          const inner = v.brks.fisher[n].slice(1, -1);
          const sorted = [...v.x].sort((a, b) => a - b);
          const mids = c.breaks.map((b) => (Math.max(...sorted.filter((x) => x < b)) + b) / 2);
          expect(mids.length).toBe(inner.length);
          mids.forEach((m, i) => expect(Math.abs(m - inner[i])).toBeLessThan(TOL));
          for (const x of v.x) expect(classOf(x, c)).toBe(rClass(x, inner));
        });
      }
      it('standard deviation (GeoDa: mean + j·sd, j = −2…2) is within classInt "sd" pretty() breaks', () => {
        const c = classify(v.x, 5, 'stddev');
        if (!c) throw new Error('no classes');
        expect(Math.abs((c.mean ?? NaN) - v.mean)).toBeLessThan(TOL);
        expect(Math.abs((c.sd ?? NaN) - v.sd)).toBeLessThan(TOL);
        for (const b of c.breaks) expect(Math.min(...v.brks.sd.map((r) => Math.abs(r - b)))).toBeLessThan(TOL);
        expect(c.breaks.length).toBe(5);
      });
      it('box map: the five inner breaks of style = "box" (fences and quartiles)', () => {
        const c = classify(v.x, 5, 'box');
        const inner = v.brks.box.slice(1, -1).map(num);
        expect(c?.breaks.length).toBe(5);
        c?.breaks.forEach((b, i) => expect(Math.abs(b - inner[i])).toBeLessThan(TOL));
      });
    });
  }
  it('the box map of unemp 1986 has an upper outlier (classInt: upper fence 12.7375 < max 13)', () => {
    const v = REF.vectors.unemp_1986;
    const c = classify(v.x, 5, 'box');
    if (!c) throw new Error('no classes');
    expect(v.x.filter((x) => classOf(x, c) === 5).length).toBeGreaterThan(0);
    expect(v.x.filter((x) => classOf(x, c) === 0).length).toBe(0);
  });
});

describe('classify', () => {
  it('quantile thresholds are R type-7 quantiles', () => {
    // R: quantile(1:10, c(.25, .5, .75), type = 7) = 3.25 5.50 7.75
    const c = classify([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 4, 'quantile');
    expect(c?.breaks).toEqual([3.25, 5.5, 7.75]);
    expect(c?.min).toBe(1);
    expect(c?.max).toBe(10);
  });

  it('natural breaks give the same classes as classInt::classIntervals(style = "fisher")', () => {
    // R: classIntervals(c(1,2,4,5,7,9,10,20,22,23,40,41,45), 3, style = "fisher")$brks = 1.0 15.0 31.5 45.0
    const xs = [1, 2, 4, 5, 7, 9, 10, 20, 22, 23, 40, 41, 45];
    const c = classify(xs, 3, 'jenks');
    if (!c) throw new Error('no classes');
    const rBreaks = [15.0, 31.5];
    for (const x of xs) expect(classOf(x, c)).toBe(rBreaks.filter((b) => x > b).length);
  });

  it('natural breaks reach the brute-force optimum of within-class squares', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 6, maxLength: 12 }), fc.integer({ min: 2, max: 5 }), (raw, k) => {
        const xs = [...raw].sort((a, b) => a - b);
        fc.pre(new Set(xs).size >= k);
        const c = classify(xs, k, 'jenks');
        if (!c) return false;
        const ss = withinSS(xs, xs.map((x) => classOf(x, c)));
        return Math.abs(ss - bestSS(xs, k)) <= 1e-9 * Math.max(1, ss);
      }),
      { numRuns: 80 },
    );
  });

  it('ckmeans on 9,000 values (3 periods × 3,000 regions) gives the optimum of a plain O(k·n²) programme on a sample', () => {
    // The O(k·n²) dynamic programme is the textbook Fisher–Jenks; on 600 values it is the check.
    let s = 12345;
    const rnd = (): number => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
    const xs = Array.from({ length: 600 }, () => Math.exp(3 * rnd()) + rnd()).sort((a, b) => a - b);
    const ours = ckmeansBreaks(xs, 6);
    const quad = quadraticJenks(xs, 6);
    const cls = (br: number[]) => xs.map((x) => br.filter((b) => x >= b).length);
    expect(Math.abs(withinSS(xs, cls(ours)) - withinSS(xs, cls(quad)))).toBeLessThan(1e-9 * withinSS(xs, cls(quad)));
    const big = Array.from({ length: 9000 }, () => rnd() * 100);
    const c = classify(big, 9, 'jenks');
    expect(c?.breaks.length).toBe(8);
  });

  it('user breaks are kept as given; out-of-order or missing ones are refused', () => {
    expect(classify([1, 2, 3], 3, 'user', { breaks: [0.5, 2.5, 10] })?.breaks).toEqual([0.5, 2.5, 10]);
    expect(inputError(() => classify([1, 2], 3, 'user', { breaks: [2, 1] }))).toMatchObject({
      code: 'class-breaks-user-order', message: 'The user-defined thresholds must be finite and strictly ascending (2, 1).',
    });
    expect(inputError(() => classify([1, 2], 3, 'user'))).toMatchObject({
      code: 'class-breaks-user-missing', message: 'User-defined classes need at least one threshold.',
    });
  });

  it('puts every value in a class, missing values in none, and never makes more classes than distinct values', () => {
    const c = classify([3, 3, 3, 5, NaN], 5, 'quantile');
    if (!c) throw new Error('no classes');
    expect(c.breaks.length + 1).toBeLessThanOrEqual(2);
    expect(classOf(null, c)).toBe(-1);
    expect(classOf(Number.NaN, c)).toBe(-1);
    expect(classOf(3, c)).toBe(0);
    expect(classOf(5, c)).toBe(c.breaks.length);
    expect(classify([NaN], 5, 'jenks')).toBeNull();
    expect(classify([1, 2, 3, 4], 3, 'equal')?.breaks).toEqual([2, 3]);
  });
});

/** Textbook Fisher–Jenks O(k·n²) programme (the previous implementation), for the cross-check. */
function quadraticJenks(xs: number[], k: number): number[] {
  const n = xs.length;
  const p = new Float64Array(n + 1), p2 = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) { p[i + 1] = p[i] + xs[i]; p2[i + 1] = p2[i] + xs[i] * xs[i]; }
  const ssd = (a: number, b: number) => { const m = b - a + 1, s = p[b + 1] - p[a]; return p2[b + 1] - p2[a] - (s * s) / m; };
  const cost: Float64Array[] = [Float64Array.from({ length: n }, (_, j) => ssd(0, j))];
  const start: Int32Array[] = [new Int32Array(n)];
  for (let c = 1; c < k; c++) {
    const cc = new Float64Array(n).fill(Infinity), st = new Int32Array(n);
    for (let j = c; j < n; j++) for (let s = c; s <= j; s++) {
      const v = cost[c - 1][s - 1] + ssd(s, j);
      if (v < cc[j]) { cc[j] = v; st[j] = s; }
    }
    cost.push(cc); start.push(st);
  }
  const out: number[] = [];
  let j = n - 1;
  for (let c = k - 1; c > 0; c--) { const s = start[c][j]; out.unshift(xs[s]); j = s - 1; }
  return out;
}
