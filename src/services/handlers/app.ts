/**
 * The application service behind every transport: holds the open project file (the session,
 * remembered for the next start) and composes the handlers of every contract group, one file
 * each beside this one (project, map, data, import, weights, regression, job). Requests
 * reaching them are already validated by the dispatcher (./index), which also checks each
 * response and turns it into plain JSON.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../core/errors';
import { INTERNAL_ERROR, INTERNAL_MESSAGE, type AppMode, type Handlers, type ProjectSummary } from '../../contract';
import { ProjectStore } from '../../store/project-store';
import { UPLOADS_FOLDER, UploadStore } from '../import/uploads';
import { JobTable } from '../jobs/job-table';
import { projectsFolder } from '../projects/folder';
import { rememberRecent } from '../projects/manage';
import { ensureSampleProject, listSamples, type SampleName } from '../samples/ensure';
import { createDataHandlers } from './data';
import { createImportHandlers } from './import';
import { createJobHandlers, projectJobRunners } from './job';
import { createFigureHandlers } from './figures';
import { createEsdaHandlers } from './esda';
import { createIndexHandlers } from './composite';
import { createGwrHandlers } from './gwr';
import { createMapHandlers } from './map';
import { createProjectContentsHandlers } from './project-contents';
import { createProjectHandlers, summarize, type ProjectSession } from './project';
import { createRegressionHandlers } from './regression';
import { createSpatialPanelHandlers } from './spatial-panel';
import { createUploadHandlers } from './upload';
import { createWeightsHandlers } from './weights';

/** File in the user directory remembering the last opened project. */
export const SESSION_FILE = 'session.json';

/** How the service is hosted. */
export interface AppServiceOptions {
  /** `electron` (desktop) or `web` (loopback server). */
  readonly mode: AppMode;
  /**
   * Where sample projects are copied: Electron `app.getPath('userData')`, web
   * `~/.resilience-workbench` or `RWB_USER_DIR`. Its `projects` folder is the only place
   * `project:open` opens files from.
   */
  readonly userDir: string;
  /** The app version recorded in `app:info`. */
  readonly version: string;
  /** Desktop only: shows the system file dialog and returns the chosen project path (null when cancelled). */
  readonly chooseProjectFile?: () => Promise<string | null>;
  /**
   * Folders whose files import and weights requests may name by path instead of uploading
   * them. The app (Electron and web mode) passes none; tests and benchmarks of very large
   * imports pass a temporary folder, so they measure the import rather than the upload.
   */
  readonly importRoots?: readonly string[];
}

/** The open project plus the channel implementations. */
export class AppService implements ProjectSession {
  private current: ProjectStore | null = null;
  private readonly opts: AppServiceOptions;
  /** Background jobs (`job:*`). */
  readonly jobs = new JobTable({ internal: { code: INTERNAL_ERROR, message: INTERNAL_MESSAGE } });
  /** One implementation per contract channel. */
  readonly handlers: Handlers;
  /** Chunked uploads, kept in `<userDir>/uploads` (emptied at start and on close). */
  readonly uploads: UploadStore;

  constructor(opts: AppServiceOptions) {
    this.opts = opts;
    const store = () => this.store();
    // The renderer uploads bytes (desktop and web alike): no request may name a local file,
    // except inside `importRoots` (none in the app; tests and benchmarks of big imports).
    const allowPaths = opts.importRoots ?? [];
    const uploads = new UploadStore(join(opts.userDir, UPLOADS_FOLDER));
    this.uploads = uploads;
    const regression = { store, appVersion: opts.version };
    this.handlers = {
      'app:info': async () => ({
        version: opts.version,
        mode: opts.mode,
        projectPath: this.current?.path ?? null,
        sample: this.current?.getMeta('sample') ?? null,
        notice: this.current?.getMeta('notice') ?? null,
        samples: listSamples().map((s) => ({ name: s.name, title: s.title, description: s.description, simulated: s.simulated })),
      }),
      ...createProjectHandlers(this, { userDir: opts.userDir, chooseProjectFile: opts.chooseProjectFile }),
      ...createProjectContentsHandlers(store),
      ...createMapHandlers(store),
      ...createFigureHandlers(store),
      ...createEsdaHandlers(store),
      ...createIndexHandlers(store),
      ...createSpatialPanelHandlers(store),
      ...createGwrHandlers(store),
      ...createDataHandlers(store),
      ...createImportHandlers(store, allowPaths, uploads),
      ...createWeightsHandlers({ store, allowPaths, uploads }),
      ...createRegressionHandlers(regression),
      ...createJobHandlers(this.jobs, projectJobRunners(regression, { store, allowPaths, uploads })),
      ...createUploadHandlers(uploads),
    };
  }

  /** Path of the open project, if any. */
  get projectPath(): string | null {
    return this.current?.path ?? null;
  }

  /**
   * Opens a project file, closing the previous one, and remembers it for the next start.
   * @throws InputError from `ProjectStore.open` (`not-found`, `newer-version`, `not-a-project`).
   */
  openPath(path: string): ProjectSummary {
    const next = ProjectStore.open(path);
    this.current?.close();
    this.current = next;
    this.rememberProject(next.path);
    rememberRecent(this.opts.userDir, next.path);
    return summarize(next);
  }

  /** Closes the open project without opening another (rename, reset of a sample). */
  closeProject(): void {
    this.current?.close();
    this.current = null;
  }

  /**
   * At start-up: makes the project folder (`<userDir>/projects`), then reopens the project of
   * the previous session when its file still opens (session.json is written by us, with paths
   * that opened: a sample, a name in the project folder or a file chosen in the system dialog),
   * otherwise (first run) the given sample project.
   */
  async openInitial(sample: SampleName): Promise<ProjectSummary> {
    try {
      // The one place project:open looks: made at start so the user can find it.
      mkdirSync(projectsFolder(this.opts.userDir), { recursive: true });
    } catch (e) {
      console.warn(`[rwb] could not create the project folder in ${this.opts.userDir}:`, e);
    }
    const last = this.lastProject();
    if (last && existsSync(last)) {
      try {
        return this.openPath(last);
      } catch {
        // The file is gone bad or too new: fall back to the sample.
      }
    }
    return this.openPath(await ensureSampleProject(sample, this.opts.userDir));
  }

  private lastProject(): string | null {
    try {
      const doc = JSON.parse(readFileSync(join(this.opts.userDir, SESSION_FILE), 'utf8')) as { lastProject?: unknown };
      return typeof doc.lastProject === 'string' ? doc.lastProject : null;
    } catch {
      return null;
    }
  }

  private rememberProject(path: string): void {
    try {
      mkdirSync(this.opts.userDir, { recursive: true });
      writeFileSync(join(this.opts.userDir, SESSION_FILE), JSON.stringify({ lastProject: path }, null, 2));
    } catch (e) {
      console.warn(`[rwb] could not remember the last project in ${this.opts.userDir}:`, e);
    }
  }

  /** Closes the open project and removes the uploads. */
  close(): void {
    this.jobs.cancelAll();
    this.uploads.close();
    this.current?.close();
    this.current = null;
  }

  /** The open project. @throws InputError `no-project` when none is open. */
  store(): ProjectStore {
    if (!this.current) throw new InputError('app-no-project', 'No project is open. Open a sample project or a project file first.');
    return this.current;
  }
}
