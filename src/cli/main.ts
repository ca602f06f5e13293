/**
 * `rwb`: the workbench's command-line tool. `main(argv)` picks the sub-command, parses its
 * options strictly, runs it and maps failures to exit codes: 0 ok, 2 bad input (one line on
 * stderr naming the file/column/row, or a usage error with a hint), 1 internal error.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isInputError } from '../core/errors';
import { suggestMatches } from '../core/text-match';
import { isUsageError, UsageError } from './args';
import type { CliArgs, CliCommand, CliIo, CliOptions, CommandEntry } from './command';
import { commands } from './commands/index';

/** The `CliIo` of the running process. */
export function processIo(): CliIo {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    env: process.env,
    cwd: process.cwd(),
    stderrIsTTY: process.stderr.isTTY === true,
  };
}

/** Version from package.json. */
export function version(): string {
  const pkg: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  const v = typeof pkg === 'object' && pkg !== null && 'version' in pkg ? pkg.version : undefined;
  return typeof v === 'string' ? v : 'unknown';
}

/** A command list entry: a loaded command or one loaded on demand. */
export type CommandSource = CliCommand | CommandEntry;

function isEntry(c: CommandSource): c is CommandEntry {
  return 'load' in c;
}

/** The command object of a list entry (loading its module when needed). */
export async function loadCommand(c: CommandSource): Promise<CliCommand> {
  return isEntry(c) ? c.load() : c;
}

/** Text of `rwb --help` (loads a command only when its entry carries no summary). */
export async function globalHelp(sources: readonly CommandSource[] = commands): Promise<string> {
  const list = await Promise.all(sources.map(async (c) => (isEntry(c) && c.summary !== undefined ? { name: c.name, summary: c.summary } : loadCommand(c))));
  const width = Math.max(...list.map((c) => c.name.length));
  return [
    'rwb — Resilience Workbench command line: spatial econometrics of regional panels.',
    '',
    'Usage: rwb <command> [options]',
    '       rwb <command> --help     options of one command',
    '       rwb --version',
    '',
    'Commands:',
    ...list.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Every analysis command accepts --json (one JSON document on stdout; warnings on stderr).',
    'Exit codes: 0 ok, 2 bad input (message names the file/column/row), 1 internal error.',
    'Example: rwb describe --panel produc.csv --id state_name --time year --var "log(gsp)"',
    '',
  ].join('\n');
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}

/** Turn a `parseArgs` failure into a usage error that names the option. */
function usageFromParseError(e: Error & { code?: string }, options: CliOptions): UsageError {
  const names = Object.keys(options);
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const opt = /option '([^']+)'/i.exec(e.message)?.[1] ?? '';
    const bare = opt.replace(/^-+/, '').replace(/=.*$/, '');
    const near = suggestMatches(bare, names, 1);
    const hint = near.length > 0 ? ` (did you mean --${near[0]}?)` : '';
    return new UsageError(`unknown option ${opt}${hint}`, { option: opt });
  }
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const opt = /'(-[^' ]+)/.exec(e.message)?.[1];
    return new UsageError(opt ? `option ${opt} needs a value` : oneLine(e.message), { option: opt });
  }
  if (e.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    const arg = /'([^']*)'/.exec(e.message)?.[1] ?? '';
    return new UsageError(`unexpected argument "${arg}" (options start with --; quote values with spaces)`);
  }
  return new UsageError(oneLine(e.message));
}

/**
 * Let a string option take a value that starts with one dash (`--indicator "-log(x)"`,
 * `--x -1`): `parseArgs` would call it ambiguous, so such pairs become `--name=value`.
 * Values starting with `--`, and declared short flags such as `-h`, are still options.
 */
function joinDashValues(argv: readonly string[], options: CliOptions): string[] {
  const shorts = new Set(Object.values(options).map((o) => (o.short === undefined ? '' : `-${o.short}`)));
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = argv[i + 1];
    const opt = a.startsWith('--') && !a.includes('=') ? options[a.slice(2)] : undefined;
    if (opt?.type === 'string' && next !== undefined && /^-[^-]/.test(next) && !shorts.has(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else {
      out.push(a);
    }
  }
  return out;
}

function parseCommandArgs(cmd: CliCommand, argv: readonly string[]): CliArgs {
  const options: CliOptions = { json: { type: 'boolean' }, ...cmd.options, help: { type: 'boolean', short: 'h' } };
  try {
    const parsed = parseArgs({ args: joinDashValues(argv, options), options, strict: true, allowPositionals: false });
    return { command: cmd.name, values: parsed.values, positionals: parsed.positionals };
  } catch (e) {
    if (e instanceof TypeError) throw usageFromParseError(e, options);
    throw e;
  }
}

function reportError(e: unknown, prefix: string, io: CliIo, help: string): number {
  const debug = io.env.RWB_DEBUG === '1';
  if (isInputError(e)) {
    const hint = isUsageError(e) ? `; run "${help}" for usage` : '';
    io.stderr(`${prefix}: ${oneLine(e.message)}${hint}\n`);
    if (debug && e.stack) io.stderr(`${e.stack}\n`);
    return 2;
  }
  const message = e instanceof Error ? e.message : String(e);
  io.stderr(
    `${prefix}: internal error: ${oneLine(message)}\n` +
      'This is a bug in rwb; please report it with the command you ran' +
      (debug ? '.\n' : ' (set RWB_DEBUG=1 to include the stack trace).\n'),
  );
  if (debug && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`);
  return 1;
}

/**
 * Run `rwb` with the arguments after the program name.
 *
 * @param argv - e.g. `['describe', '--panel', 'produc.csv', '--id', 'state_name', '--time', 'year', '--json']`
 * @param io - where to write (default: the process's stdout/stderr)
 * @param list - the commands (default: all of `commands/index.ts`; tests may pass their own)
 * @returns the exit code: 0 ok, 2 bad input or usage, 1 internal error
 */
export async function main(argv: readonly string[], io: CliIo = processIo(), list: readonly CommandSource[] = commands): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr(await globalHelp(list));
    io.stderr('rwb: missing command\n');
    return 2;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    const topic = first === 'help' ? list.find((c) => c.name === rest[0]) : undefined;
    io.stdout(topic ? (await loadCommand(topic)).usage.replace(/\n?$/, '\n') : await globalHelp(list));
    return 0;
  }
  if (first === '--version' || first === '-v' || first === '-V') {
    io.stdout(`rwb ${version()}\n`);
    return 0;
  }
  const source = list.find((c) => c.name === first);
  if (source === undefined) {
    const near = suggestMatches(first, list.map((c) => c.name), 1);
    const hint = near.length > 0 ? ` (did you mean "${near[0]}"?)` : '';
    io.stderr(`rwb: unknown command "${first}"${hint}; run "rwb --help" for the list of commands\n`);
    return 2;
  }
  const prefix = `rwb ${source.name}`;
  try {
    const cmd = await loadCommand(source);
    const args = parseCommandArgs(cmd, rest);
    if (args.values.help === true) {
      io.stdout(cmd.usage.replace(/\n?$/, '\n'));
      return 0;
    }
    const code = await cmd.run(args, io);
    return code ?? 0;
  } catch (e) {
    return reportError(e, prefix, io, `${prefix} --help`);
  }
}
