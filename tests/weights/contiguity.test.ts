import { describe, expect, it } from 'vitest';
import { buildContiguity, higherOrder } from '../../src/weights/contiguity';
import { InputError } from '../../src/core/errors';
import { loadUs48, readJson, referenceQueen } from './us48';

type NbFixture = { source: string; neighbors: Record<string, string[]> };

/** Unit square with lower-left corner (x, y). */
const square = (id: string, x: number, y: number, size = 1) => ({
  id,
  geometry: { type: 'Polygon' as const, coordinates: [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]] },
});

describe('buildContiguity on us48', () => {
  it('queen equals spdep::poly2nb(queen = TRUE) exactly', async () => {
    // spdep::poly2nb(queen=TRUE) on us48 ordered by STATE_NAME: tests/fixtures/reference/produc_reference.json "neighbors"
    const ref = referenceQueen();
    const w = buildContiguity(await loadUs48(), { type: 'queen' });
    expect(w.n).toBe(48);
    expect(w.toNeighborLists()).toEqual(Object.fromEntries(w.ids.map((id) => [id, [...(ref[id] ?? [])].sort()])));
    expect(w.nnz).toBe(214);
    expect(w.islands).toEqual([]);
    expect(w.symmetric).toBe(true);
  });

  it("with spdep's default snap sqrt(.Machine$double.eps) the lists are the same", async () => {
    const f = await loadUs48();
    const snap = Math.sqrt(2.220446049250313e-16);
    expect(buildContiguity(f, { type: 'queen', snap }).toNeighborLists()).toEqual(buildContiguity(f, { type: 'queen' }).toNeighborLists());
    // spdep::poly2nb(us48, queen = FALSE), tests/fixtures/us48/rook.json
    expect(buildContiguity(f, { type: 'rook', snap }).toNeighborLists()).toEqual(readJson<NbFixture>('tests/fixtures/us48/rook.json').neighbors);
  });

  it('rook equals spdep::poly2nb(queen = FALSE) exactly (Four Corners states drop out)', async () => {
    // spdep::poly2nb(us48, queen = FALSE), tests/fixtures/us48/rook.json (scripts/reference/knn-us48.R)
    const ref = readJson<NbFixture>('tests/fixtures/us48/rook.json');
    const w = buildContiguity(await loadUs48(), { type: 'rook' });
    expect(w.toNeighborLists()).toEqual(ref.neighbors);
    expect(w.nnz).toBe(210);
    expect(w.islands).toEqual([]);
    expect(w.get('Arizona', 'Colorado')).toBe(0); // Four Corners: a point, not an edge
    expect(w.get('Utah', 'New Mexico')).toBe(0);
    expect(w.get('Utah', 'Arizona')).toBe(1);
  });

  it('second order equals spdep::nblag(maxlag = 2)[[2]]', async () => {
    // spdep::nblag(poly2nb(us48), 2)[[2]], tests/fixtures/us48/queen-order2.json
    const ref = readJson<NbFixture>('tests/fixtures/us48/queen-order2.json');
    const f = await loadUs48();
    expect(buildContiguity(f, { type: 'queen', order: 2 }).toNeighborLists()).toEqual(ref.neighbors);
    const first = buildContiguity(f, { type: 'queen' });
    expect(higherOrder(first, 2).toNeighborLists()).toEqual(ref.neighbors);
    // cumulative = first ∪ second order
    const cum = buildContiguity(f, { type: 'queen', order: 2, cumulative: true }).toNeighborLists();
    for (const id of first.ids) {
      expect(cum[id]).toEqual([...first.neighbors(id), ...ref.neighbors[id]].sort());
    }
  });
});

describe('buildContiguity on small polygons', () => {
  it('distinguishes queen (corner) from rook (edge)', () => {
    const f = [square('a', 0, 0), square('b', 1, 0), square('c', 1, 1), square('far', 5, 5)];
    expect(buildContiguity(f, { type: 'queen' }).toNeighborLists()).toEqual({ a: ['b', 'c'], b: ['a', 'c'], c: ['a', 'b'], far: [] });
    expect(buildContiguity(f, { type: 'rook' }).toNeighborLists()).toEqual({ a: ['b'], b: ['a', 'c'], c: ['b'], far: [] });
    expect(buildContiguity(f, { type: 'queen' }).islands).toEqual(['far']);
  });

  it('snap closes a small gap between polygons', () => {
    const f = [square('a', 0, 0), square('b', 1 + 1e-7, 0)];
    expect(buildContiguity(f, { type: 'rook' }).nnz).toBe(0);
    expect(buildContiguity(f, { type: 'rook', snap: 1e-6 }).toNeighborLists()).toEqual({ a: ['b'], b: ['a'] });
    expect(buildContiguity(f, { type: 'queen', snap: 1e-8 }).nnz).toBe(0);
  });

  it('handles MultiPolygon features with holes', () => {
    const multi = {
      id: 'm',
      geometry: {
        type: 'MultiPolygon' as const,
        coordinates: [
          [[[0, 0], [3, 0], [3, 3], [0, 3], [0, 0]], [[1, 1], [2, 1], [2, 2], [1, 2], [1, 1]]],
          [[[10, 0], [11, 0], [11, 1], [10, 1], [10, 0]]],
        ],
      },
    };
    const f = [multi, square('hole', 1, 1), square('east', 11, 0)];
    expect(buildContiguity(f, { type: 'rook' }).toNeighborLists()).toEqual({ m: ['hole', 'east'], hole: ['m'], east: ['m'] });
  });

  it('rejects empty geometry, duplicate ids, non-polygons and bad options', () => {
    const empty = { id: 'Atlantis', geometry: { type: 'Polygon' as const, coordinates: [] } };
    expect(() => buildContiguity([square('a', 0, 0), empty], { type: 'queen' })).toThrow('Region "Atlantis" has an empty geometry.');
    expect(() => buildContiguity([square('a', 0, 0), { id: 'b', geometry: null }], { type: 'queen' })).toThrow('Region "b" has an empty geometry.');
    expect(() => buildContiguity([], { type: 'queen' })).toThrow('The geometry has no regions.');
    expect(() => buildContiguity([square('a', 0, 0), square('a', 1, 0)], { type: 'queen' })).toThrow('Region id "a" appears more than once.');
    const pt = { id: 'p', geometry: { type: 'Point' as const, coordinates: [0, 0] } };
    expect(() => buildContiguity([pt], { type: 'queen' })).toThrow('Region "p" has a Point geometry; contiguity needs polygons.');
    expect(() => buildContiguity([square('a', 0, 0)], { type: 'queen', order: 0 })).toThrow('The contiguity order must be an integer ≥ 1, got 0.');
    expect(() => buildContiguity([square('a', 0, 0)], { type: 'queen', snap: -1 })).toThrow('The snap tolerance must be a number ≥ 0, got -1.');
    try {
      buildContiguity([square('a', 0, 0), empty], { type: 'queen' });
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).code).toBe('weights-empty-geometry');
    }
  });
});
