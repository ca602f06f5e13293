/**
 * The path policy for project files named by the renderer. No channel takes a filesystem path
 * from the renderer: `project:chooseFile` gets its path from the system dialog (desktop), and
 * `project:open` takes a name inside the project folder, `<userDir>/projects`, resolved here.
 * (The CLI is the user's own shell and opens files by path through `ProjectStore.open`.)
 */
import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { InputError } from '../../core/errors';

/** The project folder under the user directory: the only place `project:open` looks. */
export const PROJECTS_FOLDER = 'projects';

/** The extension of a project file; `project:open` opens nothing else. */
export const PROJECT_EXTENSION = '.rwb';

/** How deep `listProjects` looks below the project folder (folders inside folders). */
export const MAX_PROJECT_FOLDER_DEPTH = 4;

/** At most this many names are listed by `listProjects` (the first ones in name order). */
export const MAX_LISTED_PROJECTS = 1000;

/** `<userDir>/projects`. */
export function projectsFolder(userDir: string): string {
  return join(userDir, PROJECTS_FOLDER);
}

/**
 * The real path of project `name` inside `folder`. `name` is a relative path with `/`
 * between folders, ending in `.rwb`: no absolute path, drive letter, backslash, NUL, empty,
 * `.` or `..` segment; after following symbolic links the file must still be a regular file
 * inside the (real) folder.
 *
 * Every refusal, whatever its reason (a bad name, a missing file, a link out of the folder,
 * a folder), is the same sentence, so an answer never tells whether a path outside the
 * project folder exists.
 *
 * @throws InputError `project-not-in-folder`
 */
export function resolveProjectName(folder: string, name: string): string {
  const refuse = (): never => {
    throw new InputError('project-not-in-folder',
      `There is no project "${name}" in the project folder ${folder} (a project is a ${PROJECT_EXTENSION} file inside it)`,
      { name, folder, extension: PROJECT_EXTENSION });
  };
  if (!isSafeRelativeName(name)) refuse();
  let realFolder: string;
  let realFile: string;
  try {
    realFolder = realpathSync(folder);
    realFile = realpathSync(resolve(folder, name));
  } catch {
    return refuse();
  }
  if (!isInside(realFolder, realFile)) refuse();
  if (!realFile.toLowerCase().endsWith(PROJECT_EXTENSION)) refuse();
  try {
    if (!statSync(realFile).isFile()) refuse();
  } catch (e) {
    if (e instanceof InputError) throw e;
    refuse();
  }
  return realFile;
}

/**
 * The `.rwb` files in `folder` and its subfolders (at most {@link MAX_PROJECT_FOLDER_DEPTH}
 * levels, {@link MAX_LISTED_PROJECTS} names), as the names `project:open` takes, sorted.
 * Symbolic links are not followed (a link is still opened by name when it stays inside).
 * A missing or unreadable folder lists nothing.
 */
export function listProjects(folder: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, prefix: string, depth: number): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (out.length >= MAX_LISTED_PROJECTS) return;
      const name = `${prefix}${e.name}`;
      if (e.isFile() && isSafeRelativeName(name)) out.push(name);
      else if (e.isDirectory() && depth < MAX_PROJECT_FOLDER_DEPTH) walk(join(dir, e.name), `${name}/`, depth + 1);
    }
  };
  walk(folder, '', 0);
  return out.sort();
}

/** A listed project: its name in the folder, its size and when it was last written. */
export interface ProjectFileInfo {
  readonly name: string;
  readonly bytes: number;
  /** Last modification, ISO 8601 (UTC). */
  readonly modified: string;
}

/**
 * {@link listProjects} with each file's size and modification time (of the entry itself: links
 * are not followed). A file that vanishes between the listing and its stat is left out.
 */
export function listProjectFiles(folder: string): ProjectFileInfo[] {
  return listProjects(folder).flatMap((name) => {
    try {
      const st = lstatSync(join(folder, name));
      return [{ name, bytes: st.size, modified: st.mtime.toISOString() }];
    } catch {
      return [];
    }
  });
}

/** A relative, `/`-separated name with no empty, `.` or `..` segment, ending in `.rwb`. */
function isSafeRelativeName(name: string): boolean {
  if (name.length === 0 || name.includes('\0') || name.includes('\\')) return false;
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name) || isAbsolute(name)) return false;
  if (!name.toLowerCase().endsWith(PROJECT_EXTENSION)) return false;
  return name.split('/').every((s) => s !== '' && s !== '.' && s !== '..');
}

/** True when `file` is strictly below `folder` (both real, absolute paths). */
function isInside(folder: string, file: string): boolean {
  const rel = relative(folder, file);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}
