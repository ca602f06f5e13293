/**
 * The tokenizer of variable expressions: mathjs's expression lexer (`mathjs/lib/esm/expression/
 * parse.js` of mathjs 15, `getToken`), rewritten without mathjs so that the same text splits
 * into the same tokens and a syntax error names the same character. A token is a delimiter
 * (an operator, a bracket, a named operator such as `and`, the end of the text as ``),
 * a number, a name, or an unknown part (the rest of the text; a syntax error).
 */

export const TokenType = { Null: 0, Delimiter: 1, Number: 2, Symbol: 3, Unknown: 4 } as const;
export type TokenType = (typeof TokenType)[keyof typeof TokenType];

/** Operators and brackets (mathjs's `DELIMITERS`); `"` and `'` open a string. */
const DELIMITERS: ReadonlySet<string> = new Set([
  ',', '(', ')', '[', ']', '{', '}', '"', "'", ';', '+', '-', '*', '.*', '/', './', '%', '^', '.^', '~', '!', '&', '|', '^|', '=', ':', '?',
  '?.', '??', '==', '!=', '<', '>', '<=', '>=', '<<', '>>', '>>>',
]);

/** Words that are operators (mathjs's `NAMED_DELIMITERS`). */
export const NAMED_DELIMITERS: ReadonlySet<string> = new Set(['mod', 'to', 'in', 'and', 'xor', 'or', 'not']);

/**
 * A syntax error at a character of the text: `char` is 1-based (mathjs's `error.char`), or
 * undefined when the error has no place (a number literal that is not a number).
 */
export class ExpressionSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly char: number | undefined,
  ) {
    super(char === undefined ? reason : `${reason} (char ${char})`);
    this.name = 'ExpressionSyntaxError';
  }
}

/** What backtracking saves and restores (mathjs copies its whole parser state). */
export interface LexerState {
  index: number;
  token: string;
  tokenType: TokenType;
  nestingLevel: number;
  conditionalLevel: number | null;
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

function isDigitDot(c: string): boolean {
  return (c >= '0' && c <= '9') || c === '.';
}

/** A dot that is a decimal mark, not the start of `.*`, `./` or `.^`. */
function isDecimalMark(c: string, cNext: string): boolean {
  return c === '.' && cNext !== '/' && cNext !== '*' && cNext !== '^';
}

function isValidLatinOrGreek(c: string): boolean {
  return /^[a-zA-Z_$\u00C0-\u02AF\u0370-\u03FF\u2100-\u214F]$/.test(c);
}

/** Two UTF-16 units that form a letter of Unicode's mathematical alphanumeric symbols. */
function isValidMathSymbol(high: string, low: string): boolean {
  return (
    /^[\uD835]$/.test(high) &&
    /^[\uDC00-\uDFFF]$/.test(low) &&
    /^[^\uDC55\uDC9D\uDCA0\uDCA1\uDCA3\uDCA4\uDCA7\uDCA8\uDCAD\uDCBA\uDCBC\uDCC4\uDD06\uDD0B\uDD0C\uDD15\uDD1D\uDD3A\uDD3F\uDD45\uDD47-\uDD49\uDD51\uDEA6\uDEA7\uDFCC\uDFCD]$/.test(low)
  );
}

/** A letter of a name: Latin (with accents), Greek, letter-like symbols, `_`, `$`, math letters. */
function isAlpha(c: string, cPrev: string, cNext: string): boolean {
  return isValidLatinOrGreek(c) || isValidMathSymbol(c, cNext) || isValidMathSymbol(cPrev, c);
}

/** Space, tab, no-break space, and a line break inside brackets. */
function isWhitespace(c: string, nestingLevel: number): boolean {
  return c === ' ' || c === '\t' || c === '\u00A0' || (c === '\n' && nestingLevel > 0);
}

/** The lexer over one text; the parser reads `token`/`tokenType` and calls `next()`. */
export class Lexer implements LexerState {
  index = 0;
  token = '';
  tokenType: TokenType = TokenType.Null;
  /** Open brackets around the current token: line breaks inside them are spaces. */
  nestingLevel = 0;
  /** Bracket level of the conditional being parsed, where `:` ends its true part rather than making a range. */
  conditionalLevel: number | null = null;

  constructor(readonly text: string) {}

  /** Up to `length` characters from the current one. */
  peek(length = 1): string {
    return this.text.slice(this.index, this.index + length);
  }

  private prev(): string {
    return this.text.charAt(this.index - 1);
  }

  private after(): string {
    return this.text.charAt(this.index + 1);
  }

  snapshot(): LexerState {
    const { index, token, tokenType, nestingLevel, conditionalLevel } = this;
    return { index, token, tokenType, nestingLevel, conditionalLevel };
  }

  restore(s: LexerState): void {
    this.index = s.index;
    this.token = s.token;
    this.tokenType = s.tokenType;
    this.nestingLevel = s.nestingLevel;
    this.conditionalLevel = s.conditionalLevel;
  }

  /** A syntax error at the start of the current token (mathjs's `createSyntaxError`). */
  error(reason: string): ExpressionSyntaxError {
    return new ExpressionSyntaxError(reason, this.index - this.token.length + 1);
  }

  /** Read the next token; `#` starts a comment to the end of the line. */
  next(): void {
    this.tokenType = TokenType.Null;
    this.token = '';
    for (;;) {
      if (this.peek() === '#') {
        while (this.peek() !== '\n' && this.peek() !== '') this.index++;
      }
      if (isWhitespace(this.peek(), this.nestingLevel)) this.index++;
      else break;
    }
    const c1 = this.peek();
    if (c1 === '') {
      this.tokenType = TokenType.Delimiter;
      return;
    }
    if (c1 === '\n' && this.nestingLevel === 0) {
      this.tokenType = TokenType.Delimiter;
      this.token = c1;
      this.index++;
      return;
    }
    const c2 = this.peek(2);
    const c3 = this.peek(3);
    if (c3.length === 3 && DELIMITERS.has(c3)) {
      this.tokenType = TokenType.Delimiter;
      this.token = c3;
      this.index += 3;
      return;
    }
    // `?.` followed by a digit is `?` and a number (`a?.3:.7`), not optional chaining.
    if (c2.length === 2 && DELIMITERS.has(c2) && (c2 !== '?.' || !isDigit(this.text.charAt(this.index + 2)))) {
      this.tokenType = TokenType.Delimiter;
      this.token = c2;
      this.index += 2;
      return;
    }
    if (DELIMITERS.has(c1)) {
      this.tokenType = TokenType.Delimiter;
      this.token = c1;
      this.index++;
      return;
    }
    if (isDigitDot(c1)) {
      this.readNumber();
      return;
    }
    if (isAlpha(c1, this.prev(), this.after())) {
      while (isAlpha(this.peek(), this.prev(), this.after()) || isDigit(this.peek())) this.take();
      this.tokenType = NAMED_DELIMITERS.has(this.token) ? TokenType.Delimiter : TokenType.Symbol;
      return;
    }
    this.tokenType = TokenType.Unknown;
    while (this.peek() !== '') this.take();
    throw this.error(`Syntax error in part "${this.token}"`);
  }

  /** The next token, skipping line breaks. */
  nextSkipNewline(): void {
    do this.next();
    while (this.token === '\n');
  }

  private take(): void {
    this.token += this.peek();
    this.index++;
  }

  private readNumber(): void {
    this.tokenType = TokenType.Number;
    const prefix = this.peek(2);
    if (prefix === '0b' || prefix === '0o' || prefix === '0x') {
      this.take();
      this.take();
      const radixDigit = (): boolean => isAlpha(this.peek(), this.prev(), this.after()) || isDigit(this.peek());
      while (radixDigit()) this.take();
      if (this.peek() === '.') {
        this.take();
        while (radixDigit()) this.take();
      } else if (this.peek() === 'i') {
        this.take();
        while (isDigit(this.peek())) this.take();
      }
      return;
    }
    if (this.peek() === '.') {
      this.take();
      if (!isDigit(this.peek())) {
        // a lone dot (property access)
        this.tokenType = TokenType.Delimiter;
        return;
      }
    } else {
      while (isDigit(this.peek())) this.take();
      if (isDecimalMark(this.peek(), this.after())) this.take();
    }
    while (isDigit(this.peek())) this.take();
    if (this.peek() === 'E' || this.peek() === 'e') {
      const n = this.after();
      if (isDigit(n) || n === '-' || n === '+') {
        this.take();
        if (this.peek() === '+' || this.peek() === '-') this.take();
        if (!isDigit(this.peek())) throw this.error(`Digit expected, got "${this.peek()}"`);
        while (isDigit(this.peek())) this.take();
        if (isDecimalMark(this.peek(), this.after())) throw this.error(`Digit expected, got "${this.peek()}"`);
      } else if (isDecimalMark(n, this.text.charAt(this.index + 2))) {
        this.index++;
        throw this.error(`Digit expected, got "${this.peek()}"`);
      }
    }
  }
}

/**
 * The value of a number token, as mathjs's `number(string)`: decimal (`1e-3`, `.5`), or
 * binary/octal/hexadecimal (`0x1F`, `0b1.1`, `0xffi8` = −1 as an 8-bit signed word).
 *
 * @throws ExpressionSyntaxError (without a position) when the token is not a number, e.g. `0xg`
 */
export function numberValue(token: string): number {
  const radixPoint = /(0[box])([0-9a-fA-F]*)\.([0-9a-fA-F]*)/.exec(token);
  if (radixPoint) {
    const radix = { '0b': 2, '0o': 8, '0x': 16 }[radixPoint[1] as '0b' | '0o' | '0x'];
    let f = 0;
    for (let i = 0; i < radixPoint[3].length; i++) f += parseInt(radixPoint[3][i], radix) / radix ** (i + 1);
    const result = parseInt(radixPoint[2], radix) + f;
    if (Number.isNaN(result)) throw new ExpressionSyntaxError(`String "${token}" is not a valid number`, undefined);
    return result;
  }
  let x = token;
  const wordSize = /(0[box][0-9a-fA-F]*)i([0-9]*)/.exec(token);
  let size = 0;
  if (wordSize) {
    size = Number(wordSize[2]);
    x = wordSize[1];
  }
  let num = Number(x);
  if (Number.isNaN(num)) throw new ExpressionSyntaxError(`String "${x}" is not a valid number`, undefined);
  if (wordSize) {
    if (num > 2 ** size - 1) throw new ExpressionSyntaxError(`String "${x}" is out of range`, undefined);
    if (num >= 2 ** (size - 1)) num -= 2 ** size;
  }
  return num;
}
