/**
 * Variable expressions over the columns of a long panel, e.g. `log(gsp)`, `gdp / pop`,
 * `diff(log(gsp))`, `winsor(x, 0.01)`.
 *
 * The text is parsed with mathjs (a private instance whose `import`, `createUnit`, `evaluate`,
 * `parse`, `simplify` and `derivative` are disabled) and the tree is evaluated by our own
 * vectorised interpreter: only an allow-list of operators and functions is accepted, and
 * assignments, function definitions, matrices, objects, property access and units are refused.
 * Every node yields one value per panel row (or a scalar that is broadcast); `NaN` (missing)
 * propagates. A function that gives no finite value for finite inputs (`log(0)`, `log(-1)`,
 * `x / 0`, `sqrt(-1)`) yields `NaN` for that row and the rows are counted in a warning.
 */
import type { MathNode } from 'mathjs';
import mathjs from 'mathjs/lib/browser/math.js';
import { InputError } from './errors';
import type { LongPanel } from './panel';
import { suggestMatches } from './text-match';

// mathjs's one-file build (see mathjs-bundle.d.ts): same parser, far faster to load than the
// ES-module tree. Only its parser is used; the tree is evaluated by the allow-list interpreter
// below. As a second line of defence the functions that could be abused are disabled on the
// instance after taking `parse`.
const parseMath = mathjs.parse;
const { isConditionalNode, isConstantNode, isFunctionNode, isOperatorNode, isParenthesisNode, isSymbolNode } = mathjs;
function disabled(name: string): () => never {
  return () => {
    throw new Error(`mathjs function "${name}" is disabled in workbench expressions`);
  };
}
mathjs.import(
  {
    import: disabled('import'),
    createUnit: disabled('createUnit'),
    evaluate: disabled('evaluate'),
    parse: disabled('parse'),
    simplify: disabled('simplify'),
    derivative: disabled('derivative'),
    compile: disabled('compile'),
    resolve: disabled('resolve'),
    reviver: disabled('reviver'),
  },
  { override: true },
);

/** Rows whose result was set to missing by one function, reported after evaluation. */
export interface ExpressionWarning {
  /** Function or operator that produced the missing values, e.g. `log`, `/`. */
  readonly fn: string;
  /** Number of rows set to missing. */
  readonly count: number;
  /** One-line human explanation. */
  readonly message: string;
}

/** Values of an expression plus the rows it had to set to missing. */
export interface ExpressionResult {
  /** One value per panel row; `NaN` = missing. */
  readonly values: Float64Array;
  readonly warnings: readonly ExpressionWarning[];
}

/** A parsed, checked expression that can be evaluated on any panel. */
export interface CompiledExpression {
  /** The expression text exactly as given. */
  readonly expression: string;
  /**
   * Column names referenced (by name, backticks or `col("…")`), in order of first use; bare
   * names of constants (`pi`, `e`) are left out, and the panel's time column may appear.
   */
  readonly columns: readonly string[];
  /** Evaluate on `panel`. @throws InputError as `evaluateExpressionDetailed`. */
  evaluate(panel: LongPanel): ExpressionResult;
}

type Value = Float64Array | number;

interface EvalContext {
  readonly panel: LongPanel;
  readonly n: number;
  readonly expression: string;
  /** Record rows set to missing by `fn`: a 0/1 mask per row, or `null` for every row. */
  readonly warn: (fn: string, rows: Uint8Array | null) => void;
  readonly grid: () => PanelGrid;
}

/** Own-property lookup, so names like `constructor` never reach `Object.prototype`. */
function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

type Evaluator = (ctx: EvalContext) => Value;

/** Constants available by name when no column has that name. */
const CONSTANTS: Readonly<Record<string, number>> = {
  pi: Math.PI,
  PI: Math.PI,
  e: Math.E,
  E: Math.E,
  tau: 2 * Math.PI,
  Infinity: Number.POSITIVE_INFINITY,
  NaN: Number.NaN,
  true: 1,
  false: 0,
};

/** Element-wise math functions: name → [min args, max args, implementation]. */
const MATH_FUNCTIONS: Readonly<Record<string, readonly [number, number, (...a: number[]) => number]>> = {
  log: [1, 2, (x, b) => (b === undefined ? Math.log(x) : Math.log(x) / Math.log(b))],
  log10: [1, 1, Math.log10],
  log2: [1, 1, Math.log2],
  log1p: [1, 1, Math.log1p],
  exp: [1, 1, Math.exp],
  expm1: [1, 1, Math.expm1],
  sqrt: [1, 1, Math.sqrt],
  cbrt: [1, 1, Math.cbrt],
  abs: [1, 1, Math.abs],
  sign: [1, 1, Math.sign],
  floor: [1, 1, Math.floor],
  ceil: [1, 1, Math.ceil],
  fix: [1, 1, Math.trunc],
  round: [1, 2, (x, d) => (d === undefined ? roundHalfAway(x) : roundHalfAway(x * 10 ** d) / 10 ** d)],
  square: [1, 1, (x) => x * x],
  cube: [1, 1, (x) => x * x * x],
  pow: [2, 2, (x, y) => x ** y],
  mod: [2, 2, (x, y) => x - y * Math.floor(x / y)],
  sin: [1, 1, Math.sin],
  cos: [1, 1, Math.cos],
  tan: [1, 1, Math.tan],
  asin: [1, 1, Math.asin],
  acos: [1, 1, Math.acos],
  atan: [1, 1, Math.atan],
  atan2: [2, 2, Math.atan2],
  sinh: [1, 1, Math.sinh],
  cosh: [1, 1, Math.cosh],
  tanh: [1, 1, Math.tanh],
  min: [1, Number.POSITIVE_INFINITY, (...a) => Math.min(...a)],
  max: [1, Number.POSITIVE_INFINITY, (...a) => Math.max(...a)],
};

/** Operators accepted in expressions: mathjs operator function → [symbol, implementation]. */
const OPERATORS: Readonly<Record<string, readonly [string, (...a: number[]) => number]>> = {
  add: ['+', (a, b) => a + b],
  subtract: ['-', (a, b) => a - b],
  multiply: ['*', (a, b) => a * b],
  dotMultiply: ['.*', (a, b) => a * b],
  divide: ['/', (a, b) => a / b],
  dotDivide: ['./', (a, b) => a / b],
  pow: ['^', (a, b) => a ** b],
  dotPow: ['.^', (a, b) => a ** b],
  mod: ['mod', (a, b) => a - b * Math.floor(a / b)],
  unaryMinus: ['-', (a) => -a],
  unaryPlus: ['+', (a) => a],
  larger: ['>', (a, b) => (a > b ? 1 : 0)],
  smaller: ['<', (a, b) => (a < b ? 1 : 0)],
  largerEq: ['>=', (a, b) => (a >= b ? 1 : 0)],
  smallerEq: ['<=', (a, b) => (a <= b ? 1 : 0)],
  equal: ['==', (a, b) => (a === b ? 1 : 0)],
  unequal: ['!=', (a, b) => (a !== b ? 1 : 0)],
  and: ['and', (a, b) => (a !== 0 && b !== 0 ? 1 : 0)],
  or: ['or', (a, b) => (a !== 0 || b !== 0 ? 1 : 0)],
  xor: ['xor', (a, b) => ((a !== 0) !== (b !== 0) ? 1 : 0)],
  not: ['not', (a) => (a === 0 ? 1 : 0)],
};

/** Panel-aware functions: name → [min args, max args]. */
const PANEL_FUNCTIONS: Readonly<Record<string, readonly [number, number]>> = {
  lag: [1, 2],
  lead: [1, 2],
  diff: [1, 2],
  growth: [1, 2],
  winsor: [1, 2],
  zscore: [1, 1],
  demean: [1, 1],
  col: [1, 1],
};

/** Every function name an expression may call (for suggestions and name checks). */
export const EXPRESSION_FUNCTIONS: readonly string[] = Object.freeze([
  ...Object.keys(PANEL_FUNCTIONS),
  ...Object.keys(MATH_FUNCTIONS),
  'isNaN',
]);

/** Names that are constants in expressions (a column with such a name still wins). */
export const EXPRESSION_CONSTANTS: readonly string[] = Object.freeze(Object.keys(CONSTANTS));

function roundHalfAway(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}

/* ---------------------------------------------------------------- parsing */

interface Rewritten {
  readonly text: string;
  /** Map a character index of `text` back to the original expression. */
  readonly toOriginal: (i: number) => number;
}

/** Replace backtick-quoted names by `col("…")` calls, remembering how positions moved. */
function rewriteBackticks(expr: string): Rewritten {
  const shifts: { at: number; delta: number }[] = [];
  let out = '';
  let i = 0;
  let inString = false;
  while (i < expr.length) {
    const ch = expr[i];
    if (inString) {
      out += ch;
      if (ch === '\\' && i + 1 < expr.length) {
        out += expr[i + 1];
        i += 2;
        continue;
      }
      if (ch === '"') inString = false;
      i++;
      continue;
    }
    if (ch === '"') {
      inString = true;
      out += ch;
      i++;
      continue;
    }
    if (ch === '`') {
      const end = expr.indexOf('`', i + 1);
      if (end < 0) {
        throw new InputError('expr-unclosed-backtick', `unclosed backtick at position ${i + 1} in expression "${expr}"`, {
          expression: expr,
          position: i + 1,
        });
      }
      const name = expr.slice(i + 1, end);
      if (name.length === 0) {
        throw new InputError('expr-empty-column-name', `empty column name \`\` at position ${i + 1} in expression "${expr}"`, {
          expression: expr,
          position: i + 1,
        });
      }
      const replacement = `col(${JSON.stringify(name)})`;
      const originalLength = end + 1 - i;
      out += replacement;
      shifts.push({ at: out.length, delta: replacement.length - originalLength });
      i = end + 1;
      continue;
    }
    out += ch;
    i++;
  }
  return {
    text: out,
    toOriginal: (pos: number) => {
      let p = pos;
      for (const s of shifts) if (s.at <= pos) p -= s.delta;
      return p;
    },
  };
}

function badExpression(code: string, expr: string, why: string, details: Record<string, unknown> = {}): InputError {
  return new InputError(code, `${why} in expression "${expr}"`, { expression: expr, ...details });
}

function parseTree(expr: string): MathNode {
  if (expr.trim().length === 0) throw new InputError('expr-empty', 'empty expression', { expression: expr });
  const rewritten = rewriteBackticks(expr);
  try {
    return parseMath(rewritten.text);
  } catch (e) {
    if (e instanceof SyntaxError) {
      const charProp = (e as SyntaxError & { char?: unknown }).char;
      const pos = typeof charProp === 'number' ? rewritten.toOriginal(charProp) : undefined;
      const reason = e.message.replace(/\s*\(char \d+\)\s*$/, '');
      const where = pos === undefined ? '' : ` at position ${pos}`;
      throw new InputError(pos === undefined ? 'expr-syntax' : 'expr-syntax-at', `syntax error${where} in expression "${expr}": ${reason}`, {
        expression: expr,
        position: pos,
        reason,
      });
    }
    throw e;
  }
}

/* ------------------------------------------------------------- elementwise */

function isArray(v: Value): v is Float64Array {
  return typeof v !== 'number';
}

/**
 * Apply `f` element-wise with scalar broadcasting; a missing argument gives a missing result.
 * A non-finite result from finite arguments becomes NaN and its row is recorded under `label`.
 */
function apply(ctx: EvalContext, label: string, f: (...a: number[]) => number, args: Value[]): Value {
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
function conditional(ctx: EvalContext, cond: Evaluator, yes: Evaluator, no: Evaluator): Value {
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

function toArray(ctx: EvalContext, v: Value): Float64Array {
  return isArray(v) ? v : new Float64Array(ctx.n).fill(v);
}

/* ---------------------------------------------------------- panel helpers */

/** Row lookup by (region, period index) on the panel's sorted period grid. */
interface PanelGrid {
  readonly regionOfRow: Int32Array;
  readonly periodOfRow: Int32Array;
  readonly nRegions: number;
  readonly nPeriods: number;
  /** Row at (region, period index), −1 if absent; throws on duplicated (id, time). */
  readonly rowAt: Int32Array;
}

function buildGrid(panel: LongPanel, expr: string): PanelGrid {
  const n = panel.ids.length;
  const regionIndex = new Map<string, number>();
  const periods = [...new Set(panel.times)].sort((a, b) => a - b);
  const periodIndex = new Map<number, number>(periods.map((p, k) => [p, k]));
  const regionOfRow = new Int32Array(n);
  const periodOfRow = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const id = panel.ids[i];
    let r = regionIndex.get(id);
    if (r === undefined) {
      r = regionIndex.size;
      regionIndex.set(id, r);
    }
    regionOfRow[i] = r;
    periodOfRow[i] = periodIndex.get(panel.times[i]) ?? -1;
  }
  const nRegions = regionIndex.size;
  const nPeriods = periods.length;
  const rowAt = new Int32Array(nRegions * nPeriods).fill(-1);
  for (let i = 0; i < n; i++) {
    const cell = regionOfRow[i] * nPeriods + periodOfRow[i];
    const prev = rowAt[cell];
    if (prev >= 0) {
      const rows = [panel.rowNumbers[prev] ?? prev + 2, panel.rowNumbers[i] ?? i + 2];
      throw new InputError(
        'expr-duplicate-row',
        `${panel.source}: duplicate (${panel.ids[i]}, ${panel.times[i]}) at rows ${rows[0]} and ${rows[1]}; ` +
          `lag/lead/diff/growth in expression "${expr}" need one row per (id, time)`,
        { source: panel.source, id: panel.ids[i], time: panel.times[i], rows, expression: expr, row1: rows[0], row2: rows[1] },
      );
    }
    rowAt[cell] = i;
  }
  return { regionOfRow, periodOfRow, nRegions, nPeriods, rowAt };
}

function shift(ctx: EvalContext, x: Value, k: number): Value {
  if (!isArray(x)) return x;
  const g = ctx.grid();
  const out = new Float64Array(ctx.n);
  for (let i = 0; i < ctx.n; i++) {
    const p = g.periodOfRow[i] - k;
    if (p < 0 || p >= g.nPeriods) {
      out[i] = Number.NaN;
      continue;
    }
    const j = g.rowAt[g.regionOfRow[i] * g.nPeriods + p];
    out[i] = j < 0 ? Number.NaN : x[j];
  }
  return out;
}

/** Type-7 quantile of a sorted sample (as R `quantile(type = 7)`; public copy in stats/quantile). */
function quantile7(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

function winsorize(ctx: EvalContext, x: Value, p: number): Value {
  if (!isArray(x)) return x;
  const s = x.filter((v) => !Number.isNaN(v)).sort();
  if (s.length === 0) return x;
  const lo = quantile7(s, p);
  const hi = quantile7(s, 1 - p);
  return x.map((v) => (Number.isNaN(v) ? v : v < lo ? lo : v > hi ? hi : v));
}

function zscore(ctx: EvalContext, x: Value): Value {
  const xs = toArray(ctx, x);
  let n = 0;
  let sum = 0;
  for (const v of xs) if (!Number.isNaN(v)) { n++; sum += v; }
  const mean = sum / n;
  let ss = 0;
  for (const v of xs) if (!Number.isNaN(v)) ss += (v - mean) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  if (!(sd > 0)) {
    if (n > 0) ctx.warn('zscore', Uint8Array.from(xs, (v) => (Number.isNaN(v) ? 0 : 1)));
    return new Float64Array(ctx.n).fill(Number.NaN);
  }
  return xs.map((v) => (v - mean) / sd);
}

function demean(ctx: EvalContext, x: Value): Value {
  const xs = toArray(ctx, x);
  const g = ctx.grid();
  const sum = new Float64Array(g.nRegions);
  const cnt = new Float64Array(g.nRegions);
  for (let i = 0; i < ctx.n; i++) {
    if (!Number.isNaN(xs[i])) { sum[g.regionOfRow[i]] += xs[i]; cnt[g.regionOfRow[i]]++; }
  }
  return xs.map((v, i) => v - sum[g.regionOfRow[i]] / cnt[g.regionOfRow[i]]);
}

/* -------------------------------------------------------------- compiling */

const WARNING_TEXT: Readonly<Record<string, string>> = {
  log: 'log of a non-positive value',
  log10: 'log10 of a non-positive value',
  log2: 'log2 of a non-positive value',
  log1p: 'log1p of a value ≤ −1',
  sqrt: 'square root of a negative value',
  '/': 'division by zero',
  './': 'division by zero',
  growth: 'growth from a zero value',
  zscore: 'zscore of a constant variable',
};

interface Compiler {
  readonly expr: string;
  readonly columns: string[];
}

function useColumn(c: Compiler, name: string): Evaluator {
  if (!c.columns.includes(name)) c.columns.push(name);
  return (ctx) => lookupColumn(ctx, name);
}

function lookupColumn(ctx: EvalContext, name: string): Value {
  const p = ctx.panel;
  const v = own(p.values, name);
  if (v !== undefined) return v;
  if (name === p.timeColumn) return Float64Array.from(p.times);
  if ((p.text !== undefined && own(p.text, name) !== undefined) || name === p.idColumn) {
    throw new InputError(
      'expr-text-column',
      `column "${name}" of ${p.source} holds text and cannot be used in expression "${ctx.expression}"`,
      { column: name, expression: ctx.expression, source: p.source },
    );
  }
  const candidates = [...p.variables, p.timeColumn];
  const suggestions = suggestMatches(name, candidates, 3);
  const hint =
    suggestions.length > 0
      ? `; did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}?`
      : `; available columns: ${candidates.join(', ')}`;
  throw new InputError('expr-unknown-column', `unknown column "${name}" in expression "${ctx.expression}"${hint}`, {
    column: name,
    expression: ctx.expression,
    suggestions,
    source: p.source,
    hint,
  });
}

function scalarArg(ctx: EvalContext, v: Value, fn: string, what: string): number {
  if (isArray(v)) {
    throw badExpression('expr-argument-not-constant', ctx.expression, `the ${what} of ${fn}() must be a constant number`, { what, fn });
  }
  return v;
}

function integerArg(ctx: EvalContext, v: Value, fn: string): number {
  const k = scalarArg(ctx, v, fn, 'order k');
  if (!Number.isInteger(k)) throw badExpression('expr-order-not-integer', ctx.expression, `the order k of ${fn}() must be an integer, got ${k}`, { fn, k });
  return k;
}

function compileNode(c: Compiler, node: MathNode): Evaluator {
  if (isParenthesisNode(node)) return compileNode(c, node.content);
  if (isConstantNode(node)) {
    const v: unknown = node.value;
    if (typeof v === 'number') return () => v;
    if (typeof v === 'boolean') return () => (v ? 1 : 0);
    if (typeof v === 'string') {
      throw badExpression('expr-text-outside-col', c.expr, `text "${v}" can only name a column inside col("…")`, { text: v });
    }
    throw badExpression('expr-unsupported-constant', c.expr, `unsupported constant ${String(v)}`, { constant: String(v) });
  }
  if (isSymbolNode(node)) {
    const name = node.name;
    const constant = own(CONSTANTS, name);
    if (constant === undefined && !c.columns.includes(name)) c.columns.push(name);
    return (ctx) => {
      const p = ctx.panel;
      if (own(p.values, name) !== undefined || name === p.timeColumn || constant === undefined) return lookupColumn(ctx, name);
      return constant;
    };
  }
  if (isOperatorNode(node)) {
    const fn = String(node.fn);
    const op = own(OPERATORS, fn);
    if (op === undefined) throw badExpression('expr-unsupported-operator', c.expr, `operator "${node.op}" is not supported`, { operator: node.op });
    const args = node.args.map((a) => compileNode(c, a));
    const [symbol, f] = op;
    return (ctx) => apply(ctx, symbol, f, args.map((a) => a(ctx)));
  }
  if (isConditionalNode(node)) {
    const cond = compileNode(c, node.condition);
    const yes = compileNode(c, node.trueExpr);
    const no = compileNode(c, node.falseExpr);
    return (ctx) => conditional(ctx, cond, yes, no);
  }
  if (isFunctionNode(node)) return compileFunction(c, node.fn, node.args);
  switch (node.type) {
    case 'AssignmentNode':
    case 'FunctionAssignmentNode':
      throw badExpression('expr-assignment', c.expr, 'assignment is not allowed');
    case 'BlockNode':
      throw badExpression('expr-several-expressions', c.expr, 'only one expression is allowed (no ";" or line breaks)');
    case 'RelationalNode':
      throw badExpression('expr-chained-comparison', c.expr, 'chained comparisons like a < b < c are not supported; use (a < b) and (b < c)');
    default:
      throw badExpression('expr-unsupported-syntax', c.expr, `${node.type.replace(/Node$/, '').toLowerCase()} syntax is not supported`, { syntax: node.type.replace(/Node$/, '').toLowerCase() });
  }
}

function compileFunction(c: Compiler, fnNode: MathNode, argNodes: readonly MathNode[]): Evaluator {
  if (!isSymbolNode(fnNode)) throw badExpression('expr-unnamed-function', c.expr, 'only named functions can be called');
  const name = fnNode.name;
  const nArgs = argNodes.length;
  const checkArity = (min: number, max: number, sig: string): void => {
    if (nArgs < min || nArgs > max) {
      throw badExpression(nArgs === 1 ? 'expr-arity-one' : 'expr-arity', c.expr, `${name}() takes ${sig}, got ${nArgs} argument${nArgs === 1 ? '' : 's'}`, { function: name, signature: sig, given: nArgs });
    }
  };
  if (name === 'col') {
    checkArity(1, 1, 'one column name');
    const arg = argNodes[0];
    if (!isConstantNode(arg) || typeof arg.value !== 'string') {
      throw badExpression('expr-col-needs-quoted-name', c.expr, 'col() takes a column name in double quotes, e.g. col("GDP (bn)")');
    }
    return useColumn(c, arg.value);
  }
  const panelFn = own(PANEL_FUNCTIONS, name);
  if (panelFn !== undefined) {
    const [min, max] = panelFn;
    const args = argNodes.map((a) => compileNode(c, a));
    const sig = max === 1 ? 'one argument (x)' : name === 'winsor' ? '1 or 2 arguments (x, p)' : '1 or 2 arguments (x, k)';
    checkArity(min, max, sig);
    return compilePanelFunction(name, args);
  }
  const mathFn = own(MATH_FUNCTIONS, name);
  if (mathFn !== undefined) {
    const [min, max, f] = mathFn;
    checkArity(min, max, min === max ? `${min} argument${min === 1 ? '' : 's'}` : max === Number.POSITIVE_INFINITY ? `at least ${min} argument` : `${min} to ${max} arguments`);
    const args = argNodes.map((a) => compileNode(c, a));
    return (ctx) => apply(ctx, name, f, args.map((a) => a(ctx)));
  }
  if (name === 'isNaN') {
    checkArity(1, 1, 'one argument');
    const arg = compileNode(c, argNodes[0]);
    return (ctx) => {
      const v = arg(ctx);
      return isArray(v) ? v.map((x) => (Number.isNaN(x) ? 1 : 0)) : Number.isNaN(v) ? 1 : 0;
    };
  }
  const suggestions = suggestMatches(name, [...EXPRESSION_FUNCTIONS], 3);
  const hint = suggestions.length > 0 ? `; did you mean ${suggestions.map((s) => `${s}()`).join(' or ')}?` : '';
  throw new InputError('expr-unknown-function', `unknown function "${name}" in expression "${c.expr}"${hint}`, {
    expression: c.expr,
    function: name,
    suggestions,
    hint,
  });
}

function compilePanelFunction(name: string, args: Evaluator[]): Evaluator {
  const x = args[0];
  const second = args[1] as Evaluator | undefined;
  switch (name) {
    case 'lag':
    case 'lead':
    case 'diff':
    case 'growth':
      return (ctx) => {
        const k = second === undefined ? 1 : integerArg(ctx, second(ctx), name);
        const xv = x(ctx);
        if (name === 'lag') return shift(ctx, xv, k);
        if (name === 'lead') return shift(ctx, xv, -k);
        const lagged = shift(ctx, xv, k);
        if (name === 'diff') return apply(ctx, 'diff', (a, b) => a - b, [xv, lagged]);
        return apply(ctx, 'growth', (a, b) => a / b - 1, [xv, lagged]);
      };
    case 'winsor':
      return (ctx) => {
        const p = second === undefined ? 0.01 : scalarArg(ctx, second(ctx), 'winsor', 'share p');
        if (!(p >= 0 && p < 0.5)) {
          throw badExpression('expr-winsor-share', ctx.expression, `the share p of winsor() must be in [0, 0.5), got ${p}`, { p });
        }
        return winsorize(ctx, x(ctx), p);
      };
    case 'zscore':
      return (ctx) => zscore(ctx, x(ctx));
    default:
      return (ctx) => demean(ctx, x(ctx));
  }
}

/**
 * Parse and check an expression once, to evaluate it on one or more panels.
 *
 * Grammar: mathjs syntax restricted to numbers, column names (bare identifiers, `` `any name` ``
 * or `col("any name")`), `+ - * / ^ mod`, comparisons (`< <= > >= == !=`, giving 1/0),
 * `and or not xor`, `c ? a : b`, the math functions in `EXPRESSION_FUNCTIONS`, and the panel
 * functions `lag(x, k=1)`, `lead(x, k=1)`, `diff(x, k=1)` = x − lag(x, k),
 * `growth(x, k=1)` = x / lag(x, k) − 1, `winsor(x, p=0.01)`, `zscore(x)`, `demean(x)`.
 *
 * @param expr - expression text
 * @returns the compiled expression
 * @throws InputError `bad-expression` (syntax error with its position, assignment, unsupported
 *   syntax, wrong argument count) or `unknown-function` (with close-match suggestions)
 */
export function compileExpression(expr: string): CompiledExpression {
  const tree = parseTree(expr);
  const compiler: Compiler = { expr, columns: [] };
  const root = compileNode(compiler, tree);
  const columns = Object.freeze([...compiler.columns]);
  return Object.freeze({
    expression: expr,
    columns,
    evaluate(panel: LongPanel): ExpressionResult {
      const n = panel.ids.length;
      const masks = new Map<string, Uint8Array>();
      let grid: PanelGrid | undefined;
      const ctx: EvalContext = {
        panel,
        n,
        expression: expr,
        warn: (fn, rows) => {
          const m = masks.get(fn) ?? new Uint8Array(n);
          for (let i = 0; i < n; i++) if (rows === null || rows[i] === 1) m[i] = 1;
          masks.set(fn, m);
        },
        grid: () => (grid ??= buildGrid(panel, expr)),
      };
      const values = toArray(ctx, root(ctx));
      const out = Object.values(panel.values).includes(values) ? Float64Array.from(values) : values;
      const warnings: ExpressionWarning[] = [...masks].map(([fn, m]) => [fn, m.reduce((a, b) => a + b, 0)] as const).map(([fn, count]) => ({
        fn,
        count,
        message: `${expr}: ${WARNING_TEXT[fn] ?? `${fn} gave no finite value`} in ${count} row${count === 1 ? '' : 's'}, set to missing`,
      }));
      return Object.freeze({ values: out, warnings: Object.freeze(warnings) });
    },
  });
}

/**
 * Evaluate an expression over a panel's columns, one value per panel row, with the rows that
 * had to be set to missing.
 *
 * `lag(x, k)` is the value k periods earlier for the same region on the panel's sorted period
 * grid (NaN when that row is absent); `winsor(x, p)` clips at the pooled p and 1 − p quantiles
 * (R `quantile(type = 7)`); `zscore(x)` = (x − x̄)/s pooled with s on n − 1; `demean(x)` subtracts
 * the region's mean (within transformation, as `plm::Within(effect = "individual")`).
 *
 * @param panel - the panel whose columns the expression names
 * @param expr - expression text, e.g. `diff(log(gsp))`
 * @returns values (NaN = missing) and warnings such as `log of a non-positive value in 3 rows`
 * @throws InputError `unknown-column` (with "did you mean"), `not-numeric`, `bad-expression`,
 *   `unknown-function`, `duplicate-row` (lag/lead on a panel with a repeated (id, time))
 */
export function evaluateExpressionDetailed(panel: LongPanel, expr: string): ExpressionResult {
  return compileExpression(expr).evaluate(panel);
}

/**
 * Evaluate an expression over a panel's columns: one value per panel row, NaN = missing.
 * See `evaluateExpressionDetailed` for the grammar and the functions.
 *
 * @throws InputError as `evaluateExpressionDetailed`
 */
export function evaluateExpression(panel: LongPanel, expr: string): Float64Array {
  return evaluateExpressionDetailed(panel, expr).values;
}
