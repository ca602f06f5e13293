/**
 * The `rwb` sub-commands, in the order `rwb --help` lists them. Each module is loaded only
 * when its command runs (or for `rwb --help`), so a command never pays for the dependencies
 * of the others. Add a command by writing `commands/<name>.ts` exporting
 * `command: CliCommand` and one line here.
 */
import type { CommandEntry } from '../command';

/** Every sub-command: name and loader, in `rwb --help` order. */
export const commands: readonly CommandEntry[] = [
  { name: 'import', load: async () => (await import('./import')).command },
  { name: 'describe', load: async () => (await import('./describe')).command },
  { name: 'derive', load: async () => (await import('./derive')).command },
  { name: 'fe', load: async () => (await import('./fe')).command },
  { name: 'weights', load: async () => (await import('./weights')).command },
];
