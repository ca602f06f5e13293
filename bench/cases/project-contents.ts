/**
 * The project explorer's `project:contents` (issue 13) on a large project: 2,000 regions ×
 * 20 periods × 50 variables (2 million cells, the size of issue 8's big import) from five
 * import sources: the first count after opening the project (the store reuses it until the
 * next write). It runs on the main thread / web server. The file lives in a temporary folder
 * removed at exit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchCase } from '../run';
import { projectContents } from '../../src/services/projects/contents';
import { ProjectStore } from '../../src/store/project-store';

const dir = mkdtempSync(join(tmpdir(), 'rwb-bench-contents-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

const G = 2_000;
const T = 20;
const V = 50;

export const cases: BenchCase[] = [
  {
    name: 'project-contents-2m-cells',
    targetSeconds: 0.5,
    repeat: 3,
    setup: () => {
      const path = join(dir, 'big.rwb');
      const store = ProjectStore.open(path, { create: true });
      const regions = Array.from({ length: G }, (_, g) => `R${String(g).padStart(5, '0')}`);
      const periods = Array.from({ length: T }, (_, t) => 2000 + t);
      const variables = Array.from({ length: V }, (_, v) => `x${v}`);
      store.upsertRegions(regions.map((code) => ({ code })));
      store.transaction(() => {
        for (const [v, name] of variables.entries()) store.upsertVariable({ name, source: `file${v % 5}.csv` });
      });
      // Row k is (region k / T, period k % T); one cell in 97 of each variable is missing.
      const rowRegions = Array.from({ length: G * T }, (_, k) => regions[Math.floor(k / T)]);
      const rowPeriods = Array.from({ length: G * T }, (_, k) => periods[k % T]);
      const columns = variables.map((_, v) => Float64Array.from({ length: G * T }, (_, k) => (k % 97 === v ? Number.NaN : k + v)));
      store.putObservationColumns({ variables, regions: rowRegions, periods: rowPeriods, columns });
      store.close();
      // A fresh store each time: the first count after opening (later calls reuse it until a write).
      return () => {
        const s = ProjectStore.open(path);
        try {
          return projectContents(s);
        } finally {
          s.close();
        }
      };
    },
  },
];
