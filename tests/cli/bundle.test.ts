/**
 * The esbuild bundle of `rwb` (scripts/build-cli.mjs → dist/cli/rwb.mjs) behaves exactly
 * like the TypeScript sources run through tsx: same exit code, stdout and stderr for every
 * command below, expressions, tables and errors included. The bundle is rebuilt first, so it
 * is the current sources that are compared.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { datasetPath, repoPath } from '../helpers/paths';
import { runCliProcess } from './run-cli';

const PANEL = ['--panel', datasetPath('produc.csv'), '--id', 'state_name', '--time', 'year'];
const US48 = ['--geometry', datasetPath('us48', 'us48.shp'), '--key', 'STATE_NAME'];
const FE = [...PANEL, '--y', 'log(gsp)', '--x', 'log(pcap)', '--x', 'log(pc)', '--x', 'log(emp)', '--x', 'unemp', '--effects', 'twoways', '--cluster', 'state_name'];

beforeAll(() => {
  const r = spawnSync(process.execPath, [repoPath('scripts', 'build-cli.mjs')], { cwd: repoPath(), encoding: 'utf8', timeout: 120_000 });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
}, 150_000);

describe('the bundled rwb (dist/cli/rwb.mjs)', () => {
  const cases: [string, string[]][] = [
    ['--help', ['--help']],
    ['--version', ['--version']],
    ['describe --help', ['describe', '--help']],
    ['describe (text)', ['describe', ...PANEL]],
    ['describe expressions (json)', ['describe', ...PANEL, '--var', 'log(gsp)', '--var', 'diff(log(pcap))', '--var', 'winsor(gsp/emp, 0.01)', '--json']],
    ['describe, refused expression', ['describe', ...PANEL, '--var', 'evaluate(1)']],
    ['describe, unknown column', ['describe', ...PANEL, '--var', 'gps']],
    ['fe two-way clustered (json)', ['fe', ...FE, '--json']],
    ['weights queen (json)', ['weights', ...US48, '--type', 'queen', '--json']],
    ['unknown command', ['fit']],
  ];
  it.each(cases)('%s: same exit code and output as the sources', async (_name, argv) => {
    const [src, bundle] = await Promise.all([runCliProcess(argv), runCliProcess(argv, { bundle: true })]);
    expect(bundle).toEqual(src);
  }, 60_000);

  it('writes an .xlsx and a .docx table: exceljs and docx still load on demand', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rwb-bundle-'));
    for (const ext of ['xlsx', 'docx']) {
      const out = join(dir, `t.${ext}`);
      const r = await runCliProcess(['fe', ...FE, '--table', out], { bundle: true });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK'); // a zip container
    }
  }, 60_000);

  it('keeps better-sqlite3, exceljs and docx out of the bundle, and the entry small', () => {
    const meta = JSON.parse(readFileSync(repoPath('dist', 'cli', 'meta.json'), 'utf8')) as {
      inputs: Record<string, unknown>;
      outputs: Record<string, { bytes: number; imports: { path: string; kind: string; external?: boolean }[] }>;
    };
    const bundled = Object.keys(meta.inputs);
    for (const pkg of ['better-sqlite3', 'exceljs', 'docx', 'mathjs']) {
      expect(bundled.filter((f) => f.includes(`node_modules/${pkg}/`)), pkg).toEqual([]);
    }
    // What loading a command's chunk loads at once (static imports, transitively): never exceljs or docx.
    const staticClosure = (start: string): Set<string> => {
      const seen = new Set<string>();
      const visit = (f: string): void => {
        if (seen.has(f)) return;
        seen.add(f);
        for (const i of meta.outputs[f]?.imports ?? []) if (i.kind === 'import-statement') visit(i.path);
      };
      visit(start);
      return seen;
    };
    const commandChunks = Object.keys(meta.outputs).filter((f) => /\/chunks\/(import|describe|derive|fe|weights)-[A-Z0-9]+\.mjs$/.test(f));
    expect(commandChunks).toHaveLength(5);
    for (const c of [...commandChunks, Object.keys(meta.outputs).find((f) => f.endsWith('dist/cli/rwb.mjs')) ?? '']) {
      const loaded = [...staticClosure(c)];
      expect(loaded.filter((f) => f === 'exceljs' || f === 'docx'), c).toEqual([]);
    }
    const entry = Object.entries(meta.outputs).find(([f]) => f.endsWith('dist/cli/rwb.mjs'));
    expect(entry?.[1].bytes).toBeLessThan(50_000); // rwb --help loads no command module
    expect(existsSync(repoPath('dist', 'cli', 'rwb.mjs'))).toBe(true);
  });
});
