/**
 * Read a panel (long or wide) from CSV or XLSX into a `LongPanel`, with every cell problem
 * reported by file, column and row.
 */
import { InputError } from '../../core/errors';
import type { LongPanel } from '../../core/panel';
import type { ValidationIssue } from '../../core/panel-validate';
import { assertNoDuplicateRows } from '../../core/panel-validate';
import { cellText, parseCell } from './cell-parse';
import { clipForMessage, listForMessage } from './limits';
import type { FileSource } from './file-source';
import { sourceName } from './file-source';
import type { RawCell, RawTable } from './table-reader';
import { readTable } from './table-reader';

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

/** Year column headers of wide files: `1990`, R's `X1990`, `Y1990`, Chinese `1990年`. */
const YEAR_HEADER = /^[XxYy]?(\d{4})年?$/;

/** The year a wide-format header names, or undefined. */
export function yearOfHeader(h: string): number | undefined {
  const m = YEAR_HEADER.exec(h.trim());
  return m ? Number(m[1]) : undefined;
}

/** A period cell: an integer, or a year written `2020年`. */
function parseTime(cell: RawCell): number | undefined {
  const p = parseCell(cell);
  if (p.kind === 'number') return Number.isInteger(p.value) ? p.value : undefined;
  if (p.kind === 'text') {
    const m = /^(\d{4})年$/.exec(p.text);
    if (m) return Number(m[1]);
  }
  return undefined;
}
const MAX_LISTED = 5;

function unknownColumn(table: RawTable, what: string, col: string): InputError {
  return new InputError(
    'import-unknown-column',
    `${table.source}: no ${what} column "${col}" (columns: ${listForMessage(table.header)})`,
    { file: table.source, column: col, available: [...table.header], what, columnList: listForMessage(table.header) },
  );
}

function baseName(file: string): string {
  const dot = file.lastIndexOf('.');
  return dot > 0 ? file.slice(0, dot) : file;
}

function quote(c: RawCell): string {
  return `"${c === null ? '' : clipForMessage(String(c).trim())}"`;
}

/** What a cell issue says of its cells, for one cell and for several. */
const CELL_PROBLEMS = {
  'non-numeric-cell': ['is not a number', 'are not numbers'],
  'missing-id': ['has no id', 'have no id'],
  'bad-time': ['is not an integer period', 'are not integer periods'],
} as const;

/**
 * Turn cell problems collected per column into one issue per column, listing up to 5 cells:
 * `p.csv: column "gsp", row 17: "abc" is not a number`, or for several cells
 * `p.csv: column "gsp", rows 2, 3, 4, 5, 6 and 2 more: "x", "y", "z", "", "w" are not numbers`.
 * `details.count` is the number of cells (the catalogue's plural forms).
 */
function cellIssue(
  code: keyof typeof CELL_PROBLEMS,
  source: string,
  column: string,
  cells: { row: number; cell: RawCell }[],
): ValidationIssue {
  const [one, many] = CELL_PROBLEMS[code];
  const listed = cells.slice(0, MAX_LISTED);
  const moreCount = Math.max(0, cells.length - MAX_LISTED);
  const rowList = listed.map((c) => c.row).join(', ');
  const cellList = listed.map((c) => quote(c.cell)).join(', ');
  const message = cells.length === 1
    ? `${source}: column "${column}", row ${cells[0].row}: ${cellList} ${one}`
    : `${source}: column "${column}", rows ${rowList}${moreCount > 0 ? ` and ${moreCount} more` : ''}: ${cellList} ${many}`;
  return {
    code,
    message,
    details: {
      file: source, column, rows: cells.map((c) => c.row), cells: listed.map((c) => c.cell),
      count: cells.length, row: cells[0].row, cell: quote(cells[0].cell), rowList, cellList, moreCount,
    },
  };
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
  fileColumnOf?: (r: number) => string,
) {
  const variables: string[] = [];
  const values: Record<string, Float64Array> = {};
  const text: Record<string, string[]> = {};
  for (const [name, cells] of cols) {
    const out = new Float64Array(cells.length);
    let numeric = 0;
    const bad: { row: number; cell: RawCell; r: number }[] = [];
    cells.forEach((cell, r) => {
      const p = parseCell(cell);
      if (p.kind === 'overflow') {
        const column = fileColumnOf ? fileColumnOf(r) : name;
        const text = clipForMessage(p.text);
        throw new InputError('import-number-overflow', `${source}: column "${column}", row ${rowNumbers[r]}: "${text}" is too large to be a number`, {
          file: source,
          column,
          row: rowNumbers[r],
          text,
        });
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
        const label = fileColumnOf ? fileColumnOf(b.r) : name;
        const g = groups.get(label);
        if (g) g.push(b);
        else groups.set(label, [b]);
      }
      for (const [label, g] of groups) errors.push(cellIssue('non-numeric-cell', source, label, g));
      variables.push(name);
      values[name] = out;
    }
  }
  return { variables, values, text };
}

function readLong(table: RawTable, opts: PanelReadOptions): Columnar {
  const idIdx = table.header.indexOf(opts.id);
  if (idIdx < 0) throw unknownColumn(table, 'id', opts.id);
  const tIdx = table.header.indexOf(opts.time);
  if (tIdx < 0) throw unknownColumn(table, 'time', opts.time);
  if (tIdx === idIdx) {
    throw new InputError('import-id-time-same-column', `${table.source}: the id and time columns are both "${opts.id}"`, { file: table.source, column: opts.id });
  }
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
  if (noId.length) errors.push(cellIssue('missing-id', table.source, opts.id, noId));
  if (badTime.length) errors.push(cellIssue('bad-time', table.source, opts.time, badTime));
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

function readWide(table: RawTable, opts: PanelReadOptions, valueName: string): Columnar & { ignored: string[] } {
  const idIdx = table.header.indexOf(opts.id);
  if (idIdx < 0) throw unknownColumn(table, 'id', opts.id);
  const yearCols = table.header
    .map((h, c) => ({ h, c, year: yearOfHeader(h) }))
    .filter((x): x is { h: string; c: number; year: number } => x.c !== idIdx && x.year !== undefined);
  const seenYears = new Map<number, string>();
  for (const y of yearCols) {
    const prev = seenYears.get(y.year);
    if (prev !== undefined) {
      throw new InputError('import-duplicate-year-column', `${table.source}: columns "${prev}" and "${y.h}" are both the year ${y.year}`, {
        file: table.source,
        columns: [prev, y.h],
        first: prev,
        second: y.h,
        year: y.year,
      });
    }
    seenYears.set(y.year, y.h);
  }
  if (yearCols.length === 0) {
    throw new InputError(
      'import-no-year-columns',
      `${table.source}: wide format needs columns named by 4-digit years; none found (columns: ${listForMessage(table.header)})`,
      { file: table.source, available: [...table.header], columnList: listForMessage(table.header) },
    );
  }
  const ignored = table.header.filter((h, c) => c !== idIdx && yearOfHeader(h) === undefined);
  const errors: ValidationIssue[] = [];
  const noId: { row: number; cell: RawCell }[] = [];
  const ids: string[] = [];
  const times: number[] = [];
  const rowNumbers: number[] = [];
  const cells: RawCell[] = [];
  table.rows.forEach((row, r) => {
    const id = cellText(row[idIdx]);
    if (id === '') {
      noId.push({ row: table.rowNumbers[r], cell: row[idIdx] });
      return;
    }
    for (const { c, year } of yearCols) {
      ids.push(id);
      times.push(year);
      rowNumbers.push(table.rowNumbers[r]);
      cells.push(row[c] ?? null);
    }
  });
  if (noId.length) errors.push(cellIssue('missing-id', table.source, opts.id, noId));
  return { ids, times, rowNumbers, columns: new Map([[valueName, cells]]), errors, ignored };
}

/**
 * Read a panel and collect cell problems instead of throwing on them (for import previews).
 *
 * Long format: one row per (id, time) — periods are integers (or years written `2020年`);
 * every other column is a variable — numeric when all
 * its non-missing cells are numbers, text when none is (or most are not). Wide format: the
 * id column plus columns whose headers are years (`1990`, `X1990`, `1990年`), which become the periods of one
 * variable `valueName`; other columns are listed in `ignoredColumns`.
 *
 * @throws InputError `file-not-found`, `unsupported-format`, `import-id-time-same-column` (listing the
 *   available columns), `unknown-sheet`, `empty-file`, `import-duplicate-year-column`.
 */
export async function readPanelDetailed(source: FileSource, opts: PanelReadOptions): Promise<PanelReadResult> {
  const table = await readTable(source, { sheet: opts.sheet, encoding: opts.encoding });
  let format: 'long' | 'wide';
  if (opts.format === 'long' || opts.format === 'wide') format = opts.format;
  else {
    const hasTime = table.header.includes(opts.time);
    format = !hasTime && table.header.some((h) => h !== opts.id && yearOfHeader(h) !== undefined) ? 'wide' : 'long';
  }
  const valueName = opts.valueName ?? baseName(sourceName(source));
  let col: Columnar;
  let ignored: string[] = [];
  if (format === 'long') col = readLong(table, opts);
  else {
    const w = readWide(table, opts, valueName);
    col = w;
    ignored = w.ignored;
  }
  const times = col.times;
  const headerOfYear = new Map(table.header.map((h) => [yearOfHeader(h), h] as const));
  const fileColumnOf = format === 'wide' ? (r: number) => headerOfYear.get(times[r]) ?? String(times[r]) : undefined;
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
