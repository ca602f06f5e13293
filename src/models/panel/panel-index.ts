/**
 * Validation and indexing of a panel design: listwise deletion of missing values, integer codes
 * for regions, periods and clusters, balance, and the number of connected components of the
 * region–period graph (which fixes how many two-way effects are absorbed).
 */
import { InputError } from '../../core/errors';
import type { PanelDesign } from './types';

/** Integer codes of a categorical vector: `codes[r]` indexes `levels`. */
export interface Factor<T> {
  codes: Int32Array;
  levels: T[];
  /** Observations per level. */
  sizes: Int32Array;
}

/** Codes for the values, levels sorted (strings by code unit order, numbers ascending). */
export function factorize<T extends string | number>(values: readonly T[]): Factor<T> {
  const levels = [...new Set(values)].sort((a, b) =>
    typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0);
  const pos = new Map<T, number>();
  levels.forEach((l, i) => pos.set(l, i));
  const codes = new Int32Array(values.length);
  const sizes = new Int32Array(levels.length);
  for (let r = 0; r < values.length; r++) {
    const c = pos.get(values[r]) as number;
    codes[r] = c;
    sizes[c]++;
  }
  return { codes, levels, sizes };
}

/** A validated design restricted to complete observations. */
export interface IndexedPanel {
  /** Indices (into the design's rows) of the observations used, ascending. */
  rowsUsed: Int32Array;
  y: Float64Array;
  X: Float64Array[];
  names: string[];
  group: Factor<string>;
  period: Factor<number>;
  cluster?: Factor<string>;
  /** Every region observed in every period exactly once. */
  balanced: boolean;
  /** Connected components of the bipartite region–period graph. */
  components: number;
}

function describeRow(d: PanelDesign, r: number): string {
  return `region ${d.ids[r]}, period ${d.times[r]}`;
}

/**
 * Checks shapes, finiteness and uniqueness of (id, time), drops rows with a missing (NaN) value
 * in y, any regressor or the cluster column (listwise deletion, as R and Stata do), and indexes
 * the rest.
 * @throws InputError `panel-design-cluster-length` / `panel-design-column-length` / `panel-design-ids-length` / `panel-design-names` … (shapes), `panel-non-finite` (±Infinity, e.g. log of 0),
 *   `panel-duplicate-row`, `panel-no-observations`.
 */
export function indexPanel(d: PanelDesign, yName = 'the dependent variable'): IndexedPanel {
  const n = d.y.length;
  if (d.X.length !== d.names.length) {
    throw new InputError('panel-design-names', `The design has ${d.X.length} regressor columns but ${d.names.length} names.`, { columns: d.X.length, names: d.names.length });
  }
  d.X.forEach((c, j) => {
    if (c.length !== n) throw new InputError('panel-design-column-length', `Regressor "${d.names[j]}" has ${c.length} values, expected ${n}.`, { regressor: d.names[j], length: c.length, n });
  });
  if (d.ids.length !== n || d.times.length !== n) {
    throw new InputError('panel-design-ids-length', `The design has ${n} observations but ${d.ids.length} ids and ${d.times.length} times.`, { n, ids: d.ids.length, times: d.times.length });
  }
  if (d.cluster && d.cluster.length !== n) {
    throw new InputError('panel-design-cluster-length', `The cluster column has ${d.cluster.length} values, expected ${n}.`, { length: d.cluster.length, n });
  }
  const cols: { name: string; v: Float64Array }[] = [{ name: yName, v: d.y }, ...d.X.map((v, j) => ({ name: d.names[j], v }))];
  for (const { name, v } of cols) {
    for (let r = 0; r < n; r++) {
      if (v[r] === Infinity || v[r] === -Infinity) {
        let count = 0;
        for (let s = 0; s < n; s++) if (v[s] === Infinity || v[s] === -Infinity) count++;
        throw new InputError('panel-non-finite',
          `"${name}" is infinite in ${count} observation(s) (first: ${describeRow(d, r)}); check for log of zero or division by zero.`,
          { variable: name, count, id: d.ids[r], time: d.times[r], first: describeRow(d, r) });
      }
    }
  }
  for (let r = 0; r < n; r++) {
    if (!Number.isFinite(d.times[r])) {
      throw new InputError('panel-period-not-number', `The period of observation ${r + 1} (region ${d.ids[r]}) is not a number.`, { observation: r + 1, region: d.ids[r] });
    }
  }
  const used: number[] = [];
  for (let r = 0; r < n; r++) {
    let ok = !Number.isNaN(d.y[r]);
    for (let j = 0; ok && j < d.X.length; j++) ok = !Number.isNaN(d.X[j][r]);
    if (ok && d.cluster) ok = d.cluster[r] !== undefined && d.cluster[r] !== null && d.cluster[r] !== '';
    if (ok) used.push(r);
  }
  if (used.length === 0) {
    throw new InputError('panel-no-observations', 'No observation has values for the dependent variable and all regressors.',
      { variables: [yName, ...d.names] });
  }
  const rowsUsed = Int32Array.from(used);
  const m = rowsUsed.length;
  const y = new Float64Array(m);
  const X = d.X.map(() => new Float64Array(m));
  const ids: string[] = new Array<string>(m);
  const times: number[] = new Array<number>(m);
  const clusters: string[] | undefined = d.cluster ? new Array<string>(m) : undefined;
  for (let q = 0; q < m; q++) {
    const r = rowsUsed[q];
    y[q] = d.y[r];
    for (let j = 0; j < X.length; j++) X[j][q] = d.X[j][r];
    ids[q] = String(d.ids[r]);
    times[q] = d.times[r];
    if (clusters && d.cluster) clusters[q] = String(d.cluster[r]);
  }
  const group = factorize(ids);
  const period = factorize(times);
  const T = period.levels.length;
  const cells = group.levels.length * T;
  // first row seen in each (region, period) cell: a dense table when small enough, else a Map
  const dense = cells <= 1 << 25 ? new Int32Array(cells).fill(-1) : undefined;
  const sparse = dense ? undefined : new Map<number, number>();
  for (let q = 0; q < m; q++) {
    const key = group.codes[q] * T + period.codes[q];
    const prev = dense ? (dense[key] >= 0 ? dense[key] : undefined) : sparse?.get(key);
    if (dense) dense[key] = prev ?? q;
    else sparse?.set(key, prev ?? q);
    if (prev !== undefined) {
      throw new InputError('panel-duplicate-row',
        `Region ${ids[q]} has more than one observation in period ${times[q]} (design rows ${rowsUsed[prev] + 1} and ${rowsUsed[q] + 1}).`,
        { id: ids[q], time: times[q], rows: [rowsUsed[prev] + 1, rowsUsed[q] + 1], row1: rowsUsed[prev] + 1, row2: rowsUsed[q] + 1 });
    }
  }
  const balanced = m === group.levels.length * T;
  return {
    rowsUsed, y, X, names: [...d.names], group, period,
    cluster: clusters ? factorize(clusters) : undefined,
    balanced,
    components: balanced ? 1 : countComponents(group.codes, period.codes, group.levels.length, T),
  };
}

/** Connected components of the bipartite graph linking region g and period t when (g, t) is observed. */
function countComponents(g: Int32Array, t: Int32Array, nG: number, nT: number): number {
  const parent = Int32Array.from({ length: nG + nT }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  for (let q = 0; q < g.length; q++) {
    const a = find(g[q]);
    const b = find(nG + t[q]);
    if (a !== b) parent[a] = b;
  }
  let c = 0;
  for (let i = 0; i < nG + nT; i++) if (find(i) === i) c++;
  return c;
}
