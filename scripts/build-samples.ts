/**
 * Build the embedded sample projects into assets/generated/ (run at build/install time):
 *   npx tsx scripts/build-samples.ts [--out DIR] [--data DIR] [--echarts DIR] [--only china-provinces|us-states]
 * Defaults: --out assets/generated, --data assets/datasets, --echarts node_modules/echarts/map/json.
 * Prints what was built, and every city feature that was not imported or was re-coded.
 * With the China sample it also writes <out>/china-reference.geojson: Taiwan, Hong Kong, Macao
 * and the South China Sea Islands inset (echarts 4.9, Apache-2.0) that China national map
 * figures draw (src/samples/china/reference.ts).
 * Exit code 0 on success, 2 on missing/bad input (one-line message), 1 on internal error.
 */
import { InputError, isInputError } from '../src/core/errors';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildSamples } from '../src/services/samples/build';
import { isSampleName, type SampleName } from '../src/services/samples/catalog';
import { echartsMapDir, findRepoRoot, generatedDir } from '../src/services/samples/paths';
import { decodeChinaReference } from '../src/samples/china/reference';
import type { EncodedFeatureCollection } from '../src/samples/china/echarts-decode';

/**
 * Write <outDir>/china-reference.geojson from echarts' china.json (in `echartsDir`) and
 * lib/coord/geo/fix/nanhai.js (two folders up from map/json). Returns the file written.
 */
function writeChinaReference(outDir: string, echartsDir: string): string {
  const china = JSON.parse(readFileSync(join(echartsDir, 'china.json'), 'utf8')) as EncodedFeatureCollection;
  const nanhai = readFileSync(join(echartsDir, '..', '..', 'lib', 'coord', 'geo', 'fix', 'nanhai.js'), 'utf8');
  const fc = decodeChinaReference(china, nanhai);
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, 'china-reference.geojson');
  writeFileSync(file, `${JSON.stringify(fc)}\n`);
  return file;
}

const USAGE = 'Usage: npx tsx scripts/build-samples.ts [--out DIR] [--data DIR] [--echarts DIR] [--only china-provinces|us-states]';

interface Args { outDir?: string; dataDir?: string; echartsDir?: string; only?: SampleName[] }

function parseArgs(argv: string[]): Args {
  const out: Args = {};
  const value = (i: number, flag: string): string => {
    const v = argv[i];
    if (v === undefined || v.startsWith('--')) throw new InputError('bad-argument', `${flag} needs a value. ${USAGE}`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--out') out.outDir = resolve(value(++i, a));
    else if (a === '--data') out.dataDir = resolve(value(++i, a));
    else if (a === '--echarts') out.echartsDir = resolve(value(++i, a));
    else if (a === '--only') {
      const name = value(++i, a);
      if (!isSampleName(name)) throw new InputError('bad-argument', `--only must be china-provinces or us-states, got "${name}".`);
      out.only = [...(out.only ?? []), name];
    } else if (a === '--help' || a === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else throw new InputError('bad-argument', `Unknown argument "${a}". ${USAGE}`);
  }
  return out;
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const args = parseArgs(process.argv.slice(2));
  const report = await buildSamples(args);
  const log = (s: string): void => { process.stdout.write(`${s}\n`); };
  log(`Sample projects written to ${report.outDir}`);
  if (report.china) {
    const c = report.china;
    log(`china-provinces: ${c.provinces} provinces, ${c.cities} cities, ${c.panelRows} panel rows (simulated demonstration data)`);
    log(`  province features skipped (not mainland): ${c.skippedProvinceFeatures.join(', ') || 'none'}`);
    for (const r of c.rejectedCities) log(`  city not imported: ${r.id} ${r.name}: ${r.reason}`);
    for (const r of c.remappedCities) log(`  city re-coded: ${r.from} → ${r.to} ${r.name}: ${r.reason}`);
    for (const f of c.files) log(`  wrote ${f}`);
  }
  if (report.us) {
    log(`us-states: ${report.us.regions} regions, ${report.us.variables} variables`);
    for (const f of report.us.files) log(`  wrote ${f}`);
  }
  if (!args.only || args.only.includes('china-provinces')) {
    const root = findRepoRoot();
    log(`China frame reference: wrote ${writeChinaReference(args.outDir ?? generatedDir(root), args.echartsDir ?? echartsMapDir(root))}`);
  }
  log(`done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

main().catch((e: unknown) => {
  if (isInputError(e)) {
    process.stderr.write(`build-samples: ${e.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`build-samples: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});
