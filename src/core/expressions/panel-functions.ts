/**
 * Panel-aware functions of expressions: `lag`, `lead`, `diff`, `growth` on the panel's sorted
 * period grid, and the pooled `winsor`, `zscore` and by-region `demean`.
 */
import { InputError } from '../errors';
import type { LongPanel } from '../panel';
import { quantileSorted } from '../quantile';
import { apply, integerArg, isArray, scalarArg, toArray, type EvalContext, type Evaluator, type Value } from './evaluate';
import { badExpression, quoteInput } from './parse';

/** Panel-aware functions: name → [min args, max args]. */
export const PANEL_FUNCTIONS: Readonly<Record<string, readonly [number, number]>> = {
  lag: [1, 2],
  lead: [1, 2],
  diff: [1, 2],
  growth: [1, 2],
  winsor: [1, 2],
  zscore: [1, 1],
  demean: [1, 1],
  col: [1, 1],
};

/**
 * The panel indexed by region, O(rows) memory: each row's region and its period's index on the
 * panel's sorted period grid (every period present anywhere in the panel), and the rows of each
 * region sorted by period. (Formerly a dense regions × periods table of rows, which for 30,000
 * rows with unique ids and years was 9 × 10⁸ cells, 3.6 GB: issue 8.)
 */
export interface PanelGrid {
  readonly regionOfRow: Int32Array;
  /** Index of the row's period in the sorted distinct periods of the panel. */
  readonly periodOfRow: Int32Array;
  readonly nRegions: number;
  readonly nPeriods: number;
  /** Rows sorted by (region, period): region r's rows are `order[regionStart[r] .. regionStart[r + 1])`. */
  readonly order: Int32Array;
  /** Start of each region's rows in `order` (length nRegions + 1). */
  readonly regionStart: Int32Array;
}

/** Distinct periods collected in a Set up to this many; beyond it, a sort of all the rows' periods. */
const FEW_PERIODS = 65_536;

/**
 * The distinct values, ascending, NaN last: through a Set while there are few (the usual
 * panel: a Set of 50 years is faster than sorting a million), else a typed-array sort of all
 * values (a Set of a million periods is slower and larger).
 */
function distinctSorted(xs: readonly number[]): Float64Array {
  const few = new Set<number>();
  for (let i = 0; i < xs.length && few.size <= FEW_PERIODS; i++) few.add(xs[i]);
  const sorted = (few.size <= FEW_PERIODS ? Float64Array.from(few) : Float64Array.from(xs)).sort();
  let m = 0;
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i];
    if (m === 0 || (!Object.is(v, sorted[m - 1]) && !(v === 0 && sorted[m - 1] === 0))) sorted[m++] = v;
  }
  return sorted.slice(0, m);
}

/** Position of `v` in the distinct ascending `sorted` (which holds it), by bisection. */
function indexOfSorted(sorted: Float64Array, v: number): number {
  if (Number.isNaN(v)) return sorted.length - 1;
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Widest integer period range indexed by a presence table: `PERIOD_TABLE_SLACK` + 4 × rows. */
const PERIOD_TABLE_SLACK = 65_536;

/**
 * Each row's period as its rank among the panel's distinct periods. Integer periods within a
 * range of at most 4 × rows + 65,536 (years, quarters, 0…n−1) go through a presence table,
 * O(rows + range) with sequential access; other periods through `distinctSorted` and a
 * bisection per row. Both give the same ranks (−0 and 0 are one period, NaN the last).
 */
export function periodRanks(times: readonly number[]): { readonly periodOfRow: Int32Array; readonly nPeriods: number } {
  const n = times.length;
  const periodOfRow = new Int32Array(n);
  let min = Infinity;
  let max = -Infinity;
  let integers = true;
  for (let i = 0; i < n && integers; i++) {
    const t = times[i];
    if (!Number.isInteger(t)) integers = false;
    else {
      if (t < min) min = t;
      if (t > max) max = t;
    }
  }
  if (integers && n > 0 && max - min <= 4 * n + PERIOD_TABLE_SLACK) {
    const rank = new Int32Array(max - min + 1);
    for (let i = 0; i < n; i++) rank[times[i] - min] = 1;
    let nPeriods = 0;
    for (let k = 0; k < rank.length; k++) rank[k] = rank[k] ? nPeriods++ : -1;
    for (let i = 0; i < n; i++) periodOfRow[i] = rank[times[i] - min];
    return { periodOfRow, nPeriods };
  }
  const periods = distinctSorted(times);
  for (let i = 0; i < n; i++) periodOfRow[i] = indexOfSorted(periods, times[i]);
  return { periodOfRow, nPeriods: periods.length };
}

/** 32-bit FNV-1a of the string's UTF-16 code units, finished with murmur3's mix so low bits spread. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < s.length; k++) {
    h ^= s.charCodeAt(k);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h | 0;
}

/**
 * Each row's region, numbered in order of first appearance: an open-addressing hash table of
 * region numbers (linear probing, kept at most half full, doubled as regions arrive) with each
 * region's hash and first row in typed arrays; a row with the previous row's id (the usual
 * sorted panel) skips the lookup. A `Map` of a million unique ids took 0.6–0.9 s; this about a
 * third of that. Ids are compared as strings on a hash match, so collisions cannot merge regions.
 */
export function regionIndex(ids: readonly string[]): { readonly regionOfRow: Int32Array; readonly nRegions: number } {
  const n = ids.length;
  const regionOfRow = new Int32Array(n);
  let cap = 1024;
  let mask = cap - 1;
  /** Region number + 1 per slot (0: empty). */
  let table = new Int32Array(cap);
  let firstRow = new Int32Array(Math.max(1, Math.min(n, cap)));
  let hashOf = new Int32Array(firstRow.length);
  let nRegions = 0;
  for (let i = 0; i < n; i++) {
    const s = ids[i];
    if (i > 0 && s === ids[i - 1]) {
      regionOfRow[i] = regionOfRow[i - 1];
      continue;
    }
    const h = hashString(s);
    let slot = h & mask;
    for (;;) {
      const e = table[slot];
      if (e === 0) {
        if (nRegions === firstRow.length) {
          const size = Math.min(n, firstRow.length * 2);
          const f = new Int32Array(size);
          f.set(firstRow);
          firstRow = f;
          const g = new Int32Array(size);
          g.set(hashOf);
          hashOf = g;
        }
        firstRow[nRegions] = i;
        hashOf[nRegions] = h;
        regionOfRow[i] = nRegions;
        table[slot] = ++nRegions;
        if (2 * nRegions > cap) {
          cap *= 2;
          mask = cap - 1;
          table = new Int32Array(cap);
          for (let r = 0; r < nRegions; r++) {
            let sl = hashOf[r] & mask;
            while (table[sl] !== 0) sl = (sl + 1) & mask;
            table[sl] = r + 1;
          }
        }
        break;
      }
      if (hashOf[e - 1] === h && ids[firstRow[e - 1]] === s) {
        regionOfRow[i] = e - 1;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return { regionOfRow, nRegions };
}

/** Index the panel by region; throws `expr-duplicate-row` on a duplicated (id, time). */
export function buildGrid(panel: LongPanel, expr: string): PanelGrid {
  const n = panel.ids.length;
  const { periodOfRow, nPeriods } = periodRanks(panel.times);
  const { regionOfRow, nRegions } = regionIndex(panel.ids);
  // Two stable counting sorts, O(rows + regions + periods): by period, then by region.
  const byPeriod = new Int32Array(n);
  {
    const start = new Int32Array(nPeriods + 1);
    for (let i = 0; i < n; i++) start[periodOfRow[i] + 1]++;
    for (let p = 0; p < nPeriods; p++) start[p + 1] += start[p];
    for (let i = 0; i < n; i++) byPeriod[start[periodOfRow[i]]++] = i;
  }
  const regionStart = new Int32Array(nRegions + 1);
  for (let i = 0; i < n; i++) regionStart[regionOfRow[i] + 1]++;
  for (let r = 0; r < nRegions; r++) regionStart[r + 1] += regionStart[r];
  const order = new Int32Array(n);
  {
    const next = regionStart.slice(0, nRegions);
    for (const i of byPeriod) order[next[regionOfRow[i]]++] = i;
  }
  // A duplicated (id, time) is two neighbours in `order`; name the pair whose second row comes
  // first in the file (as the row-by-row check of the dense grid did).
  let dupFirst = -1;
  let dupSecond = n;
  for (let r = 0; r < nRegions; r++) {
    for (let q = regionStart[r] + 1; q < regionStart[r + 1]; q++) {
      if (periodOfRow[order[q]] === periodOfRow[order[q - 1]] && order[q] < dupSecond) {
        dupFirst = order[q - 1];
        dupSecond = order[q];
      }
    }
  }
  if (dupFirst >= 0) {
    const [prev, i] = [dupFirst, dupSecond];
    const rows = [panel.rowNumbers[prev] ?? prev + 2, panel.rowNumbers[i] ?? i + 2];
    throw new InputError(
      'expr-duplicate-row',
      `${panel.source}: duplicate (${quoteInput(panel.ids[i])}, ${panel.times[i]}) at rows ${rows[0]} and ${rows[1]}; ` +
        `lag/lead/diff/growth in expression "${quoteInput(expr)}" need one row per (id, time)`,
      { source: panel.source, id: quoteInput(panel.ids[i]), time: panel.times[i], rows, expression: quoteInput(expr), row1: rows[0], row2: rows[1] },
    );
  }
  return { regionOfRow, periodOfRow, nRegions, nPeriods, order, regionStart };
}

/**
 * x at the row of the same region k grid periods earlier (k < 0: later), NaN when that row is
 * absent. Rows of a region are sorted by period, so one pointer per region walks to the target:
 * O(rows) time, no extra memory beyond the result.
 */
function shift(ctx: EvalContext, x: Value, k: number): Value {
  if (!isArray(x)) return x;
  const g = ctx.grid();
  const out = new Float64Array(ctx.n).fill(Number.NaN);
  const { order, periodOfRow, regionStart } = g;
  for (let r = 0; r < g.nRegions; r++) {
    const end = regionStart[r + 1];
    let j = regionStart[r];
    for (let q = regionStart[r]; q < end; q++) {
      const i = order[q];
      const target = periodOfRow[i] - k;
      while (j < end && periodOfRow[order[j]] < target) j++;
      if (j < end && periodOfRow[order[j]] === target) out[i] = x[order[j]];
    }
  }
  return out;
}

function winsorize(ctx: EvalContext, x: Value, p: number): Value {
  if (!isArray(x)) return x;
  const s = x.filter((v) => !Number.isNaN(v)).sort();
  if (s.length === 0) return x;
  const lo = quantileSorted(s, p);
  const hi = quantileSorted(s, 1 - p);
  return x.map((v) => (Number.isNaN(v) ? v : v < lo ? lo : v > hi ? hi : v));
}

function zscore(ctx: EvalContext, x: Value): Value {
  const xs = toArray(ctx, x);
  let n = 0;
  let sum = 0;
  for (const v of xs) if (!Number.isNaN(v)) { n++; sum += v; }
  const mean = sum / n;
  let ss = 0;
  for (const v of xs) if (!Number.isNaN(v)) ss += (v - mean) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  if (!(sd > 0)) {
    if (n > 0) ctx.warn('zscore', Uint8Array.from(xs, (v) => (Number.isNaN(v) ? 0 : 1)));
    return new Float64Array(ctx.n).fill(Number.NaN);
  }
  return xs.map((v) => (v - mean) / sd);
}

function demean(ctx: EvalContext, x: Value): Value {
  const xs = toArray(ctx, x);
  const g = ctx.grid();
  const sum = new Float64Array(g.nRegions);
  const cnt = new Float64Array(g.nRegions);
  for (let i = 0; i < ctx.n; i++) {
    if (!Number.isNaN(xs[i])) { sum[g.regionOfRow[i]] += xs[i]; cnt[g.regionOfRow[i]]++; }
  }
  return xs.map((v, i) => v - sum[g.regionOfRow[i]] / cnt[g.regionOfRow[i]]);
}

export function compilePanelFunction(name: string, args: Evaluator[]): Evaluator {
  const x = args[0];
  const second = args[1] as Evaluator | undefined;
  switch (name) {
    case 'lag':
    case 'lead':
    case 'diff':
    case 'growth':
      return (ctx) => {
        const k = second === undefined ? 1 : integerArg(ctx, second(ctx), name);
        const xv = x(ctx);
        if (name === 'lag') return shift(ctx, xv, k);
        if (name === 'lead') return shift(ctx, xv, -k);
        const lagged = shift(ctx, xv, k);
        if (name === 'diff') return apply(ctx, 'diff', (a, b) => a - b, [xv, lagged]);
        return apply(ctx, 'growth', (a, b) => a / b - 1, [xv, lagged]);
      };
    case 'winsor':
      return (ctx) => {
        const p = second === undefined ? 0.01 : scalarArg(ctx, second(ctx), 'winsor', 'share p');
        if (!(p >= 0 && p < 0.5)) {
          throw badExpression('expr-winsor-share', ctx.expression, `the share p of winsor() must be in [0, 0.5), got ${p}`, { p });
        }
        return winsorize(ctx, x(ctx), p);
      };
    case 'zscore':
      return (ctx) => zscore(ctx, x(ctx));
    default:
      return (ctx) => demean(ctx, x(ctx));
  }
}
