import { describe, expect, it } from 'vitest';
import { parsePeriods, periodSummaries } from '../../../src/models/gwr/periods';

describe('period summaries', () => {
  it('parses 2008-2012,2013-2017 and refuses reversed or malformed text', () => {
    expect(parsePeriods('2008-2012,2013-2017')).toEqual([{ from: 2008, to: 2012, label: '2008–2012' }, { from: 2013, to: 2017, label: '2013–2017' }]);
    expect(parsePeriods('2010')).toEqual([{ from: 2010, to: 2010, label: '2010' }]);
    expect(parsePeriods('2012-2008')).toBeNull();
    expect(parsePeriods('x')).toBeNull();
  });

  it('mean, min, max and share significant by region, group and overall (hand-computed values)', () => {
    // two regions (A in East, B in West), years 1..4, one coefficient
    const ids = ['A', 'B', 'A', 'B', 'A', 'B', 'A', 'B'];
    const times = [1, 1, 2, 2, 3, 3, 4, 4];
    const beta = [1, 10, 3, 20, 5, 30, 7, 40];
    const p = [0.01, 0.2, 0.03, 0.01, 0.5, 0.5, 0.04, 0.04];
    const s = periodSummaries({ ids, times, names: ['x'], beta, p }, [{ from: 1, to: 2, label: 'P1' }, { from: 3, to: 4, label: 'P2' }],
      { groups: new Map([['A', 'East'], ['B', 'West']]) });
    const x = s[0];
    expect(x.byRegion).toEqual([
      { id: 'A', period: 'P1', n: 2, mean: 2, min: 1, max: 3, shareSignificant: 1 },
      { id: 'B', period: 'P1', n: 2, mean: 15, min: 10, max: 20, shareSignificant: 0.5 },
      { id: 'A', period: 'P2', n: 2, mean: 6, min: 5, max: 7, shareSignificant: 0.5 },
      { id: 'B', period: 'P2', n: 2, mean: 35, min: 30, max: 40, shareSignificant: 0.5 },
    ]);
    expect(x.byGroup.map((g) => [g.group, g.period, g.mean])).toEqual([['East', 'P1', 2], ['West', 'P1', 15], ['East', 'P2', 6], ['West', 'P2', 35]]);
    expect(x.overall[1]).toEqual({ period: 'P2', n: 4, mean: 20.5, min: 5, max: 40, shareSignificant: 0.5 });
  });
});
