/**
 * `putObservationColumns`, the bulk write of imports: the same cells as `putObservations`
 * (the reference: one variable at a time), whatever the row order; later duplicates win; a
 * write large enough to rebuild `observations_by_variable` leaves the schema exactly as it was,
 * also when it fails and is rolled back.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/store/project-store';
import { sampleCodes, tempPath } from './helpers';

function schema(path: string): unknown {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name").all();
  } finally {
    db.close();
  }
}

/** n regions × T periods in a shuffled order (a fixed permutation), two variables. */
function columns(n: number, T: number) {
  const codes = sampleCodes(n);
  const regions: string[] = [];
  const periods: number[] = [];
  for (let t = 0; t < T; t++) for (const c of codes) { regions.push(c); periods.push(2000 + t); }
  const a = Float64Array.from(regions, (_, r) => (r % 7 === 0 ? Number.NaN : r * 0.5));
  const b = Float64Array.from(regions, (_, r) => r - 3);
  return { codes, regions, periods, a, b };
}

describe('putObservationColumns', () => {
  it('writes what putObservations writes, rows in any order; NaN is missing; a later duplicate wins', () => {
    const { codes, regions, periods, a, b } = columns(12, 6);
    const bulk = ProjectStore.open(tempPath(), { create: true });
    const one = ProjectStore.open(tempPath(), { create: true });
    for (const s of [bulk, one]) {
      s.upsertRegions(codes.map((code) => ({ code })));
      s.upsertVariable({ name: 'a' });
      s.upsertVariable({ name: 'b' });
    }
    // Period-major order (not the key order) and a duplicate of the first row at the end.
    const dupRegions = [...regions, regions[0]];
    const dupPeriods = [...periods, periods[0]];
    const dupA = Float64Array.from([...a, 99]);
    const dupB = Float64Array.from([...b, 98]);
    const seen: number[] = [];
    bulk.putObservationColumns({ variables: ['b', 'a'], regions: dupRegions, periods: dupPeriods, columns: [dupB, dupA] }, (w) => seen.push(w));
    expect(seen.at(-1)).toBe(dupRegions.length);
    for (const [name, col] of [['a', dupA], ['b', dupB]] as const) {
      one.putObservations(name, dupRegions.map((region, r) => ({ region, period: dupPeriods[r], value: col[r] })));
    }
    const read = (s: ProjectStore) => {
      const p = s.readPanel({ variables: ['a', 'b'] });
      return { ids: p.ids, times: p.times, a: Array.from(p.values.a), b: Array.from(p.values.b) };
    };
    expect(read(bulk)).toEqual(read(one));
    expect(read(bulk).a[0]).toBe(99);
    bulk.close();
    one.close();
  });

  it('rebuilds the secondary index of a large write with the same schema, and keeps it when the write fails', () => {
    const path = tempPath();
    const s = ProjectStore.open(path, { create: true });
    const { codes, regions, periods, a, b } = columns(1000, 120); // 240,000 observations
    s.upsertRegions(codes.map((code) => ({ code })));
    s.upsertVariable({ name: 'a' });
    s.upsertVariable({ name: 'b' });
    s.close();
    const before = schema(path);
    const s2 = ProjectStore.open(path);
    s2.putObservationColumns({ variables: ['a', 'b'], regions, periods, columns: [a, b] });
    s2.close();
    expect(schema(path)).toEqual(before);
    const s3 = ProjectStore.open(path);
    s3.upsertVariable({ name: 'c' });
    expect(() => s3.transaction(() => {
      s3.putObservationColumns({ variables: ['c', 'a'], regions, periods, columns: [b, b] }, (w) => {
        if (w > 50_000) throw new Error('stop');
      });
    })).toThrow('stop');
    s3.close();
    expect(schema(path)).toEqual(before);
    const s4 = ProjectStore.open(path);
    // The rolled-back write changed nothing: `a` holds what the first write put there.
    const sorted = (x: Float64Array) => Array.from(x).filter((v) => !Number.isNaN(v)).sort((p, q) => p - q);
    expect(sorted(s4.readPanel({ variables: ['a'] }).values.a)).toEqual(sorted(a));
    expect(s4.listVariables().map((v) => v.name)).toEqual(['a', 'b', 'c']);
    expect(s4.readPanel({ variables: ['c'] }).ids).toEqual([]);
    s4.close();
  });

  it('refuses a region the project does not have, writing nothing', () => {
    const s = ProjectStore.open(tempPath(), { create: true });
    s.upsertRegions([{ code: 'R01' }]);
    s.upsertVariable({ name: 'a' });
    expect(() => s.putObservationColumns({ variables: ['a'], regions: ['R01', 'R99'], periods: [2000, 2000], columns: [Float64Array.of(1, 2)] })).toThrow(/R99/);
    expect(s.readPanel({ variables: ['a'] }).ids).toEqual([]);
    s.close();
  });
});
