/**
 * `rwb gtwr --threads N` with a search: from 10,000 observations the bandwidth search runs over
 * this thread and gtwr-rows workers (src/services/gwr/gwr-search-pool.ts); the JSON written is
 * the same, byte for byte, as with --threads 1 (the search sums are taken in fixed row blocks).
 * Data: 1,000 deterministic lon/lat points × 10 years (10,000 rows = 40 row blocks), y with
 * coefficients drifting in space and time; the reference is the one-thread run itself.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { activeSearchWorkerCount, searchWorkersStarted } from '../../src/services/gwr/gwr-search-pool';
import { writeDriftingPointsCsv } from '../helpers/drifting-points';
import { runCli } from './run-cli';

const tmp = mkdtempSync(join(tmpdir(), 'rwb-cli-gtwr-threads-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const CSV = join(tmp, 'pts10000.csv');
writeDriftingPointsCsv(CSV, 1000, 10, 2024);
const GTWR = ['gtwr', '--panel', CSV, '--id', 'id', '--time', 'year', '--y', 'y', '--x', 'x1', '--x', 'x2', '--coords', 'lon,lat',
  '--kernel', 'bisquare', '--adaptive', 'auto', '--tau', '90000', '--no-f-test', '--no-fe', '--json'];

describe('rwb gtwr --threads with a bandwidth search', () => {
  it('--threads 2 searches over a worker and writes what --threads 1 writes', async () => {
    const before = searchWorkersStarted();
    const one = await runCli([...GTWR, '--threads', '1']);
    expect(searchWorkersStarted()).toBe(before);
    const two = await runCli([...GTWR, '--threads', '2']);
    expect(searchWorkersStarted()).toBe(before + 1);
    expect(one.stderr).toBe('');
    expect(one.code).toBe(0);
    const out = JSON.parse(one.stdout) as { n_obs: number; search: { profile: unknown[] } | null };
    expect(out.n_obs).toBe(10000);
    expect(out.search?.profile.length).toBeGreaterThan(10);
    expect(two).toEqual(one);
    expect(activeSearchWorkerCount()).toBe(0);
  }, 120_000);
});

describe('rwb gtwr: when the fit workers are started before the panel is read', () => {
  it('a text panel by its estimated rows (not its size alone), other files by size', async () => {
    const fs = await import('node:fs');
    const { mayHoldSplitFit } = await import('../../src/cli/commands/gtwr');
    const write = (name: string, rows: number, width: number): string => {
      const f = join(tmp, name);
      const line = `${'x'.repeat(width - 1)}\n`;
      fs.writeFileSync(f, `id,year,y\n${line.repeat(rows)}`);
      return f;
    };
    expect(await mayHoldSplitFit(write('small.csv', 1000, 50), 10_000)).toBe(false); // 50 KB
    expect(await mayHoldSplitFit(write('long-lines.csv', 5000, 105), 10_000)).toBe(false); // 525 KB, 5,000 rows
    expect(await mayHoldSplitFit(write('many.csv', 10_000, 60), 10_000)).toBe(true);
    expect(await mayHoldSplitFit(write('nearly.csv', 8000, 60), 10_000)).toBe(true); // within the margin
    expect(await mayHoldSplitFit(CSV, 10_000)).toBe(true);
    const xlsx = join(tmp, 'big.xlsx');
    fs.writeFileSync(xlsx, Buffer.alloc(200 * 1024));
    expect(await mayHoldSplitFit(xlsx, 10_000)).toBe(true);
    expect(await mayHoldSplitFit(join(tmp, 'absent.csv'), 10_000)).toBe(false);
  });
});
