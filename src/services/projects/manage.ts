/**
 * Projects of the user's own (issue 13, defect 2): a new project (empty or from a template of
 * China geometry), Save As, rename and the list of recent projects. Every project made here
 * lives by name in the project folder `<userDir>/projects` (./folder.ts); the renderer never
 * names a filesystem path.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { Geometry } from 'geojson';
import { InputError } from '../../core/errors';
import type { PROJECT_TEMPLATES } from '../../contract/constants';
import { ProjectStore } from '../../store/project-store';
import { PROJECT_EXTENSION, projectsFolder } from './folder';

/** Templates of a new project: nothing, or the China provinces / prefecture cities geometry. */
export type ProjectTemplate = (typeof PROJECT_TEMPLATES)[number];

/** What each template takes from the bundled China sample: its layer and region level. */
const TEMPLATE_SOURCE: Readonly<Record<Exclude<ProjectTemplate, 'empty'>, { layer: string; level: string }>> = {
  'china-provinces': { layer: 'provinces', level: 'province' },
  'china-cities': { layer: 'cities', level: 'prefecture' },
};

/** File in the user directory listing the recently opened projects (newest first). */
export const RECENT_FILE = 'recent-projects.json';

/** At most this many recent projects are remembered. */
export const MAX_RECENT_PROJECTS = 10;

/**
 * The name a user typed made into a project name: trimmed, `.rwb` added when missing.
 * @throws InputError `project-bad-name` for names that are empty or leave the folder
 */
export function normalizeProjectName(typed: string): string {
  const t = typed.trim();
  const name = t.toLowerCase().endsWith(PROJECT_EXTENSION) ? t : `${t}${PROJECT_EXTENSION}`;
  const stem = name.slice(0, -PROJECT_EXTENSION.length);
  const ok = stem.length > 0 && !name.includes('\0') && !name.includes('\\') && !name.startsWith('/')
    && !/^[A-Za-z]:/.test(name) && !/[<>:"|?*]/.test(name)
    && name.split('/').every((s) => s.trim() !== '' && s !== '.' && s !== '..');
  if (!ok) {
    throw new InputError('project-bad-name',
      `"${typed}" cannot be a project name: use letters, digits, spaces, - and _ (folders separated by /, no .. or leading /)`,
      { name: typed });
  }
  return name;
}

/**
 * The path a new project `name` would have in `folder`.
 * @throws InputError `project-bad-name`; `project-exists` when a file of that name is there
 */
export function newProjectPath(folder: string, typed: string): { name: string; path: string } {
  const name = normalizeProjectName(typed);
  const path = join(folder, ...name.split('/'));
  if (existsSync(path)) {
    throw new InputError('project-exists', `There is already a project "${name}" in the project folder; choose another name`, { name });
  }
  return { name, path };
}

/**
 * Creates project `path` from `template`: `empty` holds nothing; the China templates copy the
 * regions of one level (code, Chinese and English names, four-region group, capital) and their
 * geometry layer from the China sample project `chinaSample`, and no data.
 */
export function createProjectFile(path: string, template: ProjectTemplate, chinaSample: string | null): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  rmSync(tmp, { force: true });
  const store = ProjectStore.open(tmp, { create: true });
  try {
    store.setMeta('template', template);
    if (template !== 'empty') {
      if (!chinaSample) throw new Error('the China sample is needed for a China template');
      const { layer, level } = TEMPLATE_SOURCE[template];
      const src = ProjectStore.open(chinaSample, { readonly: true });
      try {
        const regions = src.listRegions().filter((r) => r.level === level);
        const codes = new Set(regions.map((r) => r.code));
        const fc = src.getGeometryCollection(layer);
        store.transaction(() => {
          store.upsertRegions(regions.map((r) => ({ ...r, parent: codes.has(r.parent ?? '') ? r.parent : null })));
          store.putGeometries(layer, fc.features.filter((f) => codes.has(String(f.id)))
            .map((f) => ({ region: String(f.id), geometry: f.geometry as Geometry })));
          store.setMeta('default_layer', layer);
        });
      } finally {
        src.close();
      }
    }
    store.checkpoint();
  } finally {
    store.close();
  }
  renameSync(tmp, path);
  for (const side of ['-wal', '-shm']) rmSync(`${tmp}${side}`, { force: true });
}

/**
 * Writes a copy of the open project to `target` (the open file is checkpointed first, so the
 * copy holds every committed change). A copy of a sample is the user's own project: it keeps
 * its data (and the data's `simulated` flags and notice) but no longer counts as the sample.
 */
export function copyProjectFile(store: ProjectStore, target: string): void {
  mkdirSync(dirname(target), { recursive: true });
  store.checkpoint();
  const tmp = `${target}.tmp-${process.pid}`;
  rmSync(tmp, { force: true });
  copyFileSync(store.path, tmp);
  const copy = ProjectStore.open(tmp);
  try {
    const sample = copy.getMeta('sample');
    if (sample) {
      copy.deleteMeta('sample');
      copy.setMeta('copied_from_sample', sample);
    }
    copy.checkpoint();
  } finally {
    copy.close();
  }
  renameSync(tmp, target);
  for (const side of ['-wal', '-shm']) rmSync(`${tmp}${side}`, { force: true });
}

/** The project folder name of `path`, or null when the file is not inside `<userDir>/projects`. */
export function nameInFolder(userDir: string, path: string): string | null {
  const rel = relative(projectsFolder(userDir), path);
  if (rel === '' || rel.startsWith('..') || rel.includes(`..${sep}`) || /^[A-Za-z]:|^\//.test(rel)) return null;
  return rel.split(sep).join('/');
}

/** A recently opened project as the renderer sees it (key: what `project:openRecent` takes). */
export interface RecentProject {
  readonly key: string;
  /** `sample` (a bundled sample's user copy), `folder` (in the project folder) or `file` (chosen in the system dialog). */
  readonly kind: 'sample' | 'folder' | 'file';
  /** The sample name, the name in the project folder, or the file's base name. */
  readonly name: string;
  readonly path: string;
  /** When it was last opened, ISO 8601. */
  readonly opened: string;
}

/** The opaque key of a recent project (the renderer never sends a path back). */
export function recentKey(path: string): string {
  return createHash('sha256').update(path).digest('hex').slice(0, 16);
}

/** The remembered paths, newest first (a missing or unreadable file: none). */
export function readRecent(userDir: string): { path: string; opened: string }[] {
  try {
    const doc = JSON.parse(readFileSync(join(userDir, RECENT_FILE), 'utf8')) as { projects?: unknown };
    if (!Array.isArray(doc.projects)) return [];
    return doc.projects.filter((p): p is { path: string; opened: string } =>
      typeof p === 'object' && p !== null && typeof (p as { path?: unknown }).path === 'string'
      && typeof (p as { opened?: unknown }).opened === 'string');
  } catch {
    return [];
  }
}

/** Puts `path` first in the recent list (at most {@link MAX_RECENT_PROJECTS}); `replaces` drops an old path (rename). */
export function rememberRecent(userDir: string, path: string, now: Date = new Date(), replaces?: string): void {
  const rest = readRecent(userDir).filter((p) => p.path !== path && p.path !== replaces);
  const projects = [{ path, opened: now.toISOString() }, ...rest].slice(0, MAX_RECENT_PROJECTS);
  try {
    mkdirSync(userDir, { recursive: true });
    writeFileSync(join(userDir, RECENT_FILE), JSON.stringify({ projects }, null, 2));
  } catch (e) {
    console.warn(`[rwb] could not remember the recent projects in ${userDir}:`, e);
  }
}

/** The recent projects whose files still exist, classified for the renderer. */
export function listRecent(userDir: string, sampleNames: readonly string[]): RecentProject[] {
  return readRecent(userDir).filter((p) => existsSync(p.path)).map((p) => {
    const folderName = nameInFolder(userDir, p.path);
    const sample = sampleNames.find((s) => join(userDir, `${s}.rwb`) === p.path);
    const kind = sample ? 'sample' : folderName ? 'folder' : 'file';
    const name = sample ?? folderName ?? p.path.split(/[\\/]/).pop() ?? p.path;
    return { key: recentKey(p.path), kind, name, path: p.path, opened: p.opened };
  });
}
