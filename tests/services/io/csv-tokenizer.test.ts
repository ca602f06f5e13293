/**
 * The incremental CSV tokenizer against Papa Parse 5.7 (the whole-file path's parser, the
 * reference): the same records and the same first quoting error, however the text is cut into
 * pieces — inside a quoted field, between the two quotes of `""`, between CR and LF.
 */
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CsvTokenizer, type QuoteProblem } from '../../../src/services/io/csv-tokenizer';

/** Records and the first quoting problem, fed in pieces cut at `cuts`. */
function tokenize(text: string, delimiter: string, newline: string, cuts: readonly number[] = []): { records: string[][]; problem?: QuoteProblem } {
  const records: string[][] = [];
  const t = new CsvTokenizer(delimiter, newline, (f, r) => {
    expect(r).toBe(records.length);
    records.push(f);
  });
  let at = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    t.push(text.slice(at, c));
    at = c;
  }
  t.push(text.slice(at));
  t.end();
  return t.problem ? { records, problem: t.problem } : { records };
}

/** Papa's records and first quoting problem for the whole text (as table-reader calls it). */
function papa(text: string, delimiter: string, newline: string): { records: string[][]; problem?: QuoteProblem } {
  const r = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false, dynamicTyping: false, delimiter, newline: newline as '\n' });
  const q = r.errors.find((e) => e.type === 'Quotes');
  return q ? { records: r.data, problem: { code: q.code as QuoteProblem['code'], record: q.row ?? 0 } } : { records: r.data };
}

describe('CsvTokenizer', () => {
  it('reads quoted fields, escaped quotes, CRLF and a final line break as Papa does', () => {
    const text = 'id,name,x\r\n1,"a, ""b""",2\r\n2,"line\r\nbreak",3\r\n';
    const mine = tokenize(text, ',', '\r\n');
    expect(mine.records).toEqual([['id', 'name', 'x'], ['1', 'a, "b"', '2'], ['2', 'line\r\nbreak', '3'], ['']]);
    expect(mine).toEqual(papa(text, ',', '\r\n'));
  });

  it('gives the same records wherever the text is cut: inside quotes, inside "", between CR and LF', () => {
    const text = 'a,"q""x\r\ny",c\r\n"",b,"end"';
    const whole = tokenize(text, ',', '\r\n');
    for (let i = 0; i <= text.length; i++) {
      for (let j = i; j <= text.length; j += 3) expect(tokenize(text, ',', '\r\n', [i, j])).toEqual(whole);
    }
    expect(whole).toEqual(papa(text, ',', '\r\n'));
  });

  it('names the record of an unclosed quote and of a stray quote in a quoted field', () => {
    expect(tokenize('a,b\n1,"open\n2,3\n', ',', '\n').problem).toEqual({ code: 'MissingQuotes', record: 1 });
    expect(tokenize('a,b\n1,2\n3,"x"y\n', ',', '\n').problem).toEqual({ code: 'InvalidQuotes', record: 2 });
    // Whitespace between the closing quote and the delimiter is allowed, as in Papa.
    expect(tokenize('a,"x"  ,b\n', ',', '\n')).toEqual(papa('a,"x"  ,b\n', ',', '\n'));
  });

  it('matches Papa on random text of quotes, delimiters, CR, LF, spaces and Chinese, cut at random', () => {
    const alphabet = fc.constantFrom('a', '1', ',', ';', '"', '"', '\n', '\r', '\r\n', ' ', '中', '\t');
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 60 }).map((a) => a.join('')),
        fc.constantFrom(',', ';', '\t'),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.array(fc.nat(), { maxLength: 4 }),
        (text, delimiter, newline, cutSeeds) => {
          const cuts = cutSeeds.map((s) => (text.length === 0 ? 0 : s % (text.length + 1)));
          const expected = papa(text, delimiter, newline);
          const got = tokenize(text, delimiter, newline, cuts);
          if (expected.problem) expect(got.problem).toEqual(expected.problem);
          else {
            expect(got.problem).toBeUndefined();
            expect(got.records).toEqual(expected.records);
          }
        },
      ),
      { seed: 13, numRuns: 3000 },
    );
  });
});
