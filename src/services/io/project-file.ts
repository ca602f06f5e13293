/**
 * Opening a project file: the way the CLI (and scripts) reach the store, which they may not
 * import (only services join store and engine). Every command that reads or writes a `.rwb`
 * opens it here.
 */
import { ProjectStore, type OpenOptions } from '../../store/project-store';

export type { OpenOptions, ProjectStore } from '../../store/project-store';

/**
 * Open (or with `create`, create) the project file at `path`.
 * @throws InputError from `ProjectStore.open` (`not-found`, `newer-version`, `not-a-project`, …).
 */
export function openProject(path: string, opts: OpenOptions = {}): ProjectStore {
  return ProjectStore.open(path, opts);
}
