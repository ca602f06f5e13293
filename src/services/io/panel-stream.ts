/**
 * A long-format panel CSV read in a stream (`csv-stream.ts`): records are turned into columns
 * as they arrive — ids interned, periods and row numbers in arrays, each value column a
 * `Float64Array` — so a 200 MB file is never held as one string or as rows of cells. The
 * result, its problems and their order are those of the whole-file path (`panel-reader.ts`):
 * the same cell checks (`parseCell`, `parseTime`), the same column rules (blank headers,
 * trailing separators, duplicates), the same sentences. Text columns (rare in large files) are
 * read again in a second pass for their cells as written.
 *
 * Wide files are not streamed (`null` tells the caller to use the whole-file reader).
 */
import { InputError } from '../../core/errors';
import type { LongPanel } from '../../core/panel';
import type { ValidationIssue } from '../../core/panel-validate';
import { cellText, parseCell } from './cell-parse';
import type { FileSource } from './file-source';
import { sourceName } from './file-source';
import { scanCsv, type CsvScanOptions } from './csv-stream';
import { assertHasRows, cellIssue, MAX_LISTED, numberOverflow, parseTime, unknownColumn } from './panel-issues';
import { assertUniqueColumns } from './table-reader';
import type { PanelReadOptions, PanelReadResult } from './panel-reader';
import { detectFormat } from './panel-format';

/** Progress and cancellation of a streamed read. */
export type StreamReadControl = Pick<CsvScanOptions, 'onBytes' | 'isCancelled' | 'chunkBytes'>;

/** A plain decimal number as `parseCell` accepts it (the fast path; anything else goes through `parseCell`). */
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const PLAIN_INTEGER = /^[+-]?\d+$/;

/** Strings at least this long may be slices of a whole chunk; an interned id is copied so it does not keep the chunk alive. */
const SLICED_MIN = 13;

/** A growing Float64Array whose unset cells are NaN (missing). */
class ValueColumn {
  values = new Float64Array(1024).fill(Number.NaN);
  numeric = 0;
  readonly badRows: number[] = [];
  readonly badCells: string[] = [];
  overflow: { row: number; text: string } | undefined;

  private ensure(k: number): void {
    if (k < this.values.length) return;
    let n = this.values.length * 2;
    while (n <= k) n *= 2;
    const next = new Float64Array(n);
    next.set(this.values);
    next.fill(Number.NaN, this.values.length);
    this.values = next;
  }

  add(k: number, s: string, row: number): void {
    if (PLAIN_NUMBER.test(s)) {
      const v = +s;
      if (Number.isFinite(v)) {
        this.ensure(k);
        this.values[k] = v;
        this.numeric++;
        return;
      }
    }
    const p = parseCell(s);
    if (p.kind === 'number') {
      this.ensure(k);
      this.values[k] = p.value;
      this.numeric++;
    } else if (p.kind === 'text') {
      this.badRows.push(row);
      if (this.badCells.length < MAX_LISTED) this.badCells.push(s);
    } else if (p.kind === 'overflow' && this.overflow === undefined) {
      this.overflow = { row, text: p.text };
    }
  }

  /** The values of the first `n` rows (a view: no copy of a column of millions of rows). */
  take(n: number): Float64Array {
    if (this.values.length < n) this.ensure(n - 1);
    return this.values.length === n ? this.values : this.values.subarray(0, n);
  }
}

function allBlank(fields: readonly string[]): boolean {
  for (const f of fields) if (f.trim() !== '') return false;
  return true;
}

function periodOf(cell: string | null): number | undefined {
  if (cell === null) return undefined;
  if (PLAIN_INTEGER.test(cell)) {
    const v = +cell;
    if (Number.isInteger(v)) return v;
  }
  return parseTime(cell);
}

/** Signals that the streamed reader cannot read this file as the whole-file reader would. */
const FALLBACK = Symbol('fallback');

/** The columns of a long file, built record by record. */
class LongColumns {
  header: string[] | undefined;
  /** Names as the whole-file reader would give them if every column is kept. */
  private names: string[] = [];
  private blank: number[] = [];
  idIdx = -1;
  tIdx = -1;
  /** The id or time column is missing: read on only for the problems that outrank that one. */
  scanOnly = false;
  dataRows = 0;
  width = 0;
  readonly anyValue: boolean[] = [];
  readonly noIdRows: number[] = [];
  readonly noIdCells: (string | null)[] = [];
  readonly badTimeRows: number[] = [];
  readonly badTimeCells: (string | null)[] = [];
  readonly ids: string[] = [];
  readonly times: number[] = [];
  readonly rowNumbers: number[] = [];
  readonly columns: (ValueColumn | undefined)[] = [];
  private readonly interned = new Map<string, string>();

  constructor(private readonly opts: PanelReadOptions) {}

  private intern(id: string): string {
    const hit = this.interned.get(id);
    if (hit !== undefined) return hit;
    const own = id.length >= SLICED_MIN ? (' ' + id).slice(1) : id;
    this.interned.set(own, own);
    return own;
  }

  private setHeader(fields: string[]): void {
    const header = fields.map((f) => f.trim());
    this.header = header;
    this.width = header.length;
    this.names = header.map((h, c) => (h === '' ? `column ${c + 1}` : h));
    this.blank = header.flatMap((h, c) => (h === '' ? [c] : []));
    if (this.opts.format !== 'long' && detectFormat(this.names, this.opts.id, this.opts.time) === 'wide') throw FALLBACK;
    this.idIdx = this.names.indexOf(this.opts.id);
    this.tIdx = this.names.indexOf(this.opts.time);
    this.scanOnly = this.idIdx < 0 || this.tIdx < 0 || this.idIdx === this.tIdx;
  }

  record(fields: string[], row: number): void {
    if (this.header === undefined) {
      if (!allBlank(fields)) this.setHeader(fields);
      return;
    }
    if (allBlank(fields)) return;
    this.dataRows++;
    const n = fields.length;
    if (n > this.width) this.width = n;
    const anyValue = this.anyValue;
    for (const c of this.blank) if (c < n && !anyValue[c] && fields[c].trim() !== '') anyValue[c] = true;
    for (let c = this.header.length; c < n; c++) if (!anyValue[c] && fields[c].trim() !== '') anyValue[c] = true;
    if (this.scanOnly) return;
    const idCell = this.idIdx < n ? fields[this.idIdx] : null;
    const tCell = this.tIdx < n ? fields[this.tIdx] : null;
    const id = idCell === null ? '' : idCell.trim();
    const t = periodOf(tCell);
    if (id === '') {
      this.noIdRows.push(row);
      if (this.noIdCells.length < MAX_LISTED) this.noIdCells.push(idCell);
    }
    if (t === undefined) {
      this.badTimeRows.push(row);
      if (this.badTimeCells.length < MAX_LISTED) this.badTimeCells.push(tCell);
    }
    if (id === '' || t === undefined) return;
    const k = this.ids.length;
    this.ids.push(this.intern(id));
    this.times.push(t);
    this.rowNumbers.push(row);
    const cols = this.columns;
    for (let c = 0; c < n; c++) {
      if (c === this.idIdx || c === this.tIdx) continue;
      let col = cols[c];
      if (col === undefined) cols[c] = col = new ValueColumn();
      col.add(k, fields[c], row);
    }
  }
}

/**
 * Read a long panel CSV in a stream; `null` when the file must go through the whole-file
 * reader instead (it is wide, or its columns can only be told apart once it is read whole).
 *
 * @throws as `readPanelDetailed` for a CSV, with the same codes and sentences; CancelledError.
 */
export async function readPanelStreamed(source: FileSource, opts: PanelReadOptions, control: StreamReadControl = {}): Promise<PanelReadResult | null> {
  const name = sourceName(source);
  let cols = new LongColumns(opts);
  let scan;
  try {
    scan = await scanCsv(
      source,
      () => {
        cols = new LongColumns(opts);
        return (fields, row) => cols.record(fields, row);
      },
      { encoding: opts.encoding, ...control },
    );
  } catch (e) {
    if (e === FALLBACK) return null;
    throw e;
  }
  const raw = cols.header;
  if (raw === undefined) throw new InputError('import-no-header', `${name}: the file has no header row`, { file: name });
  // The whole-file reader's columns: blank headers become `column N`, dropped when no row has a value there.
  const keep: number[] = [];
  const header: string[] = [];
  for (let c = 0; c < cols.width; c++) {
    const h = c < raw.length ? raw[c] : '';
    if (h === '' && !cols.anyValue[c]) continue;
    keep.push(c);
    header.push(h === '' ? `column ${c + 1}` : h);
  }
  assertUniqueColumns(name, header, keep);
  if (opts.format !== 'long' && detectFormat(header, opts.id, opts.time) === 'wide') return null;
  const idPos = header.indexOf(opts.id);
  if (idPos < 0) throw unknownColumn(name, header, 'id', opts.id);
  const tPos = header.indexOf(opts.time);
  if (tPos < 0) throw unknownColumn(name, header, 'time', opts.time);
  if (tPos === idPos) {
    throw new InputError('import-id-time-same-column', `${name}: the id and time columns are both "${opts.id}"`, { file: name, column: opts.id });
  }
  if (keep[idPos] !== cols.idIdx || keep[tPos] !== cols.tIdx) return null;
  assertHasRows(name, header, cols.dataRows);

  const errors: ValidationIssue[] = [];
  if (cols.noIdRows.length) errors.push(cellIssue('missing-id', name, opts.id, cols.noIdRows, cols.noIdCells));
  if (cols.badTimeRows.length) errors.push(cellIssue('bad-time', name, opts.time, cols.badTimeRows, cols.badTimeCells));
  const n = cols.ids.length;
  const variables: string[] = [];
  const values: Record<string, Float64Array> = {};
  const textColumns: { name: string; c: number }[] = [];
  for (let k = 0; k < keep.length; k++) {
    if (k === idPos || k === tPos) continue;
    const c = keep[k];
    const col = cols.columns[c];
    const label = header[k];
    if (col?.overflow) throw numberOverflow(name, label, col.overflow.row, col.overflow.text);
    const bad = col?.badRows.length ?? 0;
    const numeric = col?.numeric ?? 0;
    if (bad === 0) {
      variables.push(label);
      values[label] = col ? col.take(n) : new Float64Array(n).fill(Number.NaN);
    } else if (numeric === 0 || bad > numeric) {
      textColumns.push({ name: label, c });
    } else if (col) {
      errors.push(cellIssue('non-numeric-cell', name, label, col.badRows, col.badCells));
      variables.push(label);
      values[label] = col.take(n);
    }
    cols.columns[c] = undefined;
  }
  const text = textColumns.length ? await readTextColumns(source, opts, control, textColumns, cols.rowNumbers) : undefined;
  const panel: LongPanel = {
    source: name,
    idColumn: opts.id,
    timeColumn: opts.time,
    ids: cols.ids,
    times: cols.times,
    rowNumbers: cols.rowNumbers,
    variables,
    values,
    ...(text ? { text } : {}),
  };
  return { panel, errors, format: 'long', ignoredColumns: [], encoding: scan.encoding };
}

/** A second pass for the text columns: their cells (as `cellText` gives them) on the rows kept. */
async function readTextColumns(
  source: FileSource,
  opts: PanelReadOptions,
  control: StreamReadControl,
  columns: readonly { name: string; c: number }[],
  rowNumbers: readonly number[],
): Promise<Record<string, string[]>> {
  let out: string[][] = [];
  await scanCsv(
    source,
    () => {
      out = columns.map(() => []);
      let p = 0;
      return (fields, row) => {
        if (p >= rowNumbers.length || rowNumbers[p] !== row) return;
        p++;
        columns.forEach(({ c }, j) => out[j].push(cellText(c < fields.length ? fields[c] : null)));
      };
    },
    { encoding: opts.encoding, isCancelled: control.isCancelled, chunkBytes: control.chunkBytes },
  );
  return Object.fromEntries(columns.map(({ name }, j) => [name, out[j]]));
}
