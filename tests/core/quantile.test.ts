import { describe, expect, it } from 'vitest';
import { quantiles } from '../../src/core/quantile';
import { RTOL } from '../tolerances';

function expectClose(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(RTOL * Math.max(1, Math.abs(expected)));
}

describe('quantiles (R type 7)', () => {
  it('matches R on a small sample', () => {
    // R: quantile(c(3,1,4,1,5,9,2,6), c(.01,.05,.5,.95,.99)) = 1, 1, 3.5, 7.95, 8.79
    const q = quantiles([3, 1, 4, 1, 5, 9, 2, 6], [0.01, 0.05, 0.5, 0.95, 0.99]);
    [1, 1, 3.5, 7.95, 8.79].forEach((e, i) => expectClose(q[i], e));
  });

  it('ignores NaN, gives NaN on an empty sample, and rejects p outside [0, 1]', () => {
    expect(quantiles([NaN, 2, NaN, 4], [0.5])).toEqual([3]);
    expect(quantiles([NaN], [0.5])[0]).toBeNaN();
    expect(() => quantiles([1, 2], [1.5])).toThrow('quantile probability must be in [0, 1], got 1.5');
  });
});
