import type { Geometry } from 'geojson';
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/core/errors';
import { panelRegions } from '../../src/core/panel';
import { DEFAULT_LAYER_KEY, ProjectStore } from '../../src/store/project-store';
import { tempPath } from './helpers';

function errorOf(fn: () => unknown): InputError {
  try { fn(); } catch (e) { expect(e).toBeInstanceOf(InputError); return e as InputError; }
  throw new Error('expected an InputError, nothing was thrown');
}

/** Open a new project, run `fn`, close, reopen and run `check` on the reopened store. */
function roundTrip(fn: (s: ProjectStore) => void, check: (s: ProjectStore) => void): void {
  const path = tempPath();
  const s = ProjectStore.open(path, { create: true });
  fn(s);
  s.close();
  const r = ProjectStore.open(path);
  try { check(r); } finally { r.close(); }
}

const square = (x: number, y: number): Geometry => ({
  type: 'Polygon', coordinates: [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]],
});

describe('regions', () => {
  test('upsert and list, sorted by code; undefined keeps a field, null clears it', () => {
    roundTrip((s) => {
      s.upsertRegions([
        { code: '320000', nameZh: '江苏', nameEn: 'Jiangsu', level: 'province', regionGroup: 'East', lon: 118.78, lat: 32.04, attributes: { adcode: 320000 } },
        { code: '110000', nameZh: '北京', nameEn: 'Beijing', level: 'province', regionGroup: 'East' },
        { code: '320100', nameZh: '南京', level: 'prefecture', parent: '320000' },
      ]);
      // Update: change the English name, leave the rest, clear the group.
      s.upsertRegions([{ code: '110000', nameEn: 'Peking', regionGroup: null }]);
    }, (s) => {
      expect(s.listRegions()).toEqual([
        { code: '110000', nameZh: '北京', nameEn: 'Peking', level: 'province', parent: null, regionGroup: null, lon: null, lat: null },
        { code: '320000', nameZh: '江苏', nameEn: 'Jiangsu', level: 'province', parent: null, regionGroup: 'East', lon: 118.78, lat: 32.04, attributes: { adcode: 320000 } },
        { code: '320100', nameZh: '南京', nameEn: null, level: 'prefecture', parent: '320000', regionGroup: null, lon: null, lat: null },
      ]);
    });
  });

  test('bad region rows are refused with a message, and nothing of the batch is written', () => {
    const s = ProjectStore.open(tempPath(), { create: true });
    const empty = errorOf(() => s.upsertRegions([{ code: 'A' }, { code: '' }]));
    expect(empty.code).toBe('project-empty-name');
    expect(empty.message).toBe('Region code must be a non-empty text, got ""');
    const lon = errorOf(() => s.upsertRegions([{ code: 'B', lon: Infinity }]));
    expect(lon.code).toBe('project-field-not-finite');
    expect(lon.message).toBe('region B: lon must be a finite number, got Infinity');
    expect(s.listRegions()).toEqual([]);
    s.close();
  });
});

describe('geometries', () => {
  test('layers round-trip as a FeatureCollection with region properties', () => {
    roundTrip((s) => {
      s.upsertRegions([
        { code: 'Ohio', nameEn: 'Ohio', level: 'state', regionGroup: 'Midwest' },
        { code: 'Iowa', nameEn: 'Iowa', level: 'state', regionGroup: 'Midwest' },
      ]);
      s.putGeometries('states', [{ region: 'Ohio', geometry: square(0, 0) }, { region: 'Iowa', geometry: square(5, 5) }]);
      s.putGeometries('points', [{ region: 'Ohio', geometry: { type: 'Point', coordinates: [-83, 40] } }]);
      // Replacing a geometry keeps one row per (region, layer).
      s.putGeometries('states', [{ region: 'Ohio', geometry: square(1, 1) }]);
    }, (s) => {
      expect(s.listLayers()).toEqual(['points', 'states']);
      const fc = s.getGeometryCollection('states');
      expect(fc).toEqual({
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', id: 'Iowa', geometry: square(5, 5), properties: { code: 'Iowa', nameZh: null, nameEn: 'Iowa', regionGroup: 'Midwest', level: 'state' } },
          { type: 'Feature', id: 'Ohio', geometry: square(1, 1), properties: { code: 'Ohio', nameZh: null, nameEn: 'Ohio', regionGroup: 'Midwest', level: 'state' } },
        ],
      });
      // Which layer is the default is the services' rule (tests/services/inputs); the store keeps the meta.
      expect(s.getGeometryCollection('points').features.map((f) => f.geometry.type)).toEqual(['Point']);
      s.setMeta(DEFAULT_LAYER_KEY, 'states');
      expect(s.getMeta(DEFAULT_LAYER_KEY)).toBe('states');
      const e = errorOf(() => s.getGeometryCollection('cities'));
      expect(e.code).toBe('project-unknown-layer');
      expect(e.message).toBe('No geometry layer "cities" in this project (layers: points, states)');
    });
  });

  test('an empty project has no layers; unknown regions and non-geometries are refused', () => {
    const s = ProjectStore.open(tempPath(), { create: true });
    expect(s.listLayers()).toEqual([]);
    expect(errorOf(() => s.getGeometryCollection('states')).message).toBe('No geometry layer "states" in this project (layers: none)');
    s.upsertRegions([{ code: 'Tennessee' }]);
    const e = errorOf(() => s.putGeometries('states', [{ region: 'Tennessee', geometry: square(0, 0) }, { region: 'Tennesse', geometry: square(0, 0) }]));
    expect(e.code).toBe('project-unknown-region');
    expect(e.message).toBe('Unknown region "Tennesse" in geometry layer "states": add it to the project\'s regions first');
    const g = errorOf(() => s.putGeometries('states', [{ region: 'Tennessee', geometry: { type: 'Feature' } as unknown as Geometry }]));
    expect(g.code).toBe('project-invalid-geometry');
    expect(g.message).toBe('Geometry of region "Tennessee" is not a GeoJSON geometry (type "Feature")');
    expect(s.listLayers()).toEqual([]);
    s.close();
  });
});

describe('variables and observations', () => {
  test('variables keep their description; simulated is a flag; delete cascades to observations', () => {
    roundTrip((s) => {
      s.upsertRegions([{ code: 'A' }, { code: 'B' }]);
      s.upsertVariable({ name: 'resilience', label: 'Resilience index', unit: 'index', source: 'simulated SDM', simulated: true });
      s.upsertVariable({ name: 'lgdp', expression: 'log(gdp)' });
      s.upsertVariable({ name: 'tmp' });
      s.upsertVariable({ name: 'lgdp', label: 'log GDP' });
      s.putObservations('tmp', [{ region: 'A', period: 1, value: 1 }]);
      s.deleteVariable('tmp');
    }, (s) => {
      expect(s.listVariables()).toEqual([
        { name: 'resilience', label: 'Resilience index', unit: 'index', source: 'simulated SDM', expression: null, simulated: true },
        { name: 'lgdp', label: 'log GDP', unit: null, source: null, expression: 'log(gdp)', simulated: false },
      ]);
      const p = s.readPanel();
      expect(p.variables).toEqual(['resilience', 'lgdp']);
      expect(p.ids).toEqual([]);
      const e = errorOf(() => s.deleteVariable('tmp'));
      expect(e.code).toBe('project-unknown-variable');
      expect(e.message).toBe('Unknown variable "tmp" in this project: create it with upsertVariable first');
    });
  });

  test('readPanel: rows sorted by region then period, NaN for missing, union of (region, period)', () => {
    roundTrip((s) => {
      s.upsertRegions(['Texas', 'Alabama', 'Ohio'].map((code) => ({ code })));
      s.upsertVariable({ name: 'gsp' });
      s.upsertVariable({ name: 'emp' });
      s.putObservations('gsp', [
        { region: 'Texas', period: 1971, value: 3 }, { region: 'Texas', period: 1970, value: 2 },
        { region: 'Alabama', period: 1970, value: 1 }, { region: 'Alabama', period: 1971, value: null },
      ]);
      s.putObservations('emp', [
        { region: 'Ohio', period: 1970, value: 10 }, { region: 'Alabama', period: 1970, value: NaN },
        { region: 'Texas', period: 1970, value: -0.5 },
      ]);
      // Upsert: a second write of a cell replaces it.
      s.putObservations('gsp', [{ region: 'Texas', period: 1971, value: 4 }]);
    }, (s) => {
      const p = s.readPanel();
      expect(p.idColumn).toBe('region');
      expect(p.timeColumn).toBe('period');
      expect(p.source).toBe(s.path);
      expect(p.ids).toEqual(['Alabama', 'Alabama', 'Ohio', 'Texas', 'Texas']);
      expect(p.times).toEqual([1970, 1971, 1970, 1970, 1971]);
      expect(p.rowNumbers).toEqual([1, 2, 3, 4, 5]);
      expect(p.variables).toEqual(['gsp', 'emp']);
      expect(Array.from(p.values.gsp)).toEqual([1, NaN, NaN, 2, 4]);
      expect(Array.from(p.values.emp)).toEqual([NaN, NaN, 10, -0.5, NaN]);
      expect(panelRegions(p)).toEqual(['Alabama', 'Ohio', 'Texas']);

      const onlyEmp = s.readPanel({ variables: ['emp'] });
      expect(onlyEmp.ids).toEqual(['Alabama', 'Ohio', 'Texas']);
      expect(Array.from(onlyEmp.values.emp)).toEqual([NaN, 10, -0.5]);

      const texas = s.readPanel({ variables: ['emp', 'gsp'], regions: ['Texas'] });
      expect(texas.variables).toEqual(['emp', 'gsp']);
      expect(texas.ids).toEqual(['Texas', 'Texas']);
      expect(Array.from(texas.values.gsp)).toEqual([2, 4]);

      const uv = errorOf(() => s.readPanel({ variables: ['gdp'] }));
      expect(uv.code).toBe('project-unknown-variable');
      expect(uv.message).toBe('Unknown variable "gdp" in this project: create it with upsertVariable first');
      const ur = errorOf(() => s.readPanel({ regions: ['Tejas'] }));
      expect(ur.code).toBe('project-unknown-region');
      expect(ur.message).toBe('Unknown region "Tejas" in the panel request: add it to the project\'s regions first');
      const dv = errorOf(() => s.readPanel({ variables: ['gsp', 'gsp'] }));
      expect(dv.code).toBe('project-duplicate-variable');
      expect(dv.message).toBe('Variable "gsp" is requested twice');
    });
  });

  test('region codes sort as JavaScript strings (code units), like panelRegions', () => {
    const s = ProjectStore.open(tempPath(), { create: true });
    const codes = ['b', 'B', '内蒙古', '北京', '10', '9', '\u{1F600}', '\uFF21'];
    s.upsertRegions(codes.map((code) => ({ code })));
    s.upsertVariable({ name: 'x' });
    s.putObservations('x', codes.map((region, k) => ({ region, period: 2000, value: k })));
    const p = s.readPanel();
    expect(p.ids).toEqual([...codes].sort());
    expect(p.ids).toEqual(panelRegions(p));
    expect(s.listRegions().map((r) => r.code)).toEqual([...codes].sort());
    s.close();
  });

  test('bad observations are refused naming the region, period or variable; nothing is written', () => {
    const s = ProjectStore.open(tempPath(), { create: true });
    s.upsertRegions([{ code: 'Tennessee' }]);
    s.upsertVariable({ name: 'gsp' });
    const unknown = errorOf(() => s.putObservations('gsp', [
      { region: 'Tennessee', period: 1970, value: 1 }, { region: 'Tennesse', period: 1970, value: 2 }]));
    expect(unknown.code).toBe('project-unknown-region');
    expect(unknown.message).toBe('Unknown region "Tennesse" in observations of "gsp": add it to the project\'s regions first');
    expect(unknown.details).toEqual({ region: 'Tennesse', where: 'observations of "gsp"' });
    const period = errorOf(() => s.putObservations('gsp', [{ region: 'Tennessee', period: 1970.5, value: 1 }]));
    expect(period.code).toBe('project-invalid-period');
    expect(period.message).toBe('Period 1970.5 of region "Tennessee" in "gsp" is not an integer');
    const value = errorOf(() => s.putObservations('gsp', [{ region: 'Tennessee', period: 1970, value: '12' as unknown as number }]));
    expect(value.code).toBe('project-invalid-value');
    expect(value.message).toBe('Value of "gsp" for "Tennessee" 1970 is not a number: "12"');
    const variable = errorOf(() => s.putObservations('gdp', [{ region: 'Tennessee', period: 1970, value: 1 }]));
    expect(variable.code).toBe('project-unknown-variable');
    expect(s.readPanel().ids).toEqual([]);
    s.close();
  });

  test('infinite values are stored as such (the store does not judge them)', () => {
    const s = ProjectStore.open(tempPath(), { create: true });
    s.upsertRegions([{ code: 'A' }]);
    s.upsertVariable({ name: 'lx' });
    s.putObservations('lx', [{ region: 'A', period: 1, value: -Infinity }, { region: 'A', period: 2, value: Infinity }]);
    expect(Array.from(s.readPanel().values.lx)).toEqual([-Infinity, Infinity]);
    s.close();
  });
});

describe('weights', () => {
  test('save, list, get: ids in saved order (islands kept), entries by position; same name replaces', () => {
    roundTrip((s) => {
      s.upsertRegions(['A', 'B', 'C', 'D'].map((code) => ({ code })));
      s.saveWeights({ name: 'old', spec: { kind: 'knn', k: 1 }, ids: ['A', 'B'], entries: [{ i: 'A', j: 'B', value: 1 }] });
      s.saveWeights({
        name: 'queen', spec: { kind: 'queen', transform: 'R' }, ids: ['C', 'A', 'B', 'D'],
        entries: [{ i: 'B', j: 'A', value: 1 }, { i: 'A', j: 'B', value: 0.5 }, { i: 'A', j: 'C', value: 0.5 }, { i: 'C', j: 'A', value: 1 }],
      });
      s.saveWeights({ name: 'old', spec: { kind: 'knn', k: 2 }, ids: ['B', 'A'], entries: [{ i: 'B', j: 'A', value: 2 }] });
    }, (s) => {
      expect(s.listWeights()).toEqual([
        { name: 'old', spec: { kind: 'knn', k: 2 }, n: 2 },
        { name: 'queen', spec: { kind: 'queen', transform: 'R' }, n: 4 },
      ]);
      expect(s.getWeights('queen')).toEqual({
        name: 'queen', spec: { kind: 'queen', transform: 'R' }, ids: ['C', 'A', 'B', 'D'],
        entries: [{ i: 'C', j: 'A', value: 1 }, { i: 'A', j: 'C', value: 0.5 }, { i: 'A', j: 'B', value: 0.5 }, { i: 'B', j: 'A', value: 1 }],
      });
      expect(s.getWeights('old')).toEqual({ name: 'old', spec: { kind: 'knn', k: 2 }, ids: ['B', 'A'], entries: [{ i: 'B', j: 'A', value: 2 }] });
      expect(s.getWeights('rook')).toBeUndefined();
    });
  });

  test('bad weights are refused with a message and leave the stored matrix alone', () => {
    const s = ProjectStore.open(tempPath(), { create: true });
    s.upsertRegions(['A', 'B'].map((code) => ({ code })));
    const w = { name: 'w', spec: null, ids: ['A', 'B'], entries: [{ i: 'A', j: 'B', value: 1 }] };
    s.saveWeights(w);
    const cases: [Partial<typeof w>, string, string][] = [
      [{ ids: ['A', 'Z'] }, 'project-unknown-region', 'Unknown region "Z" in weights "w": add it to the project\'s regions first'],
      [{ ids: ['A', 'A'] }, 'project-weights-duplicate-region', 'Region "A" appears twice in weights "w"'],
      [{ ids: ['A'] }, 'project-weights-entry-outside', 'Entry (A, B) of weights "w" names "B", which is not one of its regions'],
      [{ entries: [{ i: 'A', j: 'B', value: 1 }, { i: 'A', j: 'B', value: 2 }] }, 'project-weights-duplicate-entry', 'Entry (A, B) appears twice in weights "w"'],
      [{ entries: [{ i: 'A', j: 'B', value: NaN }] }, 'project-weights-entry-not-finite', 'Entry (A, B) of weights "w" is not a finite number: NaN'],
    ];
    for (const [change, code, message] of cases) {
      const e = errorOf(() => s.saveWeights({ ...w, ...change }));
      expect(e.code).toBe(code);
      expect(e.message).toBe(message);
    }
    expect(s.getWeights('w')).toEqual({ ...w, entries: [{ i: 'A', j: 'B', value: 1 }] });
    s.close();
  });
});

describe('analysis runs', () => {
  test('save, list by kind, get; seed and created time kept', () => {
    let ids: number[] = [];
    roundTrip((s) => {
      ids = [
        s.saveRun({ kind: 'moran', spec: { variable: 'gsp', weights: 'queen' }, results: { I: 0.2243479, p: 1e-5 }, inputHash: 'abc', appVersion: '0.1.0', seed: 42 }),
        s.saveRun({ kind: 'sdm', spec: { y: 'gsp' }, results: { rho: 0.3, se: [NaN, 1] }, inputHash: 'def', appVersion: '0.1.0', createdAt: '2026-01-02T03:04:05.000Z' }),
        s.saveRun({ kind: 'moran', spec: {}, results: [], inputHash: 'ghi', appVersion: '0.1.1', seed: null }),
      ];
    }, (s) => {
      expect(ids).toEqual([1, 2, 3]);
      const all = s.listRuns();
      expect(all.map((r) => r.id)).toEqual([1, 2, 3]);
      expect(s.listRuns('moran').map((r) => r.inputHash)).toEqual(['abc', 'ghi']);
      expect(s.listRuns('gtwr')).toEqual([]);
      const first = s.getRun(1);
      expect(first).toMatchObject({ id: 1, kind: 'moran', spec: { variable: 'gsp', weights: 'queen' }, results: { I: 0.2243479, p: 1e-5 }, inputHash: 'abc', appVersion: '0.1.0', seed: 42 });
      expect(first?.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      // JSON semantics: NaN inside results is stored as null.
      expect(s.getRun(2)).toMatchObject({ results: { rho: 0.3, se: [null, 1] }, seed: null, createdAt: '2026-01-02T03:04:05.000Z' });
      expect(s.getRun(99)).toBeUndefined();
    });
  });

  test('bad runs are refused with a message', () => {
    const s = ProjectStore.open(tempPath(), { create: true });
    const seed = errorOf(() => s.saveRun({ kind: 'gtwr', spec: {}, results: {}, inputHash: 'h', appVersion: '1', seed: 1.5 }));
    expect(seed.code).toBe('project-invalid-run-field');
    expect(seed.message).toBe('run gtwr: seed must be an integer');
    const kind = errorOf(() => s.saveRun({ kind: '', spec: {}, results: {}, inputHash: 'h', appVersion: '1' }));
    expect(kind.message).toBe('Run kind must be a non-empty text, got ""');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const json = errorOf(() => s.saveRun({ kind: 'x', spec: cyclic, results: {}, inputHash: 'h', appVersion: '1' }));
    expect(json.code).toBe('project-not-json');
    expect(json.message).toMatch(/^spec of run x cannot be saved as JSON: /);
    expect(s.listRuns()).toEqual([]);
    s.close();
  });
});
