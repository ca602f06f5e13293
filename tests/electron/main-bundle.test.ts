/**
 * Smoke test of the BUILT main process (`main.js` from vite.main.config.ts) with the
 * `electron` module replaced by a test double: it starts, registers every contract channel,
 * opens the China sample, points the window at the built preload next to it, and runs a group
 * comparison's permutation test in the built job worker (`worker.js`) next to it.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../src/contract';

type Fn = (...args: never[]) => unknown;
const root = resolve(import.meta.dirname, '../..');
const h = vi.hoisted(() => ({ userDir: '', outDir: '', handlers: new Map<string, Fn>(), windows: [] as Record<string, unknown>[], closers: [] as Fn[] }));

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = { on: () => undefined, setWindowOpenHandler: () => undefined };
    constructor(options: Record<string, unknown>) {
      h.windows.push(options);
    }
    once() {}
    loadURL() {
      return Promise.resolve();
    }
  }
  return {
    app: {
      requestSingleInstanceLock: () => true,
      quit: () => undefined,
      on: (name: string, fn: Fn) => {
        if (name === 'window-all-closed') h.closers.push(fn);
      },
      whenReady: () => Promise.resolve(),
      getPath: () => h.userDir,
      getVersion: () => '0.1.0-bundle',
      getAppPath: () => root,
    },
    BrowserWindow,
    dialog: {},
    ipcMain: { handle: (c: string, fn: Fn) => h.handlers.set(c, fn) },
    protocol: { registerSchemesAsPrivileged: () => undefined, handle: () => undefined },
    session: {
      defaultSession: {
        setPermissionRequestHandler: () => undefined,
        setPermissionCheckHandler: () => undefined,
        webRequest: { onBeforeRequest: () => undefined, onHeadersReceived: () => undefined },
      },
    },
  };
});

describe('built main process', () => {
  afterAll(() => {
    for (const close of h.closers) (close as () => void)();
    if (h.userDir) rmSync(h.userDir, { recursive: true, force: true });
    if (h.outDir) rmSync(h.outDir, { recursive: true, force: true });
  });

  it('starts from .vite/build/main.js and serves the contract', async () => {
    h.userDir = mkdtempSync(join(tmpdir(), 'rwb-bundle-'));
    // A private output directory inside the repository (bare imports resolve from node_modules),
    // so parallel test files never read a half-written bundle.
    mkdirSync(join(root, '.vite'), { recursive: true });
    h.outDir = mkdtempSync(join(root, '.vite', 'test-main-'));
    await build({ configFile: join(root, 'vite.main.config.ts'), logLevel: 'warn', build: { outDir: h.outDir } });
    await build({ configFile: join(root, 'vite.preload.config.ts'), logLevel: 'warn', build: { outDir: h.outDir } });
    const file = join(h.outDir, 'main.js');
    const main = (await import(pathToFileURL(file).href)) as { mainReady: Promise<void> };
    await main.mainReady;
    expect([...h.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    const prefs = h.windows[0].webPreferences as { preload: string; sandbox: boolean };
    expect(prefs.sandbox).toBe(true);
    expect(dirname(prefs.preload)).toBe(dirname(file));
    expect(existsSync(prefs.preload)).toBe(true);
    const info = (await (h.handlers.get('app:info') as (e: unknown, p: unknown) => Promise<{ ok: boolean; value: { sample: string } }>)(
      { senderFrame: { url: 'app://rwb/index.html' } },
      {},
    ));
    expect(info.ok).toBe(true);
    expect(info.value.sample).toBe('china-provinces');

    // The job worker is built next to main.js and the built main runs the permutation test in it.
    expect(existsSync(join(h.outDir, 'worker.js'))).toBe(true);
    const call = async (channel: string, payload: unknown): Promise<Record<string, unknown>> => {
      const env = await (h.handlers.get(channel) as (e: unknown, p: unknown) => Promise<{ ok: boolean; value: Record<string, unknown> }>)(
        { senderFrame: { url: 'app://rwb/index.html' } }, payload,
      );
      if (!env.ok) throw new Error(`${channel} failed: ${JSON.stringify(env)}`);
      return env.value;
    };
    const { jobId } = await call('job:start', { task: 'permutation-gap', input: { y: 'resilience', x: ['digital', 'urban'], a: 'East', b: 'West', permutations: 49, seed: 3 } });
    let status = await call('job:status', { jobId });
    for (let i = 0; i < 3000 && status.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 10));
      status = await call('job:status', { jobId });
    }
    expect(status.error).toBeUndefined();
    expect(status.state).toBe('done');
    expect(status.progress).toEqual({ done: 49, total: 49 });
    expect((status.result as { permutations: number; valid: number }).permutations).toBe(49);
    expect((status.result as { valid: number }).valid).toBeGreaterThan(0);
  }, 180_000);
});
