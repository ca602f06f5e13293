/**
 * Read a panel (long or wide) from CSV or XLSX into a `LongPanel`, with every cell problem
 * reported by file, column and row.
 */
import { InputError } from '../../core/errors';
import type { LongPanel } from '../../core/panel';
import type { ValidationIssue } from '../../core/panel-validate';
import { assertNoDuplicateRows } from '../../core/panel-validate';
import { cellText, parseCell, plainNumberCell } from './cell-parse';
import { listForMessage } from './limits';
import { assertHasRows, cellIssue, MAX_LISTED, numberOverflow, parseTime, unknownColumn, type CellProblem } from './panel-issues';
import type { FileSource } from './file-source';
import { sourceExtension, sourceName, sourceSize } from './file-source';
import { readPanelStreamed, type StreamReadControl } from './panel-stream';
import type { RawCell, RawTable } from './table-reader';
import { readTable } from './table-reader';
import { detectFormat, parseWideHeader } from './panel-format';

export { detectFormat, parseWideHeader, yearOfHeader, type WideHeader } from './panel-format';

export type { FileSource } from './file-source';

/** How to read a panel file. */
export interface PanelReadOptions {
  /** Column holding the region ids. */
  id: string;
  /** Long format: the period column. Wide format: the name given to the period. */
  time: string;
  /** `auto` (default): wide when `time` is not a column and some headers are 4-digit years. */
  format?: 'long' | 'wide' | 'auto';
  /** Wide format: the variable's name (default: the file's base name). */
  valueName?: string;
  /** XLSX: sheet name (default: the first sheet). */
  sheet?: string;
  /** Force a text encoding for CSV (default: detected). */
  encoding?: string;
  /**
   * CSV: read in a stream (`panel-stream.ts`) — `auto` (default) for files of at least
   * `STREAM_MIN_BYTES`, `always`, or `never`. Both paths give the same result; wide files are
   * always read whole.
   */
  stream?: 'auto' | 'always' | 'never';
}

/** CSV files at least this large (4 MiB) are read in a stream, not whole. */
export const STREAM_MIN_BYTES = 4 * 1024 * 1024;

/** True when `readPanelDetailed` will read this file in a stream (a long or `auto` CSV over the threshold). */
export async function panelReadStreams(source: FileSource, opts: PanelReadOptions): Promise<boolean> {
  const ext = sourceExtension(source);
  if ((ext !== 'csv' && ext !== 'txt' && ext !== 'tsv') || opts.format === 'wide' || opts.stream === 'never') return false;
  const size = await sourceSize(source);
  return size !== undefined && (opts.stream === 'always' || size >= STREAM_MIN_BYTES);
}

/** A panel with the cell problems found while reading it (rows with a bad id or time are left out). */
export interface PanelReadResult {
  readonly panel: LongPanel;
  /** Cell errors: `non-numeric-cell`, `bad-time`, `missing-id`. Duplicates are not included. */
  readonly errors: readonly ValidationIssue[];
  /** The layout that was read. */
  readonly format: 'long' | 'wide';
  /** Columns not used (wide format: columns that are neither the id nor a year). */
  readonly ignoredColumns: readonly string[];
  readonly encoding?: string;
}

function baseName(file: string): string {
  const dot = file.lastIndexOf('.');
  return dot > 0 ? file.slice(0, dot) : file;
}

/** A cell issue from collected cells. */
function issueOf(code: CellProblem, source: string, column: string, cells: { row: number; cell: RawCell }[]): ValidationIssue {
  return cellIssue(code, source, column, cells.map((c) => c.row), cells.slice(0, MAX_LISTED).map((c) => c.cell));
}

interface Columnar {
  ids: string[];
  times: number[];
  rowNumbers: number[];
  /** Raw cells per value column, aligned with rows. */
  columns: Map<string, RawCell[]>;
  errors: ValidationIssue[];
}

function classifyColumns(
  source: string,
  cols: Map<string, RawCell[]>,
  rowNumbers: readonly number[],
  errors: ValidationIssue[],
  fileColumnOf?: (name: string, r: number) => string,
) {
  const variables: string[] = [];
  const values: Record<string, Float64Array> = {};
  const text: Record<string, string[]> = {};
  for (const [name, cells] of cols) {
    const out = new Float64Array(cells.length);
    let numeric = 0;
    const bad: { row: number; cell: RawCell; r: number }[] = [];
    cells.forEach((cell, r) => {
      const v = plainNumberCell(cell);
      if (v === v) { out[r] = v; numeric++; return; }
      const p = parseCell(cell);
      if (p.kind === 'overflow') {
        throw numberOverflow(source, fileColumnOf ? fileColumnOf(name, r) : name, rowNumbers[r], p.text);
      }
      if (p.kind === 'number') {
        out[r] = p.value;
        numeric++;
      } else {
        out[r] = Number.NaN;
        if (p.kind === 'text') bad.push({ row: rowNumbers[r], cell, r });
      }
    });
    if (bad.length === 0) {
      variables.push(name);
      values[name] = out;
    } else if (numeric === 0 || bad.length > numeric) {
      text[name] = cells.map(cellText);
    } else {
      // Group by the file's column (in wide format each year is its own column).
      const groups = new Map<string, { row: number; cell: RawCell }[]>();
      for (const b of bad) {
        const label = fileColumnOf ? fileColumnOf(name, b.r) : name;
        const g = groups.get(label);
        if (g) g.push(b);
        else groups.set(label, [b]);
      }
      for (const [label, g] of groups) errors.push(issueOf('non-numeric-cell', source, label, g));
      variables.push(name);
      values[name] = out;
    }
  }
  return { variables, values, text };
}

function readLong(table: RawTable, opts: PanelReadOptions): Columnar {
  const idIdx = table.header.indexOf(opts.id);
  if (idIdx < 0) throw unknownColumn(table.source, table.header, 'id', opts.id);
  const tIdx = table.header.indexOf(opts.time);
  if (tIdx < 0) throw unknownColumn(table.source, table.header, 'time', opts.time);
  if (tIdx === idIdx) {
    throw new InputError('import-id-time-same-column', `${table.source}: the id and time columns are both "${opts.id}"`, { file: table.source, column: opts.id });
  }
  assertHasRows(table.source, table.header, table.rows.length);
  const errors: ValidationIssue[] = [];
  const badTime: { row: number; cell: RawCell }[] = [];
  const noId: { row: number; cell: RawCell }[] = [];
  const keepRows: number[] = [];
  const ids: string[] = [];
  const times: number[] = [];
  const rowNumbers: number[] = [];
  table.rows.forEach((row, r) => {
    const id = cellText(row[idIdx]);
    const t = parseTime(row[tIdx]);
    let ok = true;
    if (id === '') {
      noId.push({ row: table.rowNumbers[r], cell: row[idIdx] });
      ok = false;
    }
    if (t === undefined) {
      badTime.push({ row: table.rowNumbers[r], cell: row[tIdx] });
      ok = false;
    }
    if (!ok) return;
    keepRows.push(r);
    ids.push(id);
    times.push(t as number);
    rowNumbers.push(table.rowNumbers[r]);
  });
  if (noId.length) errors.push(issueOf('missing-id', table.source, opts.id, noId));
  if (badTime.length) errors.push(issueOf('bad-time', table.source, opts.time, badTime));
  const columns = new Map<string, RawCell[]>();
  table.header.forEach((h, c) => {
    if (c === idIdx || c === tIdx) return;
    columns.set(
      h,
      keepRows.map((r) => table.rows[r][c] ?? null),
    );
  });
  return { ids, times, rowNumbers, columns, errors };
}

/** The wide file's year columns grouped by variable: variable → year → column index. */
interface WideLayout {
  readonly byVariable: Map<string, Map<number, number>>;
  readonly ignored: string[];
  /** variable → year → header, for messages. */
  readonly headers: Map<string, Map<number, string>>;
}

function wideLayout(table: RawTable, idIdx: number, valueName: string, explicitName: boolean): WideLayout {
  const parsed = table.header.map((h, c) => ({ h, c, w: c === idIdx ? undefined : parseWideHeader(h) }));
  const stems = [...new Set(parsed.flatMap((p) => (p.w ? [p.w.stem] : [])))];
  // One variable: the name asked for, else its stem, else the file's name.
  const nameOf = (stem: string) => (stem === '' || (stems.length === 1 && explicitName) ? valueName : stem);
  const byVariable = new Map<string, Map<number, number>>();
  const headers = new Map<string, Map<number, string>>();
  for (const { h, c, w } of parsed) {
    if (!w) continue;
    const v = nameOf(w.stem);
    let cols = byVariable.get(v);
    let heads = headers.get(v);
    if (!cols || !heads) {
      byVariable.set(v, (cols = new Map()));
      headers.set(v, (heads = new Map()));
    }
    const prev = heads.get(w.year);
    if (prev !== undefined) {
      throw new InputError('import-duplicate-year-column', `${table.source}: columns "${prev}" and "${h}" are both the year ${w.year}`, {
        file: table.source,
        columns: [prev, h],
        first: prev,
        second: h,
        year: w.year,
      });
    }
    cols.set(w.year, c);
    heads.set(w.year, h);
  }
  const ignored = parsed.filter((p) => p.c !== idIdx && !p.w).map((p) => p.h);
  return { byVariable, ignored, headers };
}

function readWide(table: RawTable, opts: PanelReadOptions, valueName: string): Columnar & { ignored: string[]; headers: Map<string, Map<number, string>> } {
  const idIdx = table.header.indexOf(opts.id);
  if (idIdx < 0) throw unknownColumn(table.source, table.header, 'id', opts.id);
  assertHasRows(table.source, table.header, table.rows.length);
  const { byVariable, ignored, headers } = wideLayout(table, idIdx, valueName, opts.valueName !== undefined);
  if (byVariable.size === 0) {
    throw new InputError(
      'import-no-year-columns',
      `${table.source}: wide format needs columns named by 4-digit years (1990, gdp1990, GDP_1990, 1990年, 1990年GDP); none found (columns: ${listForMessage(table.header)})`,
      { file: table.source, available: [...table.header], columnList: listForMessage(table.header) },
    );
  }
  const years = [...new Set([...byVariable.values()].flatMap((m) => [...m.keys()]))].sort((a, b) => a - b);
  const errors: ValidationIssue[] = [];
  const noId: { row: number; cell: RawCell }[] = [];
  const ids: string[] = [];
  const times: number[] = [];
  const rowNumbers: number[] = [];
  const columns = new Map<string, RawCell[]>([...byVariable.keys()].map((v) => [v, []]));
  table.rows.forEach((row, r) => {
    const id = cellText(row[idIdx]);
    if (id === '') {
      noId.push({ row: table.rowNumbers[r], cell: row[idIdx] });
      return;
    }
    for (const year of years) {
      ids.push(id);
      times.push(year);
      rowNumbers.push(table.rowNumbers[r]);
      for (const [v, cols] of byVariable) {
        const c = cols.get(year);
        (columns.get(v) as RawCell[]).push(c === undefined ? null : (row[c] ?? null));
      }
    }
  });
  if (noId.length) errors.push(issueOf('missing-id', table.source, opts.id, noId));
  return { ids, times, rowNumbers, columns, errors, ignored, headers };
}

/**
 * Read a panel and collect cell problems instead of throwing on them (for import previews).
 * A long CSV of `STREAM_MIN_BYTES` or more is read in a stream (`readPanelStreamed`, with
 * `control`'s progress in bytes and its cancel), with the same result.
 *
 * Long format: one row per (id, time) — periods are integers (or years written `2020年`);
 * every other column is a variable — numeric when all
 * its non-missing cells are numbers, text when none is (or most are not). Wide format: the
 * id column plus columns whose headers name years (`parseWideHeader`): bare years (`1990`,
 * `X1990`, `1990年`) are the periods of one variable `valueName`; prefix/suffix headers
 * (`pcgdp1940`, `GDP_2010`, `2010年GDP`) are periods of the variable their stem names, so one
 * file can hold several variables (a single stem takes `valueName` when one is given); other
 * columns are listed in `ignoredColumns`.
 *
 * @throws InputError `file-not-found`, `unsupported-format`, `import-id-time-same-column` (listing the
 *   available columns), `unknown-sheet`, `empty-file`, `import-no-data-rows` (a header and no rows),
 *   `import-duplicate-year-column`, `import-no-year-columns`, `import-not-text-table`;
 *   CancelledError (streamed reads only).
 */
export async function readPanelDetailed(source: FileSource, opts: PanelReadOptions, control: StreamReadControl = {}): Promise<PanelReadResult> {
  if (await panelReadStreams(source, opts)) {
    const streamed = await readPanelStreamed(source, opts, control);
    if (streamed) return streamed;
  }
  const table = await readTable(source, { sheet: opts.sheet, encoding: opts.encoding });
  let format: 'long' | 'wide';
  if (opts.format === 'long' || opts.format === 'wide') format = opts.format;
  else format = detectFormat(table.header, opts.id, opts.time);
  const valueName = opts.valueName ?? baseName(sourceName(source));
  let col: Columnar;
  let ignored: string[] = [];
  let fileColumnOf: ((name: string, r: number) => string) | undefined;
  if (format === 'long') col = readLong(table, opts);
  else {
    const w = readWide(table, opts, valueName);
    col = w;
    ignored = w.ignored;
    fileColumnOf = (name, r) => w.headers.get(name)?.get(w.times[r]) ?? String(w.times[r]);
  }
  const { variables, values, text } = classifyColumns(table.source, col.columns, col.rowNumbers, col.errors, fileColumnOf);
  const panel: LongPanel = {
    source: table.source,
    idColumn: opts.id,
    timeColumn: opts.time,
    ids: col.ids,
    times: col.times,
    rowNumbers: col.rowNumbers,
    variables,
    values,
    ...(Object.keys(text).length ? { text } : {}),
  };
  return { panel, errors: col.errors, format, ignoredColumns: ignored, encoding: table.encoding };
}

/**
 * Read a panel file (CSV or XLSX, long or wide) into a `LongPanel`.
 *
 * @throws InputError with the first problem: `file-not-found`, `unsupported-format`,
 *   `import-id-time-same-column` (lists available columns), `non-numeric-cell`
 *   (`produc.csv: column "gsp", row 17: "abc" is not a number`, up to 5 cells listed),
 *   `bad-time` (row named), `missing-id`, `duplicate-row`
 *   (`produc.csv: duplicate (Alabama, 1970) at rows 2 and 819`).
 */
export async function readPanel(source: FileSource, opts: PanelReadOptions): Promise<LongPanel> {
  const res = await readPanelDetailed(source, opts);
  if (res.errors.length) {
    const e = res.errors[0];
    throw new InputError(e.code, e.message, { ...e.details });
  }
  assertNoDuplicateRows(res.panel);
  return res.panel;
}
