/**
 * Panel functions (`lag`, `lead`, `diff`, `growth`, `demean`) on large and unbalanced panels:
 * memory O(rows) (issue 8: a 30,000-row panel with unique ids and years made `lag(x)` allocate a
 * 30,000 × 30,000 grid, 3.6 GB) and equality with a straightforward reference implementation.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluateExpression } from '../../src/core/expressions';
import { buildGrid, periodRanks, regionIndex } from '../../src/core/expressions/panel-functions';
import { InputError } from '../../src/core/errors';
import type { LongPanel } from '../../src/core/panel';

/** Typed-array elements held by a grid: every index it keeps, whatever its shape. */
function gridCells(grid: object): number {
  let cells = 0;
  for (const v of Object.values(grid)) if (ArrayBuffer.isView(v)) cells += (v as Int32Array).length;
  return cells;
}

function panelOf(ids: string[], times: number[], x: ArrayLike<number>): LongPanel {
  return {
    source: 'p.csv',
    idColumn: 'id',
    timeColumn: 'year',
    ids,
    times,
    rowNumbers: ids.map((_, i) => i + 2),
    variables: ['x'],
    values: { x: Float64Array.from(x) },
  };
}

describe('panel functions: memory O(rows)', () => {
  it('30,000 rows with unique ids and unique years: lag/lead/diff/growth/demean without a regions × periods grid', () => {
    const n = 30_000;
    const ids = Array.from({ length: n }, (_, i) => `r${i}`);
    const times = Array.from({ length: n }, (_, i) => 1000 + i);
    const p = panelOf(ids, times, Array.from({ length: n }, (_, i) => i + 1));
    const before = process.memoryUsage().arrayBuffers;
    // Before the fix: 30,000 × 30,000 Int32 cells (3.6 GB); now a few Int32Arrays of length n.
    expect(gridCells(buildGrid(p, 'lag(x)'))).toBeLessThanOrEqual(8 * n);
    for (const f of ['lag(x)', 'lead(x)', 'diff(x)', 'growth(x)', 'lag(x, -3)']) {
      const v = evaluateExpression(p, f);
      expect(v.length).toBe(n);
      // every region has a single row, so no earlier/later row of the same region exists
      expect(v.every(Number.isNaN), f).toBe(true);
    }
    expect(evaluateExpression(p, 'demean(x)').every((v) => v === 0)).toBe(true);
    // arrays held meanwhile: a handful of length-n arrays, far below the 3.6 GB grid
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 2 ** 20);
  });

  it('more than 65,536 distinct periods (sorted without a Set): one region of 70,000 years in reverse order', () => {
    const n = 70_000;
    const times = Array.from({ length: n }, (_, i) => 2 * (n - 1 - i)); // even years only: a step is 2 years
    const p = panelOf(Array<string>(n).fill('a'), times, times);
    const lag = evaluateExpression(p, 'lag(x)');
    const lead = evaluateExpression(p, 'lead(x, 2)');
    expect(lag[n - 1]).toBeNaN(); // the earliest year
    expect(lead[0]).toBeNaN();
    expect(lead[1]).toBeNaN();
    for (let i = 0; i < n - 1; i++) if (lag[i] !== times[i] - 2) throw new Error(`lag at row ${i}: ${lag[i]}`);
    for (let i = 2; i < n; i++) if (lead[i] !== times[i] + 4) throw new Error(`lead at row ${i}: ${lead[i]}`);
  });
});

/**
 * Reference semantics (unchanged from the dense grid): the period grid is the sorted set of
 * periods present anywhere in the panel; `lag(x, k)` at row i is x at the row of the same
 * region whose period is k grid steps earlier, missing if that row is absent (a gap) or the
 * step falls off the grid. A period absent from the whole panel is not a step.
 */
function referenceShift(p: LongPanel, x: Float64Array, k: number): Float64Array {
  const grid = [...new Set(p.times)].sort((a, b) => a - b);
  return Float64Array.from(p.ids, (id, i) => {
    const target = grid[grid.indexOf(p.times[i]) - k];
    if (target === undefined) return Number.NaN;
    const j = p.ids.findIndex((jd, jj) => jd === id && p.times[jj] === target);
    return j < 0 ? Number.NaN : x[j];
  });
}

function referenceDemean(p: LongPanel, x: Float64Array): Float64Array {
  return Float64Array.from(x, (v, i) => {
    const own = [...x].filter((w, j) => p.ids[j] === p.ids[i] && !Number.isNaN(w));
    return v - own.reduce((a, b) => a + b, 0) / own.length;
  });
}

function sameValues(actual: Float64Array, expected: Float64Array): boolean {
  return actual.length === expected.length && actual.every((v, i) => Object.is(v, expected[i]) || Math.abs(v - expected[i]) <= 1e-12 * Math.max(1, Math.abs(v)));
}

/** Random unbalanced panel with gaps: each (region, period) kept or not, rows shuffled, some x missing. */
const unbalancedPanel = fc
  .record({
    nRegions: fc.integer({ min: 1, max: 6 }),
    periods: fc.uniqueArray(fc.integer({ min: 1990, max: 2010 }), { minLength: 1, maxLength: 8 }),
    keep: fc.array(fc.boolean(), { minLength: 48, maxLength: 48 }),
    xs: fc.array(fc.oneof(fc.integer({ min: -50, max: 50 }), fc.constant(Number.NaN)), { minLength: 48, maxLength: 48 }),
    order: fc.array(fc.nat(), { minLength: 48, maxLength: 48 }),
  })
  .map(({ nRegions, periods, keep, xs, order }) => {
    const rows: { id: string; t: number; x: number; o: number }[] = [];
    let c = 0;
    for (let r = 0; r < nRegions; r++) {
      for (const t of periods) {
        if (keep[c]) rows.push({ id: `R${r}`, t, x: xs[c], o: order[c] });
        c++;
      }
    }
    rows.sort((a, b) => a.o - b.o);
    return panelOf(rows.map((r) => r.id), rows.map((r) => r.t), rows.map((r) => r.x));
  })
  .filter((p) => p.ids.length > 0);

describe('panel functions: equal to a reference implementation', () => {
  it('property: lag/lead/diff/growth/demean on random unbalanced panels with gaps', () => {
    fc.assert(
      fc.property(unbalancedPanel, fc.integer({ min: -3, max: 3 }), (p, k) => {
        const x = p.values.x;
        const lagged = referenceShift(p, x, k);
        const led = referenceShift(p, x, -k);
        expect(sameValues(evaluateExpression(p, `lag(x, ${k})`), lagged)).toBe(true);
        expect(sameValues(evaluateExpression(p, `lead(x, ${k})`), led)).toBe(true);
        expect(sameValues(evaluateExpression(p, `diff(x, ${k})`), Float64Array.from(x, (v, i) => v - lagged[i]))).toBe(true);
        const growth = Float64Array.from(x, (v, i) => {
          const g = v / lagged[i] - 1;
          return Number.isFinite(g) ? g : Number.NaN;
        });
        expect(sameValues(evaluateExpression(p, `growth(x, ${k})`), growth)).toBe(true);
        expect(sameValues(evaluateExpression(p, 'demean(x)'), referenceDemean(p, x))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('panel functions: duplicated (id, time)', () => {
  it('property: the error names the first row (in file order) repeating an earlier (id, time), and that earlier row', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ id: fc.constantFrom('a', 'b', 'c'), t: fc.integer({ min: 2000, max: 2003 }) }), { minLength: 2, maxLength: 14 }),
        (rows) => {
          const ids = rows.map((r) => r.id);
          const times = rows.map((r) => r.t);
          const second = rows.findIndex((r, i) => rows.slice(0, i).some((q) => q.id === r.id && q.t === r.t));
          fc.pre(second >= 0);
          const first = rows.findIndex((q) => q.id === rows[second].id && q.t === rows[second].t);
          const p = panelOf(ids, times, rows.map(() => 1));
          let caught: unknown;
          try {
            evaluateExpression(p, 'lag(x)');
          } catch (e) {
            caught = e;
          }
          expect(caught).toBeInstanceOf(InputError);
          const e = caught as InputError;
          expect(e.code).toBe('expr-duplicate-row');
          expect(e.details.rows).toEqual([first + 2, second + 2]);
        },
      ),
      { numRuns: 200 },
    );
  });
});

/** The former indexing, kept as the reference: a Map of ids in order of first appearance. */
function referenceRegions(ids: readonly string[]): number[] {
  const m = new Map<string, number>();
  return ids.map((id) => {
    if (!m.has(id)) m.set(id, m.size);
    return m.get(id) as number;
  });
}

/** The former period ranks: the distinct periods sorted (−0 as 0, NaN last), each row's position. */
function referenceRanks(times: readonly number[]): number[] {
  const distinct = [...new Set(times.map((t) => (Object.is(t, -0) ? 0 : t)))].sort((a, b) => (Number.isNaN(a) ? 1 : Number.isNaN(b) ? -1 : a - b));
  return times.map((t) => distinct.findIndex((d) => Object.is(d, Object.is(t, -0) ? 0 : t)));
}

describe('panel indexing: the hash table and the period table give the Map and sort answers', () => {
  it('regionIndex numbers regions by first appearance, for arbitrary (and colliding) ids, grouped or not', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('', 'a', 'A', 'é', '北京', 'New York', 'r1', 'r10')), { maxLength: 3000 }), fc.boolean(), (ids, grouped) => {
        const list = grouped ? [...ids].sort() : ids;
        const got = regionIndex(list);
        const want = referenceRegions(list);
        expect([...got.regionOfRow]).toEqual(want);
        expect(got.nRegions).toBe(new Set(list).size);
      }),
      { numRuns: 200 },
    );
    // 100,000 unique ids make the table grow seven times past its first 1,024 slots.
    const many = Array.from({ length: 100_000 }, (_, i) => `id-${(i * 7919) % 100_003}`);
    expect([...regionIndex(many).regionOfRow]).toEqual(referenceRegions(many));
  });

  it('periodRanks ranks periods as a sort of the distinct values, through the table or the sort', () => {
    const periods = fc.oneof(
      fc.integer({ min: 1950, max: 2030 }),
      fc.integer({ min: -2e9, max: 2e9 }),
      fc.constantFrom(0, -0, Number.NaN, 0.5, 1e15, -1e15),
      fc.double({ noDefaultInfinity: true }),
    );
    fc.assert(
      fc.property(fc.array(periods, { maxLength: 300 }), (times) => {
        const got = periodRanks(times);
        const want = referenceRanks(times);
        expect([...got.periodOfRow]).toEqual(want);
        expect(got.nPeriods).toBe(want.length === 0 ? 0 : Math.max(...want) + 1);
      }),
      { numRuns: 300 },
    );
    // Years, 1,000,000 consecutive integers (the bench's unique layout) and a range just past the table.
    expect([...periodRanks([2001, 1999, 2001, 2000]).periodOfRow]).toEqual([2, 0, 2, 1]);
    const wide = [0, 4 * 3 + 65_537, 5];
    expect([...periodRanks(wide).periodOfRow]).toEqual([0, 2, 1]);
  });
});
