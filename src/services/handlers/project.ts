/**
 * Handlers of the project channels (src/contract/project.ts): open a sample, a project in the
 * project folder or a file chosen in the system dialog, and summarise the open project for the
 * left panel. No channel takes a filesystem path from the renderer.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../../core/errors';
import type { Handlers, ProjectSummary, RegionInfo, VariableInfo } from '../../contract';
import type { projectChannels } from '../../contract/project';
import type { ProjectStore, RegionRow, VariableRow } from '../../store/project-store';
import { projectDefaultLayer } from '../inputs/layers';
import { listProjectFiles, projectsFolder, resolveProjectName } from '../projects/folder';
import { SAMPLE_NAMES } from '../../contract/constants';
import { copyProjectFile, createProjectFile, listRecent, nameInFolder, newProjectPath, recentKey, rememberRecent } from '../projects/manage';
import { ensureBundledSample, ensureSampleProject } from '../samples/ensure';

/** The handlers of the project channels. */
export type ProjectHandlers = Pick<Handlers, keyof typeof projectChannels>;

/** The open project as the handlers see it (the app service holds it). */
export interface ProjectSession {
  /** The open project. @throws InputError `no-project` when none is open. */
  store(): ProjectStore;
  /** Opens a project file, closing the previous one. @throws InputError from `ProjectStore.open`. */
  openPath(path: string): ProjectSummary;
  /** The open project's path, or null. */
  readonly projectPath: string | null;
  /** Closes the open project (nothing open afterwards). */
  closeProject(): void;
}

/** What the project handlers need besides the session. */
export interface ProjectHandlerOptions {
  /** Where sample projects are copied; its `projects` folder is where `project:open` looks. */
  readonly userDir: string;
  /** Desktop only: the system file dialog (null when cancelled). */
  readonly chooseProjectFile?: () => Promise<string | null>;
}

/** The project channels. */
export function createProjectHandlers(session: ProjectSession, opts: ProjectHandlerOptions): ProjectHandlers {
  return {
    'project:openSample': async ({ name }) => session.openPath(await ensureSampleProject(name, opts.userDir)),
    // A name inside the project folder, never a path (services/projects/folder.ts).
    'project:open': async ({ name }) => session.openPath(resolveProjectName(projectsFolder(opts.userDir), name)),
    'project:list': async () => {
      const folder = projectsFolder(opts.userDir);
      const files = listProjectFiles(folder);
      return { folder, projects: files.map((f) => f.name), files };
    },
    'project:new': async ({ name, template }) => {
      const { path } = newProjectPath(projectsFolder(opts.userDir), name);
      const china = template === 'empty' ? null : await ensureBundledSample('china-provinces');
      createProjectFile(path, template, china);
      return session.openPath(path);
    },
    'project:saveAs': async ({ name }) => {
      const { path } = newProjectPath(projectsFolder(opts.userDir), name);
      copyProjectFile(session.store(), path);
      return session.openPath(path);
    },
    'project:rename': async ({ name }) => {
      const store = session.store();
      const old = store.path;
      const oldName = nameInFolder(opts.userDir, old);
      if (store.getMeta('sample')) {
        throw new InputError('project-rename-sample',
          `"${basename(old)}" is a sample and cannot be renamed; use Save As to keep your own copy`, { file: basename(old) });
      }
      if (oldName === null) {
        throw new InputError('project-rename-outside',
          `Only a project in the project folder can be renamed; "${basename(old)}" is outside it (use Save As)`, { file: basename(old) });
      }
      const { path } = newProjectPath(projectsFolder(opts.userDir), name);
      store.checkpoint();
      session.closeProject();
      try {
        mkdirSync(dirname(path), { recursive: true });
        renameSync(old, path);
        for (const side of ['-wal', '-shm']) rmSync(`${old}${side}`, { force: true });
      } catch (e) {
        session.openPath(old);
        throw e;
      }
      rememberRecent(opts.userDir, path, new Date(), old);
      return session.openPath(path);
    },
    'project:resetSample': async ({ name }) => {
      const userCopy = join(opts.userDir, `${name}.rwb`);
      if (session.projectPath === userCopy) session.closeProject();
      for (const f of [userCopy, `${userCopy}-wal`, `${userCopy}-shm`]) if (existsSync(f)) rmSync(f);
      return session.openPath(await ensureSampleProject(name, opts.userDir));
    },
    'project:recent': async () => ({ projects: listRecent(opts.userDir, SAMPLE_NAMES) }),
    'project:openRecent': async ({ key }) => {
      const hit = listRecent(opts.userDir, SAMPLE_NAMES).find((p) => p.key === key);
      if (!hit || recentKey(hit.path) !== key) {
        throw new InputError('project-recent-unknown', 'That project is no longer in the list of recent projects (its file was moved or deleted).', { key });
      }
      return session.openPath(hit.path);
    },
    'project:chooseFile': async () => {
      if (!opts.chooseProjectFile) {
        throw new InputError('app-dialog-desktop-only', 'Choosing a file with the system dialog is only available in the desktop app.');
      }
      const path = await opts.chooseProjectFile();
      return path === null ? null : session.openPath(path);
    },
    'project:summary': async () => summarize(session.store()),
  };
}

/** Builds the summary the left panel shows. */
export function summarize(store: ProjectStore): ProjectSummary {
  const regions = store.listRegions().map(regionInfo);
  const variables = store.listVariables();
  const periods = new Set<number>();
  if (variables.length > 0) {
    // Union over all variables: a later import may cover other years than the first variable.
    for (const t of store.readPanel({ variables: variables.map((v) => v.name) }).times) periods.add(t);
  }
  const groups = new Set<string>();
  for (const r of regions) if (r.regionGroup) groups.add(r.regionGroup);
  return {
    path: store.path,
    name: basename(store.path).replace(/\.rwb$/i, ''),
    sample: store.getMeta('sample') ?? null,
    notice: store.getMeta('notice') ?? null,
    regions,
    periods: [...periods].sort((a, b) => a - b),
    variables: variables.map(variableInfo),
    layers: store.listLayers(),
    defaultLayer: projectDefaultLayer(store),
    regionGroups: [...groups].sort(),
  };
}

function regionInfo(r: RegionRow): RegionInfo {
  return {
    code: r.code,
    nameZh: r.nameZh ?? null,
    nameEn: r.nameEn ?? null,
    level: r.level ?? null,
    parent: r.parent ?? null,
    regionGroup: r.regionGroup ?? null,
    lon: r.lon ?? null,
    lat: r.lat ?? null,
  };
}

/** A stored variable as the renderer sees it. */
export function variableInfo(v: VariableRow): VariableInfo {
  return {
    name: v.name,
    label: v.label ?? null,
    unit: v.unit ?? null,
    source: v.source ?? null,
    expression: v.expression ?? null,
    simulated: v.simulated ?? false,
  };
}
