import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileExpression, evaluateExpression, evaluateExpressionDetailed } from '../../src/core/expressions';
import type { LongPanel } from '../../src/core/panel';
import { inputError } from '../helpers/input-error';

const NaN_ = Number.NaN;

/**
 * Hand-made panel, rows deliberately out of order and region B without 2001:
 *   A 2000 x=1 y=10 | A 2001 x=2 y=20 | A 2002 x=4 y=0 | B 2002 x=9 y=-1 | B 2000 x=3 y=NA
 */
function smallPanel(): LongPanel {
  return {
    source: 'small.csv',
    idColumn: 'region',
    timeColumn: 'year',
    ids: ['A', 'A', 'A', 'B', 'B'],
    times: [2000, 2001, 2002, 2002, 2000],
    rowNumbers: [2, 3, 4, 5, 6],
    variables: ['x', 'y', 'GDP (bn)'],
    values: {
      x: Float64Array.from([1, 2, 4, 9, 3]),
      y: Float64Array.from([10, 20, 0, -1, NaN_]),
      'GDP (bn)': Float64Array.from([5, 6, 7, 8, 9]),
    },
    text: { group: ['East', 'East', 'East', 'West', 'West'] },
  };
}

function expectValues(actual: Float64Array, expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => {
    if (Number.isNaN(e)) expect(actual[i], `row ${i}`).toBeNaN();
    else expect(actual[i], `row ${i}`).toBeCloseTo(e, 12);
  });
}

describe('evaluateExpression: arithmetic and math', () => {
  it('evaluates operators row by row with NaN propagating', () => {
    // hand-computed: x*2 + y/10 - 1
    expectValues(evaluateExpression(smallPanel(), 'x * 2 + y / 10 - 1'), [2, 5, 7, 16.9, NaN_]);
    expectValues(evaluateExpression(smallPanel(), 'x ^ 2'), [1, 4, 16, 81, 9]);
    expectValues(evaluateExpression(smallPanel(), '-x + sqrt(x) * abs(y)'), [-1 + 10, -2 + Math.SQRT2 * 20, -4, -9 + 3, NaN_]);
    expectValues(evaluateExpression(smallPanel(), 'exp(log(x))'), [1, 2, 4, 9, 3]);
  });

  it('comparisons give 1/0 and the conditional picks per row', () => {
    expectValues(evaluateExpression(smallPanel(), 'x > 2'), [0, 0, 1, 1, 1]);
    expectValues(evaluateExpression(smallPanel(), 'x >= 2 and y != 0'), [0, 1, 0, 1, NaN_]);
    expectValues(evaluateExpression(smallPanel(), 'y > 0 ? log(y) : 0'), [Math.log(10), Math.log(20), 0, 0, NaN_]);
  });

  it('counts log of non-positive values as a warning and gives NaN', () => {
    const r = evaluateExpressionDetailed(smallPanel(), 'log(y)');
    expectValues(r.values, [Math.log(10), Math.log(20), NaN_, NaN_, NaN_]);
    // y = 0 and y = -1 are out of the domain; the NA row is missing, not a warning
    expect(r.warnings).toEqual([{ fn: 'log', count: 2, message: 'log(y): log of a non-positive value in 2 rows, set to missing' }]);
  });

  it('does not warn about a branch the conditional does not take', () => {
    expect(evaluateExpressionDetailed(smallPanel(), 'y > 0 ? log(y) : 0').warnings).toEqual([]);
    expect(evaluateExpressionDetailed(smallPanel(), 'x > 2 ? log(y) : 0').warnings).toEqual([
      { fn: 'log', count: 2, message: 'x > 2 ? log(y) : 0: log of a non-positive value in 2 rows, set to missing' },
    ]);
  });

  it('turns division by zero into NaN with a warning', () => {
    const r = evaluateExpressionDetailed(smallPanel(), 'y / (x - 1)');
    expectValues(r.values, [NaN_, 20, 0, -1 / 8, NaN_]);
    expect(r.warnings.map((w) => [w.fn, w.count])).toEqual([['/', 1]]);
    expect(r.warnings[0].message).toBe('y / (x - 1): division by zero in 1 row, set to missing');
  });

  it('uses the time column and constants, broadcasting scalars', () => {
    expectValues(evaluateExpression(smallPanel(), 'year - 2000'), [0, 1, 2, 2, 0]);
    expectValues(evaluateExpression(smallPanel(), '2 * pi'), Array(5).fill(2 * Math.PI));
  });

  it('reaches non-identifier column names by backticks and col()', () => {
    expectValues(evaluateExpression(smallPanel(), '`GDP (bn)` / x'), [5, 3, 7 / 4, 8 / 9, 3]);
    expectValues(evaluateExpression(smallPanel(), 'col("GDP (bn)") - 5'), [0, 1, 2, 3, 4]);
    expect(compileExpression('`GDP (bn)` + log(x) + col("y")').columns).toEqual(['GDP (bn)', 'x', 'y']);
    expect(compileExpression('pi * x + e').columns).toEqual(['x']);
  });

  it("reads terse syntax as mathjs 15's parser did (the grammar the workbench has always accepted)", () => {
    // x = 1, 2, 4, 9, 3; -2^2 = -(2^2); 1/2x = (1/2)·x (mathjs's "rule 2"); x% = x/100; # starts a comment
    expectValues(evaluateExpression(smallPanel(), '2x'), [2, 4, 8, 18, 6]);
    expectValues(evaluateExpression(smallPanel(), '1/2x'), [0.5, 1, 2, 4.5, 1.5]);
    expectValues(evaluateExpression(smallPanel(), '-2^2 + x'), [-3, -2, 0, 5, -1]);
    expectValues(evaluateExpression(smallPanel(), '2^3^2'), Array(5).fill(512));
    expectValues(evaluateExpression(smallPanel(), 'x%'), [0.01, 0.02, 0.04, 0.09, 0.03]);
    expectValues(evaluateExpression(smallPanel(), 'x mod 2 # odd years'), [1, 0, 0, 1, 1]);
    expectValues(evaluateExpression(smallPanel(), "col('x') + .5e1"), [6, 7, 9, 14, 8]);
  });

  it('returns a copy, never the panel column itself', () => {
    const p = smallPanel();
    const v = evaluateExpression(p, 'x');
    v[0] = 100;
    expect(p.values.x[0]).toBe(1);
  });
});

describe('evaluateExpression: panel functions', () => {
  it('lag and lead follow the sorted period grid per region', () => {
    // B has no 2001 row, so lag(x) at B 2002 and lead(x) at B 2000 are missing
    expectValues(evaluateExpression(smallPanel(), 'lag(x)'), [NaN_, 1, 2, NaN_, NaN_]);
    expectValues(evaluateExpression(smallPanel(), 'lag(x, 2)'), [NaN_, NaN_, 1, 3, NaN_]);
    expectValues(evaluateExpression(smallPanel(), 'lead(x)'), [2, 4, NaN_, NaN_, NaN_]);
    expectValues(evaluateExpression(smallPanel(), 'lead(x, 2)'), [4, NaN_, NaN_, NaN_, 9]);
  });

  it('diff and growth', () => {
    expectValues(evaluateExpression(smallPanel(), 'diff(x)'), [NaN_, 1, 2, NaN_, NaN_]);
    expectValues(evaluateExpression(smallPanel(), 'diff(x, 2)'), [NaN_, NaN_, 3, 6, NaN_]);
    expectValues(evaluateExpression(smallPanel(), 'growth(x)'), [NaN_, 1, 1, NaN_, NaN_]);
    expectValues(evaluateExpression(smallPanel(), 'diff(log(x))'), [NaN_, Math.log(2), Math.log(2), NaN_, NaN_]);
  });

  it('winsor clips at pooled type-7 quantiles', () => {
    // x sorted 1,2,3,4,9: Q(0.25) = 2, Q(0.75) = 4 (R: quantile(c(1,2,4,9,3), c(.25,.75)))
    expectValues(evaluateExpression(smallPanel(), 'winsor(x, 0.25)'), [2, 2, 4, 4, 3]);
    // R: x <- c(1,2,4,9,3); quantile(x, c(.01,.99)) = 1.04, 8.80
    expectValues(evaluateExpression(smallPanel(), 'winsor(x)'), [1.04, 2, 4, 8.8, 3]);
  });

  it('zscore is pooled with the n-1 sd; demean subtracts the region mean', () => {
    // mean 3.8, sum of squares 38.8, sd = sqrt(38.8 / 4)
    const sd = Math.sqrt(9.7);
    expectValues(evaluateExpression(smallPanel(), 'zscore(x)'), [1, 2, 4, 9, 3].map((v) => (v - 3.8) / sd));
    // A: mean 7/3; B: mean 6
    expectValues(evaluateExpression(smallPanel(), 'demean(x)'), [1 - 7 / 3, 2 - 7 / 3, 4 - 7 / 3, 3, -3]);
    // y has a missing value in B: B's mean is -1 over its one value
    expectValues(evaluateExpression(smallPanel(), 'demean(y)'), [0, 10, -10, 0, NaN_]);
  });

  it('property: zscore is unchanged by a positive affine map and diff(x) = x - lag(x)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 5, maxLength: 5 }),
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: -100, max: 100 }),
        (xs, a10, b) => {
          fc.pre(new Set(xs).size > 1);
          const a = a10 / 10;
          const p = smallPanel();
          const panel: LongPanel = { ...p, values: { ...p.values, x: Float64Array.from(xs) } };
          const z = evaluateExpression(panel, 'zscore(x)');
          const za = evaluateExpression(panel, `zscore(${a} * x + ${b})`);
          const d = evaluateExpression(panel, 'diff(x)');
          const dl = evaluateExpression(panel, 'x - lag(x)');
          for (let i = 0; i < 5; i++) {
            if (Number.isNaN(z[i])) expect(za[i]).toBeNaN();
            else expect(Math.abs(za[i] - z[i])).toBeLessThan(1e-6);
            expect(Object.is(d[i], dl[i]) || Math.abs(d[i] - dl[i]) < 1e-12).toBe(true);
          }
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('evaluateExpression: errors', () => {
  const panel: LongPanel = {
    source: 'gdp.csv',
    idColumn: 'province',
    timeColumn: 'year',
    ids: ['a', 'b'],
    times: [2000, 2000],
    rowNumbers: [2, 3],
    variables: ['gdp', 'pop'],
    values: { gdp: Float64Array.from([1, 2]), pop: Float64Array.from([3, 4]) },
  };

  it('unknown column suggests the closest name', () => {
    const e = inputError(() => evaluateExpression(panel, 'log(gdpp)'));
    expect(e.code).toBe('expr-unknown-column');
    expect(e.message).toBe('unknown column "gdpp" in expression "log(gdpp)"; did you mean "gdp"?');
  });

  it('unknown column without a close match lists the columns', () => {
    const e = inputError(() => evaluateExpression(panel, 'unemployment * 2'));
    expect(e.message).toBe('unknown column "unemployment" in expression "unemployment * 2"; available columns: gdp, pop, year');
  });

  it('names on Object.prototype are unknown columns, not functions', () => {
    expect(inputError(() => evaluateExpression(panel, 'constructor')).code).toBe('expr-unknown-column');
    expect(inputError(() => evaluateExpression(panel, 'toString(gdp)')).code).toBe('expr-unknown-function');
  });

  it('a text column is refused', () => {
    const e = inputError(() => evaluateExpression(smallPanel(), 'group + 1'));
    expect(e.code).toBe('expr-text-column');
    expect(e.message).toBe('column "group" of small.csv holds text and cannot be used in expression "group + 1"');
  });

  it('syntax errors carry the position', () => {
    const e = inputError(() => evaluateExpression(panel, 'log(gdp +'));
    expect(e.code).toBe('expr-syntax-at');
    expect(e.message).toBe('syntax error at position 10 in expression "log(gdp +": Unexpected end of expression');
    expect(e.details.position).toBe(10);
    // positions refer to the text as typed, before backticks are rewritten
    const b = inputError(() => evaluateExpression(panel, '`gdp` + )'));
    expect(b.message).toBe('syntax error at position 9 in expression "`gdp` + )": Value expected');
  });

  it('refuses empty text, unclosed backticks, assignment and unsupported syntax', () => {
    expect(inputError(() => evaluateExpression(panel, '  ')).message).toBe('empty expression');
    expect(inputError(() => evaluateExpression(panel, 'log(`gdp)')).message).toBe(
      'unclosed backtick at position 5 in expression "log(`gdp)"',
    );
    expect(inputError(() => evaluateExpression(panel, 'gdp = 3')).message).toBe('assignment is not allowed in expression "gdp = 3"');
    expect(inputError(() => evaluateExpression(panel, 'f(x) = x')).message).toBe('assignment is not allowed in expression "f(x) = x"');
    // mathjs's node constructors threw a plain Error for these (an internal error, not a sentence)
    for (const expr of ['end = 1', 'f(x, x) = x']) expect(inputError(() => evaluateExpression(panel, expr)).code).toBe('expr-assignment');
    expect(inputError(() => evaluateExpression(panel, 'gdp; pop')).message).toBe(
      'only one expression is allowed (no ";" or line breaks) in expression "gdp; pop"',
    );
    expect(inputError(() => evaluateExpression(panel, '[1, 2]')).message).toBe('array syntax is not supported in expression "[1, 2]"');
    expect(inputError(() => evaluateExpression(panel, 'gdp!')).message).toBe('operator "!" is not supported in expression "gdp!"');
  });

  it('the functions mathjs offered for evaluating text are not callable', () => {
    for (const fn of ['import', 'createUnit', 'evaluate', 'parse', 'simplify', 'derivative']) {
      const e = inputError(() => evaluateExpression(panel, `${fn}("1 + 1")`));
      expect(e.code).toBe('expr-unknown-function');
      expect(e.message.startsWith(`unknown function "${fn}" in expression "${fn}("1 + 1")"`)).toBe(true);
    }
  });

  it('unknown function suggests a close one; wrong arity is explained', () => {
    expect(inputError(() => evaluateExpression(panel, 'lgo(gdp)')).message).toBe(
      'unknown function "lgo" in expression "lgo(gdp)"; did you mean log()?',
    );
    expect(inputError(() => evaluateExpression(panel, 'lag(gdp, 1, 2)')).message).toBe(
      'lag() takes 1 or 2 arguments (x, k), got 3 arguments in expression "lag(gdp, 1, 2)"',
    );
    expect(inputError(() => evaluateExpression(panel, 'zscore()')).message).toBe(
      'zscore() takes one argument (x), got 0 arguments in expression "zscore()"',
    );
  });

  it('checks the arguments of panel functions', () => {
    expect(inputError(() => evaluateExpression(panel, 'lag(gdp, 1.5)')).message).toBe(
      'the order k of lag() must be an integer, got 1.5 in expression "lag(gdp, 1.5)"',
    );
    expect(inputError(() => evaluateExpression(panel, 'lag(gdp, pop)')).message).toBe(
      'the order k of lag() must be a constant number in expression "lag(gdp, pop)"',
    );
    expect(inputError(() => evaluateExpression(panel, 'winsor(gdp, 0.5)')).message).toBe(
      'the share p of winsor() must be in [0, 0.5), got 0.5 in expression "winsor(gdp, 0.5)"',
    );
    expect(inputError(() => evaluateExpression(panel, 'log("gdp")')).message).toBe(
      'text "gdp" can only name a column inside col("…") in expression "log("gdp")"',
    );
  });

  it('lag on a panel with a duplicated (id, time) names the rows', () => {
    const dup: LongPanel = { ...panel, ids: ['a', 'a'], rowNumbers: [2, 7] };
    const e = inputError(() => evaluateExpression(dup, 'lag(gdp)'));
    expect(e.code).toBe('expr-duplicate-row');
    expect(e.message).toBe(
      'gdp.csv: duplicate (a, 2000) at rows 2 and 7; lag/lead/diff/growth in expression "lag(gdp)" need one row per (id, time)',
    );
  });
});
