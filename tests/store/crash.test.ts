import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { ProjectStore } from '../../src/store/project-store';
import { cellValue, makeSampleProject } from './helpers';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const writer = join(here, 'fixtures', 'crash-writer.ts');

/** Start the writer, wait for "started", SIGKILL it; resolve with its exit signal. */
function runAndKill(file: string, walBytes: number): Promise<{ signal: NodeJS.Signals | null; said: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, file, String(walBytes)],
      { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); fail(new Error(`writer never said "started": ${err}`)); }, 75_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('started')) child.kill('SIGKILL');
    });
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      if (!out.includes('started')) fail(new Error(`writer exited before "started": ${err}`));
      else done({ signal, said: out.trim() });
    });
  });
}

describe('crash safety', () => {
  test('a process killed in the middle of a large transaction leaves the previous contents intact', async () => {
    const { path, codes, periods } = makeSampleProject(50, 20);
    const before = ProjectStore.open(path, { readonly: true });
    const panelBefore = before.readPanel();
    before.close();

    // The writer says "started" once its transaction outgrew the page cache (better-sqlite3
    // builds SQLite with a 16 MB cache) and 1 MB of uncommitted pages sit in the WAL.
    const { signal, said } = await runAndKill(path, 1_000_000);
    expect(signal).toBe('SIGKILL');
    expect(said).toMatch(/^started \d+ rows, WAL \d+ bytes$/);
    // The kill left the WAL behind with uncommitted frames in it (what recovery must discard).
    const wal = `${path}-wal`;
    expect(existsSync(wal)).toBe(true);
    expect(statSync(wal).size).toBeGreaterThan(1_000_000);

    // A raw connection first: the file is readable and sound.
    const raw = new Database(path);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(raw.prepare("SELECT count(*) AS n FROM variables WHERE name = 'crash_var'").get()).toEqual({ n: 0 });
    raw.close();

    const store = ProjectStore.open(path);
    expect(store.integrityCheck()).toEqual(['ok']);
    expect(store.getMeta('crashed')).toBeUndefined();
    expect(store.listRegions().map((r) => r.code)).toEqual(codes);
    expect(store.listVariables().map((v) => v.name)).toEqual(['gsp']);
    const after = store.readPanel();
    expect(after.ids).toEqual(panelBefore.ids);
    expect(after.times).toEqual(panelBefore.times);
    expect(Array.from(after.values.gsp)).toEqual(Array.from(panelBefore.values.gsp));
    expect(after.values.gsp[0]).toBe(cellValue(0, periods[0]));
    expect(after.ids.length).toBe(50 * 20);
    // And it is writable again.
    store.setMeta('after-crash', 'fine');
    store.close();
  }, 90_000); // generous: under a loaded CI machine the child's tsx start-up alone can take seconds
});
