import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interpolateLinear } from '../../src/core/interpolate';
import type { LongPanel } from '../../src/core/panel';
import { RTOL } from '../tolerances';

function panel(ids: string[], times: number[], x: number[]): LongPanel {
  return {
    source: 't.csv',
    idColumn: 'id',
    timeColumn: 't',
    ids,
    times,
    rowNumbers: ids.map((_, k) => k + 2),
    variables: ['x'],
    values: { x: Float64Array.from(x) },
  };
}

describe('interpolateLinear', () => {
  it('fills interior gaps on a straight line between observed periods, per region', () => {
    const NaN_ = Number.NaN;
    // rows deliberately out of time order; B's gap spans uneven periods
    const p = panel(['A', 'A', 'A', 'A', 'B', 'B', 'B', 'B'], [2003, 2000, 2001, 2002, 2000, 2002, 2005, 2006], [40, 10, NaN_, NaN_, 0, NaN_, 50, NaN_]);
    const { panel: out, filled } = interpolateLinear(p);
    // A: 10 at 2000, 40 at 2003 → 20, 30 (Stata ipolate gives the same interior values)
    expect(Array.from(out.values.x)).toEqual([40, 10, 20, 30, 0, 20, 50, NaN_]);
    expect(filled).toEqual({ x: 3 });
    // the input is not changed
    expect(Number.isNaN(p.values.x[2])).toBe(true);
  });
  it('does not extrapolate before the first or after the last observation', () => {
    const { panel: out, filled } = interpolateLinear(panel(['A', 'A', 'A', 'A'], [1, 2, 3, 4], [Number.NaN, 1, 3, Number.NaN]));
    expect(Number.isNaN(out.values.x[0])).toBe(true);
    expect(Number.isNaN(out.values.x[3])).toBe(true);
    expect(filled.x).toBe(0);
  });
  it('reproduces any linear trend exactly (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.double({ min: -10, max: 10, noNaN: true }),
        fc.array(fc.boolean(), { minLength: 3, maxLength: 20 }),
        (a, b, holes) => {
          const times = holes.map((_, k) => 1990 + k);
          const truth = times.map((t) => a + b * (t - 1990));
          const x = truth.map((v, k) => (holes[k] && k > 0 && k < holes.length - 1 ? Number.NaN : v));
          const out = interpolateLinear(panel(times.map(() => 'R'), times, x)).panel.values.x;
          out.forEach((v, k) => expect(Math.abs(v - truth[k])).toBeLessThanOrEqual(RTOL * (1 + Math.abs(truth[k]))));
        },
      ),
    );
  });
});
