import { describe, expect, it } from 'vitest';
import {
  chisqCdf, chisqUpperP, fCdf, fUpperP, normalCdf, normalQuantile, normalTwoSidedP, tCdf, tTwoSidedP,
} from '../../src/stats/distributions';
import { chisqQuantile, fQuantile, tQuantile } from '../../src/stats/quantiles';
import { relErr } from '../tolerances';

const TOL = 1e-12;

describe('distributions (values from R 4.x, options(digits = 17))', () => {
  it('normal', () => {
    expect(relErr(normalCdf(1.5), 9.3319279873114191e-01)).toBeLessThan(TOL); // pnorm(1.5)
    expect(relErr(normalQuantile(0.975), 1.9599639845400536)).toBeLessThan(TOL); // qnorm(0.975)
    expect(relErr(normalTwoSidedP(-2.5), 1.2419330651552270e-02)).toBeLessThan(TOL); // 2*pnorm(-2.5)
    expect(normalTwoSidedP(2.5)).toBe(normalTwoSidedP(-2.5));
    expect(normalTwoSidedP(0)).toBe(1);
  });
  it('Student t', () => {
    expect(relErr(tCdf(-2, 10), 3.6694017385370196e-02)).toBeLessThan(TOL); // pt(-2, 10)
    expect(relErr(tQuantile(0.975, 10), 2.2281388519862739)).toBeLessThan(TOL); // qt(0.975, 10)
    expect(relErr(tTwoSidedP(2.5, 30), 1.8115649068066706e-02)).toBeLessThan(1e-10); // 2*pt(-2.5, 30)
  });
  it('F', () => {
    expect(relErr(fCdf(3, 4, 700), 9.8200737218087220e-01)).toBeLessThan(TOL); // pf(3, 4, 700)
    expect(relErr(fQuantile(0.95, 4, 700), 2.3846561187439441)).toBeLessThan(1e-10); // qf(0.95, 4, 700)
    // pf(50, 4, 700, lower.tail = FALSE): tiny upper tail kept to relative precision
    expect(relErr(fUpperP(50, 4, 700), 4.9640874878761888e-37)).toBeLessThan(1e-8);
    expect(fUpperP(0, 4, 700)).toBe(1);
  });
  it('chi-square', () => {
    expect(relErr(chisqCdf(9.525415634996175, 4), 9.5077237582379870e-01)).toBeLessThan(TOL); // pchisq(9.5254.., 4)
    expect(relErr(chisqQuantile(0.95, 4), 9.4877290367811540)).toBeLessThan(1e-10); // qchisq(0.95, 4)
    expect(relErr(chisqUpperP(9.525415634996175, 4), 4.9227624176201336e-02)).toBeLessThan(1e-10);
  });
  it('NaN in, NaN out', () => {
    expect(normalTwoSidedP(Number.NaN)).toBeNaN();
    expect(tTwoSidedP(Number.NaN, 5)).toBeNaN();
    expect(fUpperP(Number.NaN, 1, 5)).toBeNaN();
  });
});
