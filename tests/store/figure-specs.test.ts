/**
 * Migration 4 (saved figure specs): a schema-3 file gains `figure_specs` on open, keeps its runs,
 * and figure specs round-trip (save / list / get / delete); bad kinds and names are refused.
 */
import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations';
import { APPLICATION_ID, ProjectStore, SCHEMA_VERSION } from '../../src/store/project-store';
import { inputError } from '../helpers/input-error';
import { tempPath } from './helpers';

function makeV3File(path: string): void {
  const db = new Database(path);
  for (const m of MIGRATIONS.slice(0, 3)) db.exec(m.sql);
  db.pragma(`application_id = ${APPLICATION_ID}`);
  db.pragma('user_version = 3');
  db.prepare("INSERT INTO analysis_runs(kind, spec, results, input_hash, app_version) VALUES ('panel.fe', '{}', '{}', 'h', '0.1.0')").run();
  db.close();
}

describe('migration 4: figure specs', () => {
  test('a schema-3 file is migrated to 4 (and later steps) and keeps its runs', () => {
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(4);
    const path = tempPath('v3.rwb');
    makeV3File(path);
    const store = ProjectStore.open(path);
    expect(store.migratedSteps).toBe(SCHEMA_VERSION - 3);
    expect(store.listRuns()).toHaveLength(1);
    expect(store.listFigures()).toEqual([]);
    store.close();
  });

  test('figure specs round-trip in save order and can be deleted', () => {
    const store = ProjectStore.open(tempPath('fig.rwb'), { create: true });
    const spec = { variable: 'resilience', periods: [{ from: 2008, to: 2012 }], title: '韧性' };
    const a = store.saveFigure({ kind: 'map', name: 'Resilience map', spec });
    const b = store.saveFigure({ kind: 'chart', name: '东中西', spec: { variable: 'x', kind: 'line' } });
    expect(store.listFigures().map((f) => [f.id, f.kind, f.name])).toEqual([[a, 'map', 'Resilience map'], [b, 'chart', '东中西']]);
    expect(store.getFigure(a)?.spec).toEqual(spec);
    expect(store.getFigure(a)?.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(store.deleteFigure(a)).toBe(true);
    expect(store.deleteFigure(a)).toBe(false);
    expect(store.getFigure(a)).toBeUndefined();
    const e = inputError(() => store.saveFigure({ kind: 'table' as 'map', name: 'x', spec: {} }));
    expect([e.code, e.message]).toEqual(['store-figure-kind', 'Figure "x": kind must be map or chart, not "table".']);
    expect(inputError(() => store.saveFigure({ kind: 'map', name: '', spec: {} })).code).toBe('project-empty-name');
    store.close();
  });
});
