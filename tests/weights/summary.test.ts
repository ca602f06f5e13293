import { describe, expect, it } from 'vitest';
import { summarizeWeights } from '../../src/weights/summary';
import { buildContiguity } from '../../src/weights/contiguity';
import { fromNeighbors } from '../../src/weights/spatial-weights';
import { loadUs48 } from './us48';

describe('summarizeWeights', () => {
  it('reports sizes, islands, symmetry, components and the histogram', () => {
    const w = fromNeighbors(['a', 'b', 'c', 'd', 'e'], { a: ['b'], b: ['a', 'c'], c: ['b'], d: ['e'] });
    const s = summarizeWeights(w);
    expect(s).toMatchObject({ n: 5, nonzeros: 5, percentNonzero: 20, minNeighbors: 0, maxNeighbors: 2, meanNeighbors: 1, islands: ['e'], symmetric: false });
    expect(s.components).toEqual([['a', 'b', 'c'], ['d', 'e']]);
    expect(s.histogram).toEqual([1, 3, 1]);
  });

  it('us48 queen: one component, 214 links, 1 to 8 neighbours', async () => {
    // spdep: summary(poly2nb(us48)) — 48 regions, 214 nonzero links, 9.288194 % nonzero,
    // average 4.458333 links; link number distribution 1:1 2:4 3:9 4:11 5:10 6:9 7:2 8:2
    const s = summarizeWeights(buildContiguity(await loadUs48(), { type: 'queen' }));
    expect(s.nonzeros).toBe(214);
    expect(s.percentNonzero).toBeCloseTo(9.288194, 6);
    expect(s.meanNeighbors).toBeCloseTo(4.458333, 6);
    expect([s.minNeighbors, s.maxNeighbors]).toEqual([1, 8]);
    expect(s.components).toHaveLength(1);
    expect(s.histogram).toEqual([0, 1, 4, 9, 11, 10, 9, 2, 2]);
  });
});
