/**
 * Where the command line's worker threads start from: the bundle's `dist/cli/<name>.mjs`
 * (scripts/build-cli.mjs builds each worker entry there), or the TypeScript source through the
 * tsx bootstrap when `rwb` runs from source (RWB_DEV=1, or no bundle built).
 */
import { existsSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sourceWorkerEntry, type WorkerEntry } from '../services/jobs/run-in-worker';

/** The worker entries of the command line: bundle name → source file (from the repository's src/). */
const WORKERS = {
  'gtwr-rows-worker': ['services', 'gwr', 'rows-worker.ts'],
} as const;

/**
 * The entry of worker `name`.
 * @throws Error naming the missing file when neither the bundled entry nor the source exists.
 */
export function cliWorkerEntry(name: keyof typeof WORKERS, moduleUrl: string = import.meta.url): WorkerEntry {
  const here = fileURLToPath(new URL(moduleUrl));
  if (extname(here) === '.ts') return sourceWorkerEntry(join(dirname(here), '..', ...WORKERS[name]));
  // bundled: this module sits in dist/cli/ or dist/cli/chunks/
  const candidates = [join(dirname(here), `${name}.mjs`), join(dirname(here), '..', `${name}.mjs`)];
  const script = candidates.find((f) => existsSync(f));
  if (!script) throw new Error(`The worker file of rwb is missing: ${candidates[1]}. Rebuild the command line with \`npm run build:cli\`.`);
  return { script };
}
