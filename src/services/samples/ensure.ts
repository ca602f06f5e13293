/**
 * Open-on-first-run support: make sure a sample project exists in the user's directory.
 * The bundled copy (`assets/generated/samples/<name>.rwb`) is never opened for writing: it is
 * copied to `<userDir>/<name>.rwb` once, so the user's edits never touch it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, isInputError } from '../../core/errors';
import { ProjectStore } from '../../store/project-store';
import { copyFileAtomic } from './atomic';
import { buildSamples, samplePathIn } from './build';
import { isSampleName, listSamples, type SampleInfo, type SampleName } from './catalog';
import { bundledSamplePath, findRepoRoot } from './paths';

export { listSamples, type SampleInfo, type SampleName };

/** Options of `ensureSampleProject` (tests and packaged builds point elsewhere). */
export interface EnsureSampleOptions {
  /** Repository root (default: found from this module's location). */
  readonly repoRoot?: string;
  /** Where bundled samples live (default `<repoRoot>/assets/generated`). */
  readonly outDir?: string;
}

const building = new Map<string, Promise<unknown>>();

/**
 * True when a bundled sample was built with an older project schema than this build writes
 * (a generated file left from before an upgrade): it is rebuilt rather than copied, so the
 * user copy opens read-only too.
 */
function builtBySchemaOlderThanThis(path: string): boolean {
  try {
    ProjectStore.open(path, { readonly: true }).close();
    return false;
  } catch (e) {
    if (isInputError(e) && e.code === 'project-needs-upgrade') return true;
    throw e;
  }
}

/**
 * Build the bundled sample when missing, then copy it to `<userDir>/<name>.rwb` unless that
 * file already exists, and return the user copy's path.
 * @throws InputError `samples-unknown` for a name not in `listSamples()`; `not-found` when the
 *   sample must be built and its input data is absent.
 */
export async function ensureSampleProject(name: SampleName, userDir: string, opts: EnsureSampleOptions = {}): Promise<string> {
  if (!isSampleName(name)) {
    throw new InputError('samples-unknown', `Unknown sample project "${String(name)}" (samples: ${listSamples().map((s) => s.name).join(', ')}).`,
      { name, sample: String(name), samples: listSamples().map((s) => s.name).join(', ') });
  }
  const userCopy = join(userDir, `${name}.rwb`);
  if (existsSync(userCopy)) return userCopy;
  const bundled = await ensureBundledSample(name, opts);
  if (!existsSync(userCopy)) copyFileAtomic(bundled, userCopy);
  return userCopy;
}

/**
 * The bundled (read-only) copy of sample `name`, built first when missing or older than this
 * build's schema; its path. New projects from a template read their geometry from it.
 * @throws InputError `not-found` when the sample must be built and its input data is absent
 */
export async function ensureBundledSample(name: SampleName, opts: EnsureSampleOptions = {}): Promise<string> {
  const root = opts.repoRoot ?? findRepoRoot();
  const bundled = opts.outDir ? samplePathIn(opts.outDir, name) : bundledSamplePath(root, name);
  if (!existsSync(bundled) || builtBySchemaOlderThanThis(bundled)) {
    // One build per sample at a time within this process.
    let job = building.get(bundled);
    if (!job) {
      job = buildSamples({ repoRoot: root, outDir: opts.outDir, only: [name] }).finally(() => building.delete(bundled));
      building.set(bundled, job);
    }
    await job;
  }
  return bundled;
}
