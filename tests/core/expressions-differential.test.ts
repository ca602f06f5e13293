/**
 * Differential test of our expression parser against mathjs's (`parse` of mathjs 15, the
 * parser the workbench used before it had its own; mathjs is a devDependency for this test
 * only): for random expressions of the grammar and for random token soup, both give the same
 * tree (compared as a canonical printed form) or both refuse the text with the same sentence
 * at the same character.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse as mathParse, type MathNode } from 'mathjs';
import { parseExpressionText } from '../../src/core/expressions/parser';
import type { ExprNode } from '../../src/core/expressions/syntax-tree';
import { ExpressionSyntaxError } from '../../src/core/expressions/tokenizer';

function constantText(v: unknown): string {
  if (typeof v === 'number') return Object.is(v, -0) ? 'num:-0' : `num:${v}`;
  if (typeof v === 'string') return `str:${JSON.stringify(v)}`;
  return `${typeof v}:${String(v)}`;
}

/** mathjs's fields, as the generic node type exposes them. */
interface MathFields {
  type: string;
  value?: unknown;
  name?: string;
  op?: string;
  fn?: string | MathNode;
  implicit?: boolean;
  isPercentage?: boolean;
  optional?: boolean;
  optionalChaining?: boolean;
  dotNotation?: boolean;
  params?: string[];
  conditionals?: string[];
  properties?: Record<string, MathNode>;
}

/** Canonical form of a mathjs tree. */
function printMath(node: MathNode): string {
  const n = node as unknown as MathFields;
  const kids: string[] = [];
  node.forEach((child) => kids.push(printMath(child)));
  switch (n.type) {
    case 'ConstantNode':
      return constantText(n.value);
    case 'SymbolNode':
      return `sym:${n.name}`;
    case 'OperatorNode':
      return `(op ${n.op} ${String(n.fn)}${n.implicit ? ' implicit' : ''}${n.isPercentage ? ' percentage' : ''} ${kids.join(' ')})`;
    case 'ParenthesisNode':
      return `(parenthesis ${kids.join(' ')})`;
    case 'ConditionalNode':
      return `(conditional ${kids.join(' ')})`;
    case 'FunctionNode':
      return `(function${n.optional ? ' optional' : ''} ${kids.join(' ')})`;
    default: {
      const kind = n.type.replace(/Node$/, '').replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
      const detail =
        n.type === 'FunctionAssignmentNode' ? `${n.name}(${(n.params ?? []).join(',')})`
        : n.type === 'RelationalNode' ? (n.conditionals ?? []).join(',')
        : n.type === 'ObjectNode' ? JSON.stringify(Object.keys(n.properties ?? {}))
        : n.type === 'AccessorNode' ? (n.optionalChaining ? 'optional' : '')
        : n.type === 'IndexNode' ? (n.dotNotation ? 'dot' : '')
        : '';
      return `(${kind} [${detail}] ${kids.join(' ')})`;
    }
  }
}

/** Canonical form of our tree. */
function printOurs(node: ExprNode): string {
  switch (node.kind) {
    case 'constant':
      return constantText(node.value);
    case 'symbol':
      return `sym:${node.name}`;
    case 'operator':
      return `(op ${node.op} ${node.fn}${node.implicit ? ' implicit' : ''}${node.percentage ? ' percentage' : ''} ${node.args.map(printOurs).join(' ')})`;
    case 'parenthesis':
      return `(parenthesis ${printOurs(node.content)})`;
    case 'conditional':
      return `(conditional ${[node.condition, node.trueExpr, node.falseExpr].map(printOurs).join(' ')})`;
    case 'function':
      return `(function${node.optional ? ' optional' : ''} ${[node.fn, ...node.args].map(printOurs).join(' ')})`;
    default:
      return `(${node.kind} [${node.detail}] ${node.children.map(printOurs).join(' ')})`;
  }
}

type Outcome = { tree: string } | { error: string; char: number | undefined };

/**
 * mathjs's outcome. Three assignments make mathjs's node constructors throw a plain Error,
 * not a syntax error (`end = 1`, `end(x) = 1`, `f(x, x) = 1`: formerly an internal error of
 * the workbench); our parser gives the assignment node, which compile.ts refuses as
 * `expr-assignment`, so such a text must give a tree holding an assignment or, when a syntax
 * error follows that mathjs never reached, that syntax error.
 */
function viaMathjs(text: string): Outcome | { assignmentError: string } {
  try {
    return { tree: printMath(mathParse(text)) };
  } catch (e) {
    if (!(e instanceof SyntaxError)) {
      const message = (e as Error).message;
      if (/^(Cannot assign to symbol "end"|Illegal function name, "end" is a reserved keyword|Duplicate parameter name ".*")$/.test(message)) return { assignmentError: message };
      throw e;
    }
    const c = (e as SyntaxError & { char?: number }).char;
    return { error: e.message, char: c };
  }
}

function viaOurs(text: string): Outcome {
  try {
    return { tree: printOurs(parseExpressionText(text)) };
  } catch (e) {
    if (!(e instanceof ExpressionSyntaxError)) throw e;
    return { error: e.message, char: e.char };
  }
}

const sameAsMathjs = (text: string): void => {
  const theirs = viaMathjs(text);
  const ours = viaOurs(text);
  // refused too: an assignment (refused by compile.ts) or a syntax error further on (`end = x; *`)
  if ('assignmentError' in theirs) expect({ text, refused: 'error' in ours || /\((function-)?assignment /.test(ours.tree) }).toEqual({ text, refused: true });
  else expect({ text, ...ours }).toEqual({ text, ...theirs });
};

/* ------------------------------------------------------------ generators */

const space = fc.constantFrom('', '', ' ', '  ', '\t');
const name = fc.constantFrom('x', 'gsp', 'log_gsp', 'GDP2', 'é', 'λ', '$a', 'e', 'pi', 'true', 'NaN', 'Infinity', 'year', 'in', 'mod');
const number = fc.oneof(
  fc.nat({ max: 2000 }).map(String),
  fc.constantFrom('0.5', '.5', '1e-3', '2E+4', '1.', '3.25e2', '0x1F', '0b101', '1e400', '007'),
);
const quoted = fc.constantFrom('"x"', '"GDP (bn)"', '"a\\"b"', '"\\u00e9"', "'y'", '""');
const binary = fc.constantFrom('+', '-', '*', '/', '^', '%', ' mod ', '.*', './', '.^', '<', '<=', '>', '>=', '==', '!=', ' and ', ' or ', ' xor ');
const unary = fc.constantFrom('-', '+', 'not ', '--');
const fnName = fc.constantFrom('log', 'exp', 'lag', 'diff', 'max', 'col', 'abs', 'winsor');

/** Expressions of the grammar the workbench evaluates, printed without extra brackets (so precedence decides). */
const { expr } = fc.letrec<{ expr: string; atom: string }>((tie) => ({
  atom: fc.oneof(
    { weight: 4, arbitrary: name },
    { weight: 3, arbitrary: number },
    { weight: 1, arbitrary: quoted },
    { weight: 2, arbitrary: fc.tuple(fnName, fc.array(tie('expr'), { maxLength: 3 })).map(([f, args]) => `${f}(${args.join(', ')})`) },
    { weight: 2, arbitrary: tie('expr').map((e) => `(${e})`) },
  ),
  expr: fc.oneof(
    { weight: 4, arbitrary: tie('atom') },
    { weight: 4, arbitrary: fc.tuple(tie('expr'), space, binary, space, tie('expr')).map((p) => p.join('')) },
    { weight: 2, arbitrary: fc.tuple(unary, tie('expr')).map((p) => p.join('')) },
    { weight: 1, arbitrary: fc.tuple(tie('expr'), tie('expr'), tie('expr')).map(([c, a, b]) => `${c} ? ${a} : ${b}`) },
    { weight: 1, arbitrary: fc.tuple(tie('atom'), space, tie('atom')).map((p) => p.join('')) }, // implicit multiplication
  ),
}));

/** Arbitrary text from the characters and words of mathjs's grammar, most of it refused. */
const soup = fc
  .array(
    fc.constantFrom(
      'x', 'y', 'f', 'x,', '1', '2.5', '.', 'e', 'E', '0x', '1e', 'i', ' ', '\n', '\t', '#', '"', "'", '\\', '(', ')', '[', ']', '{', '}', ',', ';', ':', '?',
      '?.', '??', '+', '-', '*', '/', '%', '^', '.*', './', '.^', '~', '!', '&', '|', '^|', '=', '==', '!=', '<', '>', '<=', '>=', '<<', '>>', '>>>',
      'mod', 'to', 'in', 'and', 'or', 'xor', 'not', 'true', 'null', 'undefined', 'end', 'col', 'log', '`', '\r', '中', '\u00A0', 'u00e9', '\uD835\uDC00',
    ),
    { maxLength: 14 },
  )
  .map((t) => t.join(''));

/* ------------------------------------------------------------ tests */

describe('our parser gives the trees and syntax errors of mathjs', () => {
  it('examples: precedence, associativity and the odd corners of the grammar', () => {
    for (const text of [
      '-2^2', '2^-1', '2^3^2', 'x - y - z', 'x / y / z', '-x^y', 'not x and y or z xor w', 'a < b', 'a < b < c', 'a == b != c',
      '1 ? 2 : 3 ? 4 : 5', 'a ? b ? c : d : e', 'x ? y : z + 1', '2x', '2 x', 'x y', '(x)(y)', 'abs(x)(2)', '1/2x', '1/2(x)', '-1/2x', '2 in', '2 in x',
      '50%', 'x + 5%', 'x % 3', 'x%', '5%%', '0x10', '0b101', '0x1.8', '0xffi8', '0xg', '1e', '1e-', '1e5.5', '1.e3', '1.2.3', '1 .5', 'x.2',
      "col('x')", 'x # comment', '# only', 'null', 'undefined', 'x?.(1)', 'x?.3:.7', 'x.y', 'x[1]', 'x?.[1]', 'x?.y', '{a: 1, "b": 2}', '{2: x, a: y, 1: z}',
      '[1, 2; 3, 4]', '[1, 2; 3]', '[]', '[1,]', '1:3', '1:2:3', ':', 'x ? : 1', 'x ? 1', 'x!', "x'", "x''", '~x', 'x ?? 1', 'x & y | z ^| w', 'x << 1 >> 2 >>> 3',
      'x to y', 'a = 1', 'a = b = 2', '1 = 2', 'f(x) = x^2', 'f(1) = 2', 'x.y = 3', 'x?.y = 1', 'x; y', 'x\ny', '(x\n+ y)', 'x +\ny', ';', 'x;', '"a\\q"', '"\\u12"',
      '"abc', '(', ')', 'x +', 'log(x, )', 'log(,x)', 'x<>y', 'x // y', 'x\r', '中', '$', 'ré', '\uD835\uDC00 + 1', 'x\u00A0+ 1', 'mod(x, 2)', 'x mod mod',
      'not', 'end', 'in', 'to', 'f(x)(y)', 'col("GDP (bn)") / x', 'x ? y : z ? w : v', 'lag(x, 2) - lag(x)', '1e400', '007',
    ]) {
      sameAsMathjs(text);
    }
  });

  it('assignments that mathjs refuses with a plain Error (not a syntax error) are parsed as assignments', () => {
    for (const text of ['end = 1', 'end(x) = 1', 'f(x, x) = 1']) {
      expect(viaMathjs(text)).toHaveProperty('assignmentError');
      sameAsMathjs(text);
    }
  });

  it('property: random expressions of the grammar give the same tree (or the same error)', () => {
    fc.assert(fc.property(expr, (text) => sameAsMathjs(text)), { numRuns: 3000 });
  });

  it('property: random text made of the grammar\'s pieces is accepted or refused alike, with the same sentence and position', () => {
    fc.assert(fc.property(soup, (text) => sameAsMathjs(text)), { numRuns: 5000 });
  });
});
