/** The Weights tab's spec helpers: one spec form from the builder to the grammar's canonical text. */
import { describe, expect, it } from 'vitest';
import { linksOfSpecText, specTextOf, weightsSpecOf, withLinkInSpecText } from '../../../src/services/weights/project-weights';
import { formatWeightsSpec, parseWeightsSpec } from '../../../src/services/weights/weights-service';

describe('spec text helpers', () => {
  it('builds spec texts from the builder and records links', () => {
    expect(specTextOf({ type: 'knn', k: 4, std: 'row' })).toBe('knn:k=4:std=row');
    expect(specTextOf({ type: 'idw', power: 2, std: 'none' })).toBe('idw:power=2:std=none');
    expect(specTextOf({ type: 'queen', order: 2, std: 'row' })).toBe('queen:order=2:std=row');
    expect(() => specTextOf({ type: 'knn', std: 'row' })).toThrow('k-nearest-neighbour weights need k, the number of neighbours (e.g. 4).');
    expect(() => specTextOf({ type: 'band', std: 'row' })).toThrow('Distance-band weights need a distance in km (e.g. 500).');
    expect(() => specTextOf({ type: 'econ', std: 'row' })).toThrow('Economic-distance weights need a variable (e.g. pgdp) whose regional mean sets the distance.');
    const once = withLinkInSpecText('queen:std=row', 'A', 'B');
    expect(once).toBe('queen:std=row:links=A|B');
    expect(linksOfSpecText(withLinkInSpecText(once, 'C', 'D'))).toEqual([['A', 'B'], ['C', 'D']]);
  });
});

describe('one spec form', () => {
  it('the builder\'s spec is the grammar\'s parsed spec: its text parses back to the same spec', () => {
    for (const b of [
      { type: 'queen', std: 'row' }, { type: 'rook', order: 2, std: 'binary' }, { type: 'knn', k: 6, std: 'none' },
      { type: 'idw', power: 2, km: 800, std: 'row' }, { type: 'band', minKm: true, std: 'row' }, { type: 'band', km: 500, std: 'minmax' },
      { type: 'econ', variable: 'log(pgdp)', std: 'row' },
    ] as const) {
      const spec = weightsSpecOf(b);
      expect(parseWeightsSpec(specTextOf(b)), specTextOf(b)).toEqual(spec);
      expect(formatWeightsSpec(spec)).toBe(specTextOf(b));
    }
  });
});
