/**
 * Dense matrices with an id header — what Stata (`spmatrix export`), MATLAB and Excel users
 * bring: the first row is `label, id_1, ..., id_n`, each further row `id_i, w_i1, ..., w_in`.
 * Rows and columns are matched by id, never assumed to be in the same order.
 */
import Papa from 'papaparse';
import { InputError } from '../../core/errors';
import { indexIds, quoteList } from '../../core/ids';
import { fromDense, type SpatialWeights } from '../spatial-weights';
import { excerpt, finishRead, MAX_DETAIL_IDS, type WeightsReadOptions } from './common';

/** Options of the dense readers. */
export interface DenseReadOptions extends WeightsReadOptions {
  /** Accept nonzero diagonal cells. Default false. */
  readonly allowDiagonal?: boolean;
}

/**
 * W from a table of cells (e.g. CSV rows or an XLSX sheet as text). Numeric cells use `.` as
 * decimal point; empty cells are errors.
 * @throws InputError `weights-file-dense-parse` / `weights-file-dense-shape` (no header, ragged row), `duplicate-id`, `weights-file-dense-ids-differ` naming
 *   ids present only as a row or only as a column, `weights-file-dense-not-number` naming the row and column of a
 *   non-numeric cell, `weights-file-self-weight` for a nonzero diagonal; those of `finishRead`.
 */
export function fromDenseTable(table: readonly (readonly string[])[], opts: DenseReadOptions = {}): SpatialWeights {
  const source = opts.source ?? 'matrix file';
  const rows = table.filter((r) => r.some((c) => String(c).trim() !== ''));
  if (rows.length < 2) throw new InputError('weights-file-dense-shape', `${source} needs a header row of ids and one row per region.`, { source });
  const colIds = rows[0].slice(1).map((c) => String(c).trim());
  while (colIds.length > 0 && colIds[colIds.length - 1] === '') colIds.pop();
  const rowIds = rows.slice(1).map((r) => String(r[0]).trim());
  indexIds(colIds);
  indexIds(rowIds);
  const colSet = new Set(colIds), rowSet = new Set(rowIds);
  const onlyRows = rowIds.filter((id) => !colSet.has(id)), onlyCols = colIds.filter((id) => !rowSet.has(id));
  if (onlyRows.length > 0 || onlyCols.length > 0) {
    const parts: string[] = [];
    if (onlyRows.length > 0) parts.push(`rows without a column: ${quoteList(onlyRows.map((id) => excerpt(id)))}`);
    if (onlyCols.length > 0) parts.push(`columns without a row: ${quoteList(onlyCols.map((id) => excerpt(id)))}`);
    const cut = (ids: string[]): string[] => ids.slice(0, MAX_DETAIL_IDS).map((id) => excerpt(id));
    throw new InputError('weights-file-dense-ids-differ', `${source}: row and column ids differ (${parts.join('; ')}).`, { source, onlyRows: cut(onlyRows), onlyCols: cut(onlyCols), differences: parts.join('; ') });
  }
  const n = rowIds.length;
  // Column c of the file goes to matrix column target[c]: ids are matched by name.
  const rowPos = new Map(rowIds.map((id, r) => [id, r]));
  const target = colIds.map((id) => rowPos.get(id) as number);
  const dense: Float64Array[] = [];
  for (let r = 0; r < n; r++) {
    const cells = rows[r + 1];
    const line = new Float64Array(n);
    for (let c = 0; c < n; c++) {
      const raw = cells[c + 1];
      const text = raw === undefined ? '' : String(raw).trim();
      const v = text === '' ? NaN : Number(text);
      if (!Number.isFinite(v)) {
        const [row, column, got] = [excerpt(rowIds[r]), excerpt(colIds[c]), excerpt(text)];
        throw new InputError('weights-file-dense-not-number', `${source}: the cell in row "${row}", column "${column}" is not a number ("${got}").`, { source, row, column, text: got });
      }
      line[target[c]] = v;
    }
    if (line[r] !== 0 && !opts.allowDiagonal) {
      throw new InputError('weights-file-self-weight', `${source}: region "${excerpt(rowIds[r])}" has a nonzero weight on itself (${line[r]}).`, { source, id: excerpt(rowIds[r]), weight: line[r] });
    }
    dense.push(line);
  }
  return finishRead(fromDense(rowIds, dense), opts);
}

/** W from dense CSV text (comma, semicolon or tab separated). See `fromDenseTable`. */
export function fromDenseCsv(text: string, opts: DenseReadOptions = {}): SpatialWeights {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true });
  if (parsed.errors.length > 0 && parsed.data.length === 0) {
    throw new InputError('weights-file-dense-parse', `${opts.source ?? 'matrix file'}: ${parsed.errors[0].message}.`, { source: opts.source ?? 'matrix file', reason: parsed.errors[0].message });
  }
  return fromDenseTable(parsed.data, { source: 'CSV matrix', ...opts });
}

/** Dense table of the current weights: header `id, ids...`, then one row per region. */
export function toDenseTable(w: SpatialWeights, label = 'id'): (string | number)[][] {
  const out: (string | number)[][] = [[label, ...w.ids]];
  const d = w.toDense();
  for (let i = 0; i < w.n; i++) out.push([w.ids[i], ...Array.from(d.subarray(i * w.n, (i + 1) * w.n))]);
  return out;
}

/** Dense CSV text of the current weights (full precision). */
export function toDenseCsv(w: SpatialWeights, label = 'id'): string {
  return Papa.unparse(toDenseTable(w, label).map((r) => r.map((c) => (typeof c === 'number' ? String(c) : c))), { newline: '\n' }) + '\n';
}
