/**
 * `ProjectStore.contents` (the project explorer's counts): a hand-built project whose every
 * count is known by construction — 3 regions, two layers, two import sources with partial
 * coverage, a stored null, a variable without cells, a derived one, a matrix, a run, figures.
 */
import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/store/project-store';
import { tempPath } from './helpers';

const square = (x: number) => ({ type: 'Polygon' as const, coordinates: [[[x, 0], [x + 1, 0], [x + 1, 1], [x, 1], [x, 0]]] });

describe('ProjectStore.contents', () => {
  it('counts layers, sources, cells, missing rows, matrices, runs and figures in SQL', () => {
    const store = ProjectStore.open(tempPath(), { create: true });
    try {
      store.upsertRegions(['A', 'B', 'C'].map((code) => ({ code })));
      store.putGeometries('provinces', ['A', 'B', 'C'].map((region, k) => ({ region, geometry: square(k) })));
      store.putGeometries('coast', [{ region: 'A', geometry: square(0) }]);
      store.upsertVariable({ name: 'gdp', source: 'a.csv' });
      store.upsertVariable({ name: 'pop', source: 'a.csv' });
      store.upsertVariable({ name: 'rain', source: 'b.xlsx' });
      store.upsertVariable({ name: 'empty', source: 'c.csv' });
      store.upsertVariable({ name: 'lgdp', source: 'derived', expression: 'log(gdp)' });
      // gdp: A, B × 2000, 2001 (4 values); pop: C 2002 stored null; rain: A 2005.
      store.putObservations('gdp', [{ region: 'A', period: 2000, value: 1 }, { region: 'A', period: 2001, value: 2 }, { region: 'B', period: 2000, value: 3 }, { region: 'B', period: 2001, value: 4 }]);
      store.putObservations('pop', [{ region: 'C', period: 2002, value: null }]);
      store.putObservations('rain', [{ region: 'A', period: 2005, value: 7 }]);
      store.putObservations('lgdp', [{ region: 'A', period: 2000, value: 0 }]);
      store.saveWeights({ name: 'w', spec: { spec: 'queen:std=row' }, ids: ['A', 'B', 'C'], entries: [{ i: 'A', j: 'B', value: 1 }, { i: 'B', j: 'A', value: 1 }] });
      store.saveRun({ kind: 'panel.fe', spec: { y: 'gdp', x: ['pop'] }, results: { big: [1, 2, 3] }, inputHash: 'h', appVersion: '9.9', seed: 42 });
      store.saveFigure({ kind: 'chart', name: 'c', spec: {} });
      store.saveFigure({ kind: 'chart', name: 'd', spec: {} });

      const c = store.contents();
      expect(c.layers).toEqual([{ layer: 'coast', regions: 1 }, { layer: 'provinces', regions: 3 }]);
      // a.csv: regions A, B, C and periods 2000, 2001, 2002 (pop's stored null still marks coverage).
      expect(c.sources).toEqual([
        { source: 'a.csv', variables: ['gdp', 'pop'], regions: 3, periods: 3, firstPeriod: 2000, lastPeriod: 2002 },
        { source: 'b.xlsx', variables: ['rain'], regions: 1, periods: 1, firstPeriod: 2005, lastPeriod: 2005 },
        { source: 'c.csv', variables: ['empty'], regions: 0, periods: 0, firstPeriod: null, lastPeriod: null },
      ]);
      // A stored null is no value; a variable without rows counts 0 (not the LEFT JOIN's one null row).
      expect(c.variables.map(({ name, n }) => [name, n])).toEqual([['gdp', 4], ['pop', 0], ['rain', 1], ['empty', 0], ['lgdp', 1]]);
      // (A,2000) (A,2001) (B,2000) (B,2001) (C,2002) (A,2005).
      expect(c.panelRows).toBe(6);
      expect(c.weights).toEqual([{ name: 'w', spec: { spec: 'queen:std=row' }, n: 3, createdAt: expect.any(String) }]);
      expect(c.runs).toEqual([{ id: 1, kind: 'panel.fe', spec: { y: 'gdp', x: ['pop'] }, appVersion: '9.9', seed: 42, createdAt: expect.any(String) }]);
      expect(c.figures).toEqual({ map: 0, chart: 2 });
    } finally {
      store.close();
    }
  });
});

describe('ProjectStore.contents after writes', () => {
  it('counts again after every kind of write (the cached answer is only reused while nothing changed)', () => {
    const store = ProjectStore.open(tempPath(), { create: true });
    try {
      store.upsertRegions([{ code: 'A' }, { code: 'B' }]);
      store.upsertVariable({ name: 'y', source: 'y.csv' });
      store.putObservations('y', [{ region: 'A', period: 1, value: 1 }]);
      const first = store.contents();
      expect(store.contents()).toBe(first);
      expect(first.variables[0].n).toBe(1);
      store.putObservations('y', [{ region: 'B', period: 1, value: 2 }]);
      expect(store.contents().variables[0].n).toBe(2);
      store.editCell('y', 'B', 1, null);
      expect(store.contents().variables[0].n).toBe(1);
      store.saveWeights({ name: 'w', spec: {}, ids: ['A', 'B'], entries: [] });
      expect(store.contents().weights.map((w) => w.name)).toEqual(['w']);
      store.saveRun({ kind: 'panel.fe', spec: {}, results: {}, inputHash: 'h', appVersion: 'v' });
      expect(store.contents().runs).toHaveLength(1);
      store.deleteVariable('y');
      expect(store.contents().variables).toEqual([]);
      expect(store.contents().sources).toEqual([]);
    } finally {
      store.close();
    }
  });
});
