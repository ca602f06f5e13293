import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import type { LongPanel } from '../../src/core/panel';
import { computeInputHash, stableJson } from '../../src/store/hash';
import { ProjectStore } from '../../src/store/project-store';
import { tempPath } from './helpers';

function panel(over: Partial<LongPanel> = {}): LongPanel {
  return {
    source: 'produc.csv', idColumn: 'state', timeColumn: 'year',
    ids: ['Alabama', 'Alabama', 'Ohio'], times: [1970, 1971, 1970], rowNumbers: [2, 3, 4],
    variables: ['gsp', 'emp'],
    values: { gsp: Float64Array.of(1.5, NaN, 3), emp: Float64Array.of(10, 11, 12) },
    ...over,
  };
}

describe('computeInputHash', () => {
  test('is a SHA-256 hex digest, the same for the same content', () => {
    const h = computeInputHash(panel());
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(computeInputHash(panel())).toBe(h);
  });

  test('pinned: this hash is stored with saved runs, so its encoding must not drift', () => {
    // Recomputed by hand from the documented encoding (tag, row count, ids, float64 periods,
    // variables sorted by name with float64 values, text columns, extra as sorted JSON).
    const u32 = (n: number): Buffer => { const b = Buffer.alloc(4); b.writeUInt32LE(n); return b; };
    const s = (x: string): Buffer => Buffer.concat([u32(Buffer.byteLength(x)), Buffer.from(x, 'utf8')]);
    const f64 = (xs: number[]): Buffer => Buffer.from(Float64Array.from(xs).buffer);
    const expected = createHash('sha256').update(Buffer.concat([
      s('rwb-input-hash/1'), u32(3), s('Alabama'), s('Alabama'), s('Ohio'), f64([1970, 1971, 1970]),
      u32(2), s('emp'), u32(3), f64([10, 11, 12]), s('gsp'), u32(3), f64([1.5, NaN, 3]),
      u32(0), s('{"model":"sdm","w":"queen"}'),
    ])).digest('hex');
    expect(computeInputHash(panel(), { w: 'queen', model: 'sdm' })).toBe(expected);
  });

  test('changes with any value, id, period, row order or extra', () => {
    const h = computeInputHash(panel());
    expect(computeInputHash(panel({ values: { gsp: Float64Array.of(1.5, NaN, 3.0000001), emp: Float64Array.of(10, 11, 12) } }))).not.toBe(h);
    expect(computeInputHash(panel({ values: { gsp: Float64Array.of(1.5, 0, 3), emp: Float64Array.of(10, 11, 12) } }))).not.toBe(h);
    expect(computeInputHash(panel({ ids: ['Alabama', 'Alabama', 'Iowa'] }))).not.toBe(h);
    expect(computeInputHash(panel({ times: [1970, 1972, 1970] }))).not.toBe(h);
    expect(computeInputHash(panel({ ids: ['Ohio', 'Alabama', 'Alabama'], times: [1970, 1970, 1971] }))).not.toBe(h);
    expect(computeInputHash(panel(), { seed: 1 })).not.toBe(h);
    expect(computeInputHash(panel(), { seed: 1 })).not.toBe(computeInputHash(panel(), { seed: 2 }));
    // Ids are length-prefixed: moving a character between ids changes the hash.
    expect(computeInputHash(panel({ ids: ['Alabam', 'aAlabama', 'Ohio'] }))).not.toBe(h);
    expect(computeInputHash(panel({ text: { group: ['South', 'South', 'Midwest'] } }))).not.toBe(h);
  });

  test('ignores source, row numbers, column names, variable order, extra key order, NaN payload and -0', () => {
    const h = computeInputHash(panel(), { a: 1, b: [1, 2] });
    expect(computeInputHash(panel({ source: 'other.xlsx', rowNumbers: [7, 8, 9], idColumn: 'region', timeColumn: 'period' }), { b: [1, 2], a: 1 })).toBe(h);
    expect(computeInputHash(panel({ variables: ['emp', 'gsp'] }), { a: 1, b: [1, 2] })).toBe(h);
    const odd = new Float64Array(3);
    new DataView(odd.buffer).setBigUint64(8, 0x7ff8_dead_beef_0001n, true); // a NaN with a payload
    odd[0] = 1.5; odd[2] = 3;
    expect(Number.isNaN(odd[1])).toBe(true);
    expect(computeInputHash(panel({ values: { gsp: odd, emp: Float64Array.of(10, 11, 12) } }), { a: 1, b: [1, 2] })).toBe(h);
    const z = computeInputHash(panel({ values: { gsp: Float64Array.of(0, NaN, 3), emp: Float64Array.of(10, 11, 12) } }));
    expect(computeInputHash(panel({ values: { gsp: Float64Array.of(-0, NaN, 3), emp: Float64Array.of(10, 11, 12) } }))).toBe(z);
  });

  test('a panel read back from the store hashes like the same panel read from a file', () => {
    const store = ProjectStore.open(tempPath(), { create: true });
    store.upsertRegions([{ code: 'Alabama' }, { code: 'Ohio' }]);
    store.upsertVariable({ name: 'emp' });
    store.upsertVariable({ name: 'gsp' });
    const p = panel();
    for (const v of ['emp', 'gsp']) {
      store.putObservations(v, p.ids.map((region, k) => ({ region, period: p.times[k], value: p.values[v][k] })));
    }
    expect(computeInputHash(store.readPanel(), { m: 1 })).toBe(computeInputHash(p, { m: 1 }));
    store.close();
  });
});

describe('stableJson', () => {
  test('sorts keys at every depth, keeps array order, turns typed arrays into arrays', () => {
    expect(stableJson({ b: { d: 1, c: [3, { f: 1, e: 2 }] }, a: Float64Array.of(1, 2) }))
      .toBe('{"a":[1,2],"b":{"c":[3,{"e":2,"f":1}],"d":1}}');
    expect(stableJson(undefined)).toBe('undefined');
  });
});
