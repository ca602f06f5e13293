/**
 * The one spatial weights type of the workbench: an immutable sparse matrix in compressed
 * sparse row (CSR) form over an ordered list of region ids. Every builder (`buildContiguity`,
 * `buildKnn`, …) and every reader (`fromGal`, `fromGwt`, `fromDense`, `fromJson`) returns it;
 * every consumer (Moran's I, spatial models) takes it. The storage is linalg's `CsrMatrix`
 * (`matrix` holds the current weights); this class adds the region ids, the original weights
 * and the transformations. Modelled on libpysal's `graph.Graph`:
 * the original weights are kept, a closed set of transformations derives new objects from
 * them, and islands (regions without neighbours) are explicit zero rows, never `NaN`.
 */
import { InputError } from '../core/errors';
import { indexIds, quoteList } from '../core/ids';
import { CsrMatrix, perronRoot } from '../linalg/sparse';

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

/**
 * Immutable sparse spatial weights W (n × n, CSR, columns sorted within each row).
 *
 * The object, its id list and its matrices are frozen. The typed arrays `rowPtr`, `colIdx`
 * and `values` (views of `matrix`) are shared between objects derived from one another and
 * must be treated as read-only.
 */
export class SpatialWeights {
  /** Region ids in matrix order. */
  readonly ids: readonly string[];
  /** Number of regions. */
  readonly n: number;
  /** The current (transformed) weights as a linalg CSR matrix (n × n). */
  readonly matrix: CsrMatrix;
  /** The transformation that produced `values` from the original weights. */
  readonly transformation: Transformation;
  /** Ids of regions without any neighbour (zero rows), in matrix order. */
  readonly islands: readonly string[];
  /** True when the neighbour relation is symmetric (j ∈ N(i) ⇔ i ∈ N(j)). */
  readonly symmetric: boolean;
  /** Original weights (transformation `O`), same sparsity pattern as `matrix`. */
  private readonly base: CsrMatrix;
  private readonly index: ReadonlyMap<string, number>;

  private constructor(ids: readonly string[], index: ReadonlyMap<string, number>, base: CsrMatrix,
    transformation: Transformation, symmetric: boolean) {
    this.ids = Object.freeze([...ids]);
    this.n = ids.length;
    this.index = index;
    this.base = base;
    this.matrix = applyTransformation(ids, base, transformation);
    this.transformation = transformation;
    const islands: string[] = [];
    for (let i = 0; i < this.n; i++) if (base.rowLength(i) === 0) islands.push(ids[i]);
    this.islands = Object.freeze(islands);
    this.symmetric = symmetric;
    Object.freeze(this);
  }

  /** Row i's entries are `rowPtr[i] .. rowPtr[i+1]-1` (the `matrix`'s row pointers). */
  get rowPtr(): Int32Array {
    return this.matrix.rowPtr;
  }

  /** Column index of each stored entry, ascending within a row. */
  get colIdx(): Int32Array {
    return this.matrix.colIndex;
  }

  /** Current (transformed) weight of each stored entry. */
  get values(): Float64Array {
    return this.matrix.values;
  }

  /**
   * Build W from (row, column, weight) triplets given by position in `ids`.
   * Zero weights are dropped (a zero weight is no link).
   * @throws InputError `duplicate-id` when an id repeats, `weights-duplicate-link` when a pair repeats,
   *   `weights-bad-link-weight` / `weights-not-finite` when a weight is not finite, `weights-index-outside` when an index is out of range.
   */
  static fromTriplets(ids: readonly string[], rows: ArrayLike<number>, cols: ArrayLike<number>,
    weights: ArrayLike<number>): SpatialWeights {
    const index = indexIds(ids);
    const n = ids.length;
    const m = rows.length;
    if (cols.length !== m || weights.length !== m) throw new RangeError('rows, cols and weights must have the same length');
    for (let k = 0; k < m; k++) {
      const r = rows[k], c = cols[k], v = weights[k];
      if (!Number.isInteger(r) || !Number.isInteger(c) || r < 0 || c < 0 || r >= n || c >= n) {
        throw new InputError('weights-index-outside', `Weight entry ${k + 1} refers to region position (${r}, ${c}) outside 0..${n - 1}.`, { row: r, col: c, entry: k + 1, max: n - 1 });
      }
      if (!Number.isFinite(v)) {
        throw new InputError('weights-not-finite', `The weight between "${ids[r]}" and "${ids[c]}" is not a finite number (${v}).`, { i: ids[r], j: ids[c], value: v });
      }
    }
    const base = CsrMatrix.fromTriplets(n, n, rows, cols, weights, {
      onDuplicate: (i, j) => {
        throw new InputError('weights-duplicate-link', `The link "${ids[i]}" → "${ids[j]}" is given more than once.`, { i: ids[i], j: ids[j] });
      },
    });
    return new SpatialWeights(ids, index, base, 'O', base.isStructurallySymmetric());
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
    for (let i = 0; i < this.n; i++) c[i] = this.matrix.rowLength(i);
    return c;
  }

  /**
   * Neighbour ids of region `id` (row order = matrix order).
   * @throws InputError `weights-link-unknown-region` / `weights-unknown-id` / `weights-unknown-neighbour` / `weights-unknown-neighbour-lists` … when `id` is not a region of W.
   */
  neighbors(id: string): string[] {
    return Array.from(this.matrix.row(this.requireIndex(id)).cols, (j) => this.ids[j]);
  }

  /**
   * Current weights of region `id`'s neighbours, aligned with `neighbors(id)`.
   * @throws InputError `weights-link-unknown-region` / `weights-unknown-id` / `weights-unknown-neighbour` / `weights-unknown-neighbour-lists` … when `id` is not a region of W.
   */
  neighborWeights(id: string): number[] {
    return Array.from(this.matrix.row(this.requireIndex(id)).values);
  }

  /** Current weight w_ij (0 when not linked). @throws InputError `unknown-id`. */
  get(i: string, j: string): number {
    const a = this.requireIndex(i), b = this.requireIndex(j);
    return this.matrix.get(a, b);
  }

  /** Row sums Σ_j w_ij of the current weights. */
  rowSums(): Float64Array {
    return this.matrix.rowSums();
  }

  /**
   * Spatial lag W·x.
   * Formula: (Wx)_i = Σ_j w_ij x_j; islands give 0.
   * @throws RangeError when `x` does not have n elements.
   */
  lag(x: ArrayLike<number>): Float64Array {
    if (x.length !== this.n) throw new RangeError(`lag: x has ${x.length} values, W has ${this.n} regions`);
    return this.matrix.matVec(x);
  }

  /**
   * A new W with `transformation` applied to the original weights (transformations do not
   * compound: `W.transform('R').transform('B')` is the binary form of the original).
   * Reference: libpysal `Graph.transform` ('O', 'B', 'R'); spectral and min–max as in
   * Kelejian & Prucha (2010).
   * @throws InputError `weights-unknown-transformation` for an unknown code; `weights-negative-spectral` for `S`
   *   on weights with negative values.
   */
  transform(transformation: Transformation): SpatialWeights {
    if (!isTransformation(transformation)) {
      throw new InputError('weights-unknown-transformation', `Unknown weights transformation "${String(transformation)}"; use O, B, R, S or M.`, { transformation: String(transformation) });
    }
    return new SpatialWeights(this.ids, this.index, this.base, transformation, this.symmetric);
  }

  /**
   * W restricted to `ids` (in the order given) — the matrix for a subset or a reordering of
   * the regions. Links to dropped regions are removed and the current transformation is
   * re-applied to the remaining original weights (so a row-standardised W stays row-standardised).
   * @throws InputError `weights-link-unknown-region` / `weights-unknown-id` / `weights-unknown-neighbour` / `weights-unknown-neighbour-lists` … naming ids not in W; `duplicate-id`.
   */
  subset(ids: readonly string[]): SpatialWeights {
    const newIndex = indexIds(ids);
    const unknown = ids.filter((id) => !this.index.has(id));
    if (unknown.length > 0) {
      throw new InputError('weights-unknown-regions', `The weights matrix has no region ${quoteList(unknown)}.`, { ids: unknown, idList: quoteList(unknown) });
    }
    const base = this.base.principalSubmatrix(ids.map((id) => this.index.get(id) as number));
    return new SpatialWeights(ids, newIndex, base, this.transformation, base.isStructurallySymmetric());
  }

  /**
   * W with manual links added (e.g. Hainan–Guangdong across the Qiongzhou Strait). Each link
   * gets original weight `weight` (default 1) unless it already exists; with `symmetric`
   * (default) the reverse link is added too. The current transformation is re-applied.
   * @throws InputError `weights-link-unknown-region` / `weights-unknown-id` / `weights-unknown-neighbour` / `weights-unknown-neighbour-lists` … naming an unknown region; `weights-self-link` for a link i–i.
   */
  withLinks(links: readonly (readonly [string, string])[], opts: { symmetric?: boolean; weight?: number } = {}): SpatialWeights {
    const symmetric = opts.symmetric ?? true;
    const weight = opts.weight ?? 1;
    if (!Number.isFinite(weight) || weight === 0) throw new InputError('weights-bad-link-weight', `A manual link needs a finite nonzero weight, got ${weight}.`, { weight });
    const rows: number[] = [], cols: number[] = [], vals: number[] = [];
    const have = new Set<number>();
    const { rowPtr, colIndex, values } = this.base;
    for (let i = 0; i < this.n; i++) {
      for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
        rows.push(i); cols.push(colIndex[k]); vals.push(values[k]); have.add(i * this.n + colIndex[k]);
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
    const { rowPtr, colIndex, values } = this.matrix;
    for (let i = 0; i < this.n; i++) {
      for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) out.push({ i: this.ids[i], j: this.ids[colIndex[k]], value: values[k] });
    }
    return out;
  }

  /** Neighbour lists by id (every region present; islands map to []). */
  toNeighborLists(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (let i = 0; i < this.n; i++) out[this.ids[i]] = Array.from(this.matrix.row(i).cols, (j) => this.ids[j]);
    return out;
  }

  /** Current weights by id, aligned with `toNeighborLists()`. */
  toWeightLists(): Record<string, number[]> {
    const out: Record<string, number[]> = {};
    for (let i = 0; i < this.n; i++) out[this.ids[i]] = Array.from(this.matrix.row(i).values);
    return out;
  }

  /** Dense row-major copy (n × n) of the current weights; for small n only. */
  toDense(): Float64Array {
    const d = new Float64Array(this.n * this.n);
    const { rowPtr, colIndex, values } = this.matrix;
    for (let i = 0; i < this.n; i++) for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) d[i * this.n + colIndex[k]] = values[k];
    return d;
  }

  /** True when w_ij = w_ji for every pair within relative tolerance `rtol` (default 1e-12). */
  isValueSymmetric(rtol = 1e-12): boolean {
    return this.symmetric && this.matrix.isSymmetric(rtol);
  }

  /**
   * Largest |eigenvalue| ρ(W) of the current weights, by power iteration on W + I (the shift
   * makes the Perron root strictly dominant even for bipartite graphs such as rook grids).
   * Formula: ρ = lim ‖(W+I)^k x‖ / ‖(W+I)^(k−1) x‖ − 1 for non-negative W.
   * @throws InputError `weights-negative-spectral` when W has negative weights (Perron–Frobenius does not apply).
   */
  spectralRadius(): number {
    return spectralRadiusOf(this.matrix, this.ids);
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
 * @throws InputError `weights-link-unknown-region` / `weights-unknown-id` / `weights-unknown-neighbour` / `weights-unknown-neighbour-lists` … naming neighbours or keys not in `ids`; `weights-neighbour-weight-count` when a
 *   weight list's length differs from its neighbour list; `weights-duplicate-link`; `duplicate-id`.
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
 * @throws InputError `weights-link-unknown-region` / `weights-unknown-id` / `weights-unknown-neighbour` / `weights-unknown-neighbour-lists` … naming an id not in `ids`; `weights-duplicate-link`; `duplicate-id`.
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
 * @throws InputError `weights-matrix-cells` / `weights-matrix-columns` / `weights-matrix-rows` when the matrix is not n × n; `weights-bad-link-weight` / `weights-not-finite` for non-finite cells.
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

/** The current weights for `t` from the original ones (see `Transformation`). */
function applyTransformation(ids: readonly string[], base: CsrMatrix, t: Transformation): CsrMatrix {
  switch (t) {
    case 'O':
      return base;
    case 'B':
      return base.withValues(new Float64Array(base.nnz).fill(1));
    case 'R': {
      const s = base.rowSums();
      for (let i = 0; i < ids.length; i++) {
        if (base.rowLength(i) > 0 && s[i] === 0) {
          throw new InputError('weights-zero-row-sum', `Region "${ids[i]}" has neighbours whose weights sum to 0; it cannot be row-standardised.`, { id: ids[i] });
        }
      }
      return base.divideRows(s);
    }
    case 'S': {
      const rho = spectralRadiusOf(base, ids);
      return rho === 0 ? base.withValues(new Float64Array(base.values)) : base.map((v) => v / rho);
    }
    case 'M': {
      const abs = base.map(Math.abs);
      const rs = abs.rowSums(), cs = abs.colSums();
      let maxR = 0, maxC = 0;
      for (let i = 0; i < ids.length; i++) { maxR = Math.max(maxR, rs[i]); maxC = Math.max(maxC, cs[i]); }
      const d = Math.min(maxR, maxC);
      return d === 0 ? base.withValues(new Float64Array(base.values)) : base.map((v) => v / d);
    }
  }
}

/**
 * ρ(W) by linalg's `perronRoot`.
 * @throws InputError `weights-negative-spectral` when W has negative weights.
 */
function spectralRadiusOf(w: CsrMatrix, ids: readonly string[]): number {
  for (let k = 0; k < w.nnz; k++) {
    if (w.values[k] < 0) throw new InputError('weights-negative-spectral', `Spectral standardisation needs non-negative weights; the matrix over ${ids.length} regions has negative ones.`, { n: ids.length });
  }
  return perronRoot(w);
}
