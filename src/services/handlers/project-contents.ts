/**
 * Handler of `project:contents` (src/contract/project.ts): what the open project holds, for
 * the project explorer. Read-only and cheap (SQL aggregates, src/services/projects/contents.ts).
 */
import type { Handlers } from '../../contract';
import type { projectContentsChannels } from '../../contract/project';
import type { ProjectStore } from '../../store/project-store';
import { projectContents } from '../projects/contents';

/** The handler of the project explorer's channel. */
export type ProjectContentsHandlers = Pick<Handlers, keyof typeof projectContentsChannels>;

/** The project explorer's channel over the open project (`store` throws `no-project` when none is open). */
export function createProjectContentsHandlers(store: () => ProjectStore): ProjectContentsHandlers {
  return { 'project:contents': async () => projectContents(store()) };
}
