/**
 * Handler of `project:contents` (src/contract/project.ts): what the open project holds, for
 * the project explorer (SQL aggregates, src/services/projects/contents.ts). A small project is
 * counted here; a project file over WORKER_BYTES (about 80,000 cells and up, where counting takes
 * longer than the 100 ms the main thread may stall) is counted in the job worker on its own
 * read-only connection. Either way the answer is kept until the project is next written.
 */
import { statSync } from 'node:fs';
import type { Handlers } from '../../contract';
import type { projectContentsChannels } from '../../contract/project';
import type { ProjectStore } from '../../store/project-store';
import { runInWorker } from '../jobs/run-in-worker';
import { projectContents, type ProjectContents } from '../projects/contents';

/** The handler of the project explorer's channel. */
export type ProjectContentsHandlers = Pick<Handlers, keyof typeof projectContentsChannels>;

/** Project file size (with its WAL) from which the counts run in the worker. */
export const WORKER_BYTES = 4 * 1024 * 1024;

/** Size of the project file and its write-ahead log, in bytes. */
function fileBytes(path: string): number {
  let n = 0;
  for (const f of [path, `${path}-wal`]) {
    try {
      n += statSync(f).size;
    } catch {
      // no WAL (or an in-memory test store): counts as 0
    }
  }
  return n;
}

/**
 * The project explorer's channel over the open project (`store` throws `no-project` when none is
 * open). `inWorker` decides where to count (default: by file size); tests can force either.
 */
export function createProjectContentsHandlers(
  store: () => ProjectStore,
  inWorker: (path: string) => boolean = (path) => fileBytes(path) > WORKER_BYTES,
): ProjectContentsHandlers {
  let kept: { path: string; stamp: string; contents: ProjectContents } | null = null;
  return {
    'project:contents': async () => {
      const s = store();
      const stamp = s.writeStamp();
      if (kept && kept.path === s.path && kept.stamp === stamp) return kept.contents;
      const contents = inWorker(s.path) ? await runInWorker('project-contents', { projectPath: s.path }) : projectContents(s);
      // Written meanwhile (the worker counted what was committed when it started): count again next time.
      if (s.writeStamp() === stamp) kept = { path: s.path, stamp, contents };
      return contents;
    },
  };
}
