import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkVariableName, deriveVariable } from '../../../src/services/derive/derived-service';
import { ProjectStore } from '../../../src/store/project-store';
import { inputError } from '../../helpers/input-error';

let store: ProjectStore;

/**
 * Project with regions A, B and gsp:
 *   A 2000 10 | A 2001 20 | A 2002 40 | B 2000 5 | B 2001 missing | B 2002 0
 */
beforeEach(() => {
  const dir = mkdtempSync(join(tmpdir(), 'rwb-derive-'));
  store = ProjectStore.open(join(dir, 'p.rwb'), { create: true });
  store.transaction(() => {
    store.upsertRegions([{ code: 'A' }, { code: 'B' }]);
    store.upsertVariable({ name: 'gsp', unit: 'USD m' });
    store.putObservations('gsp', [
      { region: 'A', period: 2000, value: 10 },
      { region: 'A', period: 2001, value: 20 },
      { region: 'A', period: 2002, value: 40 },
      { region: 'B', period: 2000, value: 5 },
      { region: 'B', period: 2001, value: null },
      { region: 'B', period: 2002, value: 0 },
    ]);
  });
});

afterEach(() => store.close());

function column(name: string): (number | null)[] {
  const p = store.readPanel({ variables: [name] });
  return Array.from(p.values[name], (v) => (Number.isNaN(v) ? null : v));
}

describe('deriveVariable', () => {
  it('stores values and the expression; log(0) is missing with a warning', () => {
    const r = deriveVariable(store, { name: 'lgsp', expression: 'log(gsp)', label: 'log GSP' });
    expect(r).toMatchObject({ name: 'lgsp', expression: 'log(gsp)', rows: 6, n: 4, missing: 2, replaced: false, simulated: false });
    expect(r.warnings.map((w) => [w.fn, w.count])).toEqual([['log', 1]]);
    // rows sorted by region then period: A 2000..2002, B 2000..2002
    expect(column('lgsp')).toEqual([Math.log(10), Math.log(20), Math.log(40), Math.log(5), null, null]);
    expect(store.listVariables().find((v) => v.name === 'lgsp')).toMatchObject({
      name: 'lgsp',
      label: 'log GSP',
      source: 'derived',
      expression: 'log(gsp)',
    });
  });

  it('panel functions see the stored period grid', () => {
    deriveVariable(store, { name: 'g', expression: 'growth(gsp)' });
    // A: 20/10 - 1 = 1, 40/20 - 1 = 1; B 2001 missing, B 2002 lag is missing
    expect(column('g')).toEqual([null, 1, 1, null, null, null]);
    deriveVariable(store, { name: 'd2', expression: 'diff(gsp, 2)' });
    expect(column('d2')).toEqual([null, null, 30, null, null, -5]);
  });

  it('refuses an existing name unless replace, and replaces in place', () => {
    deriveVariable(store, { name: 'x', expression: 'gsp * 2' });
    const e = inputError(() => deriveVariable(store, { name: 'x', expression: 'gsp * 3' }));
    expect(e.code).toBe('derive-variable-exists');
    expect(e.message).toBe(`variable "x" already exists in ${store.path}; choose another name or replace it`);
    expect(column('x')).toEqual([20, 40, 80, 10, null, 0]);
    const r = deriveVariable(store, { name: 'x', expression: 'gsp * 3', replace: true });
    expect(r.replaced).toBe(true);
    expect(column('x')).toEqual([30, 60, 120, 15, null, 0]);
    expect(store.listVariables().find((v) => v.name === 'x')?.expression).toBe('gsp * 3');
  });

  it('refuses names that are not identifiers or are reserved', () => {
    expect(inputError(() => deriveVariable(store, { name: 'log gsp', expression: 'log(gsp)' })).message).toBe(
      'variable name "log gsp" is not an identifier: use letters, digits and _, not starting with a digit (e.g. log_gsp)',
    );
    expect(inputError(() => checkVariableName('1x')).code).toBe('derive-bad-name');
    expect(inputError(() => checkVariableName('log')).message).toBe(
      'variable name "log" is reserved for a function or constant in expressions',
    );
    expect(() => checkVariableName('log_gsp_2')).not.toThrow();
  });

  it('refuses a self-referencing replacement', () => {
    const e = inputError(() => deriveVariable(store, { name: 'gsp', expression: 'log(gsp)', replace: true }));
    expect(e.code).toBe('derive-circular');
    expect(e.message).toBe('expression "log(gsp)" uses "gsp", the variable it would define');
  });

  it('writes nothing when the expression fails', () => {
    const before = store.listVariables();
    const e = inputError(() => deriveVariable(store, { name: 'y', expression: 'log(gps)' }));
    expect(e.message).toBe('unknown column "gps" in expression "log(gps)"; did you mean "gsp"?');
    expect(inputError(() => deriveVariable(store, { name: 'y', expression: 'log(gsp' })).code).toBe('expr-syntax-at');
    expect(store.listVariables()).toEqual(before);
  });

  it('marks a variable derived from simulated data as simulated', () => {
    store.upsertVariable({ name: 'sim', simulated: true });
    store.putObservations('sim', [{ region: 'A', period: 2000, value: 1 }]);
    expect(deriveVariable(store, { name: 'sim2', expression: 'sim + gsp' }).simulated).toBe(true);
    expect(store.listVariables().find((v) => v.name === 'sim2')?.simulated).toBe(true);
  });

  it('an empty project has nothing to derive from', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rwb-derive-empty-'));
    const empty = ProjectStore.open(join(dir, 'e.rwb'), { create: true });
    try {
      const e = inputError(() => deriveVariable(empty, { name: 'y', expression: '1' }));
      expect(e.code).toBe('derive-empty-project');
      expect(e.message).toBe(`${empty.path}: the project holds no panel data to derive "y" from`);
    } finally {
      empty.close();
    }
  });
});
