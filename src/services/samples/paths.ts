/**
 * Where the sample builder reads and writes: the repository root (found from this module's
 * location, so it works from `src/` under tsx and from a bundled `.vite/build/` file), the
 * generated-assets directory and the public datasets directory inside the repository.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../core/errors';

const PACKAGE_NAME = 'resilience-workbench';

/**
 * The nearest ancestor directory of `from` (default: this module) whose package.json is
 * this project's.
 * @throws InputError `samples-missing-file` / `samples-no-package-root` when no such directory exists.
 */
export function findRepoRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = resolve(from);
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === PACKAGE_NAME) return dir;
      } catch {
        // not our package.json; keep walking up
      }
    }
    const up = dirname(dir);
    if (up === dir) {
      throw new InputError('samples-no-package-root', `Cannot find the ${PACKAGE_NAME} package root above ${from}.`, { from, package: PACKAGE_NAME });
    }
    dir = up;
  }
}

/** `<repoRoot>/assets/generated`: generated at build/install time, git-ignored. */
export function generatedDir(repoRoot: string): string {
  return join(repoRoot, 'assets', 'generated');
}

/** `<generatedDir>/samples/<name>.rwb`. */
export function bundledSamplePath(repoRoot: string, name: string): string {
  return join(generatedDir(repoRoot), 'samples', `${name}.rwb`);
}

/**
 * `<repoRoot>/assets/datasets`: the public datasets (Produc, us48, ...) committed with the
 * repository and packaged with the app (electron-builder `files`), see its README.md.
 */
export function datasetsDir(repoRoot: string): string {
  return join(repoRoot, 'assets', 'datasets');
}

/** `<repoRoot>/node_modules/echarts/map/json`, where echarts@4.9.0 keeps its China maps. */
export function echartsMapDir(repoRoot: string): string {
  return join(repoRoot, 'node_modules', 'echarts', 'map', 'json');
}

/**
 * Throw a clear error when a required input file is absent.
 * @throws InputError `samples-missing-file` / `samples-no-package-root` naming the file and what needs it.
 */
export function requireFile(path: string, purpose: string): string {
  if (!existsSync(path)) {
    throw new InputError('samples-missing-file', `${purpose} needs ${path}, which does not exist.`, { file: path, purpose });
  }
  return path;
}
