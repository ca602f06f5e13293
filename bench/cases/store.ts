/**
 * Project-store benchmarks (issue 2): a 100k-cell bulk write is one transaction and fast;
 * reading it back as a LongPanel. Files live in a temporary folder removed at exit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchCase } from '../run';
import { ProjectStore, type ObservationRow } from '../../src/store/project-store';

const dir = mkdtempSync(join(tmpdir(), 'rwb-bench-store-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

/** A project with `G` regions and one variable `y` over `T` periods, plus the rows written. */
function project(name: string, G: number, T: number): { store: ProjectStore; rows: ObservationRow[] } {
  const store = ProjectStore.open(join(dir, name), { create: true });
  const codes = Array.from({ length: G }, (_, g) => `R${String(g).padStart(5, '0')}`);
  store.upsertRegions(codes.map((code) => ({ code })));
  const rows = codes.flatMap((region, g) => Array.from({ length: T }, (_, t) => ({ region, period: 1990 + t, value: g + t / T })));
  return { store, rows };
}

export const cases: BenchCase[] = [
  {
    name: 'store-put-observations-100k',
    targetSeconds: 1,
    setup: () => {
      const { store, rows } = project('put.rwb', 5_000, 20);
      let k = 0;
      return () => {
        const name = `y${k++}`; // a fresh variable per run: timed work is 100k inserts, not updates
        store.upsertVariable({ name });
        store.putObservations(name, rows);
      };
    },
  },
  {
    name: 'store-read-panel-100k-x3',
    targetSeconds: 1,
    setup: () => {
      const { store, rows } = project('read.rwb', 5_000, 20);
      store.transaction(() => {
        for (const v of ['a', 'b', 'c']) {
          store.upsertVariable({ name: v });
          store.putObservations(v, rows);
        }
      });
      return () => store.readPanel();
    },
  },
];
