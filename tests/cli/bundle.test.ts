/**
 * The esbuild bundle of `rwb` (scripts/build-cli.mjs → dist/cli/rwb.mjs) behaves exactly
 * like the TypeScript sources run through tsx: same exit code, stdout and stderr for every
 * command below, expressions, tables and errors included. The bundle is rebuilt first, so it
 * is the current sources that are compared.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeDriftingPointsCsv } from '../helpers/drifting-points';
import { datasetPath, repoPath } from '../helpers/paths';
import { runCliProcess } from './run-cli';

const PANEL = ['--panel', datasetPath('produc.csv'), '--id', 'state_name', '--time', 'year'];
const US48 = ['--geometry', datasetPath('us48', 'us48.shp'), '--key', 'STATE_NAME'];
const FE = [...PANEL, '--y', 'log(gsp)', '--x', 'log(pcap)', '--x', 'log(pc)', '--x', 'log(emp)', '--x', 'unemp', '--effects', 'twoways', '--cluster', 'state_name'];

/*
 * Inputs that take the lazily loaded readers (iconv-lite for a GBK CSV, proj4 for a GeoJSON in
 * EPSG:3857), so the bundle is seen to load them on demand like the sources do.
 */
const LAZY = mkdtempSync(join(tmpdir(), 'rwb-bundle-lazy-'));
const GBK_CSV = join(LAZY, 'gbk.csv');
writeFileSync(GBK_CSV, iconv.encode('地区,年份,产值\n北京,2020,1.5\n上海,2020,2.5\n北京,2021,1.7\n上海,2021,2.9\n', 'gbk'));
const MERCATOR = join(LAZY, 'mercator.geojson');
{
  const square = (x0: number, name: string) => ({
    type: 'Feature', properties: { name },
    geometry: { type: 'Polygon', coordinates: [[[x0, 0], [x0 + 100_000, 0], [x0 + 100_000, 100_000], [x0, 100_000], [x0, 0]]] },
  });
  writeFileSync(MERCATOR, JSON.stringify({
    type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3857' } },
    features: [square(12_000_000, 'a'), square(12_100_000, 'b'), square(12_200_000, 'c')],
  }));
}

/** 1,000 points × 10 years (10,000 rows, the size from which `rwb gtwr` splits its fit over threads), deterministic. */
const GTWR_CSV = join(LAZY, 'gtwr10000.csv');
writeDriftingPointsCsv(GTWR_CSV, 1000, 10, 12345);
const GTWR = ['gtwr', '--panel', GTWR_CSV, '--id', 'id', '--time', 'year', '--y', 'y', '--x', 'x1', '--x', 'x2', '--coords', 'lon,lat',
  '--kernel', 'bisquare', '--adaptive', '100', '--tau', '90000', '--no-f-test', '--no-fe', '--json'];

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
    ['describe a GBK CSV (json)', ['describe', '--panel', GBK_CSV, '--id', '地区', '--time', '年份', '--json']],
    ['weights from a GeoJSON in EPSG:3857 (json)', ['weights', '--geometry', MERCATOR, '--key', 'name', '--type', 'knn', '--k', '1', '--json']],
    ['moran with permutations and LISA (json)', ['moran', ...PANEL, '--var', 'log(gsp)', ...US48, '--weights-spec', 'queen', '--years', '1985..1986',
      '--permutations', '99', '--local', '1986', '--json']],
    ['unknown command', ['fit']],
    ['gtwr on Produc (json)', ['gtwr', ...PANEL, '--y', 'log(gsp)', '--x', 'log(pcap)', '--x', 'unemp', ...US48, '--adaptive', '60', '--tau', '0.5', '--json']],
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

  it('rwb gtwr on 10,000 rows: the fit split over a worker thread (dist/cli/gtwr-rows-worker.mjs) writes what one thread writes', async () => {
    const [two, one] = await Promise.all([runCliProcess([...GTWR, '--threads', '2'], { bundle: true }), runCliProcess([...GTWR, '--threads', '1'], { bundle: true })]);
    expect(two.stderr).toBe('');
    expect(two.code).toBe(0);
    expect((JSON.parse(two.stdout) as { n_obs: number }).n_obs).toBe(10000);
    expect(two).toEqual(one);
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
    // `rwb moran` on a CSV + GeoJSON (the ESDA benchmark, issue 10) compiles none of the readers
    // of other formats, the schema library, or the t / F / χ² code.
    const moranChunk = Object.keys(meta.outputs).find((f) => /\/chunks\/moran-[A-Z0-9]+\.mjs$/.test(f)) ?? '';
    const moranInputs = [...staticClosure(moranChunk)].flatMap((f) => Object.keys((meta.outputs[f] as { inputs?: Record<string, unknown> })?.inputs ?? {}));
    expect(moranInputs.length).toBeGreaterThan(10);
    for (const pkg of ['iconv-lite', 'zod', 'proj4', 'shapefile', 'text-encoding', 'jszip', 'stats-base-dists-t-cdf', 'stats-base-dists-chisquare-cdf']) {
      expect(moranInputs.filter((f) => f.includes(`node_modules/${pkg}/`) || f.includes(`node_modules/@stdlib/${pkg}/`)), pkg).toEqual([]);
    }
    // `rwb gtwr --no-fe` (the whole-process benchmark, issue 12) loads no @stdlib code, no
    // ml-matrix and no panel estimator: its F and t tails are src/stats/beta-tail.ts, t-tail.ts,
    // and the two-way FE column is imported only when asked for. Its worker entry is small.
    const gtwrChunk = Object.keys(meta.outputs).find((f) => /\/chunks\/gtwr-[A-Z0-9]+\.mjs$/.test(f)) ?? '';
    const dynamicOf = (f: string): string[] => (meta.outputs[f]?.imports ?? []).filter((i) => i.kind === 'dynamic-import').map((i) => i.path);
    const gtwrLoaded = new Set([gtwrChunk, ...dynamicOf(gtwrChunk).filter((f) => /gwr-service|gwr-rows|gwr-points|periods/.test(f))].flatMap((f) => [...staticClosure(f)]));
    const gtwrInputs = [...gtwrLoaded].flatMap((f) => Object.keys((meta.outputs[f] as { inputs?: Record<string, unknown> })?.inputs ?? {}));
    expect(gtwrInputs).toContain('src/models/gwr/space-time.ts');
    expect(gtwrInputs.filter((f) => f.includes('node_modules/@stdlib/') || f.includes('node_modules/ml-matrix/') || f.startsWith('src/models/panel/'))).toEqual([]);
    const worker = [...staticClosure(Object.keys(meta.outputs).find((f) => f.endsWith('dist/cli/gtwr-rows-worker.mjs')) ?? '')];
    expect(worker.reduce((s, f) => s + (meta.outputs[f]?.bytes ?? 0), 0)).toBeLessThan(120_000);
    const entry = Object.entries(meta.outputs).find(([f]) => f.endsWith('dist/cli/rwb.mjs'));
    expect(entry?.[1].bytes).toBeLessThan(50_000); // rwb --help loads no command module
    expect(existsSync(repoPath('dist', 'cli', 'rwb.mjs'))).toBe(true);
  });
});
