/**
 * Migration 5 (region aliases): a schema-4 file gains `region_aliases` on open and keeps its
 * regions; aliases round-trip, replace, follow their region's deletion and refuse unknown codes.
 */
import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations';
import { APPLICATION_ID, ProjectStore, SCHEMA_VERSION } from '../../src/store/project-store';
import { inputError } from '../helpers/input-error';
import { tempPath } from './helpers';

function makeV4File(path: string): void {
  const db = new Database(path);
  for (const m of MIGRATIONS.slice(0, 4)) db.exec(m.sql);
  db.pragma(`application_id = ${APPLICATION_ID}`);
  db.pragma('user_version = 4');
  db.prepare("INSERT INTO regions(code, name_en) VALUES ('MX02', 'Baja California Norte')").run();
  db.close();
}

describe('migration 5: region aliases', () => {
  test('a schema-4 file is upgraded, keeps its regions and starts with no aliases', () => {
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(5);
    const path = tempPath('v4.rwb');
    makeV4File(path);
    const store = ProjectStore.open(path);
    expect(store.migratedSteps).toBe(SCHEMA_VERSION - 4);
    expect(store.listRegions().map((r) => r.nameEn)).toEqual(['Baja California Norte']);
    expect(store.listRegionAliases()).toEqual([]);
    store.putRegionAliases([{ alias: 'Baja California', region: 'MX02' }]);
    store.close();
    const again = ProjectStore.open(path);
    expect(again.listRegionAliases()).toEqual([{ alias: 'Baja California', region: 'MX02' }]);
    again.close();
  });

  test('aliases are trimmed, replaced by alias, and refused for unknown regions (nothing written)', () => {
    const store = ProjectStore.open(tempPath('alias.rwb'), { create: true });
    store.upsertRegions([{ code: 'MX02' }, { code: 'MX03' }]);
    store.putRegionAliases([{ alias: ' Baja California ', region: 'MX03' }]);
    store.putRegionAliases([{ alias: 'Baja California', region: 'MX02' }, { alias: 'BCS', region: 'MX03' }]);
    expect(store.listRegionAliases()).toEqual([
      { alias: 'BCS', region: 'MX03' },
      { alias: 'Baja California', region: 'MX02' },
    ]);
    const e = inputError(() => store.putRegionAliases([{ alias: 'Sonora', region: 'MX26' }, { alias: 'x', region: 'MX02' }]));
    expect(e.code).toBe('project-unknown-region');
    expect(e.message).toBe('Unknown region "MX26" in the alias "Sonora": add it to the project\'s regions first');
    expect(store.listRegionAliases().map((a) => a.alias)).toEqual(['BCS', 'Baja California']);
    store.close();
  });
});
