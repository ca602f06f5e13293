import { describe, expect, it } from 'vitest';
import { fDistributionCdf, lnBeta, lnGamma, regularizedBeta } from '../../src/stats/beta-tail';
import { fCdf, fUpperP } from '../../src/stats/distributions';

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

/** R 4.2.2, `options(digits = 17)`: `lgamma(z)`. */
const R_LGAMMA: Array<[number, number]> = [
  [0.5, 0.57236494292470008], [1, 0], [2.5, 0.28468287047291918], [19.5, 37.861086508961094], [408, 2042.5105163512258],
];

describe('beta-tail: ln Γ, ln B, I_x(a, b) and the F distribution function', () => {
  it("lnGamma equals R's lgamma", () => {
    for (const [z, v] of R_LGAMMA) expect(Math.abs(lnGamma(z) - v)).toBeLessThan(1e-13 * Math.max(1, Math.abs(v)));
    expect(lnGamma(0)).toBeNaN();
    expect(lnGamma(-1)).toBeNaN();
  });

  it('lnBeta(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b); B(1, b) = 1/b', () => {
    for (const b of [0.5, 3, 77.7, 4000]) expect(Math.abs(lnBeta(1, b) + Math.log(b))).toBeLessThan(1e-12 * Math.max(1, Math.log(b)));
  });

  it('I_x(a, 1) = x^a and I_x(1, b) = 1 − (1 − x)^b (closed forms)', () => {
    for (const a of [0.3, 2, 17.5]) for (const x of [0.01, 0.4, 0.97]) expect(rel(regularizedBeta(x, 1 - x, a, 1), x ** a)).toBeLessThan(1e-13);
    for (const b of [0.3, 2, 17.5]) for (const x of [0.01, 0.4, 0.97]) expect(rel(regularizedBeta(x, 1 - x, 1, b), 1 - (1 - x) ** b)).toBeLessThan(1e-12);
  });

  it("fDistributionCdf equals R's pf to 1e-12 relative (fractional df as the Leung–Mei–Zhang test)", () => {
    // R 4.2.2, options(digits = 17): pf(q, df1, df2)
    const cases: Array<[number, number, number, number]> = [
      [0.5, 3, 10, 0.30937775446644261], [2.7, 4.5, 811, 0.97580835568752788], [0.62, 120.37, 812, 0.00062949456167288342],
    ];
    for (const [q, d1, d2, v] of cases) expect(rel(fDistributionCdf(q, d1, d2), v)).toBeLessThan(1e-12);
    // large df2 (county-scale n), tiny q: here @stdlib is off by 2e-9–3e-9 relative, this module by ≤ 1.1e-10
    const large: Array<[number, number, number, number]> = [
      [0.001, 1, 57000, 0.025227009911285101], [0.001, 33.3, 57000, 1.8373527348364731e-44], [0.001, 0.7, 57000, 0.069251815202321237],
    ];
    for (const [q, d1, d2, v] of large) expect(rel(fDistributionCdf(q, d1, d2), v)).toBeLessThan(2e-10);
    // stats/distributions' F functions are this one (upper tail through F(df2, df1) at 1/q)
    expect(fCdf(2.7, 4.5, 811)).toBe(fDistributionCdf(2.7, 4.5, 811));
    expect(rel(fUpperP(2.7, 4.5, 811), 1 - 0.97580835568752788)).toBeLessThan(1e-9);
  });

  it('is 0 at q ≤ 0, 1 at ∞ and NaN for NaN or a non-positive df', () => {
    expect(fDistributionCdf(0, 3, 4)).toBe(0);
    expect(fDistributionCdf(-1, 3, 4)).toBe(0);
    expect(fDistributionCdf(Infinity, 3, 4)).toBe(1);
    expect(fDistributionCdf(Number.NaN, 3, 4)).toBeNaN();
    expect(fDistributionCdf(1, 0, 4)).toBeNaN();
  });
});
