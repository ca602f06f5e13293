/**
 * The built preload (`preload.cjs` from vite.preload.config.ts) runs where sandboxed preloads run: a CommonJS
 * script whose `require` only knows `electron`. Built here with vite.preload.config.ts, then run
 * in a fresh VM context with exactly that `require`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../src/contract';

const root = resolve(import.meta.dirname, '../..');

describe('preload bundle', () => {
  let code = '';
  const outDir = mkdtempSync(join(tmpdir(), 'rwb-preload-'));
  beforeAll(async () => {
    await build({ configFile: join(root, 'vite.preload.config.ts'), logLevel: 'warn', build: { outDir } });
    code = readFileSync(join(outDir, 'preload.cjs'), 'utf8');
  }, 120_000);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('is CommonJS, not an ES module, and requires nothing but electron', () => {
    expect(code).not.toMatch(/^\s*import\s|^\s*export\s/m);
    const required = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect([...new Set(required)]).toEqual(['electron']);
  });

  it('exposes window.rwb with every channel when run with a sandbox-like require', async () => {
    const exposed: Record<string, Record<string, (req?: unknown) => Promise<unknown>>> = {};
    const invoked: [string, unknown][] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: Record<string, (req?: unknown) => Promise<unknown>>) => { exposed[key] = api; } },
      ipcRenderer: { invoke: async (channel: string, req: unknown) => { invoked.push([channel, req]); return { ok: true, value: null }; } },
    };
    const sandboxRequire = (id: string) => {
      if (id === 'electron') return electron;
      throw new Error(`module not found: ${id} (sandboxed preloads can only require electron)`);
    };
    const module = { exports: {} };
    runInNewContext(code, { require: sandboxRequire, module, exports: module.exports, console });
    expect(Object.keys(exposed)).toEqual(['rwb']);
    expect(Object.keys(exposed.rwb).sort()).toEqual([...CHANNELS].sort());
    await exposed.rwb['project:summary']();
    expect(invoked).toEqual([['project:summary', {}]]);
  });
});
