/**
 * Compiling a parsed expression to an evaluator with the allow-list of operators, math
 * functions, constants and panel functions; assignments, function definitions, matrices,
 * objects, property access and units are refused. Evaluation collects the rows each function
 * set to missing into warnings.
 */
import { InputError } from '../errors';
import type { LongPanel } from '../panel';
import { suggestMatches } from '../text-match';
import { apply, conditional, isArray, own, toArray, type EvalContext, type Evaluator, type Value } from './evaluate';
import { buildGrid, compilePanelFunction, PANEL_FUNCTIONS, type PanelGrid } from './panel-functions';
import { badExpression, guardStack, quoteInput, parseTree } from './parse';
import type { ExprNode } from './syntax-tree';

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

/** Operators accepted in expressions: operator function (mathjs's names) → [symbol, implementation]. */
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
      `column "${quoteInput(name)}" of ${p.source} holds text and cannot be used in expression "${quoteInput(ctx.expression)}"`,
      { column: quoteInput(name), expression: quoteInput(ctx.expression), source: p.source },
    );
  }
  const candidates = [...p.variables, p.timeColumn];
  const suggestions = suggestMatches(name, candidates, 3);
  const hint =
    suggestions.length > 0
      ? `; did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}?`
      : `; available columns: ${candidates.join(', ')}`;
  throw new InputError('expr-unknown-column', `unknown column "${quoteInput(name)}" in expression "${quoteInput(ctx.expression)}"${hint}`, {
    column: quoteInput(name),
    expression: quoteInput(ctx.expression),
    suggestions,
    source: p.source,
    hint,
  });
}

function compileNode(c: Compiler, node: ExprNode): Evaluator {
  switch (node.kind) {
    case 'parenthesis':
      return compileNode(c, node.content);
    case 'constant': {
      const v = node.value;
      if (typeof v === 'number') return () => v;
      if (typeof v === 'boolean') return () => (v ? 1 : 0);
      if (typeof v === 'string') {
        throw badExpression('expr-text-outside-col', c.expr, `text "${quoteInput(v)}" can only name a column inside col("…")`, { text: quoteInput(v) });
      }
      throw badExpression('expr-unsupported-constant', c.expr, `unsupported constant ${String(v)}`, { constant: String(v) });
    }
    case 'symbol': {
      const name = node.name;
      const constant = own(CONSTANTS, name);
      if (constant === undefined && !c.columns.includes(name)) c.columns.push(name);
      return (ctx) => {
        const p = ctx.panel;
        if (own(p.values, name) !== undefined || name === p.timeColumn || constant === undefined) return lookupColumn(ctx, name);
        return constant;
      };
    }
    case 'operator': {
      const op = own(OPERATORS, node.fn);
      if (op === undefined) throw badExpression('expr-unsupported-operator', c.expr, `operator "${node.op}" is not supported`, { operator: node.op });
      const args = node.args.map((a) => compileNode(c, a));
      const [symbol, f] = op;
      return (ctx) => apply(ctx, symbol, f, args.map((a) => a(ctx)));
    }
    case 'conditional': {
      const cond = compileNode(c, node.condition);
      const yes = compileNode(c, node.trueExpr);
      const no = compileNode(c, node.falseExpr);
      return (ctx) => conditional(ctx, cond, yes, no);
    }
    case 'function':
      return compileFunction(c, node.fn, node.args);
    case 'assignment':
    case 'function-assignment':
      throw badExpression('expr-assignment', c.expr, 'assignment is not allowed');
    case 'block':
      throw badExpression('expr-several-expressions', c.expr, 'only one expression is allowed (no ";" or line breaks)');
    case 'relational':
      throw badExpression('expr-chained-comparison', c.expr, 'chained comparisons like a < b < c are not supported; use (a < b) and (b < c)');
    default:
      // array, object, accessor, index, range
      throw badExpression('expr-unsupported-syntax', c.expr, `${node.kind} syntax is not supported`, { syntax: node.kind });
  }
}

function compileFunction(c: Compiler, fnNode: ExprNode, argNodes: readonly ExprNode[]): Evaluator {
  if (fnNode.kind !== 'symbol') throw badExpression('expr-unnamed-function', c.expr, 'only named functions can be called');
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
    if (arg.kind !== 'constant' || typeof arg.value !== 'string') {
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
  throw new InputError('expr-unknown-function', `unknown function "${quoteInput(name)}" in expression "${quoteInput(c.expr)}"${hint}`, {
    expression: quoteInput(c.expr),
    function: quoteInput(name),
    suggestions,
    hint,
  });
}

/**
 * Parse and check an expression once, to evaluate it on one or more panels.
 *
 * Grammar (mathjs's, parsed by parser.ts) restricted to numbers, column names (bare identifiers, `` `any name` ``
 * or `col("any name")`), `+ - * / ^ mod`, comparisons (`< <= > >= == !=`, giving 1/0),
 * `and or not xor`, `c ? a : b`, the math functions in `EXPRESSION_FUNCTIONS`, and the panel
 * functions `lag(x, k=1)`, `lead(x, k=1)`, `diff(x, k=1)` = x − lag(x, k),
 * `growth(x, k=1)` = x / lag(x, k) − 1, `winsor(x, p=0.01)`, `zscore(x)`, `demean(x)`.
 *
 * @param expr - expression text
 * @returns the compiled expression
 * @throws InputError `bad-expression` (syntax error with its position, assignment, unsupported
 *   syntax, wrong argument count), `expr-unknown-function` (with close-match suggestions),
 *   `expr-too-long` (over `MAX_EXPRESSION_LENGTH` characters), `expr-too-deep` (brackets nested
 *   over `MAX_EXPRESSION_NESTING` or a parse tree deeper than `MAX_EXPRESSION_DEPTH`)
 */
export function compileExpression(expr: string): CompiledExpression {
  const tree = parseTree(expr);
  const compiler: Compiler = { expr, columns: [] };
  const root = guardStack(expr, () => compileNode(compiler, tree));
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
      const values = toArray(ctx, guardStack(expr, () => root(ctx)));
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
 * @throws InputError `expr-unknown-column` (with "did you mean"), `not-numeric`, `bad-expression`,
 *   `expr-unknown-function`, `duplicate-row` (lag/lead on a panel with a repeated (id, time))
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
