/**
 * The vectorised values of the expression interpreter: every node yields one value per panel
 * row or a scalar that is broadcast; `NaN` (missing) propagates, and a non-finite result from
 * finite arguments becomes `NaN` with its rows recorded for a warning.
 */
import type { LongPanel } from '../panel';
import type { PanelGrid } from './panel-functions';
import { badExpression } from './parse';

export type Value = Float64Array | number;

export interface EvalContext {
  readonly panel: LongPanel;
  readonly n: number;
  readonly expression: string;
  /** Record rows set to missing by `fn`: a 0/1 mask per row, or `null` for every row. */
  readonly warn: (fn: string, rows: Uint8Array | null) => void;
  readonly grid: () => PanelGrid;
}

/** Own-property lookup, so names like `constructor` never reach `Object.prototype`. */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

export type Evaluator = (ctx: EvalContext) => Value;

export function isArray(v: Value): v is Float64Array {
  return typeof v !== 'number';
}

/**
 * Apply `f` element-wise with scalar broadcasting; a missing argument gives a missing result.
 * A non-finite result from finite arguments becomes NaN and its row is recorded under `label`.
 */
export function apply(ctx: EvalContext, label: string, f: (...a: number[]) => number, args: Value[]): Value {
  if (!args.some(isArray)) {
    const xs = args as number[];
    const r = f(...xs);
    if (Number.isFinite(r) || !xs.every(Number.isFinite)) return r;
    ctx.warn(label, null);
    return Number.NaN;
  }
  const out = new Float64Array(ctx.n);
  let badRows: Uint8Array | undefined;
  if (args.length <= 2) {
    // Fast path for unary and binary operations (no per-row argument array).
    const [a, b] = args;
    for (let i = 0; i < ctx.n; i++) {
      const x = typeof a === 'number' ? a : a[i];
      const y = b === undefined ? 0 : typeof b === 'number' ? b : b[i];
      if (Number.isNaN(x) || Number.isNaN(y)) {
        out[i] = Number.NaN;
        continue;
      }
      const r = b === undefined ? f(x) : f(x, y);
      if (!Number.isFinite(r) && Number.isFinite(x) && Number.isFinite(y)) {
        (badRows ??= new Uint8Array(ctx.n))[i] = 1;
        out[i] = Number.NaN;
      } else {
        out[i] = r;
      }
    }
    if (badRows !== undefined) ctx.warn(label, badRows);
    return out;
  }
  const xs = new Array<number>(args.length);
  for (let i = 0; i < ctx.n; i++) {
    let missing = false;
    let finite = true;
    for (let a = 0; a < args.length; a++) {
      const v = args[a];
      const x = typeof v === 'number' ? v : v[i];
      if (Number.isNaN(x)) missing = true;
      else if (!Number.isFinite(x)) finite = false;
      xs[a] = x;
    }
    if (missing) {
      out[i] = Number.NaN;
      continue;
    }
    const r = f(...xs);
    if (!Number.isFinite(r) && finite) {
      (badRows ??= new Uint8Array(ctx.n))[i] = 1;
      out[i] = Number.NaN;
    } else {
      out[i] = r;
    }
  }
  if (badRows !== undefined) ctx.warn(label, badRows);
  return out;
}

/** `cond ? a : b` row by row; a missing condition gives a missing result. */
export function conditional(ctx: EvalContext, cond: Evaluator, yes: Evaluator, no: Evaluator): Value {
  const k = cond(ctx);
  // Evaluate each branch with its own warning log, then keep only warnings of rows it decides.
  const branch = (ev: Evaluator, taken: (c: number) => boolean): Value => {
    const log: [string, Uint8Array | null][] = [];
    const v = ev({ ...ctx, warn: (fn, rows) => log.push([fn, rows]) });
    for (const [fn, rows] of log) {
      const kept = new Uint8Array(ctx.n);
      let any = false;
      for (let i = 0; i < ctx.n; i++) {
        const c = typeof k === 'number' ? k : k[i];
        if ((rows === null || rows[i] === 1) && !Number.isNaN(c) && taken(c)) { kept[i] = 1; any = true; }
      }
      if (any) ctx.warn(fn, kept);
    }
    return v;
  };
  const a = branch(yes, (c) => c !== 0);
  const b = branch(no, (c) => c === 0);
  if (!isArray(k) && !isArray(a) && !isArray(b)) return Number.isNaN(k) ? k : k !== 0 ? a : b;
  const out = new Float64Array(ctx.n);
  for (let i = 0; i < ctx.n; i++) {
    const c = typeof k === 'number' ? k : k[i];
    out[i] = Number.isNaN(c) ? Number.NaN : c !== 0 ? (typeof a === 'number' ? a : a[i]) : typeof b === 'number' ? b : b[i];
  }
  return out;
}

export function toArray(ctx: EvalContext, v: Value): Float64Array {
  return isArray(v) ? v : new Float64Array(ctx.n).fill(v);
}

export function scalarArg(ctx: EvalContext, v: Value, fn: string, what: string): number {
  if (isArray(v)) {
    throw badExpression('expr-argument-not-constant', ctx.expression, `the ${what} of ${fn}() must be a constant number`, { what, fn });
  }
  return v;
}

export function integerArg(ctx: EvalContext, v: Value, fn: string): number {
  const k = scalarArg(ctx, v, fn, 'order k');
  if (!Number.isInteger(k)) throw badExpression('expr-order-not-integer', ctx.expression, `the order k of ${fn}() must be an integer, got ${k}`, { fn, k });
  return k;
}
