/**
 * Handlers of the figure channels (src/contract/figures.ts). PLACEHOLDER on the issue9-base
 * integration branch only: the figures service replaces this file before anything lands on main.
 */
import type { Handlers } from '../../contract';
import type { figureChannels } from '../../contract/figures';
import type { ProjectStore } from '../../store/project-store';

/** The handlers of the figure channels. */
export type FigureHandlers = Pick<Handlers, keyof typeof figureChannels>;

const notYet = async (): Promise<never> => {
  throw new Error('figure channels are being built on the issue9-base branch');
};

/** The figure channels over the open project. */
export function createFigureHandlers(_store: () => ProjectStore): FigureHandlers {
  return { 'figure:map': notYet, 'figure:mapExport': notYet, 'figure:chart': notYet, 'figure:chartExport': notYet };
}
