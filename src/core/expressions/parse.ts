/**
 * Parsing of variable expressions: the text is parsed with a private mathjs instance whose
 * `import`, `createUnit`, `evaluate`, `parse`, `simplify` and `derivative` are disabled;
 * backtick-quoted names become `col("…")` calls, and syntax errors report their position in
 * the text as typed.
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

export function badExpression(code: string, expr: string, why: string, details: Record<string, unknown> = {}): InputError {
  return new InputError(code, `${why} in expression "${expr}"`, { expression: expr, ...details });
}

export function parseTree(expr: string): MathNode {
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
