/**
 * The service's checks before the engine stacks a panel (src/services/spatial-panel/panel-data.ts):
 * W regions without data and islands are named; a missing region-year is named by the engine's
 * stacker. Hand-made 3-region panels: the expected sentences follow from the ids given.
 */
import { describe, expect, it } from 'vitest';
import type { LongPanel } from '../../src/core/panel';
import { stackForW } from '../../src/services/spatial-panel/panel-data';
import { fromNeighbors } from '../../src/weights/spatial-weights';

function panel(rows: [string, number, number][]): LongPanel {
  return {
    source: 'test.csv', idColumn: 'id', timeColumn: 'year', ids: rows.map((r) => r[0]), times: rows.map((r) => r[1]),
    rowNumbers: rows.map((_, i) => i + 2), variables: ['y'], values: { y: Float64Array.from(rows, (r) => r[2]) },
  };
}
const full = panel([['a', 1, 1], ['b', 1, 2], ['c', 1, 3], ['a', 2, 2], ['b', 2, 3], ['c', 2, 5]]);
const v = (p: LongPanel, name = 'y') => ({ name, values: p.values.y });
const chain = fromNeighbors(['a', 'b', 'c'], { a: ['b'], b: ['a', 'c'], c: ['b'] }).transform('R');

describe('stackForW', () => {
  it('stacks by period then region in W order', () => {
    const s = stackForW(full, v(full), [v(full, 'x')], chain);
    expect(s.regionIds).toEqual(['a', 'b', 'c']);
    expect(s.times).toEqual([1, 2]);
    expect(Array.from(s.y)).toEqual([1, 2, 3, 2, 3, 5]);
  });

  it('names W regions without rows in the panel', () => {
    const w = fromNeighbors(['a', 'b', 'c', 'd'], { a: ['b'], b: ['a', 'c', 'd'], c: ['b'], d: ['b'] }).transform('R');
    expect(() => stackForW(full, v(full), [v(full, 'x')], w)).toThrow("1 region(s) of the weights matrix have no rows in the panel: \"d\"; build W over the panel's regions.");
  });

  it('names islands', () => {
    const w = fromNeighbors(['a', 'b', 'c'], { a: ['b'], b: ['a'], c: [] }).transform('R');
    expect(() => stackForW(full, v(full), [v(full, 'x')], w)).toThrow('1 region(s) have no neighbours in W (islands): "c"');
  });

  it("names a missing region-year (the engine's stacker)", () => {
    const p = panel([['a', 1, 1], ['b', 1, 2], ['c', 1, 3], ['a', 2, 2], ['c', 2, 5]]);
    expect(() => stackForW(p, v(p), [v(p, 'x')], chain)).toThrow(/not balanced.*b 2/);
  });
});
