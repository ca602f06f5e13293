import { describe, expect, it } from 'vitest';
import { buildEconomicDistance, nestedEconomicGeographic } from '../../src/weights/economic';
import { fromNeighbors } from '../../src/weights/spatial-weights';

describe('economic distance', () => {
  it('w_ij = 1/|x̄_i − x̄_j|', () => {
    const w = buildEconomicDistance(['a', 'b', 'c'], [1, 3, 7]);
    expect(w.toWeightLists()).toEqual({ a: [1 / 2, 1 / 6], b: [1 / 2, 1 / 4], c: [1 / 6, 1 / 4] });
    expect(w.symmetric).toBe(true);
    expect(w.transform('R').neighborWeights('a')).toEqual([0.75, 0.25]);
  });

  it('names the pair with identical means and the region without a value', () => {
    expect(() => buildEconomicDistance(['Hebei', 'Shanxi', 'Henan'], [2, 5, 2]))
      .toThrow('Regions "Hebei" and "Henan" have identical means (2); their economic distance weight 1/|x̄i − x̄j| is infinite.');
    expect(() => buildEconomicDistance(['a', 'b'], [1, Number.NaN])).toThrow('Region "b" has no value to compute its economic distance.');
  });
});

describe('nested economic–geographic weights', () => {
  it('is the element-wise product, row-standardised, with ids matched by name', () => {
    const geo = fromNeighbors(['a', 'b', 'c'], { a: ['b', 'c'], b: ['a'], c: ['a'] }, { a: [2, 1], b: [2], c: [1] });
    const econ = buildEconomicDistance(['c', 'b', 'a'], [7, 3, 1]); // other order on purpose
    const w = nestedEconomicGeographic(geo, econ);
    expect(w.ids).toEqual(['a', 'b', 'c']);
    expect(w.transformation).toBe('R');
    // a: 2·(1/2) = 1 and 1·(1/6); normalised → 6/7, 1/7
    expect(w.neighborWeights('a')[0]).toBeCloseTo(6 / 7, 15);
    expect(w.neighborWeights('a')[1]).toBeCloseTo(1 / 7, 15);
    expect(w.neighborWeights('b')).toEqual([1]);
    expect(() => nestedEconomicGeographic(geo, buildEconomicDistance(['a', 'b'], [1, 2]))).toThrow('The weights matrix has no region "c".');
  });
});
