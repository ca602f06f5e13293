/**
 * Size limits of expressions (issue 8): ~260 nested parentheses or 2,000 `+` terms overflowed
 * the stack and surfaced as "internal error / this is a bug"; now a sentence naming the limit.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluateExpression } from '../../src/core/expressions';
import { guardStack, MAX_EXPRESSION_DEPTH, MAX_QUOTED_CHARS, MAX_EXPRESSION_LENGTH, MAX_EXPRESSION_NESTING } from '../../src/core/expressions/parse';
import { InputError } from '../../src/core/errors';
import type { LongPanel } from '../../src/core/panel';
import { inputError } from '../helpers/input-error';

const panel: LongPanel = {
  source: 'p.csv',
  idColumn: 'id',
  timeColumn: 'year',
  ids: ['a', 'a', 'b'],
  times: [2000, 2001, 2000],
  rowNumbers: [2, 3, 4],
  variables: ['x'],
  values: { x: Float64Array.from([1, 2, 3]) },
};

describe('expression limits', () => {
  it('1,000 nested parentheses: "too deeply nested", not a stack overflow', () => {
    const e = inputError(() => evaluateExpression(panel, `${'('.repeat(1000)}x${')'.repeat(1000)}`));
    expect(e.code).toBe('expr-too-deep');
    expect(e.message).toBe(`expression "${'('.repeat(80)}…" is too deeply nested (1000 levels; at most ${MAX_EXPRESSION_NESTING})`);
    expect(e.details).toMatchObject({ levels: 1000, max: MAX_EXPRESSION_NESTING });
  });

  it('260 nested calls: "too deeply nested"', () => {
    const e = inputError(() => evaluateExpression(panel, `${'abs('.repeat(260)}x${')'.repeat(260)}`));
    expect(e.code).toBe('expr-too-deep');
    expect(e.details).toMatchObject({ levels: 260, max: MAX_EXPRESSION_NESTING });
  });

  it('2,000 + terms: "too deeply nested" (the parse tree is 2,000 levels deep)', () => {
    const e = inputError(() => evaluateExpression(panel, Array(2000).fill('x').join('+')));
    expect(e.code).toBe('expr-too-deep');
    expect(e.message).toBe(`expression "${'x+'.repeat(40)}…" is too deeply nested (2000 levels; at most ${MAX_EXPRESSION_DEPTH})`);
  });

  it('a text longer than the limit: "too long", quoting only its start', () => {
    const expr = `x${' + x'.repeat(MAX_EXPRESSION_LENGTH)}`;
    const e = inputError(() => evaluateExpression(panel, expr));
    expect(e.code).toBe('expr-too-long');
    expect(e.message).toBe(`expression "${expr.slice(0, 80)}…" is too long (${expr.length} characters; at most ${MAX_EXPRESSION_LENGTH})`);
    expect(e.message.length).toBeLessThan(160);
  });

  it('a long run of unary minus or powers is a sentence too', () => {
    for (const expr of [`${'-'.repeat(MAX_EXPRESSION_LENGTH - 1)}x`, Array(2400).fill('x').join('^'), `${'x ? 1 : '.repeat(600)}0`]) {
      const e = inputError(() => evaluateExpression(panel, expr));
      expect(['expr-too-deep', 'expr-too-deep-to-evaluate']).toContain(e.code);
    }
  });

  it('other sentences quote at most MAX_QUOTED_CHARS characters of a long expression or name', () => {
    const long = `x${' + x'.repeat(300)}`;
    const name = 'y'.repeat(3000);
    for (const [expr, code] of [
      [`${long} + nosuch`, 'expr-unknown-column'],
      [`${long} + \`${name}\``, 'expr-unknown-column'],
      [`${long} + nofn(x)`, 'expr-unknown-function'],
      [`${long} + "${name}"`, 'expr-text-outside-col'],
      [`${long} + (`, 'expr-syntax'],
      [`${long} + \``, 'expr-unclosed-backtick'],
    ] as const) {
      const e = inputError(() => evaluateExpression(panel, expr));
      expect(e.code.startsWith(code), e.code).toBe(true);
      expect(e.message.length, e.code).toBeLessThan(3 * MAX_QUOTED_CHARS + 100);
      expect(e.message).toContain(`"${expr.slice(0, MAX_QUOTED_CHARS)}…"`);
    }
  });

  it('a stack overflow while parsing, compiling or evaluating becomes a sentence (last line of defence)', () => {
    const recurse = (d: number): number => recurse(d + 1) + 1;
    const e = inputError(() => guardStack('x'.repeat(100), () => recurse(0)));
    expect(e.code).toBe('expr-too-deep-to-evaluate');
    expect(e.message).toBe(`expression "${'x'.repeat(80)}…" is too deeply nested to evaluate`);
    expect(() => guardStack('x', () => { throw new RangeError('Invalid array length'); })).toThrow(RangeError);
  });

  it('within the limits: nesting at the limit and a sum of 400 terms evaluate', () => {
    const n = MAX_EXPRESSION_NESTING;
    expect([...evaluateExpression(panel, `${'('.repeat(n)}x${')'.repeat(n)}`)]).toEqual([1, 2, 3]);
    expect([...evaluateExpression(panel, `${'abs('.repeat(n - 1)}lag(x)${')'.repeat(n - 1)}`)]).toEqual([NaN, 1, NaN]);
    expect([...evaluateExpression(panel, Array(400).fill('x').join(' + '))]).toEqual([400, 800, 1200]);
    // brackets inside column names and strings do not count
    const p: LongPanel = { ...panel, variables: ['(((('], values: { '((((': Float64Array.from([4, 5, 6]) } };
    expect([...evaluateExpression(p, `\`${'('.repeat(100)}\` + col("${'('.repeat(100)}")`.replaceAll('('.repeat(100), '(((('))]).toEqual([8, 10, 12]);
  });

  it('property: any text up to beyond the length limit returns values or throws an InputError', () => {
    const token = fc.constantFrom('x', '1', '(', ')', '+', '-', '*', '^', '?', ':', ',', 'abs(', 'lag(', '`x`', '"', ' ', '[', '!');
    fc.assert(
      fc.property(fc.array(token, { maxLength: 400 }), fc.nat({ max: 3000 }), fc.constantFrom('(', '-', '^x', '+x', 'abs('), (tokens, runs, run) => {
        const expr = run.repeat(runs) + tokens.join('');
        try {
          evaluateExpression(panel, expr);
        } catch (e) {
          expect(e).toBeInstanceOf(InputError);
          expect((e as Error).message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 200 },
    );
  });
});
