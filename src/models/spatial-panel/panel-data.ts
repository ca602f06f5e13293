/**
 * The balanced spatial panel: stacking long data by time then unit (index t·n + i, regions in
 * W's order), checks that name what is wrong (missing region-years, unknown regions, duplicates,
 * non-finite values), the within transformations of a balanced panel and the period-by-period
 * spatial lag (I_T ⊗ W)v, never formed.
 */
import { InputError } from '../../core/errors';
import { quoteList } from '../../core/ids';
import type { CsrMatrix } from '../../linalg/sparse';
import type { PanelColumn, SpatialEffectsKind, SpatialPanelInput } from './types';

/** Long-format panel rows (any order) to be stacked for `fitSpatialPanel`. */
export interface LongSpatialPanel {
  /** Region ids in W's row order (the panel is stacked in this order). */
  readonly regionIds: readonly string[];
  /** Region id of each observation. */
  readonly ids: readonly string[];
  /** Period of each observation. */
  readonly times: readonly number[];
  readonly yName: string;
  readonly y: ArrayLike<number>;
  readonly x: readonly { readonly name: string; readonly values: ArrayLike<number> }[];
  readonly w: CsrMatrix;
  readonly symmetricSimilar?: boolean;
}

/** At most this many missing region-years are named in a message (the rest are counted). */
const MAX_NAMED = 8;

/**
 * Stack long rows into a balanced panel, time-major (t·n + i), regions in `regionIds` order.
 * @throws InputError `spatial-panel-weights-size` (W is not n×n), `spatial-panel-column-length`,
 *   `spatial-panel-unknown-region` (an observation's region is not in W), `spatial-panel-duplicate-observation`,
 *   `spatial-panel-unbalanced` (naming the missing region-years), `spatial-panel-non-finite`.
 */
export function stackPanel(p: LongSpatialPanel): SpatialPanelInput {
  const n = p.regionIds.length;
  if (p.w.rows !== n || p.w.cols !== n) {
    throw new InputError('spatial-panel-weights-size', `The weights matrix is ${p.w.rows}×${p.w.cols} but the panel has ${n} regions.`, { rows: p.w.rows, cols: p.w.cols, regions: n });
  }
  const m = p.ids.length;
  for (const [name, len] of [['time', p.times.length], [p.yName, p.y.length], ...p.x.map((c) => [c.name, c.values.length] as const)] as const) {
    if (len !== m) throw new InputError('spatial-panel-column-length', `Column "${name}" has ${len} values, expected ${m}.`, { column: name, length: len, expected: m });
  }
  const regionPos = new Map<string, number>();
  p.regionIds.forEach((id, i) => regionPos.set(id, i));
  const periods = [...new Set(p.times)].sort((a, b) => a - b);
  const T = periods.length;
  const periodPos = new Map<number, number>();
  periods.forEach((t, k) => periodPos.set(t, k));
  const row = new Int32Array(n * T).fill(-1);
  const unknown = new Set<string>();
  for (let r = 0; r < m; r++) {
    const i = regionPos.get(p.ids[r]);
    if (i === undefined) { unknown.add(p.ids[r]); continue; }
    const k = (periodPos.get(p.times[r]) as number) * n + i;
    if (row[k] >= 0) {
      throw new InputError('spatial-panel-duplicate-observation', `Region "${p.ids[r]}" has more than one row for period ${p.times[r]}.`, { region: p.ids[r], period: p.times[r] });
    }
    row[k] = r;
  }
  if (unknown.size > 0) {
    const list = [...unknown];
    throw new InputError('spatial-panel-unknown-region', `The panel has regions that the weights matrix does not: ${quoteList(list)}.`, { regions: quoteList(list), count: list.length, ids: list.slice(0, 100) });
  }
  const missing: string[] = [];
  for (let k = 0; k < n * T; k++) if (row[k] < 0) missing.push(`${p.regionIds[k % n]} ${periods[Math.floor(k / n)]}`);
  if (missing.length > 0) {
    throw new InputError('spatial-panel-unbalanced', `The panel is not balanced; spatial panel models need every region in every period. Missing region-years: ${missing.length} (${quoteList(missing, MAX_NAMED)}).`, { count: missing.length, missing: quoteList(missing, MAX_NAMED), missingList: missing.slice(0, 100) });
  }
  const take = (name: string, v: ArrayLike<number>): Float64Array => {
    const out = new Float64Array(n * T);
    for (let k = 0; k < n * T; k++) {
      const x = v[row[k]];
      if (!Number.isFinite(x)) {
        throw new InputError('spatial-panel-non-finite', `Column "${name}" has no finite value for region "${p.regionIds[k % n]}" in period ${periods[Math.floor(k / n)]}.`, { column: name, region: p.regionIds[k % n], period: periods[Math.floor(k / n)], value: String(x) });
      }
      out[k] = x;
    }
    return out;
  };
  return Object.freeze({
    n, T, regionIds: Object.freeze([...p.regionIds]), times: Object.freeze(periods), yName: p.yName,
    y: take(p.yName, p.y), x: Object.freeze(p.x.map((c): PanelColumn => Object.freeze({ name: c.name, values: take(c.name, c.values) }))),
    w: p.w, symmetricSimilar: p.symmetricSimilar,
  });
}

/**
 * Check a stacked input: shapes, finiteness, distinct regressor names, n ≥ 2 and T ≥ 2.
 * @throws InputError `spatial-panel-too-small`, `spatial-panel-weights-size`, `spatial-panel-column-length`,
 *   `spatial-panel-non-finite`, `spatial-panel-duplicate-regressor`, `spatial-panel-no-regressors`.
 */
export function validatePanelInput(inp: SpatialPanelInput): void {
  const { n, T } = inp;
  if (!(Number.isInteger(n) && Number.isInteger(T) && n >= 2 && T >= 2)) {
    throw new InputError('spatial-panel-too-small', `A spatial panel needs at least 2 regions and 2 periods, got ${n} regions and ${T} periods.`, { n, T });
  }
  if (inp.w.rows !== n || inp.w.cols !== n) {
    throw new InputError('spatial-panel-weights-size', `The weights matrix is ${inp.w.rows}×${inp.w.cols} but the panel has ${n} regions.`, { rows: inp.w.rows, cols: inp.w.cols, regions: n });
  }
  if (inp.x.length === 0) throw new InputError('spatial-panel-no-regressors', 'The model needs at least one regressor.', {});
  const seen = new Set<string>();
  const cols: PanelColumn[] = [{ name: inp.yName, values: inp.y }, ...inp.x];
  for (const c of cols) {
    if (c !== cols[0]) {
      if (seen.has(c.name)) throw new InputError('spatial-panel-duplicate-regressor', `Regressor "${c.name}" is given more than once.`, { name: c.name });
      seen.add(c.name);
    }
    if (c.values.length !== n * T) {
      throw new InputError('spatial-panel-column-length', `Column "${c.name}" has ${c.values.length} values, expected ${n * T}.`, { column: c.name, length: c.values.length, expected: n * T });
    }
    for (let k = 0; k < n * T; k++) {
      if (!Number.isFinite(c.values[k])) {
        throw new InputError('spatial-panel-non-finite', `Column "${c.name}" has no finite value for region "${inp.regionIds[k % n]}" in period ${inp.times[Math.floor(k / n)]}.`, { column: c.name, region: inp.regionIds[k % n], period: inp.times[Math.floor(k / n)], value: String(c.values[k]) });
      }
    }
  }
}

/**
 * Within transformation of a balanced time-major panel (index t·n + i):
 * individual ṽ_it = v_it − v̄_i·; time ṽ_it = v_it − v̄_·t; twoways ṽ_it = v_it − v̄_i· − v̄_·t + v̄.
 * Reference: Elhorst (2014) eq. (3.4)–(3.6) and `demean` in his `sar_panel_FE`.
 */
export function demeanPanel(v: ArrayLike<number>, n: number, T: number, effects: SpatialEffectsKind): Float64Array {
  const unit = new Float64Array(n), period = new Float64Array(T);
  let all = 0;
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < n; i++) {
      const x = v[t * n + i];
      unit[i] += x; period[t] += x; all += x;
    }
  }
  for (let i = 0; i < n; i++) unit[i] /= T;
  for (let t = 0; t < T; t++) period[t] /= n;
  all /= n * T;
  const out = new Float64Array(n * T);
  const ui = effects !== 'time' ? 1 : 0, pt = effects !== 'individual' ? 1 : 0, g = ui * pt;
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < n; i++) out[t * n + i] = v[t * n + i] - ui * unit[i] - pt * period[t] + g * all;
  }
  return out;
}

/** (I_T ⊗ W)v: W applied to each period's block of a time-major panel vector. */
export function panelLag(w: CsrMatrix, v: ArrayLike<number>, T: number): Float64Array {
  const n = w.rows;
  const out = new Float64Array(n * T);
  const { rowPtr, colIndex, values } = w;
  for (let t = 0; t < T; t++) {
    const off = t * n;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) s += values[p] * v[off + colIndex[p]];
      out[off + i] = s;
    }
  }
  return out;
}
