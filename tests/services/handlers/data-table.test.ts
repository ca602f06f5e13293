/**
 * The Data tab's table and edits through the dispatcher (zod both ways) on the US sample
 * (assets/datasets/produc.csv: Munnell 1990, plm::Produc — 48 states × 1970–1986 = 816 rows).
 * Reference cells read from that file: Alabama 1970 gsp 28418, unemp 4.7; California 1986 gsp
 * 464550 (the largest gsp of the panel).
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { useAppService } from '../../helpers/app-service-harness';

const app = useAppService({ prefix: 'rwb-data-table-' });
const { call, failure } = app;

beforeAll(async () => {
  await call('project:openSample', { name: 'us-states' });
}, 120_000);

describe('panel:table', () => {
  it('pages the 816 rows in region then period order, never more than the limit', async () => {
    const page = await call('panel:table', { variables: ['gsp', 'unemp'], limit: 3 });
    expect(page.total).toBe(816);
    expect(page.rows).toHaveLength(3);
    // produc.csv line 2: Alabama,ALABAMA,1970,…,gsp 28418,…,unemp 4.7
    expect(page.rows[0]).toEqual({ region: 'Alabama', nameEn: 'Alabama', nameZh: null, group: 'E S Cen', period: 1970, values: [28418, 4.7] });
    const last = await call('panel:table', { variables: ['gsp'], offset: 815, limit: 10 });
    expect(last.rows.map((r) => [r.region, r.period])).toEqual([['Wyoming', 1986]]);
    expect((await failure('panel:table', { variables: ['gsp'], limit: 501 })).code).toBe('invalid-request');
  });

  it('sorts by a variable both ways and by region descending (periods stay ascending inside a region)', async () => {
    const desc = await call('panel:table', { variables: ['gsp'], sort: { by: 'variable', variable: 'gsp', direction: 'desc' }, limit: 1 });
    expect(desc.rows[0]).toMatchObject({ region: 'California', period: 1986, values: [464550] });
    const ascending = { variables: ['gsp'], sort: { by: 'variable', variable: 'gsp', direction: 'asc' }, limit: 500 };
    const pages = [await call('panel:table', ascending), await call('panel:table', { ...ascending, offset: 500 })];
    const values = pages.flatMap((p) => p.rows.map((r) => r.values[0] as number));
    expect(values).toHaveLength(816);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    const byRegion = await call('panel:table', { variables: ['gsp'], sort: { by: 'region', direction: 'desc' }, limit: 2 });
    expect(byRegion.rows.map((r) => [r.region, r.period])).toEqual([['Wyoming', 1970], ['Wyoming', 1971]]);
    const byPeriod = await call('panel:table', { variables: ['gsp'], sort: { by: 'period', direction: 'desc' }, limit: 2 });
    expect(byPeriod.rows.map((r) => [r.region, r.period])).toEqual([['Alabama', 1986], ['Arizona', 1986]]);
  });

  it('filters by search (case and accents ignored), group, region list and period range', async () => {
    const cali = await call('panel:table', { variables: ['gsp'], search: 'CALÍ', periodFrom: 1980, periodTo: 1981 });
    expect(cali.rows.map((r) => [r.region, r.period])).toEqual([['California', 1980], ['California', 1981]]);
    const pacific = await call('panel:table', { variables: ['gsp'], group: 'Pacific', periodFrom: 1986, periodTo: 1986 });
    expect(pacific.rows.map((r) => r.region)).toEqual(['California', 'Oregon', 'Washington']);
    const two = await call('panel:table', { variables: ['gsp'], regions: ['Ohio', 'Iowa'] });
    expect(two.total).toBe(34);
    expect((await call('panel:table', { variables: ['gsp'], search: 'nowhere' })).total).toBe(0);
  });

  it('refuses a sort variable that is not shown, an empty period range and an unknown region, in one sentence each', async () => {
    expect(await failure('panel:table', { variables: ['gsp'], sort: { by: 'variable', variable: 'emp', direction: 'asc' } })).toMatchObject({
      code: 'data-table-sort-variable',
      message: 'The table cannot be sorted by "emp": it is not one of the shown variables (gsp).',
    });
    expect(await failure('panel:table', { variables: ['gsp'], periodFrom: 1980, periodTo: 1975 })).toMatchObject({
      code: 'data-table-period-range',
      message: 'The period range 1980–1975 is empty: the first period is after the last.',
    });
    expect((await failure('panel:table', { variables: ['gsp'], regions: ['Atlantis'] })).code).toBe('project-unknown-region');
    expect((await failure('panel:table', { variables: ['gdp'] })).code).toBe('project-unknown-variable');
  });
});

describe('data edits through the channels', () => {
  it('an edit to missing shows in the table (counted, first or last), is logged and undone', async () => {
    const res = await call('data:editCell', { variable: 'unemp', region: 'Alabama', period: 1970, value: null });
    expect(res.edit).toMatchObject({ kind: 'cell', variable: 'unemp', region: 'Alabama', period: 1970, oldValue: 4.7, newValue: null, undoneAt: null });
    const page = await call('panel:table', { variables: ['gsp', 'unemp'], missingOnly: true });
    expect(page).toMatchObject({ total: 1, missing: [0, 1] });
    expect(page.rows[0]).toMatchObject({ region: 'Alabama', period: 1970, values: [28418, null] });
    const first = await call('panel:table', { variables: ['unemp'], sort: { by: 'variable', variable: 'unemp', direction: 'desc' }, missing: 'first', limit: 1 });
    expect(first.rows[0]).toMatchObject({ region: 'Alabama', period: 1970 });
    const last = await call('panel:table', { variables: ['unemp'], sort: { by: 'variable', variable: 'unemp', direction: 'desc' }, missing: 'last', offset: 815 });
    expect(last.rows[0]).toMatchObject({ region: 'Alabama', period: 1970 });
    expect((await call('data:edits', {})).edits[0].id).toBe(res.edit.id);
    const undone = await call('data:undo', {});
    expect(undone.edit.id).toBe(res.edit.id);
    expect((await call('panel:table', { variables: ['unemp'], limit: 1 })).rows[0].values).toEqual([4.7]);
    expect((await call('data:edits', {})).edits[0].undoneAt).not.toBeNull();
  });

  it('a value that is not finite is refused at the boundary', async () => {
    const e = await failure('data:editCell', { variable: 'gsp', region: 'Alabama', period: 1970, value: 'abc' });
    expect(e.code).toBe('invalid-request');
  });

  it('deleting a variable that derived ones use is refused naming them; withDependents deletes all, one undo restores all', async () => {
    await call('variables:derive', { name: 'lgsp', expression: 'log(gsp)' });
    await call('variables:derive', { name: 'dlgsp', expression: 'diff(lgsp)' });
    expect(await call('variables:dependents', { name: 'gsp' })).toEqual({ dependents: ['lgsp', 'dlgsp'] });
    // An edit of gsp says which derived values it left stale.
    const edit = await call('data:editCell', { variable: 'gsp', region: 'Alabama', period: 1971, value: 30000 });
    expect(edit.staleDerived).toEqual(['lgsp', 'dlgsp']);
    // Recompute them: lgsp of Alabama 1971 becomes log(30000); undo puts log(29375) back (produc.csv).
    const re = await call('variables:recompute', { names: edit.staleDerived });
    expect(re.edit).toMatchObject({ kind: 'recompute', variable: 'lgsp' });
    const lgsp = async () => (await call('panel:table', { variables: ['lgsp'], regions: ['Alabama'], periodFrom: 1971, periodTo: 1971 })).rows[0].values[0];
    expect(await lgsp()).toBe(Math.log(30000));
    await call('data:undo', {});
    expect(await lgsp()).toBe(Math.log(29375));
    await call('data:undo', { id: edit.edit.id });

    expect(await failure('variables:delete', { name: 'gsp' })).toMatchObject({
      code: 'data-variable-has-dependents',
      message: '"gsp" cannot be deleted alone: derived variables are computed from it (lgsp, dlgsp). Delete them with it, or delete them first.',
      details: { variable: 'gsp', dependents: 'lgsp, dlgsp', count: 2 },
    });
    const before = await call('project:summary', {});
    const del = await call('variables:delete', { name: 'gsp', withDependents: true });
    expect(del.edit.deleted.map((d) => d.name)).toEqual(['gsp', 'lgsp', 'dlgsp']);
    expect(del.edit.deleted[0].cells).toBe(816);
    expect((await call('project:summary', {})).variables.map((v) => v.name)).not.toContain('gsp');
    await call('data:undo', {});
    expect((await call('project:summary', {})).variables).toEqual(before.variables);
    expect((await call('panel:table', { variables: ['gsp'], limit: 1 })).rows[0].values).toEqual([28418]);
    // A variable nothing uses goes at once.
    const alone = await call('variables:delete', { name: 'dlgsp' });
    expect(alone.edit.deleted.map((d) => d.name)).toEqual(['dlgsp']);
    await call('data:undo', {});
  });

  it('undo with nothing left says so', async () => {
    // Undo everything still standing, then once more.
    for (;;) {
      const e = await app.dispatch('data:undo', {});
      if (!e.ok) {
        expect(e.error).toMatchObject({ code: 'data-undo-nothing', message: 'There is no edit to undo in this project.' });
        break;
      }
    }
  });
});
