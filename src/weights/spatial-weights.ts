/**
 * The one spatial weights type of the workbench: an immutable sparse matrix in compressed
 * sparse row (CSR) form over an ordered list of region ids. Every builder (`buildContiguity`,
 * `buildKnn`, …) and every reader (`fromGal`, `fromGwt`, `fromDense`, `fromJson`) returns it;
 * every consumer (Moran's I, spatial models) takes it. Modelled on libpysal's `graph.Graph`:
 * the original weights are kept, a closed set of transformations derives new objects from
 * them, and islands (regions without neighbours) are explicit zero rows, never `NaN`.
 */
import { InputError } from '../core/errors';

/**
 * Weight transformations.
 * - `O` original weights as built or read;
 * - `B` binary: every link 1;
 * - `R` row-standardised: w_ij / Σ_j w_ij (islands stay zero rows);
 * - `S` spectral: W / ρ(W), ρ the largest |eigenvalue|;
 * - `M` min–max (Kelejian & Prucha 2010): W / min(max_i Σ_j |w_ij|, max_j Σ_i |w_ij|).
 */
export type Transformation = 'O' | 'B' | 'R' | 'S' | 'M';

/** One nonzero weight w_ij between two regions named by id. */
export interface WeightEntry {
  readonly i: string;
  readonly j: string;
  readonly value: number;
}

const TRANSFORMATIONS: readonly Transformation[] = ['O', 'B', 'R', 'S', 'M'];

/** True when `t` is one of the transformation codes. */
export function isTransformation(t: unknown): t is Transformation {
  return typeof t === 'string' && (TRANSFORMATIONS as readonly string[]).includes(t);
}

interface Csr {
  readonly rowPtr: Int32Array;
  readonly colIdx: Int32Array;
  readonly values: Float64Array;
}

/**
 * Immutable sparse spatial weights W (n × n, CSR, columns sorted within each row).
 *
 * The object and its id list are frozen. The typed arrays `rowPtr`, `colIdx` and `values`
 * are shared between objects derived from one another and must be treated as read-only.
 */
export class SpatialWeights {
  /** Region ids in matrix order. */
  readonly ids: readonly string[];
  /** Number of regions. */
  readonly n: number;
  /** Row i's entries are `rowPtr[i] .. rowPtr[i+1]-1`. */
  readonly rowPtr: Int32Array;
  /** Column index of each stored entry, ascending within a row. */
  readonly colIdx: Int32Array;
  /** Current (transformed) weight of each stored entry. */
  readonly values: Float64Array;
  /** The transformation that produced `values` from the original weights. */
  readonly transformation: Transformation;
  /** Ids of regions without any neighbour (zero rows), in matrix order. */
  readonly islands: readonly string[];
  /** True when the neighbour relation is symmetric (j ∈ N(i) ⇔ i ∈ N(j)). */
  readonly symmetric: boolean;
  /** Original weights (transformation `O`), aligned with `colIdx`. */
  private readonly base: Float64Array;
  private readonly index: ReadonlyMap<string, number>;

  private constructor(ids: readonly string[], index: ReadonlyMap<string, number>, csr: Csr, base: Float64Array,
    transformation: Transformation, symmetric: boolean) {
    this.ids = Object.freeze([...ids]);
    this.n = ids.length;
    this.index = index;
    this.rowPtr = csr.rowPtr;
    this.colIdx = csr.colIdx;
    this.values = csr.values;
    this.base = base;
    this.transformation = transformation;
    const islands: string[] = [];
    for (let i = 0; i < this.n; i++) if (csr.rowPtr[i + 1] === csr.rowPtr[i]) islands.push(ids[i]);
    this.islands = Object.freeze(islands);
    this.symmetric = symmetric;
    Object.freeze(this);
  }

  /**
   * Build W from (row, column, weight) triplets given by position in `ids`.
   * Zero weights are dropped (a zero weight is no link).
   * @throws InputError `duplicate-id` when an id repeats, `duplicate-link` when a pair repeats,
   *   `bad-weight` when a weight is not finite, `bad-index` when an index is out of range.
   */
  static fromTriplets(ids: readonly string[], rows: ArrayLike<number>, cols: ArrayLike<number>,
    weights: ArrayLike<number>): SpatialWeights {
    const index = indexIds(ids);
    const n = ids.length;
    const m = rows.length;
    if (cols.length !== m || weights.length !== m) throw new RangeError('rows, cols and weights must have the same length');
    // Validate, then bucket entries by row (counting sort) and sort each row by column.
    const rowPtr = new Int32Array(n + 1);
    let kept = 0;
    for (let k = 0; k < m; k++) {
      const r = rows[k], c = cols[k], v = weights[k];
      if (!Number.isInteger(r) || !Number.isInteger(c) || r < 0 || c < 0 || r >= n || c >= n) {
        throw new InputError('weights-index-outside', `Weight entry ${k + 1} refers to region position (${r}, ${c}) outside 0..${n - 1}.`, { row: r, col: c, entry: k + 1, max: n - 1 });
      }
      if (!Number.isFinite(v)) {
        throw new InputError('weights-not-finite', `The weight between "${ids[r]}" and "${ids[c]}" is not a finite number (${v}).`, { i: ids[r], j: ids[c], value: v });
      }
      if (v !== 0) { rowPtr[r + 1]++; kept++; }
    }
    for (let i = 0; i < n; i++) rowPtr[i + 1] += rowPtr[i];
    const colIdx = new Int32Array(kept);
    const base = new Float64Array(kept);
    const fill = rowPtr.slice(0, n);
    for (let k = 0; k < m; k++) {
      if (weights[k] === 0) continue;
      const t = fill[rows[k]]++;
      colIdx[t] = cols[k];
      base[t] = weights[k];
    }
    for (let i = 0; i < n; i++) {
      sortRow(colIdx, base, rowPtr[i], rowPtr[i + 1]);
      for (let t = rowPtr[i] + 1; t < rowPtr[i + 1]; t++) {
        if (colIdx[t] === colIdx[t - 1]) {
          throw new InputError('weights-duplicate-link', `The link "${ids[i]}" → "${ids[colIdx[t]]}" is given more than once.`, { i: ids[i], j: ids[colIdx[t]] });
        }
      }
    }
    return SpatialWeights.fromCsrUnchecked(ids, index, rowPtr, colIdx, base, 'O');
  }

  /** Internal: CSR already sorted and validated; applies `transformation` to `base`. */
  private static fromCsrUnchecked(ids: readonly string[], index: ReadonlyMap<string, number>, rowPtr: Int32Array,
    colIdx: Int32Array, base: Float64Array, transformation: Transformation): SpatialWeights {
    const symmetric = structurallySymmetric(ids.length, rowPtr, colIdx);
    const values = applyTransformation(ids, rowPtr, colIdx, base, transformation);
    return new SpatialWeights(ids, index, { rowPtr, colIdx, values }, base, transformation, symmetric);
  }

  /** Position of `id` in the matrix, or -1. */
  indexOf(id: string): number {
    return this.index.get(id) ?? -1;
  }

  /** Number of nonzero weights. */
  get nnz(): number {
    return this.colIdx.length;
  }

  /** Neighbour count per region, in matrix order. */
  cardinalities(): Int32Array {
    const c = new Int32Array(this.n);
    for (let i = 0; i < this.n; i++) c[i] = this.rowPtr[i + 1] - this.rowPtr[i];
    return c;
  }

  /**
   * Neighbour ids of region `id` (row order = matrix order).
   * @throws InputError `unknown-id` when `id` is not a region of W.
   */
  neighbors(id: string): string[] {
    const i = this.requireIndex(id);
    const out: string[] = [];
    for (let k = this.rowPtr[i]; k < this.rowPtr[i + 1]; k++) out.push(this.ids[this.colIdx[k]]);
    return out;
  }

  /**
   * Current weights of region `id`'s neighbours, aligned with `neighbors(id)`.
   * @throws InputError `unknown-id` when `id` is not a region of W.
   */
  neighborWeights(id: string): number[] {
    const i = this.requireIndex(id);
    return Array.from(this.values.subarray(this.rowPtr[i], this.rowPtr[i + 1]));
  }

  /** Current weight w_ij (0 when not linked). @throws InputError `unknown-id`. */
  get(i: string, j: string): number {
    const a = this.requireIndex(i), b = this.requireIndex(j);
    for (let k = this.rowPtr[a]; k < this.rowPtr[a + 1]; k++) if (this.colIdx[k] === b) return this.values[k];
    return 0;
  }

  /** Row sums Σ_j w_ij of the current weights. */
  rowSums(): Float64Array {
    const s = new Float64Array(this.n);
    for (let i = 0; i < this.n; i++) for (let k = this.rowPtr[i]; k < this.rowPtr[i + 1]; k++) s[i] += this.values[k];
    return s;
  }

  /**
   * Spatial lag W·x.
   * Formula: (Wx)_i = Σ_j w_ij x_j; islands give 0.
   * @throws RangeError when `x` does not have n elements.
   */
  lag(x: ArrayLike<number>): Float64Array {
    if (x.length !== this.n) throw new RangeError(`lag: x has ${x.length} values, W has ${this.n} regions`);
    const y = new Float64Array(this.n);
    for (let i = 0; i < this.n; i++) {
      let s = 0;
      for (let k = this.rowPtr[i]; k < this.rowPtr[i + 1]; k++) s += this.values[k] * x[this.colIdx[k]];
      y[i] = s;
    }
    return y;
  }

  /**
   * A new W with `transformation` applied to the original weights (transformations do not
   * compound: `W.transform('R').transform('B')` is the binary form of the original).
   * Reference: libpysal `Graph.transform` ('O', 'B', 'R'); spectral and min–max as in
   * Kelejian & Prucha (2010).
   * @throws InputError `bad-transformation` for an unknown code; `negative-weights` for `S`
   *   on weights with negative values.
   */
  transform(transformation: Transformation): SpatialWeights {
    if (!isTransformation(transformation)) {
      throw new InputError('weights-unknown-transformation', `Unknown weights transformation "${String(transformation)}"; use O, B, R, S or M.`, { transformation: String(transformation) });
    }
    return SpatialWeights.fromCsrUnchecked(this.ids, this.index, this.rowPtr, this.colIdx, this.base, transformation);
  }

  /**
   * W restricted to `ids` (in the order given) — the matrix for a subset or a reordering of
   * the regions. Links to dropped regions are removed and the current transformation is
   * re-applied to the remaining original weights (so a row-standardised W stays row-standardised).
   * @throws InputError `unknown-id` naming ids not in W; `duplicate-id`.
   */
  subset(ids: readonly string[]): SpatialWeights {
    const newIndex = indexIds(ids);
    const unknown = ids.filter((id) => !this.index.has(id));
    if (unknown.length > 0) {
      throw new InputError('weights-unknown-regions', `The weights matrix has no region ${quoteList(unknown)}.`, { ids: unknown, idList: quoteList(unknown) });
    }
    const m = ids.length;
    const rowPtr = new Int32Array(m + 1);
    const cols: number[] = [], vals: number[] = [];
    for (let a = 0; a < m; a++) {
      const i = this.index.get(ids[a]) as number;
      const row: [number, number][] = [];
      for (let k = this.rowPtr[i]; k < this.rowPtr[i + 1]; k++) {
        const b = newIndex.get(this.ids[this.colIdx[k]]);
        if (b !== undefined) row.push([b, this.base[k]]);
      }
      row.sort((p, q) => p[0] - q[0]);
      for (const [b, v] of row) { cols.push(b); vals.push(v); }
      rowPtr[a + 1] = cols.length;
    }
    return SpatialWeights.fromCsrUnchecked(ids, newIndex, rowPtr, Int32Array.from(cols), Float64Array.from(vals), this.transformation);
  }

  /**
   * W with manual links added (e.g. Hainan–Guangdong across the Qiongzhou Strait). Each link
   * gets original weight `weight` (default 1) unless it already exists; with `symmetric`
   * (default) the reverse link is added too. The current transformation is re-applied.
   * @throws InputError `unknown-id` naming an unknown region; `self-link` for a link i–i.
   */
  withLinks(links: readonly (readonly [string, string])[], opts: { symmetric?: boolean; weight?: number } = {}): SpatialWeights {
    const symmetric = opts.symmetric ?? true;
    const weight = opts.weight ?? 1;
    if (!Number.isFinite(weight) || weight === 0) throw new InputError('weights-bad-link-weight', `A manual link needs a finite nonzero weight, got ${weight}.`, { weight });
    const rows: number[] = [], cols: number[] = [], vals: number[] = [];
    const have = new Set<number>();
    for (let i = 0; i < this.n; i++) {
      for (let k = this.rowPtr[i]; k < this.rowPtr[i + 1]; k++) {
        rows.push(i); cols.push(this.colIdx[k]); vals.push(this.base[k]); have.add(i * this.n + this.colIdx[k]);
      }
    }
    const add = (a: number, b: number): void => {
      if (have.has(a * this.n + b)) return;
      have.add(a * this.n + b);
      rows.push(a); cols.push(b); vals.push(weight);
    };
    for (const [p, q] of links) {
      const unknown = [p, q].filter((id) => !this.index.has(id));
      if (unknown.length > 0) {
        throw new InputError('weights-link-unknown-region', `Cannot link "${p}" and "${q}": no region ${quoteList(unknown)} in the weights matrix.`, { ids: unknown, p, q, idList: quoteList(unknown) });
      }
      if (p === q) throw new InputError('weights-self-link', `Cannot link region "${p}" to itself.`, { id: p });
      const a = this.index.get(p) as number, b = this.index.get(q) as number;
      add(a, b);
      if (symmetric) add(b, a);
    }
    return SpatialWeights.fromTriplets(this.ids, rows, cols, vals).transform(this.transformation);
  }

  /** The original weights as a new object (same as `transform('O')`). */
  original(): SpatialWeights {
    return this.transform('O');
  }

  /** Nonzero entries of the current weights by id, row by row. */
  entries(): WeightEntry[] {
    const out: WeightEntry[] = [];
    for (let i = 0; i < this.n; i++) {
      for (let k = this.rowPtr[i]; k < this.rowPtr[i + 1]; k++) out.push({ i: this.ids[i], j: this.ids[this.colIdx[k]], value: this.values[k] });
    }
    return out;
  }

  /** Neighbour lists by id (every region present; islands map to []). */
  toNeighborLists(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (let i = 0; i < this.n; i++) {
      const row: string[] = [];
      for (let k = this.rowPtr[i]; k < this.rowPtr[i + 1]; k++) row.push(this.ids[this.colIdx[k]]);
      out[this.ids[i]] = row;
    }
    return out;
  }

  /** Current weights by id, aligned with `toNeighborLists()`. */
  toWeightLists(): Record<string, number[]> {
    const out: Record<string, number[]> = {};
    for (let i = 0; i < this.n; i++) out[this.ids[i]] = Array.from(this.values.subarray(this.rowPtr[i], this.rowPtr[i + 1]));
    return out;
  }

  /** Dense row-major copy (n × n) of the current weights; for small n only. */
  toDense(): Float64Array {
    const d = new Float64Array(this.n * this.n);
    for (let i = 0; i < this.n; i++) for (let k = this.rowPtr[i]; k < this.rowPtr[i + 1]; k++) d[i * this.n + this.colIdx[k]] = this.values[k];
    return d;
  }

  /** True when w_ij = w_ji for every pair within relative tolerance `rtol` (default 1e-12). */
  isValueSymmetric(rtol = 1e-12): boolean {
    if (!this.symmetric) return false;
    for (let i = 0; i < this.n; i++) {
      for (let k = this.rowPtr[i]; k < this.rowPtr[i + 1]; k++) {
        const j = this.colIdx[k];
        const v = this.values[k], u = this.valueAt(j, i);
        if (Math.abs(v - u) > rtol * Math.max(Math.abs(v), Math.abs(u))) return false;
      }
    }
    return true;
  }

  /**
   * Largest |eigenvalue| ρ(W) of the current weights, by power iteration on W + I (the shift
   * makes the Perron root strictly dominant even for bipartite graphs such as rook grids).
   * Formula: ρ = lim ‖(W+I)^k x‖ / ‖(W+I)^(k−1) x‖ − 1 for non-negative W.
   * @throws InputError `negative-weights` when W has negative weights (Perron–Frobenius does not apply).
   */
  spectralRadius(): number {
    return spectralRadiusOf(this.n, this.rowPtr, this.colIdx, this.values, this.ids);
  }

  private valueAt(i: number, j: number): number {
    for (let k = this.rowPtr[i]; k < this.rowPtr[i + 1]; k++) if (this.colIdx[k] === j) return this.values[k];
    return 0;
  }

  private requireIndex(id: string): number {
    const i = this.index.get(id);
    if (i === undefined) throw new InputError('weights-unknown-id', `The weights matrix has no region "${id}".`, { id });
    return i;
  }
}

/**
 * W from neighbour lists keyed by id; `weights` (optional, aligned lists) default to 1.
 * Regions of `ids` missing from `neighbors` are islands.
 * Reference: spdep `nb2listw(style = "B")`, libpysal `Graph.from_dicts`.
 * @throws InputError `unknown-id` naming neighbours or keys not in `ids`; `bad-weights` when a
 *   weight list's length differs from its neighbour list; `duplicate-link`; `duplicate-id`.
 */
export function fromNeighbors(ids: readonly string[], neighbors: Readonly<Record<string, readonly string[]>>,
  weights?: Readonly<Record<string, readonly number[]>>): SpatialWeights {
  const index = indexIds(ids);
  const unknownKeys = Object.keys(neighbors).filter((k) => !index.has(k));
  if (unknownKeys.length > 0) {
    throw new InputError('weights-unknown-neighbour-lists', `Neighbour lists are given for unknown region ${quoteList(unknownKeys)}.`, { ids: unknownKeys, idList: quoteList(unknownKeys) });
  }
  const rows: number[] = [], cols: number[] = [], vals: number[] = [];
  for (const [id, list] of Object.entries(neighbors)) {
    const i = index.get(id) as number;
    const w = weights?.[id];
    if (w !== undefined && w.length !== list.length) {
      throw new InputError('weights-neighbour-weight-count', `Region "${id}" has ${list.length} neighbours but ${w.length} weights.`, { id, neighbours: list.length, weights: w.length });
    }
    list.forEach((nb, t) => {
      const j = index.get(nb);
      if (j === undefined) throw new InputError('weights-unknown-neighbour', `Region "${id}" lists an unknown neighbour "${nb}".`, { id, neighbor: nb });
      rows.push(i); cols.push(j); vals.push(w === undefined ? 1 : w[t]);
    });
  }
  return SpatialWeights.fromTriplets(ids, rows, cols, vals);
}

/**
 * W from entries by id (the project store's form).
 * @throws InputError `unknown-id` naming an id not in `ids`; `duplicate-link`; `duplicate-id`.
 */
export function fromEntries(ids: readonly string[], entries: readonly WeightEntry[]): SpatialWeights {
  const index = indexIds(ids);
  const rows = new Int32Array(entries.length), cols = new Int32Array(entries.length), vals = new Float64Array(entries.length);
  entries.forEach((e, k) => {
    const i = index.get(e.i), j = index.get(e.j);
    if (i === undefined || j === undefined) {
      const bad = i === undefined ? e.i : e.j;
      throw new InputError('weights-unknown-region', `A weight refers to unknown region "${bad}".`, { id: bad });
    }
    rows[k] = i; cols[k] = j; vals[k] = e.value;
  });
  return SpatialWeights.fromTriplets(ids, rows, cols, vals);
}

/**
 * W from a dense row-major n × n matrix (array of rows or flat array) over `ids`.
 * @throws InputError `bad-shape` when the matrix is not n × n; `bad-weight` for non-finite cells.
 */
export function fromDense(ids: readonly string[], matrix: readonly (ArrayLike<number>)[] | ArrayLike<number>): SpatialWeights {
  const n = ids.length;
  const rowsIn: ArrayLike<number>[] = [];
  if (isRowArray(matrix)) {
    if (matrix.length !== n) throw new InputError('weights-matrix-rows', `The matrix has ${matrix.length} rows for ${n} regions.`, { rows: matrix.length, n });
    for (const r of matrix) {
      if (r.length !== n) throw new InputError('weights-matrix-columns', `A matrix row has ${r.length} columns for ${n} regions.`, { columns: r.length, n });
      rowsIn.push(r);
    }
  } else {
    if (matrix.length !== n * n) throw new InputError('weights-matrix-cells', `The matrix has ${matrix.length} cells for ${n} regions (expected ${n * n}).`, { cells: matrix.length, n, expected: n * n });
    for (let i = 0; i < n; i++) rowsIn.push(Array.prototype.slice.call(matrix, i * n, (i + 1) * n) as number[]);
  }
  const rows: number[] = [], cols: number[] = [], vals: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = rowsIn[i][j];
      if (v !== 0) { rows.push(i); cols.push(j); vals.push(v); }
    }
  }
  return SpatialWeights.fromTriplets(ids, rows, cols, vals);
}

function isRowArray(m: readonly (ArrayLike<number>)[] | ArrayLike<number>): m is readonly (ArrayLike<number>)[] {
  return m.length > 0 && typeof (m as ArrayLike<unknown>)[0] === 'object';
}

/** Map id → position. @throws InputError `duplicate-id`, `bad-id` (empty id). */
export function indexIds(ids: readonly string[]): Map<string, number> {
  const index = new Map<string, number>();
  ids.forEach((id, i) => {
    if (typeof id !== 'string' || id === '') throw new InputError('weights-empty-id', `Region ${i + 1} has an empty id.`, { position: i + 1 });
    if (index.has(id)) throw new InputError('weights-duplicate-id', `Region id "${id}" appears more than once.`, { id });
    index.set(id, i);
  });
  return index;
}

/** `"a", "b" and 3 more` for messages. */
export function quoteList(ids: readonly string[], max = 5): string {
  const shown = ids.slice(0, max).map((s) => `"${s}"`).join(', ');
  return ids.length > max ? `${shown} and ${ids.length - max} more` : shown;
}

function structurallySymmetric(n: number, rowPtr: Int32Array, colIdx: Int32Array): boolean {
  for (let i = 0; i < n; i++) {
    for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) if (!hasEntry(rowPtr, colIdx, colIdx[k], i)) return false;
  }
  return true;
}

/** Binary search for column j in row i (columns sorted). */
function hasEntry(rowPtr: Int32Array, colIdx: Int32Array, i: number, j: number): boolean {
  let lo = rowPtr[i], hi = rowPtr[i + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1, c = colIdx[mid];
    if (c === j) return true;
    if (c < j) lo = mid + 1; else hi = mid - 1;
  }
  return false;
}

/** Sort entries lo..hi-1 of a row by column, carrying the values (insertion sort for short rows). */
function sortRow(colIdx: Int32Array, vals: Float64Array, lo: number, hi: number): void {
  let sorted = true;
  for (let t = lo + 1; t < hi; t++) if (colIdx[t] < colIdx[t - 1]) { sorted = false; break; }
  if (sorted) return;
  if (hi - lo <= 32) {
    for (let t = lo + 1; t < hi; t++) {
      const c = colIdx[t], v = vals[t];
      let u = t - 1;
      while (u >= lo && colIdx[u] > c) { colIdx[u + 1] = colIdx[u]; vals[u + 1] = vals[u]; u--; }
      colIdx[u + 1] = c; vals[u + 1] = v;
    }
    return;
  }
  const perm = Array.from({ length: hi - lo }, (_, t) => lo + t).sort((a, b) => colIdx[a] - colIdx[b]);
  const c2 = perm.map((t) => colIdx[t]), v2 = perm.map((t) => vals[t]);
  for (let t = lo; t < hi; t++) { colIdx[t] = c2[t - lo]; vals[t] = v2[t - lo]; }
}

function valuesSymmetric(n: number, rowPtr: Int32Array, colIdx: Int32Array, values: Float64Array): boolean {
  const m = new Map<number, number>();
  for (let i = 0; i < n; i++) for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) m.set(i * n + colIdx[k], values[k]);
  for (let i = 0; i < n; i++) {
    for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
      const u = m.get(colIdx[k] * n + i);
      if (u === undefined || Math.abs(u - values[k]) > 1e-12 * Math.abs(values[k])) return false;
    }
  }
  return true;
}

function applyTransformation(ids: readonly string[], rowPtr: Int32Array, colIdx: Int32Array, base: Float64Array,
  t: Transformation): Float64Array {
  const n = ids.length;
  switch (t) {
    case 'O':
      return base;
    case 'B':
      return new Float64Array(base.length).fill(1);
    case 'R': {
      const out = new Float64Array(base.length);
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) s += base[k];
        if (rowPtr[i + 1] > rowPtr[i] && s === 0) {
          throw new InputError('weights-zero-row-sum', `Region "${ids[i]}" has neighbours whose weights sum to 0; it cannot be row-standardised.`, { id: ids[i] });
        }
        for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) out[k] = base[k] / s;
      }
      return out;
    }
    case 'S': {
      const rho = spectralRadiusOf(n, rowPtr, colIdx, base, ids);
      return rho === 0 ? new Float64Array(base) : base.map((v) => v / rho);
    }
    case 'M': {
      const rs = new Float64Array(n), cs = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) { rs[i] += Math.abs(base[k]); cs[colIdx[k]] += Math.abs(base[k]); }
      }
      let maxR = 0, maxC = 0;
      for (let i = 0; i < n; i++) { maxR = Math.max(maxR, rs[i]); maxC = Math.max(maxC, cs[i]); }
      const d = Math.min(maxR, maxC);
      return d === 0 ? new Float64Array(base) : base.map((v) => v / d);
    }
  }
}

function spectralRadiusOf(n: number, rowPtr: Int32Array, colIdx: Int32Array, values: Float64Array, ids: readonly string[]): number {
  if (values.length === 0) return 0;
  for (let k = 0; k < values.length; k++) {
    if (values[k] < 0) throw new InputError('weights-negative-spectral', `Spectral standardisation needs non-negative weights; the matrix over ${ids.length} regions has negative ones.`, { n: ids.length });
  }
  const symmetric = valuesSymmetric(n, rowPtr, colIdx, values);
  // x stays positive (W ≥ 0 and the + I shift), so the Collatz–Wielandt bounds
  // min_i (Ax)_i / x_i ≤ ρ(A) ≤ max_i (Ax)_i / x_i hold at every step and certify convergence.
  let x = new Float64Array(n).fill(1 / Math.sqrt(n));
  let prev = Number.POSITIVE_INFINITY;
  let est = 0;
  for (let it = 0; it < 20_000; it++) {
    const y = new Float64Array(n);
    let lower = Number.POSITIVE_INFINITY, upper = 0;
    for (let i = 0; i < n; i++) {
      let s = x[i];
      for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) s += values[k] * x[colIdx[k]];
      y[i] = s;
      if (x[i] > 0) { const r = s / x[i]; if (r < lower) lower = r; if (r > upper) upper = r; }
    }
    if (upper - lower <= 1e-13 * upper) return (lower + upper) / 2 - 1;
    let norm = 0;
    for (let i = 0; i < n; i++) norm += y[i] * y[i];
    norm = Math.sqrt(norm);
    // Symmetric W: the Rayleigh quotient xᵀ(W+I)x converges twice as fast as the norm ratio.
    if (symmetric) { est = 0; for (let i = 0; i < n; i++) est += x[i] * y[i]; } else est = norm;
    for (let i = 0; i < n; i++) y[i] /= norm;
    x = y;
    if (Math.abs(est - prev) <= 1e-14 * est) break;
    prev = est;
  }
  return est - 1;
}
