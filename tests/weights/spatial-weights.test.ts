import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromDense, fromEntries, fromNeighbors, SpatialWeights, type Transformation } from '../../src/weights/spatial-weights';
import { buildContiguity } from '../../src/weights/contiguity';
import { RTOL } from '../tolerances';
import { loadUs48 } from './us48';

const ids = ['a', 'b', 'c', 'd'];
/** a–b–c path plus island d, original weights 2, 1 (symmetric). */
const path = () => fromNeighbors(ids, { a: ['b'], b: ['a', 'c'], c: ['b'] }, { a: [2], b: [2, 1], c: [1] });

/** Random sparse non-negative W over n regions, as (row, col, value) triplets without diagonal. */
const arbW = fc.integer({ min: 1, max: 12 }).chain((n) =>
  fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 }), fc.double({ min: 0.01, max: 100, noNaN: true })), { maxLength: 40 })
    .map((t) => {
      const seen = new Set<string>();
      const keep = t.filter(([i, j]) => i !== j && !seen.has(`${i},${j}`) && (seen.add(`${i},${j}`), true));
      const names = Array.from({ length: n }, (_, i) => `r${i}`);
      return SpatialWeights.fromTriplets(names, keep.map((e) => e[0]), keep.map((e) => e[1]), keep.map((e) => e[2]));
    }));

describe('SpatialWeights', () => {
  it('stores CSR sorted by column, islands explicit, frozen', () => {
    const w = path();
    expect(Array.from(w.rowPtr)).toEqual([0, 1, 3, 4, 4]);
    expect(Array.from(w.colIdx)).toEqual([1, 0, 2, 1]);
    expect(w.islands).toEqual(['d']);
    expect(w.symmetric).toBe(true);
    expect(w.transformation).toBe('O');
    expect(Object.isFrozen(w)).toBe(true);
    expect(Object.isFrozen(w.ids)).toBe(true);
    expect(w.neighbors('b')).toEqual(['a', 'c']);
    expect(w.neighborWeights('b')).toEqual([2, 1]);
    expect(w.get('a', 'c')).toBe(0);
  });

  it('row-standardises, keeping islands as zero rows (never NaN)', () => {
    const r = path().transform('R');
    expect(r.neighborWeights('b')).toEqual([2 / 3, 1 / 3]);
    expect(Array.from(r.rowSums())).toEqual([1, 1, 1, 0]);
    expect(Array.from(r.lag([1, 2, 3, 4]))).toEqual([2, 1 * 2 / 3 + 3 / 3, 2, 0]);
  });

  it('binary, original and min–max transforms', () => {
    const w = path();
    expect(Array.from(w.transform('B').values)).toEqual([1, 1, 1, 1]);
    // transforms do not compound: B of R is B of the original; O gets the original back
    expect(Array.from(w.transform('R').transform('O').values)).toEqual([2, 2, 1, 1]);
    // min(max row sum 3, max col sum 3) = 3
    expect(Array.from(w.transform('M').values)).toEqual([2 / 3, 2 / 3, 1 / 3, 1 / 3]);
  });

  it('spectral transform divides by the largest |eigenvalue|', async () => {
    // path a–b–c with weights 2, 1: eigenvalues 0, ±√5
    expect(path().spectralRadius()).toBeCloseTo(Math.sqrt(5), 12);
    expect(Math.max(...path().transform('S').values)).toBeCloseTo(2 / Math.sqrt(5), 12);
    // R: max(abs(eigen(nb2mat(poly2nb(us48), style = "B"))$values)) = 5.40748660133946
    const q = buildContiguity(await loadUs48(), { type: 'queen' });
    expect(q.spectralRadius()).toBeCloseTo(5.40748660133946, 10);
    // row-standardised W has spectral radius 1 (R: eigen(nb2mat(style = "W")) max |λ| = 1)
    expect(q.transform('R').spectralRadius()).toBeCloseTo(1, 10);
    // a bipartite 4-cycle (eigenvalues ±2, 0, 0) still converges thanks to the W + I shift
    const cyc = fromNeighbors(ids, { a: ['b', 'd'], b: ['a', 'c'], c: ['b', 'd'], d: ['a', 'c'] });
    expect(cyc.spectralRadius()).toBeCloseTo(2, 12);
    // asymmetric: R max(Mod(eigen(matrix(c(0,1,1,0, 0,0,2,0, 4,0,0,0.5, 0,0,3,0), 4, byrow = TRUE))$values)) = 2.87752750819943
    const asym = fromDense(ids, [[0, 1, 1, 0], [0, 0, 2, 0], [4, 0, 0, 0.5], [0, 0, 3, 0]]);
    expect(asym.spectralRadius()).toBeCloseTo(2.87752750819943, 10);
    expect(Math.max(...asym.transform('S').values)).toBeCloseTo(4 / 2.87752750819943, 10);
    expect(() => fromDense(ids, [[0, -1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]]).transform('S'))
      .toThrow('Spectral standardisation needs non-negative weights; the matrix over 4 regions has negative ones.');
  });

  it('subset reorders by id and re-standardises the remaining links', () => {
    const r = path().transform('R');
    const s = r.subset(['c', 'b']);
    expect(s.ids).toEqual(['c', 'b']);
    expect(s.transformation).toBe('R');
    expect(s.toNeighborLists()).toEqual({ c: ['b'], b: ['c'] });
    expect(s.neighborWeights('b')).toEqual([1]);
    expect(() => r.subset(['a', 'x', 'y'])).toThrow('The weights matrix has no region "x", "y".');
    expect(() => r.subset(['a', 'a'])).toThrow('Region id "a" appears more than once.');
  });

  it('withLinks adds manual links symmetrically and re-applies the transformation', () => {
    const r = path().transform('R');
    const l = r.withLinks([['d', 'c']]);
    expect(l.islands).toEqual([]);
    expect(l.toNeighborLists()).toEqual({ a: ['b'], b: ['a', 'c'], c: ['b', 'd'], d: ['c'] });
    expect(l.neighborWeights('c')).toEqual([0.5, 0.5]);
    expect(r.islands).toEqual(['d']); // the original object is unchanged
    const oneWay = path().withLinks([['d', 'a']], { symmetric: false });
    expect(oneWay.symmetric).toBe(false);
    expect(() => r.withLinks([['d', 'Atlantis']])).toThrow('Cannot link "d" and "Atlantis": no region "Atlantis" in the weights matrix.');
    expect(() => r.withLinks([['d', 'd']])).toThrow('Cannot link region "d" to itself.');
  });

  it('fromDense, fromEntries and fromNeighbors agree and validate', () => {
    const d = fromDense(ids, [[0, 2, 0, 0], [2, 0, 1, 0], [0, 1, 0, 0], [0, 0, 0, 0]]);
    expect(d.entries()).toEqual(path().entries());
    expect(fromEntries(ids, path().entries()).entries()).toEqual(path().entries());
    expect(() => fromDense(ids, [[0, 1], [1, 0]])).toThrow('The matrix has 2 rows for 4 regions.');
    expect(() => fromNeighbors(ids, { a: ['z'] })).toThrow('Region "a" lists an unknown neighbour "z".');
    expect(() => fromNeighbors(ids, { q: [] })).toThrow('Neighbour lists are given for unknown region "q".');
    expect(() => fromNeighbors(ids, { a: ['b', 'b'] })).toThrow('The link "a" → "b" is given more than once.');
    expect(() => fromNeighbors(ids, { a: ['b'] }, { a: [1, 2] })).toThrow('Region "a" has 1 neighbours but 2 weights.');
    expect(() => fromEntries(ids, [{ i: 'a', j: 'b', value: Number.NaN }])).toThrow('The weight between "a" and "b" is not a finite number (NaN).');
    expect(() => fromNeighbors(['a', 'a'], {})).toThrow('Region id "a" appears more than once.');
    expect(() => path().transform('X' as Transformation)).toThrow('Unknown weights transformation "X"; use O, B, R, S or M.');
  });

  it('property: row-standardised rows sum to 1 except islands', () => {
    fc.assert(fc.property(arbW, (w) => {
      const r = w.transform('R');
      const sums = r.rowSums();
      const islands = new Set(r.islands);
      r.ids.forEach((id, i) => {
        if (islands.has(id)) expect(sums[i]).toBe(0);
        else expect(Math.abs(sums[i] - 1)).toBeLessThan(1e-12);
      });
      for (const v of r.values) expect(Number.isNaN(v)).toBe(false);
    }));
  });

  it('property: transforms return new objects and never mutate the source', () => {
    fc.assert(fc.property(arbW, fc.constantFrom<Transformation>('O', 'B', 'R', 'S', 'M'), (w, t) => {
      const before = Array.from(w.values);
      const out = w.transform(t);
      expect(out).not.toBe(w);
      expect(out.transformation).toBe(t);
      expect(Array.from(w.values)).toEqual(before);
      expect(Array.from(out.transform('O').values)).toEqual(before);
      expect(out.islands).toEqual(w.islands);
    }));
  });

  it('property: min–max scaled W has max row or column sum 1; lag is linear', () => {
    fc.assert(fc.property(arbW, fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 12, maxLength: 12 }), (w, xs) => {
      if (w.nnz === 0) return;
      const m = w.transform('M');
      const rs = m.rowSums();
      const cs = new Float64Array(m.n);
      m.entries().forEach((e) => { cs[m.indexOf(e.j)] += e.value; });
      expect(Math.abs(Math.min(Math.max(...rs), Math.max(...cs)) - 1)).toBeLessThan(RTOL);
      const x = xs.slice(0, w.n);
      const lx = w.lag(x), l2x = w.lag(x.map((v) => 2 * v));
      lx.forEach((v, i) => expect(Math.abs(l2x[i] - 2 * v)).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(v))));
    }));
  });
});
