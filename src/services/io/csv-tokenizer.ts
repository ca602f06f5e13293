/**
 * An incremental CSV tokenizer: text goes in as pieces of any size (a quoted field, a `""`, a
 * CRLF or a multi-byte character may be cut anywhere), records come out in order. It follows
 * Papa Parse 5's rules (the parser behind the whole-file path, `table-reader.ts`) so that both
 * paths read the same fields: a quote opens a field only at the field's start; `""` inside it
 * is one quote; the closing quote may be followed by whitespace before the delimiter or the
 * line break; a quote anywhere else in an unquoted field is a character of it; the text ends
 * with a last record even when it is empty (a final line break gives one empty record).
 *
 * The first quoting problem is kept (not thrown), with Papa's code and its record number, so
 * the caller can rank it against other problems of the file as the whole-file path does.
 */

/** A quoting problem, named as Papa Parse names it; `record` is 0-based (Papa's `row`). */
export interface QuoteProblem {
  readonly code: 'MissingQuotes' | 'InvalidQuotes';
  readonly record: number;
}

const QUOTE = 34;
const enum State {
  /** At the start of a field. */
  FieldStart,
  /** Inside an unquoted field. */
  Unquoted,
  /** Inside a quoted field. */
  Quoted,
  /** Just after a quote inside a quoted field: an escaped quote or the closing one. */
  QuoteInQuoted,
  /** After a closing quote, skipping whitespace up to the delimiter or the line break. */
  AfterClose,
}

/** Whitespace as `String.prototype.trim` removes it (Papa's test after a closing quote). */
function isTrimSpace(c: number): boolean {
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * Tokenizer state across pieces. `onRecord` receives each record's fields (the array is the
 * caller's to keep) and its 0-based record number.
 */
export class CsvTokenizer {
  private readonly delim: number;
  private readonly nl0: number;
  private readonly nl1: number;
  private state = State.FieldStart;
  private fields: string[] = [];
  /** The current field's text carried over from earlier pieces. */
  private carry = '';
  /** A CR seen at a piece's end while the line break is CRLF: decided by the next piece. */
  private pendingCr = false;
  /** Characters skipped after a closing quote (Papa accepts whitespace only there). */
  private afterCloseSpaces = 0;
  private record = 0;
  private sawInput = false;
  /** The first quoting problem, if any; tokenizing stops there. */
  problem: QuoteProblem | undefined;

  /**
   * @param delimiter one character (Papa's guesses: `,`, tab, `|`, `;`, RS, US)
   * @param newline `\n`, `\r` or `\r\n` (Papa's guess for the file)
   */
  constructor(delimiter: string, newline: string, private readonly onRecord: (fields: string[], record: number) => void) {
    this.delim = delimiter.charCodeAt(0);
    this.nl0 = newline.charCodeAt(0);
    this.nl1 = newline.length > 1 ? newline.charCodeAt(1) : -1;
  }

  /** Records completed so far. */
  get records(): number {
    return this.record;
  }

  private endRecord(): void {
    const f = this.fields;
    this.fields = [];
    this.onRecord(f, this.record++);
  }

  /** Feed the next piece of text. */
  push(s: string): void {
    if (this.problem || s.length === 0) return;
    this.sawInput = true;
    const n = s.length;
    const delim = this.delim;
    const nl0 = this.nl0;
    const nl1 = this.nl1;
    let i = 0;
    let start = 0; // start of the current field's text within `s`
    if (this.pendingCr) {
      // The previous piece ended in CR of a CRLF line break.
      this.pendingCr = false;
      if (s.charCodeAt(0) === nl1) {
        i = 1;
        start = 1;
        this.fields.push(this.carry);
        this.carry = '';
        this.state = State.FieldStart;
        this.endRecord();
      } else if (this.state === State.AfterClose) {
        this.afterCloseSpaces++; // CR was whitespace after the closing quote
      } else {
        this.carry += '\r';
      }
    }
    while (i < n) {
      switch (this.state) {
        case State.FieldStart: {
          if (s.charCodeAt(i) === QUOTE) {
            this.state = State.Quoted;
            i++;
            start = i;
            continue;
          }
          this.state = State.Unquoted;
          start = i;
          continue;
        }
        case State.Unquoted: {
          // Fast scan to the next delimiter or line break.
          for (; i < n; i++) {
            const c = s.charCodeAt(i);
            if (c === delim) {
              this.fields.push(this.carry === '' ? s.substring(start, i) : this.carry + s.substring(start, i));
              this.carry = '';
              i++;
              this.state = State.FieldStart;
              break;
            }
            if (c === nl0) {
              if (nl1 >= 0) {
                if (i + 1 === n) {
                  this.carry += s.substring(start, i);
                  this.pendingCr = true;
                  return;
                }
                if (s.charCodeAt(i + 1) !== nl1) continue;
              }
              this.fields.push(this.carry === '' ? s.substring(start, i) : this.carry + s.substring(start, i));
              this.carry = '';
              i += nl1 >= 0 ? 2 : 1;
              this.state = State.FieldStart;
              this.endRecord();
              break;
            }
          }
          if (i >= n && this.state === State.Unquoted) this.carry += s.substring(start, n);
          continue;
        }
        case State.Quoted: {
          const q = s.indexOf('"', i);
          if (q < 0) {
            this.carry += s.substring(start, n);
            i = n;
            continue;
          }
          this.carry += s.substring(start, q);
          i = q + 1;
          start = i;
          this.state = State.QuoteInQuoted;
          continue;
        }
        case State.QuoteInQuoted: {
          if (s.charCodeAt(i) === QUOTE) {
            // An escaped quote.
            this.carry += '"';
            i++;
            start = i;
            this.state = State.Quoted;
            continue;
          }
          this.state = State.AfterClose;
          this.afterCloseSpaces = 0;
          continue;
        }
        case State.AfterClose: {
          const c = s.charCodeAt(i);
          if (c === delim) {
            this.fields.push(this.carry);
            this.carry = '';
            i++;
            this.state = State.FieldStart;
            continue;
          }
          if (c === nl0) {
            if (nl1 >= 0) {
              if (i + 1 === n) {
                this.pendingCr = true;
                return;
              }
              if (s.charCodeAt(i + 1) === nl1) {
                this.fields.push(this.carry);
                this.carry = '';
                i += 2;
                this.state = State.FieldStart;
                this.endRecord();
                continue;
              }
            } else {
              this.fields.push(this.carry);
              this.carry = '';
              i++;
              this.state = State.FieldStart;
              this.endRecord();
              continue;
            }
          }
          if (isTrimSpace(c)) {
            this.afterCloseSpaces++;
            i++;
            continue;
          }
          this.problem = { code: 'InvalidQuotes', record: this.record };
          return;
        }
      }
    }
  }

  /** The text has ended: emit the last record (Papa always ends with one) or the problem. */
  end(): void {
    if (this.problem) return;
    if (!this.sawInput) return; // Papa gives no records for empty text
    if (this.pendingCr) {
      this.pendingCr = false;
      if (this.state === State.AfterClose) this.afterCloseSpaces++;
      else this.carry += '\r';
    }
    switch (this.state) {
      case State.Quoted:
        this.problem = { code: 'MissingQuotes', record: this.record };
        return;
      case State.QuoteInQuoted:
        // A quote as the text's last character closes the field.
        break;
      case State.AfterClose:
        if (this.afterCloseSpaces > 0) {
          // Papa: whitespace then the end is a malformed closing quote.
          this.problem = { code: 'InvalidQuotes', record: this.record };
          return;
        }
        break;
      default:
        break;
    }
    this.fields.push(this.carry);
    this.carry = '';
    this.endRecord();
  }
}
