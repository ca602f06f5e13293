/**
 * Parsing of variable expressions: the text is parsed with a private mathjs instance whose
 * `import`, `createUnit`, `evaluate`, `parse`, `simplify` and `derivative` are disabled;
 * backtick-quoted names become `col("…")` calls, and syntax errors report their position in
 * the text as typed. Limits on the length and nesting of the text (`MAX_EXPRESSION_LENGTH`,
 * `MAX_EXPRESSION_NESTING`, `MAX_EXPRESSION_DEPTH`) keep the recursive parser, compiler and
 * interpreter far from the stack's end: too long or too deeply nested text is an `InputError`
 * with a sentence, not a stack overflow.
 */
import type { MathNode } from 'mathjs';
import mathjs from 'mathjs/lib/browser/math.js';
import { InputError } from '../errors';

// mathjs's one-file build (see mathjs-bundle.d.ts): same parser, far faster to load than the
// ES-module tree. Only its parser is used; the tree is evaluated by the allow-list interpreter
// of compile.ts. As a second line of defence the functions that could be abused are disabled on the
// instance after taking `parse`.
const parseMath = mathjs.parse;
export const { isConditionalNode, isConstantNode, isFunctionNode, isOperatorNode, isParenthesisNode, isSymbolNode } = mathjs;
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
 * parsing: mathjs' parser spends some twenty stack frames per bracket level (about 300 levels
 * overflowed Node's default stack), so the limit keeps a wide margin for callers deep in a stack.
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

/** Depth of a parse tree (nodes on its longest root-to-leaf path), without recursion. */
export function treeDepth(root: MathNode): number {
  let deepest = 0;
  const stack: [MathNode, number][] = [[root, 1]];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const [node, d] = top;
    if (d > deepest) deepest = d;
    node.forEach((child) => {
      stack.push([child, d + 1]);
    });
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

export function parseTree(expr: string): MathNode {
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
  let tree: MathNode;
  try {
    tree = guardStack(expr, () => parseMath(rewritten.text));
  } catch (e) {
    if (e instanceof SyntaxError) {
      const charProp = (e as SyntaxError & { char?: unknown }).char;
      const pos = typeof charProp === 'number' ? rewritten.toOriginal(charProp) : undefined;
      const reason = e.message.replace(/\s*\(char \d+\)\s*$/, '');
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
