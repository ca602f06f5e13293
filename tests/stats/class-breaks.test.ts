/** Choropleth class breaks: quantiles (R type 7) and Fisher–Jenks natural breaks. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classOf, classify } from '../../src/stats/class-breaks';

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
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 6, maxLength: 12 }), fc.integer({ min: 2, max: 4 }), (raw, k) => {
        const xs = [...raw].sort((a, b) => a - b);
        fc.pre(new Set(xs).size >= k);
        const c = classify(xs, k, 'jenks');
        if (!c) return false;
        const ss = withinSS(xs, xs.map((x) => classOf(x, c)));
        return Math.abs(ss - bestSS(xs, k)) <= 1e-9 * Math.max(1, ss);
      }),
      { numRuns: 60 },
    );
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
  });
});
