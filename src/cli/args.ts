/**
 * Typed access to parsed `rwb` options, with the usage errors (exit code 2) for missing or
 * malformed values.
 */
import { isAbsolute, resolve } from 'node:path';
import { InputError } from '../core/errors';
import type { CliArgs, CliIo } from './command';

/** A command line that cannot be run as typed: unknown or missing option, bad option value. */
export class UsageError extends InputError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('usage', message, details);
    this.name = 'UsageError';
  }
}

/** True for a `UsageError` (main adds a "see --help" hint). */
export function isUsageError(e: unknown): e is UsageError {
  return e instanceof UsageError;
}

/**
 * The value of `--name`, or `undefined` when absent.
 * @throws UsageError when the option was declared boolean
 */
export function optString(args: CliArgs, name: string): string | undefined {
  const v = args.values[name];
  if (v === undefined) return undefined;
  if (Array.isArray(v)) {
    const last = v[v.length - 1];
    if (typeof last !== 'string') throw new UsageError(`option --${name} needs a value`);
    return last;
  }
  if (typeof v !== 'string') throw new UsageError(`option --${name} needs a value`);
  return v;
}

/**
 * The value of a required `--name`.
 * @throws UsageError `missing required option --name` when absent or empty
 */
export function reqString(args: CliArgs, name: string, why = ''): string {
  const v = optString(args, name);
  if (v === undefined || v === '') throw new UsageError(`missing required option --${name}${why ? ` (${why})` : ''}`);
  return v;
}

/** All values of a repeatable `--name` (empty when absent). */
export function optStrings(args: CliArgs, name: string): string[] {
  const v = args.values[name];
  if (v === undefined) return [];
  const list = Array.isArray(v) ? v : [v];
  return list.map((x) => {
    if (typeof x !== 'string') throw new UsageError(`option --${name} needs a value`);
    return x;
  });
}

/** True when the boolean flag `--name` was given. */
export function optFlag(args: CliArgs, name: string): boolean {
  const v = args.values[name];
  return Array.isArray(v) ? v.length > 0 && v[v.length - 1] === true : v === true;
}

/**
 * The number given to `--name`, or `fallback`.
 * @throws UsageError naming the option when the text is not a number (or not an integer when `integer`)
 */
export function optNumber(args: CliArgs, name: string, opts: { integer?: boolean; min?: number } = {}): number | undefined {
  const s = optString(args, name);
  if (s === undefined) return undefined;
  const x = Number(s);
  if (s.trim() === '' || !Number.isFinite(x)) throw new UsageError(`option --${name} must be a number, got "${s}"`);
  if (opts.integer && !Number.isInteger(x)) throw new UsageError(`option --${name} must be an integer, got "${s}"`);
  if (opts.min !== undefined && x < opts.min) throw new UsageError(`option --${name} must be at least ${opts.min}, got "${s}"`);
  return x;
}

/**
 * One of a closed set of words for `--name`, or `undefined`.
 * @throws UsageError listing the allowed values
 */
export function optChoice<T extends string>(args: CliArgs, name: string, choices: readonly T[]): T | undefined {
  const s = optString(args, name);
  if (s === undefined) return undefined;
  const hit = choices.find((c) => c === s);
  if (hit === undefined) throw new UsageError(`option --${name} must be one of ${choices.join(', ')}, got "${s}"`);
  return hit;
}

/** Resolve a file path given on the command line against the working directory. */
export function resolvePath(io: CliIo, path: string): string {
  return isAbsolute(path) ? path : resolve(io.cwd, path);
}
