/**
 * `rwb moran` whole process on n = 3,025 regions (issue 10): one year, queen contiguity built
 * from a 55 × 55 grid of square polygons (GeoJSON), global Moran's I with 999 permutations plus
 * LISA with 999 conditional permutations — spawn to exit from the bundle, median of 5 runs.
 * Target: under a quarter of what `spdep::moran.mc` + `spdep::localmoran_perm` take in-process
 * in R on the same W and data (recorded beside it when Rscript is present; R's time excludes
 * its start-up and reading the files, ours includes everything).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createRng } from '../../src/core/random';
import type { BenchCase } from '../run';
import { median, rscript } from '../process';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SIDE = 55;

function writeInputs(): { dir: string; geo: string; csv: string } {
  const dir = mkdtempSync(join(tmpdir(), 'rwb-bench-moran-'));
  const features = [];
  const rng = createRng(3);
  const rows = ['id,year,x'];
  for (let r = 0; r < SIDE; r++) {
    for (let c = 0; c < SIDE; c++) {
      const x0 = 100 + c * 0.2, y0 = 20 + r * 0.2;
      const id = `g${r * SIDE + c}`;
      features.push({ type: 'Feature', properties: { id }, geometry: { type: 'Polygon', coordinates: [[[x0, y0], [x0 + 0.2, y0], [x0 + 0.2, y0 + 0.2], [x0, y0 + 0.2], [x0, y0]]] } });
      rows.push(`${id},2020,${(Math.sin(c / 8) + Math.cos(r / 6) + 0.5 * rng.normal()).toFixed(6)}`);
    }
  }
  const geo = join(dir, 'grid.geojson');
  const csv = join(dir, 'grid.csv');
  writeFileSync(geo, JSON.stringify({ type: 'FeatureCollection', features }));
  writeFileSync(csv, rows.join('\n'));
  return { dir, geo, csv };
}

export const cases: BenchCase[] = [
  {
    name: 'rwb-moran-lisa-999-n3000-process',
    targetSeconds: 0.4,
    targetRatioToR: 0.25,
    measure: async () => {
      const build = spawnSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { cwd: root, encoding: 'utf8' });
      if (build.status !== 0) throw new Error(`build:cli failed: ${build.stderr}`);
      const { geo, csv } = writeInputs();
      const args = [join(root, 'bin', 'rwb.mjs'), 'moran', '--panel', csv, '--id', 'id', '--time', 'year', '--var', 'x',
        '--geometry', geo, '--key', 'id', '--weights-spec', 'queen', '--local', '2020', '--permutations', '999', '--seed', '1', '--json'];
      const times: number[] = [];
      for (let i = 0; i <= 5; i++) {
        const t0 = performance.now();
        const r = spawnSync(process.execPath, args, { cwd: root, env: { ...process.env, RWB_DEV: '' }, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
        if (r.status !== 0) throw new Error(`rwb moran failed: ${r.stderr}`);
        if (i > 0) times.push((performance.now() - t0) / 1000);
      }
      const seconds = median(times);
      const R = rscript();
      let rSeconds: number | null = null;
      if (R) {
        const code = [
          'suppressMessages({library(sf); library(spdep)})',
          `g <- st_read("${geo}", quiet = TRUE); d <- read.csv("${csv}")`,
          'x <- d$x[match(g$id, d$id)]; lw <- nb2listw(poly2nb(g, queen = TRUE), style = "W")',
          'set.seed(1); t <- system.time({ moran.mc(x, lw, nsim = 999); localmoran_perm(x, lw, nsim = 999) })',
          'cat(t[["elapsed"]])',
        ].join('; ');
        const r = spawnSync(R, ['--vanilla', '-e', code], { encoding: 'utf8' });
        if (r.status === 0) rSeconds = Number(r.stdout.trim().split(/\s+/).pop());
      }
      return {
        seconds,
        statistic: 'median of 5 whole-process runs (spawn to exit, bundle) after a warm-up',
        regions: SIDE * SIDE,
        rSeconds,
        rWhat: 'spdep::moran.mc(nsim = 999) + spdep::localmoran_perm(nsim = 999), in-process (system.time)',
        ratioToR: rSeconds ? seconds / rSeconds : null,
        loadAverage: loadavg()[0],
      };
    },
  },
];
