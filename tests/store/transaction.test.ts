import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/core/errors';
import { ProjectStore } from '../../src/store/project-store';
import { cellValue, makeSampleProject, tempPath } from './helpers';

describe('ProjectStore.transaction', () => {
  test('a throw inside transaction() rolls everything back: the file is byte-for-byte unchanged', () => {
    const { path, codes } = makeSampleProject(5, 3);
    const before = readFileSync(path);
    const store = ProjectStore.open(path);
    const boom = new Error('import failed half-way');
    expect(() => store.transaction(() => {
      store.setMeta('title', 'changed');
      store.upsertRegions([{ code: 'NEW' }]);
      store.upsertVariable({ name: 'emp' });
      store.putObservations('emp', codes.map((region) => ({ region, period: 2000, value: 1 })));
      store.putObservations('gsp', [{ region: codes[0], period: 2000, value: -1 }]);
      store.saveWeights({ name: 'w', spec: {}, ids: codes, entries: [] });
      store.saveRun({ kind: 'k', spec: {}, results: {}, inputHash: 'h', appVersion: 'v' });
      throw boom;
    })).toThrow(boom);
    // Still usable, and nothing of the transaction is visible.
    expect(store.getMeta('title')).toBeUndefined();
    expect(store.listRegions().map((r) => r.code)).toEqual(codes);
    expect(store.listVariables().map((v) => v.name)).toEqual(['gsp']);
    expect(store.readPanel().values.gsp[0]).toBe(cellValue(0, 2000));
    expect(store.listWeights()).toEqual([]);
    expect(store.listRuns()).toEqual([]);
    store.close();
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  test('an async function is refused and what it wrote synchronously is rolled back', async () => {
    const { path } = makeSampleProject(2, 1);
    const store = ProjectStore.open(path);
    let pending: Promise<void> | undefined;
    expect(() => store.transaction(() => {
      store.setMeta('half', 'written');
      pending = Promise.resolve();
      return pending;
    })).toThrow('Transaction function cannot return a promise');
    await pending;
    expect(store.getMeta('half')).toBeUndefined();
    store.close();
  });

  test('returns the function value and commits when it returns', () => {
    const { path } = makeSampleProject(2, 1);
    const store = ProjectStore.open(path);
    expect(store.transaction(() => { store.setMeta('a', '1'); return 7; })).toBe(7);
    store.close();
    const again = ProjectStore.open(path, { readonly: true });
    expect(again.getMeta('a')).toBe('1');
    again.close();
  });

  test('putObservations inside transaction() joins it: a later failure undoes the earlier bulk write', () => {
    const { path, codes } = makeSampleProject(3, 2);
    const store = ProjectStore.open(path);
    store.upsertVariable({ name: 'emp' });
    let err: unknown;
    try {
      store.transaction(() => {
        store.putObservations('emp', codes.map((region) => ({ region, period: 2000, value: 5 })));
        store.putObservations('emp', [{ region: 'Atlantis', period: 2000, value: 1 }]);
      });
    } catch (e) { err = e; }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).code).toBe('project-unknown-region');
    expect((err as InputError).message).toBe('Unknown region "Atlantis" in observations of "emp": add it to the project\'s regions first');
    expect(Array.from(store.readPanel({ variables: ['emp'] }).ids)).toEqual([]);
    store.close();
  });

  test('a caught failure of a nested bulk write rolls back only that write (savepoint)', () => {
    const { path, codes } = makeSampleProject(3, 2);
    const store = ProjectStore.open(path);
    store.transaction(() => {
      store.upsertVariable({ name: 'emp' });
      store.putObservations('emp', [{ region: codes[0], period: 2000, value: 5 }]);
      expect(() => store.putObservations('emp', [
        { region: codes[1], period: 2000, value: 6 }, { region: 'Atlantis', period: 2000, value: 1 }])).toThrow(/Atlantis/);
    });
    const p = store.readPanel({ variables: ['emp'] });
    expect(p.ids).toEqual([codes[0]]);
    expect(Array.from(p.values.emp)).toEqual([5]);
    store.close();
  });

  test('100k observations in one putObservations call: all-or-nothing at scale', () => {
    const path = tempPath();
    const store = ProjectStore.open(path, { create: true });
    const codes = Array.from({ length: 1000 }, (_, k) => `C${String(k).padStart(4, '0')}`);
    store.upsertRegions(codes.map((code) => ({ code })));
    store.upsertVariable({ name: 'y' });
    const rows = codes.flatMap((region, k) => Array.from({ length: 100 }, (_, t) => ({ region, period: 1900 + t, value: k + t / 100 })));
    expect(rows).toHaveLength(100_000);
    // A bad last row undoes the 99,999 before it: the call is one transaction.
    expect(() => store.putObservations('y', [...rows.slice(0, -1), { region: 'C9999', period: 1900, value: 0 }]))
      .toThrow('Unknown region "C9999" in observations of "y"');
    expect(store.readPanel().ids).toEqual([]);
    // Its speed is measured by bench/cases/store.ts, never here.
    store.putObservations('y', rows);
    const p = store.readPanel();
    expect(p.ids.length).toBe(100_000);
    expect(p.values.y[100 * 999 + 99]).toBe(999 + 0.99);
    store.close();
  });
});
