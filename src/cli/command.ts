/**
 * The shape every `rwb` sub-command module follows. A module exports
 * `command: CliCommand`; `commands/index.ts` lists them; `main.ts` parses the options with
 * `node:util` `parseArgs` (strict) and calls `run`.
 */
import type { ParseArgsConfig } from 'node:util';

/** Option declarations in `node:util` `parseArgs` form; repeated flags use `multiple: true`. */
export type CliOptions = NonNullable<ParseArgsConfig['options']>;

/** Parsed option values by long name (`--x a --x b` → `['a', 'b']` when `multiple`). */
export type CliValues = Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;

/** What `run` receives: option values and any positional arguments. */
export interface CliArgs {
  /** The sub-command name, for messages. */
  readonly command: string;
  readonly values: CliValues;
  readonly positionals: readonly string[];
}

/** Where a command writes; tests capture it, `bin/rwb.mjs` wires it to the process. */
export interface CliIo {
  /** Write text to standard output (no newline added). */
  readonly stdout: (text: string) => void;
  /** Write text to standard error (no newline added). */
  readonly stderr: (text: string) => void;
  /** Environment variables (e.g. `RWB_DEBUG`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Directory relative paths are resolved against. */
  readonly cwd: string;
  /** True when standard error is a terminal (long commands then show their progress there). */
  readonly stderrIsTTY?: boolean;
}

/** One `rwb` sub-command. */
export interface CliCommand {
  /** Name typed after `rwb`, e.g. `describe`. */
  readonly name: string;
  /** One line for `rwb --help`. */
  readonly summary: string;
  /** Full help text printed by `rwb <name> --help` (usage line, options, examples). */
  readonly usage: string;
  /** Options besides `--help`, which every command gets. */
  readonly options: CliOptions;
  /**
   * Do the work. Return the exit code (default 0). Throw `InputError` for bad input (exit 2,
   * message on stderr); anything else thrown is an internal error (exit 1).
   */
  run(args: CliArgs, io: CliIo): Promise<number | void>;
}

/** A command as `commands/index.ts` lists it: the name, and its module loaded on demand. */
export interface CommandEntry {
  readonly name: string;
  /** The command's one-line summary, so `rwb --help` need not load the module. */
  readonly summary?: string;
  readonly load: () => Promise<CliCommand>;
}
