/**
 * Parsing of variable expressions with our own parser (parser.ts, mathjs's grammar without
 * mathjs): backtick-quoted names become `col("…")` calls, and syntax errors report their
 * position in the text as typed. Limits on the length and nesting of the text
 * (`MAX_EXPRESSION_LENGTH`, `MAX_EXPRESSION_NESTING`, `MAX_EXPRESSION_DEPTH`) keep the recursive
 * parser, compiler and interpreter far from the stack's end: too long or too deeply nested text
 * is an `InputError` with a sentence, not a stack overflow.
 */
import { InputError } from '../errors';
import { parseExpressionText } from './parser';
import { treeDepth, type ExprNode } from './syntax-tree';
import { ExpressionSyntaxError } from './tokenizer';

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
        throw new InputError('expr-unclosed-backtick', `unclosed backtick at position ${i + 1} in expression "${quoteInput(expr)}"`, {
          expression: quoteInput(expr),
          position: i + 1,
        });
      }
      const name = expr.slice(i + 1, end);
      if (name.length === 0) {
        throw new InputError('expr-empty-column-name', `empty column name \`\` at position ${i + 1} in expression "${quoteInput(expr)}"`, {
          expression: quoteInput(expr),
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

/**
 * Longest expression text accepted, in characters (UTF-16 code units). A long model formula
 * with a hundred column names stays well under it; beyond it the text is refused before parsing.
 */
export const MAX_EXPRESSION_LENGTH = 5_000;

/**
 * Deepest nesting of brackets `( [ {` accepted, found by a linear scan of the text before
 * parsing: the parser spends some twenty stack frames per bracket level (mathjs's, which ours
 * follows, overflowed Node's default stack at about 300 levels), so the limit keeps a wide
 * margin for callers deep in a stack.
 */
export const MAX_EXPRESSION_NESTING = 64;

/**
 * Deepest parse tree accepted (nodes on the longest path from the root to a leaf, counting
 * every operator, call and bracket): the compiler and the interpreter recurse once per level,
 * so `x + x + … + x` with 2,000 terms (2,000 levels) is refused, while a sum of a few hundred
 * terms is fine.
 */
export const MAX_EXPRESSION_DEPTH = 500;

/**
 * Most characters of an expression (or of a name or text in it) that an error sentence quotes:
 * longer input is cut there and ends with "…" (issue 8: errors never echo a whole input).
 */
export const MAX_QUOTED_CHARS = 80;

/** `text` as an error sentence quotes it: at most `MAX_QUOTED_CHARS` characters, then "…". */
export function quoteInput(text: string): string {
  return text.length <= MAX_QUOTED_CHARS ? text : `${text.slice(0, MAX_QUOTED_CHARS)}…`;
}

const quoteStart = quoteInput;

function tooDeep(expr: string, levels: number, max: number): InputError {
  const quoted = quoteStart(expr);
  return new InputError('expr-too-deep', `expression "${quoted}" is too deeply nested (${levels} levels; at most ${max})`, {
    expression: quoted,
    levels,
    max,
  });
}

/** Deepest bracket nesting of the text, outside double-quoted strings and backtick names. */
export function bracketNesting(expr: string): number {
  let depth = 0;
  let deepest = 0;
  let quote: string | undefined;
  for (let i = 0; i < expr.length; i++) {
    const ch = expr[i];
    if (quote !== undefined) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === '`') {
      quote = ch;
    } else if (ch === '(' || ch === '[' || ch === '{') {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if ((ch === ')' || ch === ']' || ch === '}') && depth > 0) {
      depth--;
    }
  }
  return deepest;
}

/**
 * Run `f`, turning a stack overflow into an `InputError`: the limits above leave a wide margin
 * on Node's and Electron's default stacks, this is the last line of defence when the caller
 * itself runs deep in a smaller stack.
 */
export function guardStack<T>(expr: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      const quoted = quoteStart(expr);
      throw new InputError('expr-too-deep-to-evaluate', `expression "${quoted}" is too deeply nested to evaluate`, { expression: quoted });
    }
    throw e;
  }
}

export function badExpression(code: string, expr: string, why: string, details: Record<string, unknown> = {}): InputError {
  return new InputError(code, `${why} in expression "${quoteInput(expr)}"`, { expression: quoteInput(expr), ...details });
}

/**
 * Parse an expression into its tree, checking the limits.
 *
 * @throws InputError `expr-empty`, `expr-too-long`, `expr-too-deep`, `expr-unclosed-backtick`,
 *   `expr-empty-column-name`, `expr-syntax-at` (with the 1-based position in the text as typed),
 *   `expr-syntax` (a syntax error without a position), `expr-too-deep-to-evaluate`
 */
export function parseTree(expr: string): ExprNode {
  if (expr.trim().length === 0) throw new InputError('expr-empty', 'empty expression', { expression: expr });
  if (expr.length > MAX_EXPRESSION_LENGTH) {
    const quoted = quoteStart(expr);
    throw new InputError('expr-too-long', `expression "${quoted}" is too long (${expr.length} characters; at most ${MAX_EXPRESSION_LENGTH})`, {
      expression: quoted,
      length: expr.length,
      max: MAX_EXPRESSION_LENGTH,
    });
  }
  const nesting = bracketNesting(expr);
  if (nesting > MAX_EXPRESSION_NESTING) throw tooDeep(expr, nesting, MAX_EXPRESSION_NESTING);
  const rewritten = rewriteBackticks(expr);
  let tree: ExprNode;
  try {
    tree = guardStack(expr, () => parseExpressionText(rewritten.text));
  } catch (e) {
    if (e instanceof ExpressionSyntaxError) {
      const pos = e.char === undefined ? undefined : rewritten.toOriginal(e.char);
      const reason = e.reason;
      const where = pos === undefined ? '' : ` at position ${pos}`;
      throw new InputError(pos === undefined ? 'expr-syntax' : 'expr-syntax-at', `syntax error${where} in expression "${quoteInput(expr)}": ${reason}`, {
        expression: quoteInput(expr),
        position: pos,
        reason,
      });
    }
    throw e;
  }
  const depth = treeDepth(tree);
  if (depth > MAX_EXPRESSION_DEPTH) throw tooDeep(expr, depth, MAX_EXPRESSION_DEPTH);
  return tree;
}
