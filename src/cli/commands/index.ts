/**
 * The `rwb` sub-commands, in the order `rwb --help` lists them. Add a command by writing
 * `commands/<name>.ts` exporting `command: CliCommand` and one import + list entry here.
 */
import type { CliCommand } from '../command';
import { command as describeCommand } from './describe';
import { command as importCommand } from './import';
import { command as deriveCommand } from './derive';
import { command as feCommand } from './fe';
import { command as weightsCommand } from './weights';

export const commands: readonly CliCommand[] = [
  importCommand,
  describeCommand,
  deriveCommand,
  feCommand,
  weightsCommand,
];
