/**
 * The `rwb` sub-commands, in the order `rwb --help` lists them. Each module is loaded only
 * when its command runs (or for `rwb --help`), so a command never pays for the dependencies
 * of the others. Add a command by writing `commands/<name>.ts` exporting
 * `command: CliCommand` and one line here.
 */
import type { CommandEntry } from '../command';
import { SUMMARIES } from './summaries';

/** Every sub-command: name and loader, in `rwb --help` order. */
export const commands: readonly CommandEntry[] = [
  { name: 'import', summary: SUMMARIES.import, load: async () => (await import('./import')).command },
  { name: 'describe', summary: SUMMARIES.describe, load: async () => (await import('./describe')).command },
  { name: 'derive', summary: SUMMARIES.derive, load: async () => (await import('./derive')).command },
  { name: 'fe', summary: SUMMARIES.fe, load: async () => (await import('./fe')).command },
  { name: 'weights', summary: SUMMARIES.weights, load: async () => (await import('./weights')).command },
  { name: 'moran', summary: SUMMARIES.moran, load: async () => (await import('./moran')).command },
  { name: 'index', summary: SUMMARIES.index, load: async () => (await import('./index-cmd')).command },
  { name: 'sdm', summary: SUMMARIES.sdm, load: async () => (await import('./sdm')).command },
  { name: 'gtwr', summary: SUMMARIES.gtwr, load: async () => (await import('./gtwr')).command },
  { name: 'map', summary: SUMMARIES.map, load: async () => (await import('./map')).command },
  { name: 'report', summary: SUMMARIES.report, load: async () => (await import('./report')).command },
];
