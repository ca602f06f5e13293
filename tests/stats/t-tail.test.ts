import { describe, expect, it } from 'vitest';
import { lnGammaHalfRatio, tTwoSidedPFor } from '../../src/stats/t-tail';
import { tTwoSidedP } from '../../src/stats/distributions';

/** R 4.2.2: `options(digits = 17); 2 * pt(-t, df)`. */
const R_VALUES: Array<[df: number, t: number, p: number]> = [
  [1, 1e-9, 0.99999999936338024], [1, 0.3, 0.81445284184451539], [1, 1.9, 0.30842822890066685], [1, 6, 0.10513691342250685],
  [2.5, 0.3, 0.78734237149519726], [2.5, 1.9, 0.17174604233373467], [2.5, 6, 0.015281729885522906],
  [30, 0.3, 0.76624610528435277], [30, 1.9, 0.067082923998596944], [30, 6, 1.3942768767204717e-06],
  [2400.7, 0.3, 0.76420312864104634], [2400.7, 1.9, 0.057552832893168024], [2400.7, 6, 2.2719251598031575e-09],
];

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('tTwoSidedPFor: two-sided t p values for one df', () => {
  it("matches R's 2*pt(-|t|, df) to 1e-12 relative", () => {
    for (const [df, t, p] of R_VALUES) {
      const f = tTwoSidedPFor(df, tTwoSidedP);
      expect(rel(f(t), p)).toBeLessThan(1e-12);
      expect(rel(f(-t), p)).toBeLessThan(1e-12);
    }
  });

  it('matches the @stdlib t CDF over df 0.5…57,000 and |t| 1e-4…60 (either side of the continued-fraction switch)', () => {
    let worst = 0;
    for (const df of [0.5, 1, 1.5, 3, 7.3, 19.99, 20, 45.5, 120, 816.2, 4321.9, 57000.4]) {
      const f = tTwoSidedPFor(df, tTwoSidedP);
      for (const t of [1e-4, 0.05, 0.5, 1, 1.5, 1.7, 1.72, 1.75, 1.8, 2, 2.5, 3.3, 5, 8, 13, 25, 60]) {
        const ref = tTwoSidedP(t, df);
        if (ref < 1e-290) continue;
        worst = Math.max(worst, rel(f(t), ref));
      }
    }
    expect(worst).toBeLessThan(1e-11);
  });

  it('returns 1 at t = 0, 0 at ±∞, NaN for NaN, and uses the fallback for a non-finite or very large df', () => {
    const f = tTwoSidedPFor(10, tTwoSidedP);
    expect(f(0)).toBe(1);
    expect(f(Infinity)).toBe(0);
    expect(f(-Infinity)).toBe(0);
    expect(f(Number.NaN)).toBeNaN();
    const calls: number[] = [];
    const g = tTwoSidedPFor(Infinity, (t) => { calls.push(t); return 0.5; });
    expect(g(1.23)).toBe(0.5);
    expect(tTwoSidedPFor(1e9, () => 0.25)(2)).toBe(0.25);
    expect(calls).toEqual([1.23]);
  });

  it('lnGammaHalfRatio equals R lgamma(a + 0.5) - lgamma(a)', () => {
    // R 4.2.2: options(digits = 17); lgamma(a + 0.5) - lgamma(a)
    const cases: Array<[number, number]> = [
      [0.25, -1.084741573266782], [1, -0.12078223763524518], [7.5, 0.99079712430668199], [1200.35, 3.5450800936678206],
    ];
    // R subtracts two ln Γ values of ~7,300 at a = 1,200: its own rounding is ~1e-13 relative.
    for (const [a, d] of cases) expect(rel(lnGammaHalfRatio(a), d)).toBeLessThan(1e-11);
  });
});
