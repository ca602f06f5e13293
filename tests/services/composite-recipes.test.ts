/**
 * Composite-index recipes in a project file: kept in the `meta` table (no schema change), so
 * an old project file (schema version 1, built by hand from the frozen schema) opens, migrates
 * and takes an index variable with its recipe; re-running the recipe reproduces the values; a
 * damaged recipe list is refused with a sentence naming the file.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { parseRecipe, rerunRecipe, saveIndex } from '../../src/services/composite/index-service';
import { deleteRecipe, listRecipes, RECIPES_META_KEY, saveRecipe } from '../../src/services/composite/recipes';
import { ProjectStore } from '../../src/store/project-store';
import { inputError } from '../helpers/input-error';
import { APPLICATION_ID_V1, SCHEMA_V1_SQL } from '../store/fixtures/schema-v1';
import { tempPath } from '../store/helpers';

/** A version-1 project: 3 regions × 3 years of gdp and unemp. */
function makeV1File(path: string): void {
  const db = new Database(path);
  db.exec(SCHEMA_V1_SQL);
  db.pragma(`application_id = ${APPLICATION_ID_V1}`);
  db.pragma('user_version = 1');
  const region = db.prepare('INSERT INTO regions(id, code) VALUES (?, ?)');
  ['A', 'B', 'C'].forEach((c, i) => region.run(i + 1, c));
  db.prepare("INSERT INTO variables(id, name) VALUES (1, 'gdp'), (2, 'unemp')").run();
  const obs = db.prepare('INSERT INTO observations(region_id, period, variable_id, value) VALUES (?, ?, ?, ?)');
  const gdp = [10, 12, 15, 8, 9, 9.5, 20, 21, 25];
  const unemp = [5, 4, 4.5, 7, 6, 6.5, 3, 3.5, 2.5];
  for (let r = 0; r < 3; r++) for (let t = 0; t < 3; t++) { obs.run(r + 1, 2010 + t, 1, gdp[r * 3 + t]); obs.run(r + 1, 2010 + t, 2, unemp[r * 3 + t]); }
  db.close();
}

const recipe = parseRecipe({ indicators: [{ expr: 'gdp', direction: '+' }, { expr: 'unemp', direction: '-' }], weights: { method: 'entropy' }, aggregate: 'topsis' });

describe('composite recipes in a project file', () => {
  it('an old (version-1) project file migrates and takes an index variable with its recipe', () => {
    const path = tempPath('v1-index.rwb');
    makeV1File(path);
    const store = ProjectStore.open(path);
    try {
      expect(store.migratedSteps).toBeGreaterThan(0);
      expect(listRecipes(store)).toEqual([]);
      const r = saveIndex(store, { name: 'idx', recipe });
      expect(r).toMatchObject({ name: 'idx', rows: 9, n: 9, missing: 0, replaced: false });
      expect(listRecipes(store).map((x) => [x.name, x.variable])).toEqual([['idx', 'idx']]);
    } finally {
      store.close();
    }
    const again = ProjectStore.open(path);
    try {
      const stored = again.readPanel({ variables: ['idx'] });
      const view = rerunRecipe(again, 'idx');
      const byKey = new Map(view.rows.id.map((id, i) => [`${id} ${view.rows.time[i]}`, view.rows.value[i]]));
      stored.ids.forEach((id, i) => expect(stored.values.idx[i]).toBe(byKey.get(`${id} ${stored.times[i]}`)));
      // Best region-year: C 2012 (highest gdp, lowest unemp) has TOPSIS closeness 1.
      expect(byKey.get('C 2012')).toBe(1);
      saveRecipe(again, 'draft', { ...recipe, aggregate: 'sum' });
      expect(deleteRecipe(again, 'draft').map((x) => x.name)).toEqual(['idx']);
    } finally {
      again.close();
    }
  });

  it('a damaged recipe list is refused, naming the file', () => {
    const path = tempPath('bad-recipes.rwb');
    const store = ProjectStore.open(path, { create: true });
    try {
      store.setMeta(RECIPES_META_KEY, '[{"name": 3}]');
      const e = inputError(() => listRecipes(store));
      expect(e.code).toBe('composite-recipes-unreadable');
      expect(e.message).toMatch(new RegExp(`^${store.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: the saved composite-index recipes cannot be read \\(`));
    } finally {
      store.close();
    }
  });
});
