import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ProjectStore } from '../../src/store/project-store';
import { tempPath } from './helpers';

/** Any double, NaN (missing) and null (missing) included. */
const cell = fc.oneof(
  { weight: 6, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.constant(Number.NaN) },
  { weight: 1, arbitrary: fc.constant(null) },
);

/** A set of cells keyed by (region index, period), plus their values for two variables. */
const cells = fc.uniqueArray(
  fc.record({ r: fc.integer({ min: 0, max: 5 }), t: fc.integer({ min: -3, max: 2030 }), a: cell, b: fc.option(cell, { nil: undefined }) }),
  { selector: (c) => `${c.r}:${c.t}`, maxLength: 40 },
);

describe('put → read round trip (fast-check)', () => {
  test('every value comes back exactly (NaN and null as NaN, -0 as 0), rows sorted and complete', () => {
    const store = ProjectStore.open(tempPath(), { create: true });
    const codes = ['z', 'a', 'M', '北京', 'a b', '01'];
    store.upsertRegions(codes.map((code) => ({ code })));
    store.upsertVariable({ name: 'a' });
    store.upsertVariable({ name: 'b' });
    let round = 0;
    fc.assert(fc.property(cells, (cs) => {
      round++;
      // Each round writes into a rolled-back transaction so rounds do not see each other.
      const rollback = new Error(`round ${round}`);
      try {
        store.transaction(() => {
          store.putObservations('a', cs.map((c) => ({ region: codes[c.r], period: c.t, value: c.a })));
          store.putObservations('b', cs.filter((c) => c.b !== undefined).map((c) => ({ region: codes[c.r], period: c.t, value: c.b ?? null })));
          const p = store.readPanel();
          // SQLite keeps no negative zero: -0 is stored as 0 (found by this property).
          const stored = (v: number | null | undefined): number => (v === undefined || v === null ? NaN : v === 0 ? 0 : v);
          const expected = cs.map((c) => ({ id: codes[c.r], t: c.t, a: stored(c.a), b: stored(c.b), hasB: c.b !== undefined }))
            .sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : x.t - y.t));
          expect(p.ids).toEqual(expected.map((e) => e.id));
          expect(p.times).toEqual(expected.map((e) => e.t));
          // Object.is semantics: NaN equals NaN, -0 differs from 0, every bit of every double counts.
          expect(Array.from(p.values.a)).toEqual(expected.map((e) => e.a));
          expect(Array.from(p.values.b)).toEqual(expected.map((e) => e.b));
          // Filtered reads: only b (rows where b was written), and two regions in reverse order.
          const onlyB = store.readPanel({ variables: ['b'] });
          const withB = expected.filter((e) => e.hasB);
          expect(onlyB.ids).toEqual(withB.map((e) => e.id));
          expect(onlyB.times).toEqual(withB.map((e) => e.t));
          expect(Array.from(onlyB.values.b)).toEqual(withB.map((e) => e.b));
          const two = store.readPanel({ variables: ['b', 'a'], regions: [codes[3], codes[0]] });
          const inTwo = expected.filter((e) => e.id === codes[3] || e.id === codes[0]);
          expect(two.variables).toEqual(['b', 'a']);
          expect(two.ids).toEqual(inTwo.map((e) => e.id));
          expect(two.times).toEqual(inTwo.map((e) => e.t));
          expect(Array.from(two.values.a)).toEqual(inTwo.map((e) => e.a));
          expect(Array.from(two.values.b)).toEqual(inTwo.map((e) => e.b));
          throw rollback;
        });
      } catch (e) {
        if (e !== rollback) throw e;
      }
    }), { numRuns: 200, seed: 20260401 });
    expect(store.readPanel().ids).toEqual([]);
    store.close();
  });
});
