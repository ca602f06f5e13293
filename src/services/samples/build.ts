/**
 * Build the embedded sample projects into `assets/generated/` (git-ignored; run at
 * build/install time by `npx tsx scripts/build-samples.ts`, or on demand by
 * `ensureSampleProject`): `china-provinces.geojson`, `china-cities.geojson`,
 * `china-demo-panel.csv`, `samples/china-provinces.rwb` and `samples/us-states.rwb`.
 * Every file is written atomically (temporary file + rename).
 */
import { join } from 'node:path';
import type { SampleName } from './catalog';
import { buildChinaSample, type ChinaBuildReport } from './china';
import { datasetsDir, echartsMapDir, findRepoRoot, generatedDir } from './paths';
import { buildUsSample, type UsBuildReport } from './us';

/** Options of `buildSamples`; every directory defaults from the repository root. */
export interface BuildSamplesOptions {
  /** Repository root (default: found from this module's location). */
  readonly repoRoot?: string;
  /** Output directory (default `<repoRoot>/assets/generated`); projects go to `<outDir>/samples/`. */
  readonly outDir?: string;
  /** Public datasets (default `<repoRoot>/assets/datasets`). */
  readonly dataDir?: string;
  /** echarts map JSON directory (default `<repoRoot>/node_modules/echarts/map/json`). */
  readonly echartsDir?: string;
  /** Which samples to build (default both). */
  readonly only?: readonly SampleName[];
}

/** What was built. */
export interface BuildSamplesReport {
  readonly outDir: string;
  readonly china?: ChinaBuildReport;
  readonly us?: UsBuildReport;
}

/** Path of a sample project inside an output directory. */
export function samplePathIn(outDir: string, name: SampleName): string {
  return join(outDir, 'samples', `${name}.rwb`);
}

/**
 * Build the chosen samples (China first: it needs only the pure tables and echarts; the US
 * sample goes through the import service).
 * @throws InputError `not-found` naming a missing input file (echarts maps, produc.csv, us48.shp).
 */
export async function buildSamples(opts: BuildSamplesOptions = {}): Promise<BuildSamplesReport> {
  const root = opts.repoRoot ?? findRepoRoot();
  const outDir = opts.outDir ?? generatedDir(root);
  const only = new Set<SampleName>(opts.only ?? ['china-provinces', 'us-states']);
  let china: ChinaBuildReport | undefined;
  let us: UsBuildReport | undefined;
  if (only.has('china-provinces')) {
    china = await buildChinaSample({
      echartsDir: opts.echartsDir ?? echartsMapDir(root), outDir, projectPath: samplePathIn(outDir, 'china-provinces'),
    });
  }
  if (only.has('us-states')) {
    us = await buildUsSample({ dataDir: opts.dataDir ?? datasetsDir(root), projectPath: samplePathIn(outDir, 'us-states') });
  }
  return { outDir, china, us };
}
