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
