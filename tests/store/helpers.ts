/**
 * Shared set-up for the store tests: a fresh temporary folder per test and a small project
 * with known content.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { ProjectStore } from '../../src/store/project-store';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A path `name` inside a new temporary folder, removed after the test. */
export function tempPath(name = 'project.rwb'): string {
  const dir = mkdtempSync(join(tmpdir(), 'rwb-store-'));
  dirs.push(dir);
  return join(dir, name);
}

/** Region codes of the sample project: R01..R{n}. */
export function sampleCodes(n: number): string[] {
  return Array.from({ length: n }, (_, k) => `R${String(k + 1).padStart(2, '0')}`);
}

/** A deterministic value per cell, so tests can recompute what was written. */
export function cellValue(k: number, period: number): number {
  return k * 1000 + period + 0.25;
}

/**
 * A closed project with `n` regions, variable `gsp` over periods 2000..2000+T-1 (cell value
 * `cellValue(k, period)`), created at a fresh temporary path.
 */
export function makeSampleProject(n = 10, T = 5): { path: string; codes: string[]; periods: number[] } {
  const path = tempPath();
  const codes = sampleCodes(n);
  const periods = Array.from({ length: T }, (_, t) => 2000 + t);
  const store = ProjectStore.open(path, { create: true });
  store.transaction(() => {
    store.upsertRegions(codes.map((code) => ({ code, nameEn: `Region ${code}` })));
    store.upsertVariable({ name: 'gsp', label: 'Gross state product', unit: 'USD m' });
    store.putObservations('gsp', codes.flatMap((region, k) => periods.map((period) => ({ region, period, value: cellValue(k, period) }))));
  });
  store.close();
  return { path, codes, periods };
}
