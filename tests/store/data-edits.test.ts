/**
 * The Data tab's edit log (schema 6, src/store/data-edits.ts): a cell edit, a variable deletion
 * and their undo are each one transaction; undo restores bit for bit; a failure inside the
 * transaction (a SQLite trigger raising, as a crash between two writes would) leaves the
 * project unchanged.
 */
import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { ProjectStore, SCHEMA_VERSION } from '../../src/store/project-store';
import { inputError } from '../helpers/input-error';
import { cellValue, makeSampleProject } from './helpers';

/** The bits of every double, so "restored" means byte-identical, not merely close. */
function bits(values: Float64Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('hex');
}

/** Everything a user could see of the project's data: variables (with ids, times) and all cells. */
function snapshot(path: string): unknown {
  const raw = new Database(path, { readonly: true });
  try {
    return {
      variables: raw.prepare('SELECT * FROM variables ORDER BY id').all(),
      observations: raw.prepare('SELECT region_id, period, variable_id, value, typeof(value) AS t FROM observations ORDER BY variable_id, region_id, period').all(),
      edits: raw.prepare('SELECT * FROM data_edits ORDER BY id').all(),
      kept: raw.prepare('SELECT count(*) AS n FROM data_edit_observations').get(),
    };
  } finally {
    raw.close();
  }
}

/** Adds a raw trigger that aborts `event` (a crash between the data write and the log write). */
function addFailingTrigger(path: string, event: string): void {
  const raw = new Database(path);
  raw.exec(`CREATE TRIGGER crash_here ${event} BEGIN SELECT RAISE(ABORT, 'simulated crash'); END;`);
  raw.close();
}

describe('data edits: schema 6', () => {
  test('a schema-5 file is upgraded by one step that adds the two tables', () => {
    const { path } = makeSampleProject(2, 2);
    const raw = new Database(path);
    raw.exec('DROP TABLE data_edit_observations; DROP TABLE data_edits;');
    raw.pragma('user_version = 5');
    raw.close();
    const store = ProjectStore.open(path);
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(6);
    expect(store.migratedSteps).toBe(SCHEMA_VERSION - 5);
    expect(store.listEdits()).toEqual([]);
    expect(store.getMeta('migrated_to_6')).toMatch(/^\d{4}-/);
    store.close();
  });
});

describe('data edits: cells', () => {
  test('an edit sets the cell and logs old and new value; undo puts the old double back bit for bit', () => {
    const { path } = makeSampleProject(3, 2);
    const store = ProjectStore.open(path);
    const before = bits(store.readPanel().values.gsp);
    // cellValue(1, 2001) = 1000 + 2001 + 0.25 (tests/store/helpers.ts)
    const e = store.editCell('gsp', 'R02', 2001, 0.1 + 0.2);
    expect(e).toMatchObject({ kind: 'cell', variable: 'gsp', region: 'R02', period: 2001, oldValue: cellValue(1, 2001), newValue: 0.1 + 0.2, oldPresent: true, undoneAt: null });
    const after = store.readPanel().values.gsp;
    expect(after[3]).toBe(0.30000000000000004);
    expect(store.listEdits().map((x) => x.id)).toEqual([e.id]);
    const undone = store.undoEdit();
    expect(undone.id).toBe(e.id);
    expect(undone.undoneAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(bits(store.readPanel().values.gsp)).toBe(before);
    expect(() => store.undoEdit()).toThrow('There is no edit to undo in this project.');
    store.close();
  });

  test('a cell edited to missing is stored as NULL; a cell that had no row loses it again on undo', () => {
    const { path } = makeSampleProject(2, 2);
    const store = ProjectStore.open(path);
    const empty = snapshot(path);
    const toMissing = store.editCell('gsp', 'R01', 2000, null);
    expect(toMissing.newValue).toBeNull();
    expect(Number.isNaN(store.readPanel().values.gsp[0])).toBe(true);
    // 2005 was never stored: the edit adds a row, undo removes it (the panel has 4 rows again).
    const added = store.editCell('gsp', 'R02', 2005, 42);
    expect(added).toMatchObject({ oldPresent: false, oldValue: null, newValue: 42 });
    expect(store.readPanel().ids.length).toBe(5);
    store.undoEdit();
    expect(store.readPanel().ids.length).toBe(4);
    store.undoEdit(toMissing.id);
    const s = snapshot(path) as { observations: unknown; variables: unknown };
    expect(s.observations).toEqual((empty as { observations: unknown }).observations);
    store.close();
  });

  test('undo refuses an edit already undone, an unknown id and a cell changed since, each in one sentence', () => {
    const { path } = makeSampleProject(2, 2);
    const store = ProjectStore.open(path);
    const first = store.editCell('gsp', 'R01', 2000, 1);
    const second = store.editCell('gsp', 'R01', 2000, 2);
    expect(inputError(() => store.undoEdit(first.id))).toMatchObject({
      code: 'data-undo-changed',
      message: `Edit #${first.id} cannot be undone: "gsp" of R01 in 2000 was changed after it (undo the later edit first).`,
      details: { id: first.id, variable: 'gsp', region: 'R01', period: 2000 },
    });
    store.undoEdit(second.id);
    expect(inputError(() => store.undoEdit(second.id))).toMatchObject({ code: 'data-undo-already', message: `Edit #${second.id} was already undone.` });
    expect(inputError(() => store.undoEdit(999))).toMatchObject({ code: 'data-undo-unknown', message: 'There is no edit #999 in this project.' });
    // The last edit standing is now `first`; undo goes back to the stored cellValue(0, 2000).
    expect(store.undoEdit().id).toBe(first.id);
    expect(store.readPanel().values.gsp[0]).toBe(cellValue(0, 2000));
    store.close();
  });

  test('an edit naming an unknown region or variable changes nothing', () => {
    const { path } = makeSampleProject(2, 2);
    const store = ProjectStore.open(path);
    const before = snapshot(path);
    expect(inputError(() => store.editCell('gsp', 'R99', 2000, 1)).code).toBe('project-unknown-region');
    expect(inputError(() => store.editCell('gdp', 'R01', 2000, 1)).code).toBe('project-unknown-variable');
    expect(snapshot(path)).toEqual(before);
    store.close();
  });
});

describe('data edits: deleting a variable', () => {
  test('delete then undo brings back the id, label, unit, source, expression, simulated flag, time and every value', () => {
    const { path } = makeSampleProject(4, 3);
    const store = ProjectStore.open(path);
    store.upsertVariable({ name: 'lgsp', label: 'log GSP', unit: 'log', source: 'derived', expression: 'log(gsp)', simulated: true });
    const panel = store.readPanel({ variables: ['gsp'] });
    store.putObservations('lgsp', panel.ids.map((region, i) => ({ region, period: panel.times[i], value: i === 2 ? null : Math.log(panel.values.gsp[i]) })));
    const before = snapshot(path);
    const bitsBefore = bits(store.readPanel({ variables: ['lgsp'] }).values.lgsp);

    const e = store.deleteVariablesLogged(['lgsp']);
    expect(e.kind).toBe('delete-variable');
    expect(e.deleted).toEqual([expect.objectContaining({ name: 'lgsp', label: 'log GSP', unit: 'log', source: 'derived', expression: 'log(gsp)', simulated: true, cells: 12 })]);
    expect(store.listVariables().map((v) => v.name)).toEqual(['gsp']);

    store.undoEdit(e.id);
    const after = snapshot(path) as Record<string, unknown>;
    const was = before as Record<string, unknown>;
    expect(after.variables).toEqual(was.variables);
    expect(after.observations).toEqual(was.observations);
    expect(after.kept).toEqual({ n: 0 });
    expect(bits(store.readPanel({ variables: ['lgsp'] }).values.lgsp)).toBe(bitsBefore);
    store.close();
  });

  test('several variables deleted as one edit come back together', () => {
    const { path } = makeSampleProject(2, 2);
    const store = ProjectStore.open(path);
    store.upsertVariable({ name: 'a', expression: 'gsp * 2' });
    store.putObservations('a', [{ region: 'R01', period: 2000, value: 5 }]);
    const before = snapshot(path) as Record<string, unknown>;
    const e = store.deleteVariablesLogged(['gsp', 'a']);
    expect(e.deleted.map((d) => d.name)).toEqual(['gsp', 'a']);
    expect(store.listVariables()).toEqual([]);
    store.undoEdit();
    const after = snapshot(path) as Record<string, unknown>;
    expect(after.variables).toEqual(before.variables);
    expect(after.observations).toEqual(before.observations);
    store.close();
  });

  test('undo refuses when a new variable took the deleted one\'s name; a cell edit of a gone variable cannot be undone', () => {
    const { path } = makeSampleProject(2, 2);
    const store = ProjectStore.open(path);
    const cell = store.editCell('gsp', 'R01', 2000, 7);
    const del = store.deleteVariablesLogged(['gsp']);
    store.upsertVariable({ name: 'gsp' });
    expect(inputError(() => store.undoEdit(del.id))).toMatchObject({
      code: 'data-undo-variable-exists',
      message: `Edit #${del.id} cannot be undone: the variable "gsp" now has the name or the place of the deleted "gsp"; delete "gsp" first.`,
      details: { id: del.id, variable: 'gsp', other: 'gsp' },
    });
    store.deleteVariable('gsp');
    expect(inputError(() => store.undoEdit(cell.id))).toMatchObject({
      code: 'data-undo-variable-gone',
      message: `Edit #${cell.id} cannot be undone: the variable "gsp" no longer exists.`,
    });
    store.close();
  });
});

describe('data edits: recomputing derived variables', () => {
  test('values are replaced in order (the second sees the first\'s new values) and one undo puts the old ones back bit for bit', () => {
    const { path } = makeSampleProject(2, 2);
    const store = ProjectStore.open(path);
    store.upsertVariable({ name: 'a', expression: 'gsp + 1' });
    store.upsertVariable({ name: 'b', expression: 'a * 2' });
    store.putObservations('a', [{ region: 'R01', period: 2000, value: 0.1 }]);
    store.putObservations('b', [{ region: 'R01', period: 2000, value: 0.2 }, { region: 'R02', period: 2001, value: null }]);
    const before = snapshot(path) as Record<string, unknown>;
    const e = store.recomputeLogged(['a', 'b'], (name) => {
      if (name === 'a') return [{ region: 'R01', period: 2000, value: 5 }];
      // b reads a inside the same transaction: the 5 just written
      const a = store.readPanel({ variables: ['a'] }).values.a[0];
      return [{ region: 'R01', period: 2000, value: a * 2 }];
    });
    expect(e).toMatchObject({ kind: 'recompute', variable: 'a' });
    expect(e.deleted.map((d) => [d.name, d.cells])).toEqual([['a', 1], ['b', 2]]);
    expect(store.readPanel({ variables: ['b'] }).values.b[0]).toBe(10);
    store.undoEdit();
    const after = snapshot(path) as Record<string, unknown>;
    expect(after.observations).toEqual(before.observations);
    expect(after.variables).toEqual(before.variables);
    store.close();
  });

  test('a failure while writing the second variable leaves the first unchanged too', () => {
    const { path } = makeSampleProject(2, 2);
    const store = ProjectStore.open(path);
    store.upsertVariable({ name: 'a', expression: 'gsp + 1' });
    store.upsertVariable({ name: 'b', expression: 'a * 2' });
    store.putObservations('a', [{ region: 'R01', period: 2000, value: 1 }]);
    const before = snapshot(path);
    expect(() => store.recomputeLogged(['a', 'b'], (name) => {
      if (name === 'b') throw new Error('simulated crash');
      return [{ region: 'R01', period: 2000, value: 2 }];
    })).toThrow('simulated crash');
    expect(snapshot(path)).toEqual(before);
    store.close();
  });
});

describe('data edits: a failure inside the transaction leaves the project unchanged', () => {
  test('cell edit: the log write fails after the cell was written', () => {
    const { path } = makeSampleProject(2, 2);
    addFailingTrigger(path, 'BEFORE INSERT ON data_edits');
    const before = snapshot(path);
    const store = ProjectStore.open(path);
    expect(() => store.editCell('gsp', 'R01', 2000, 99)).toThrow('simulated crash');
    store.close();
    expect(snapshot(path)).toEqual(before);
  });

  test('variable delete: the delete fails after the log and the kept observations were written', () => {
    const { path } = makeSampleProject(2, 2);
    addFailingTrigger(path, 'BEFORE DELETE ON variables');
    const before = snapshot(path);
    const store = ProjectStore.open(path);
    expect(() => store.deleteVariablesLogged(['gsp'])).toThrow('simulated crash');
    store.close();
    expect(snapshot(path)).toEqual(before);
  });

  test('undo: marking the edit undone fails after the old value was put back', () => {
    const { path } = makeSampleProject(2, 2);
    const store = ProjectStore.open(path);
    store.editCell('gsp', 'R01', 2000, 99);
    const del = store.deleteVariablesLogged(['gsp']);
    store.close();
    addFailingTrigger(path, 'BEFORE UPDATE ON data_edits');
    const before = snapshot(path);
    const again = ProjectStore.open(path);
    expect(() => again.undoEdit(del.id)).toThrow('simulated crash');
    again.close();
    expect(snapshot(path)).toEqual(before);
  });
});
