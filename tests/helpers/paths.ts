/**
 * The one place tests find files: everything is inside the repository, located from this
 * module (`import.meta.url`), so the tests pass wherever the clone lives and whatever the
 * working directory is. Nothing outside the clone is read.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root, without a trailing separator. */
export const repoRoot: string = fileURLToPath(new URL('../..', import.meta.url)).replace(/[\\/]$/, '');

/** `<repoRoot>/assets/datasets`: the public datasets (see its README.md for sources and licences). */
export const datasetsDir: string = join(repoRoot, 'assets', 'datasets');

/** A file or folder under `assets/datasets/`, e.g. `datasetPath('us48', 'us48.shp')`. */
export function datasetPath(...parts: string[]): string {
  return join(datasetsDir, ...parts);
}

/** A file or folder under `tests/fixtures/`, e.g. `fixturePath('reference', 'produc_reference.json')`. */
export function fixturePath(...parts: string[]): string {
  return join(repoRoot, 'tests', 'fixtures', ...parts);
}

/** A path inside the repository, e.g. `repoPath('bin', 'rwb.mjs')`. */
export function repoPath(...parts: string[]): string {
  return join(repoRoot, ...parts);
}

/** Parse a JSON file. */
export function readJsonFile<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** The reference values of `tests/fixtures/reference/produc_reference.json` (see its README). */
export function producReference<T>(): T {
  return readJsonFile<T>(fixturePath('reference', 'produc_reference.json'));
}
