/**
 * The Data tab's use cases on a small hand-made project (values chosen by hand, so every
 * expected row is computed in the head): dependents of a variable through expressions, the
 * deletion rule, and the table's sorting with missing values first or last, by group and by
 * Chinese name.
 */
import { describe, expect, it } from 'vitest';
import { deleteVariable, dependentsOf, editCell, recomputeDerived, undoEdit } from '../../../src/services/data/edits';
import { readTablePage, type TableQuery } from '../../../src/services/data/table';
import { ProjectStore } from '../../../src/store/project-store';
import { inputError } from '../../helpers/input-error';
import { tempPath } from '../../store/helpers';

function project(): ProjectStore {
  const store = ProjectStore.open(tempPath(), { create: true });
  store.upsertRegions([
    { code: 'A', nameZh: '北京', nameEn: 'Beijing', regionGroup: 'East' },
    { code: 'B', nameZh: '安徽', nameEn: 'Anhui', regionGroup: 'Central' },
    { code: 'C', nameZh: '重庆', nameEn: 'Chongqing', regionGroup: null },
  ]);
  store.upsertVariable({ name: 'x' });
  store.putObservations('x', [
    { region: 'A', period: 1, value: 3 }, { region: 'A', period: 2, value: null },
    { region: 'B', period: 1, value: 1 }, { region: 'B', period: 2, value: 5 },
    { region: 'C', period: 1, value: 2 }, { region: 'C', period: 2, value: 4 },
  ]);
  store.upsertVariable({ name: 'lx', expression: 'log(x)', source: 'derived' });
  store.upsertVariable({ name: 'dlx', expression: 'diff(lx)', source: 'derived' });
  store.upsertVariable({ name: 'broken', expression: 'log(', source: 'derived' });
  return store;
}

const query = (q: Partial<TableQuery>): TableQuery => ({
  variables: ['x'], sort: { by: 'region', direction: 'asc' }, missing: 'last', missingOnly: false, offset: 0, limit: 100, ...q,
});
const keys = (store: ProjectStore, q: Partial<TableQuery>) => readTablePage(store, query(q)).rows.map((r) => `${r.region}${r.period}`);

describe('dependents and the deletion rule', () => {
  it('finds derived variables directly and through others; an expression that does not compile is skipped', () => {
    const store = project();
    expect(dependentsOf(store, 'x')).toEqual(['lx', 'dlx']);
    expect(dependentsOf(store, 'lx')).toEqual(['dlx']);
    expect(dependentsOf(store, 'dlx')).toEqual([]);
    store.close();
  });

  it('refuses to delete x alone, deletes it with lx and dlx when asked; one undo restores the three', () => {
    const store = project();
    expect(inputError(() => deleteVariable(store, { name: 'x', withDependents: false }))).toMatchObject({
      code: 'data-variable-has-dependents',
      message: '"x" cannot be deleted alone: derived variables are computed from it (lx, dlx). Delete them with it, or delete them first.',
    });
    const out = deleteVariable(store, { name: 'x', withDependents: true });
    expect(out.edit.deleted.map((d) => d.name)).toEqual(['x', 'lx', 'dlx']);
    expect(store.listVariables().map((v) => v.name)).toEqual(['broken']);
    undoEdit(store);
    expect(store.listVariables().map((v) => v.name)).toEqual(['x', 'lx', 'dlx', 'broken']);
    store.close();
  });

  it('an edit of x names lx and dlx as stale; an unknown variable is the store\'s sentence', () => {
    const store = project();
    expect(editCell(store, { variable: 'x', region: 'A', period: 2, value: 6 }).staleDerived).toEqual(['lx', 'dlx']);
    expect(undoEdit(store).staleDerived).toEqual(['lx', 'dlx']);
    expect(inputError(() => deleteVariable(store, { name: 'y', withDependents: false })).code).toBe('project-unknown-variable');
    store.close();
  });
});

describe('recomputing derived variables', () => {
  it('after an edit of x, lx and dlx are recomputed in order from their expressions; undo brings back the old values', () => {
    const store = project();
    const derive = (name: string, rows: [string, number, number | null][]) =>
      store.putObservations(name, rows.map(([region, period, value]) => ({ region, period, value })));
    // Stale values on purpose (as if derived before an edit): lx = 0 everywhere, dlx = 0.
    derive('lx', [['A', 1, 0], ['A', 2, 0], ['B', 1, 0], ['B', 2, 0], ['C', 1, 0], ['C', 2, 0]]);
    derive('dlx', [['B', 2, 0]]);
    const before = store.readPanel({ variables: ['lx', 'dlx'] });
    const out = recomputeDerived(store, ['dlx', 'lx']);
    expect(out.edit.deleted.map((d) => d.name)).toEqual(['lx', 'dlx']);
    const p = store.readPanel({ variables: ['x', 'lx', 'dlx'] });
    // rows A1 A2 B1 B2 C1 C2; x = 3, -, 1, 5, 2, 4 → lx = log x; dlx = lx_t − lx_{t−1} within a region
    expect(Array.from(p.values.lx)).toEqual([Math.log(3), Number.NaN, 0, Math.log(5), Math.log(2), Math.log(4)]);
    expect(p.values.dlx[3]).toBeCloseTo(Math.log(5), 12);
    expect(p.values.dlx[5]).toBeCloseTo(Math.log(2), 12);
    expect(Number.isNaN(p.values.dlx[1])).toBe(true);
    expect(undoEdit(store).staleDerived).toEqual(['lx', 'dlx']);
    const back = store.readPanel({ variables: ['lx', 'dlx'] });
    expect(Array.from(back.values.lx)).toEqual(Array.from(before.values.lx));
    expect(Array.from(back.values.dlx)).toEqual(Array.from(before.values.dlx));
    store.close();
  });

  it('refuses a variable without an expression', () => {
    const store = project();
    expect(inputError(() => recomputeDerived(store, ['x']))).toMatchObject({
      code: 'data-recompute-not-derived',
      message: '"x" is not a derived variable: it has no expression to recompute.',
    });
    store.close();
  });
});

describe('readTablePage: sorting and missing values', () => {
  it('by x ascending and descending, the missing A2 last or first whatever the direction', () => {
    const store = project();
    const byX = { by: 'variable', variable: 'x' } as const;
    // x: B1 1, C1 2, A1 3, C2 4, B2 5, A2 missing
    expect(keys(store, { sort: { ...byX, direction: 'asc' } })).toEqual(['B1', 'C1', 'A1', 'C2', 'B2', 'A2']);
    expect(keys(store, { sort: { ...byX, direction: 'desc' } })).toEqual(['B2', 'C2', 'A1', 'C1', 'B1', 'A2']);
    expect(keys(store, { sort: { ...byX, direction: 'desc' }, missing: 'first' })).toEqual(['A2', 'B2', 'C2', 'A1', 'C1', 'B1']);
    expect(readTablePage(store, query({})).missing).toEqual([1]);
    store.close();
  });

  it('by group (C has none: placed as missing), by English and by Chinese name (pinyin: Anhui, Beijing, Chongqing)', () => {
    const store = project();
    expect(keys(store, { sort: { by: 'group', direction: 'asc' } })).toEqual(['B1', 'B2', 'A1', 'A2', 'C1', 'C2']);
    expect(keys(store, { sort: { by: 'group', direction: 'asc' }, missing: 'first' })).toEqual(['C1', 'C2', 'B1', 'B2', 'A1', 'A2']);
    expect(keys(store, { sort: { by: 'nameEn', direction: 'desc' } })).toEqual(['C1', 'C2', 'A1', 'A2', 'B1', 'B2']);
    expect(keys(store, { sort: { by: 'nameZh', direction: 'asc' } })).toEqual(['B1', 'B2', 'A1', 'A2', 'C1', 'C2']);
    store.close();
  });

  it('filters: Chinese search, group, missing-only, period range, and a page past the end is empty', () => {
    const store = project();
    expect(keys(store, { search: '重庆' })).toEqual(['C1', 'C2']);
    expect(keys(store, { group: 'East' })).toEqual(['A1', 'A2']);
    expect(keys(store, { missingOnly: true })).toEqual(['A2']);
    expect(keys(store, { periodFrom: 2, periodTo: 2 })).toEqual(['A2', 'B2', 'C2']);
    expect(readTablePage(store, query({ offset: 10 }))).toMatchObject({ total: 6, rows: [] });
    store.close();
  });
});
