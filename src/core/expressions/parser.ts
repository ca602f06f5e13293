/**
 * A recursive-descent parser for variable expressions, with mathjs's grammar, operator
 * precedence and associativity (mathjs 15, `expression/parse.js`, which the workbench used
 * until it had its own): lowest first, `a; b` and line breaks, `=`, `? :`, `or`, `xor`, `and`,
 * `|`, `^|`, `&`, comparisons (chained ones kept apart), `<< >> >>>`, `to`/`in`, ranges `a:b`,
 * `+ -`, `* / .* ./ % mod`, implicit multiplication (`2x`), mathjs's "rule 2" (`1/2x` =
 * (1/2)·x), `x%` (percentage), unary `- + ~ not`, `^ .^` (right-associative, binding tighter
 * than a unary minus on its left: `-2^2` = −4, and taking one on its right: `2^-1`), `??`,
 * `x!`, `x'`, then calls, accessors, strings, matrices, objects, numbers and parentheses.
 * The same text gives the same tree and the same syntax error, at the same character, as
 * `mathjs.parse` (checked by tests/core/expressions-differential.test.ts); what the workbench
 * does not evaluate is refused afterwards by compile.ts.
 */
import type { ExprNode, OperatorNode, OtherNode } from './syntax-tree';
import { ExpressionSyntaxError, Lexer, NAMED_DELIMITERS, numberValue, TokenType } from './tokenizer';

const constant = (value: number | string | boolean | null | undefined): ExprNode => ({ kind: 'constant', value });
const symbol = (name: string): ExprNode => ({ kind: 'symbol', name });
const operator = (op: string, fn: string, args: ExprNode[], implicit = false, percentage = false): OperatorNode => ({ kind: 'operator', op, fn, args, implicit, percentage });
const other = (kind: OtherNode['kind'], children: ExprNode[], detail = ''): OtherNode => ({ kind, children, detail });

/** Words that are constants rather than names. */
const KEYWORD_CONSTANTS: ReadonlyMap<string, boolean | null | undefined> = new Map<string, boolean | null | undefined>([
  ['true', true],
  ['false', false],
  ['null', null],
  ['undefined', undefined],
]);

const RELATIONAL: Readonly<Record<string, string>> = { '==': 'equal', '!=': 'unequal', '<': 'smaller', '>': 'larger', '<=': 'smallerEq', '>=': 'largerEq' };
const SHIFT: Readonly<Record<string, string>> = { '<<': 'leftShift', '>>': 'rightArithShift', '>>>': 'rightLogShift' };
const ADD: Readonly<Record<string, string>> = { '+': 'add', '-': 'subtract' };
const MULTIPLY: Readonly<Record<string, string>> = { '*': 'multiply', '.*': 'dotMultiply', '/': 'divide', './': 'dotDivide', '%': 'mod', mod: 'mod' };
const UNARY: Readonly<Record<string, string>> = { '-': 'unaryMinus', '+': 'unaryPlus', '~': 'bitNot', not: 'not' };
const POSTFIX: Readonly<Record<string, string>> = { '!': 'factorial', "'": 'ctranspose' };

function lookup(table: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

const isConstant = (n: ExprNode): boolean => n.kind === 'constant';

/** A number, or a unary `- + ~` on a number (the left side of rule 2). */
function isRule2Operand(n: ExprNode): boolean {
  return n.kind === 'constant' || (n.kind === 'operator' && n.args.length === 1 && n.args[0].kind === 'constant' && '-+~'.includes(n.op));
}

/**
 * Parse `text` (backtick names already rewritten to `col("…")`).
 *
 * @throws ExpressionSyntaxError with mathjs's sentence and 1-based character, e.g.
 *   `Unexpected end of expression`, `Value expected`, `Parenthesis ) expected`
 */
export function parseExpressionText(text: string): ExprNode {
  return new Parser(text).parseStart();
}

class Parser {
  private readonly lx: Lexer;

  constructor(text: string) {
    this.lx = new Lexer(text);
  }

  /** The current token (a method, so that TypeScript does not narrow it across `next()`). */
  private tok(): string {
    return this.lx.token;
  }

  private type(): TokenType {
    return this.lx.tokenType;
  }

  parseStart(): ExprNode {
    this.lx.next();
    const node = this.parseBlock();
    if (this.tok() !== '') {
      if (this.type() === TokenType.Delimiter) throw this.lx.error(`Unexpected operator ${this.tok()}`);
      throw this.lx.error(`Unexpected part "${this.tok()}"`);
    }
    return node;
  }

  /** Expressions separated by `;` or line breaks. */
  private parseBlock(): ExprNode {
    let node: ExprNode | undefined;
    const blocks: ExprNode[] = [];
    if (this.tok() !== '' && this.tok() !== '\n' && this.tok() !== ';') node = this.parseAssignment();
    while (this.tok() === '\n' || this.tok() === ';') {
      if (blocks.length === 0 && node !== undefined) blocks.push(node);
      this.lx.next();
      if (this.tok() !== '\n' && this.tok() !== ';' && this.tok() !== '') {
        node = this.parseAssignment();
        blocks.push(node);
      }
    }
    if (blocks.length > 0) return other('block', blocks);
    return node ?? constant(undefined);
  }

  /** `a = …` and `f(x, y) = …`. */
  private parseAssignment(): ExprNode {
    const node = this.parseConditional();
    if (this.tok() !== '=') return node;
    if (node.kind === 'symbol') {
      this.lx.nextSkipNewline();
      return other('assignment', [symbol(node.name), this.parseAssignment()]);
    }
    if (node.kind === 'accessor') {
      if (node.detail === 'optional') throw this.lx.error('Cannot assign to optional chain');
      this.lx.nextSkipNewline();
      return other('assignment', [...node.children, this.parseAssignment()]);
    }
    if (node.kind === 'function' && node.fn.kind === 'symbol' && node.args.every((a) => a.kind === 'symbol')) {
      const params = node.args.map((a) => (a.kind === 'symbol' ? a.name : ''));
      this.lx.nextSkipNewline();
      return other('function-assignment', [this.parseAssignment()], `${node.fn.name}(${params.join(',')})`);
    }
    throw this.lx.error('Invalid left hand side of assignment operator =');
  }

  /** `c ? a : b`, right-associative. */
  private parseConditional(): ExprNode {
    let node = this.parseLogical(0);
    while (this.tok() === '?') {
      const prev = this.lx.conditionalLevel;
      this.lx.conditionalLevel = this.lx.nestingLevel;
      this.lx.nextSkipNewline();
      const condition = node;
      const trueExpr = this.parseAssignment();
      if (this.tok() !== ':') throw this.lx.error('False part of conditional expression expected');
      this.lx.conditionalLevel = null;
      this.lx.nextSkipNewline();
      const falseExpr = this.parseAssignment();
      node = { kind: 'conditional', condition, trueExpr, falseExpr };
      this.lx.conditionalLevel = prev;
    }
    return node;
  }

  /** The left-associative binary levels `or`, `xor`, `and`, `|`, `^|`, `&`, from `level` down. */
  private parseLogical(level: number): ExprNode {
    const levels: readonly (readonly [string, string])[] = LOGICAL_LEVELS;
    if (level === levels.length) return this.parseRelational();
    const [op, fn] = levels[level];
    let node = this.parseLogical(level + 1);
    while (this.tok() === op) {
      this.lx.nextSkipNewline();
      node = operator(op, fn, [node, this.parseLogical(level + 1)]);
    }
    return node;
  }

  /** `a < b`; `a < b <= c` is a chained comparison. */
  private parseRelational(): ExprNode {
    const params = [this.parseShift()];
    const ops: string[] = [];
    const fns: string[] = [];
    for (let fn = lookup(RELATIONAL, this.tok()); fn !== undefined; fn = lookup(RELATIONAL, this.tok())) {
      ops.push(this.tok());
      fns.push(fn);
      this.lx.nextSkipNewline();
      params.push(this.parseShift());
    }
    if (params.length === 1) return params[0];
    if (params.length === 2) return operator(ops[0], fns[0], params);
    return other('relational', params, fns.join(','));
  }

  private parseShift(): ExprNode {
    let node = this.parseConversion();
    for (let fn = lookup(SHIFT, this.tok()); fn !== undefined; fn = lookup(SHIFT, this.tok())) {
      const name = this.tok();
      this.lx.nextSkipNewline();
      node = operator(name, fn, [node, this.parseConversion()]);
    }
    return node;
  }

  /** Unit conversion `a to b`, `a in b`; a trailing `in` is the unit inch (`2 in`). */
  private parseConversion(): ExprNode {
    let node = this.parseRange();
    while (this.tok() === 'to' || this.tok() === 'in') {
      const name = this.tok();
      this.lx.nextSkipNewline();
      if (name === 'in' && '])},;'.includes(this.tok())) node = operator('*', 'multiply', [node, symbol('in')], true);
      else node = operator(name, 'to', [node, this.parseRange()]);
    }
    return node;
  }

  /** `start:end`, `start:step:end`, with `:` alone an implicit start or end. */
  private parseRange(): ExprNode {
    const lx = this.lx;
    let node: ExprNode;
    if (this.tok() === ':') {
      if (lx.conditionalLevel === lx.nestingLevel) throw lx.error('The true-expression of a conditional operator may not be empty');
      node = constant(1);
    } else {
      node = this.parseAddSubtract();
    }
    if (this.tok() === ':' && lx.conditionalLevel !== lx.nestingLevel) {
      const params = [node];
      while (this.tok() === ':' && params.length < 3) {
        lx.nextSkipNewline();
        const t = this.tok();
        params.push(t === ')' || t === ']' || t === ',' || t === '' ? symbol('end') : this.parseAddSubtract());
      }
      // children in mathjs's order: start, end, step
      node = params.length === 3 ? other('range', [params[0], params[2], params[1]]) : other('range', [params[0], params[1]]);
    }
    return node;
  }

  private parseAddSubtract(): ExprNode {
    let node = this.parseMultiplyDivide();
    for (let fn = lookup(ADD, this.tok()); fn !== undefined; fn = lookup(ADD, this.tok())) {
      const name = this.tok();
      this.lx.nextSkipNewline();
      const right = this.parseMultiplyDivide();
      // `x + 5%` is x + x·5/100
      node = operator(name, fn, right.kind === 'operator' && right.percentage ? [node, operator('*', 'multiply', [node, right])] : [node, right]);
    }
    return node;
  }

  private parseMultiplyDivide(): ExprNode {
    let node = this.parseImplicitMultiplication();
    for (let fn = lookup(MULTIPLY, this.tok()); fn !== undefined; fn = lookup(MULTIPLY, this.tok())) {
      const name = this.tok();
      this.lx.nextSkipNewline();
      node = operator(name, fn, [node, this.parseImplicitMultiplication()]);
    }
    return node;
  }

  /** `2x`, `(a)(b)`, `x y`, `2 in`: a product without `*`. */
  private parseImplicitMultiplication(): ExprNode {
    let node = this.parseRule2();
    let last = node;
    for (;;) {
      const inAfterNumber =
        this.tok() === 'in' &&
        (isConstant(node) || (node.kind === 'operator' && node.fn === 'unaryMinus' && isConstant(node.args[0])));
      const numberAfterValue = this.type() === TokenType.Number && !isConstant(last) && (last.kind !== 'operator' || last.op === '!');
      if (this.type() === TokenType.Symbol || inAfterNumber || numberAfterValue || this.tok() === '(') {
        last = this.parseRule2();
        node = operator('*', 'multiply', [node, last], true);
      } else {
        return node;
      }
    }
  }

  /**
   * mathjs's rule 2: in `number / number name` the division binds tighter than the implicit
   * multiplication (`1/2x` = (1/2)·x), found by looking two tokens ahead.
   */
  private parseRule2(): ExprNode {
    const lx = this.lx;
    let node = this.parseUnaryPercentage();
    let last = node;
    while (this.tok() === '/' && isRule2Operand(last)) {
      const atSlash = lx.snapshot();
      lx.nextSkipNewline();
      if (this.type() !== TokenType.Number) {
        lx.restore(atSlash);
        break;
      }
      const atNumber = lx.snapshot();
      lx.nextSkipNewline();
      if (this.type() === TokenType.Symbol || this.tok() === '(' || this.tok() === 'in') {
        lx.restore(atNumber);
        last = this.parseUnaryPercentage();
        node = operator('/', 'divide', [node, last]);
      } else {
        lx.restore(atSlash);
        break;
      }
    }
    return node;
  }

  /** `x%` is x / 100 when no operand follows the `%` (otherwise `%` is modulo). */
  private parseUnaryPercentage(): ExprNode {
    let node = this.parseUnary();
    if (this.tok() === '%') {
      const atPercent = this.lx.snapshot();
      this.lx.nextSkipNewline();
      try {
        this.parseUnary();
        this.lx.restore(atPercent);
      } catch (e) {
        if (!(e instanceof ExpressionSyntaxError)) throw e;
        node = operator('/', 'divide', [node, constant(100)], false, true);
      }
    }
    return node;
  }

  /** Prefix `-`, `+`, `~`, `not`. */
  private parseUnary(): ExprNode {
    const fn = lookup(UNARY, this.tok());
    if (fn !== undefined) {
      const name = this.tok();
      this.lx.nextSkipNewline();
      return operator(name, fn, [this.parseUnary()]);
    }
    return this.parsePow();
  }

  /** `a ^ b`, right-associative; the exponent may carry a unary sign (`2^-3`). */
  private parsePow(): ExprNode {
    const node = this.parseNullish();
    if (this.tok() === '^' || this.tok() === '.^') {
      const name = this.tok();
      this.lx.nextSkipNewline();
      return operator(name, name === '^' ? 'pow' : 'dotPow', [node, this.parseUnary()]);
    }
    return node;
  }

  private parseNullish(): ExprNode {
    let node = this.parsePostfix();
    while (this.tok() === '??') {
      this.lx.nextSkipNewline();
      node = operator('??', 'nullish', [node, this.parsePostfix()]);
    }
    return node;
  }

  /** Postfix `x!` and `x'`. */
  private parsePostfix(): ExprNode {
    let node = this.parseSymbol();
    for (let fn = lookup(POSTFIX, this.tok()); fn !== undefined; fn = lookup(POSTFIX, this.tok())) {
      const name = this.tok();
      this.lx.next();
      node = this.parseAccessors(operator(name, fn, [node]));
    }
    return node;
  }

  /** A name (or a named operator used as one), `true`/`false`/`null`/`undefined`, `NaN`, `Infinity`. */
  private parseSymbol(): ExprNode {
    const lx = this.lx;
    if (this.type() === TokenType.Symbol || (this.type() === TokenType.Delimiter && NAMED_DELIMITERS.has(this.tok()))) {
      const name = this.tok();
      lx.next();
      let node: ExprNode;
      if (KEYWORD_CONSTANTS.has(name)) node = constant(KEYWORD_CONSTANTS.get(name));
      else if (name === 'NaN') node = constant(Number.NaN);
      else if (name === 'Infinity') node = constant(Number.POSITIVE_INFINITY);
      else node = symbol(name);
      return this.parseAccessors(node);
    }
    return this.parseString();
  }

  /** Calls `f(a, b)` (and `f?.(a)`), indexes `a[1]` and properties `a.b`, chained. */
  private parseAccessors(start: ExprNode): ExprNode {
    const lx = this.lx;
    let node = start;
    for (;;) {
      let optional = false;
      if (this.tok() === '?.') {
        optional = true;
        lx.next();
      }
      const t = this.tok();
      if (!optional && t !== '(' && t !== '[' && t !== '.') return node;
      if (t === '(') {
        // `(a)(b)` and `f(a)(b)` are implicit multiplication, handled above
        if (!optional && node.kind !== 'symbol' && node.kind !== 'accessor') return node;
        const args = this.parseList(')', 'Parenthesis ) expected');
        node = { kind: 'function', fn: node, args, optional };
      } else if (t === '[') {
        const dims = this.parseList(']', 'Parenthesis ] expected');
        node = other('accessor', [node, other('index', dims)], optional ? 'optional' : '');
      } else {
        if (!optional) lx.next();
        if (!(this.type() === TokenType.Symbol || (this.type() === TokenType.Delimiter && NAMED_DELIMITERS.has(this.tok())))) {
          throw lx.error(`Property name expected after ${optional ? 'optional chain' : 'dot'}`);
        }
        const property = constant(this.tok());
        lx.next();
        node = other('accessor', [node, other('index', [property], 'dot')], optional ? 'optional' : '');
      }
    }
  }

  /** Comma-separated expressions up to `close` (the opening bracket is the current token). */
  private parseList(close: string, missing: string): ExprNode[] {
    const lx = this.lx;
    const items: ExprNode[] = [];
    lx.nestingLevel++;
    lx.next();
    if (this.tok() !== close) {
      items.push(this.parseAssignment());
      while (this.tok() === ',') {
        lx.next();
        items.push(this.parseAssignment());
      }
    }
    if (this.tok() !== close) throw lx.error(missing);
    lx.nestingLevel--;
    lx.next();
    return items;
  }

  private parseString(): ExprNode {
    if (this.tok() === '"' || this.tok() === "'") return this.parseAccessors(constant(this.parseStringToken(this.tok())));
    return this.parseMatrix();
  }

  /** The text of a string whose opening quote is the current token; JSON's escapes. */
  private parseStringToken(quote: string): string {
    const lx = this.lx;
    let str = '';
    while (lx.peek() !== '' && lx.peek() !== quote) {
      if (lx.peek() === '\\') {
        lx.index++;
        const ch = lx.peek();
        const escaped = Object.hasOwn(ESCAPES, ch) ? ESCAPES[ch] : undefined;
        if (escaped !== undefined) {
          str += escaped;
          lx.index++;
        } else if (ch === 'u') {
          const hex = lx.text.slice(lx.index + 1, lx.index + 5);
          if (!/^[0-9A-Fa-f]{4}$/.test(hex)) throw lx.error(`Invalid unicode character \\u${hex}`);
          str += String.fromCharCode(parseInt(hex, 16));
          lx.index += 5;
        } else {
          throw lx.error(`Bad escape character \\${ch}`);
        }
      } else {
        str += lx.peek();
        lx.index++;
      }
    }
    lx.next();
    if (this.tok() !== quote) throw lx.error(`End of string ${quote} expected`);
    lx.next();
    return str;
  }

  /** `[a, b]`, `[a, b; c, d]`. */
  private parseMatrix(): ExprNode {
    const lx = this.lx;
    if (this.tok() !== '[') return this.parseObject();
    lx.nestingLevel++;
    lx.next();
    let array: ExprNode;
    if (this.tok() === ']') {
      array = other('array', []);
    } else {
      const row = this.parseRow();
      if (this.tok() === ';') {
        const rows = [row];
        while (this.tok() === ';') {
          lx.next();
          if (this.tok() !== ']') rows.push(this.parseRow());
        }
        if (this.tok() !== ']') throw lx.error('End of matrix ] expected');
        lx.nestingLevel--;
        lx.next();
        const cols = rows[0].children.length;
        for (let r = 1; r < rows.length; r++) {
          if (rows[r].children.length !== cols) throw lx.error(`Column dimensions mismatch (${rows[r].children.length} !== ${cols})`);
        }
        return this.parseAccessors(other('array', rows));
      }
      if (this.tok() !== ']') throw lx.error('End of matrix ] expected');
      array = row;
    }
    lx.nestingLevel--;
    lx.next();
    return this.parseAccessors(array);
  }

  private parseRow(): OtherNode {
    const items = [this.parseAssignment()];
    while (this.tok() === ',') {
      this.lx.next();
      if (this.tok() !== ']' && this.tok() !== ';') items.push(this.parseAssignment());
    }
    return other('array', items);
  }

  /** `{key: value, "key": value}`. */
  private parseObject(): ExprNode {
    const lx = this.lx;
    if (this.tok() !== '{') return this.parseNumber();
    lx.nestingLevel++;
    // a record without a prototype: keys in JavaScript's property order, as mathjs's ObjectNode
    const properties: Record<string, ExprNode> = Object.create(null) as Record<string, ExprNode>;
    do {
      lx.next();
      if (this.tok() !== '}') {
        let key: string;
        if (this.tok() === '"' || this.tok() === "'") {
          key = this.parseStringToken(this.tok());
        } else if (this.type() === TokenType.Symbol || (this.type() === TokenType.Delimiter && NAMED_DELIMITERS.has(this.tok()))) {
          key = this.tok();
          lx.next();
        } else {
          throw lx.error('Symbol or string expected as object key');
        }
        if (this.tok() !== ':') throw lx.error('Colon : expected after object key');
        lx.next();
        properties[key] = this.parseAssignment();
      }
    } while (this.tok() === ',');
    if (this.tok() !== '}') throw lx.error('Comma , or bracket } expected after object value');
    lx.nestingLevel--;
    lx.next();
    return this.parseAccessors(other('object', Object.values(properties), JSON.stringify(Object.keys(properties))));
  }

  private parseNumber(): ExprNode {
    if (this.type() !== TokenType.Number) return this.parseParentheses();
    const text = this.tok();
    this.lx.next();
    return constant(numberValue(text));
  }

  private parseParentheses(): ExprNode {
    const lx = this.lx;
    if (this.tok() !== '(') {
      throw lx.error(this.tok() === '' ? 'Unexpected end of expression' : 'Value expected');
    }
    lx.nestingLevel++;
    lx.next();
    const content = this.parseAssignment();
    if (this.tok() !== ')') throw lx.error('Parenthesis ) expected');
    lx.nestingLevel--;
    lx.next();
    return this.parseAccessors({ kind: 'parenthesis', content });
  }
}

/** The binary levels between the conditional and comparisons, loosest first. */
const LOGICAL_LEVELS: readonly (readonly [string, string])[] = [
  ['or', 'or'],
  ['xor', 'xor'],
  ['and', 'and'],
  ['|', 'bitOr'],
  ['^|', 'bitXor'],
  ['&', 'bitAnd'],
];

/** Escapes in strings: `\"`, `\'`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t` (and `\uXXXX`). */
const ESCAPES: Readonly<Record<string, string>> = { '"': '"', "'": "'", '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
