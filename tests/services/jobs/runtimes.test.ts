/**
 * The job worker loads in the runtimes other than Vitest: the CLI (bin/rwb.mjs registers tsx
 * through its API, then imports TypeScript) and `npm run web` (the tsx command), each started
 * from an unrelated working directory. The built Electron main is covered by
 * tests/electron/main-bundle.test.ts.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { permutationGapTest } from '../../../src/models/heterogeneity';

const root = resolve(import.meta.dirname, '../../..');
const run = promisify(execFile);
const tmp = mkdtempSync(join(tmpdir(), 'rwb-runtimes-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// A two-group design small enough to write inline: y = 1 + 2x + noise in A, 1 + 0.5x in B.
const ids = ['a1', 'a2', 'a3', 'b1', 'b2', 'b3'];
const rows = ids.flatMap((id, r) => [0, 1, 2, 3].map((t) => ({ id, t, x: r + t * t * 0.3 + ((r * 7 + t * 3) % 5) * 0.1 })));
const design = {
  y: rows.map((o) => (o.id.startsWith('a') ? 1 + 2 * o.x : 1 + 0.5 * o.x) + ((o.t * 5 + o.id.length) % 3) * 0.05),
  X: [rows.map((o) => o.x)], names: ['x'], ids: rows.map((o) => o.id), times: rows.map((o) => o.t),
};
const labels = rows.map((o) => (o.id.startsWith('a') ? 'A' : 'B'));

/** A script for `runtime` that runs the permutation task in the worker and prints its p value. */
function script(): string {
  const mod = pathToFileURL(join(root, 'src/services/jobs/index.ts')).href;
  return `
const { runInWorker, activeWorkerCount } = await import(${JSON.stringify(mod)});
const d = ${JSON.stringify(design)};
const design = { ...d, y: Float64Array.from(d.y), X: d.X.map((c) => Float64Array.from(c)) };
let progress = 0;
const r = await runInWorker('permutation-gap', { design, labels: ${JSON.stringify(labels)}, groupA: 'A', groupB: 'B',
  options: { model: 'pooled', effects: 'none', se: 'classical' }, permutations: 19, seed: 5 }, { onProgress: () => { progress++; } });
console.log(JSON.stringify({ p: r.gaps[0].p, valid: r.valid, progress, live: activeWorkerCount() }));
`;
}

describe('the job worker in the CLI and web runtimes', () => {
  // Reference: the same permutation test called directly in this thread.
  const direct = permutationGapTest(
    { ...design, y: Float64Array.from(design.y), X: design.X.map((c) => Float64Array.from(c)) }, labels, 'A', 'B',
    { model: 'pooled', effects: 'none', se: 'classical' }, { permutations: 19, seed: 5 },
  );

  it('CLI: node with tsx registered through its API, as bin/rwb.mjs does', async () => {
    const file = join(tmp, 'cli.mjs');
    writeFileSync(file, `import { register } from ${JSON.stringify(pathToFileURL(join(root, 'node_modules/tsx/dist/esm/api/index.mjs')).href)};\nregister();\n${script()}`);
    const { stdout } = await run(process.execPath, [file], { cwd: tmp });
    const out = JSON.parse(stdout) as { p: number; valid: number; progress: number; live: number };
    expect(out.p).toBe(direct.gaps[0].p);
    expect(out.valid).toBe(direct.valid);
    expect(out.progress).toBeGreaterThan(0);
    expect(out.live).toBe(0);
  }, 60_000);

  it('web: the tsx command, as `npm run web` starts scripts/web.ts', async () => {
    const file = join(tmp, 'web.ts');
    writeFileSync(join(tmp, 'package.json'), '{ "type": "module" }'); // as the repository's package.json
    writeFileSync(file, script());
    const { stdout } = await run(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), file], { cwd: tmp });
    const out = JSON.parse(stdout) as { p: number; valid: number };
    expect(out.p).toBe(direct.gaps[0].p);
    expect(out.valid).toBe(direct.valid);
  }, 60_000);
});
