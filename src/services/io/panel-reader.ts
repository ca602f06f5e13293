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

/** Years a wide-format header may name: 1800–2199 (so codes such as `inegi2` or `id1234x` are not years). */
const MIN_YEAR = 1800;
const MAX_YEAR = 2199;

/** Prefixes that only mark a bare year: R's `X1990` (check.names), Stata's `y1990`. */
const BARE_PREFIXES = new Set(['x', 'y']);

/** A wide-format header: the year it names and the variable around it (`''` for a bare year). */
export interface WideHeader {
  readonly year: number;
  readonly stem: string;
}

/**
 * The year and variable stem of a wide-format header, or undefined when it names no year:
 * bare years `1990`, `X1990`, `1990年`; prefix + year `pcgdp1940`, `GDP_2010`, `gdp-2010`;
 * year + suffix `2010年GDP`, `2010_gdp`. The year is 4 digits (1800–2199) not touching other
 * digits; a header with text on both sides of the year (`gdp2010real`) is not a year column.
 */
export function parseWideHeader(h: string): WideHeader | undefined {
  const m = /^(.*?)(\d{4})(.*)$/su.exec(h.trim());
  if (!m) return undefined;
  const [, before, digits, after] = m;
  if (/\d$/.test(before) || /^\d/.test(after)) return undefined;
  const year = Number(digits);
  if (year < MIN_YEAR || year > MAX_YEAR) return undefined;
  const prefix = before.replace(/[\s_\-.]+$/u, '');
  const suffix = after.replace(/^年/u, '').replace(/^[\s_\-.]+/u, '');
  if (prefix !== '' && suffix !== '') return undefined;
  // `1990-2000`, `1990_`: a range or a dangling separator, not a year column.
  if (/\d$/.test(prefix) || /^\d/.test(suffix)) return undefined;
  if (prefix === '' && suffix === '' && after !== '' && after !== '年') return undefined;
  const stem = BARE_PREFIXES.has(prefix.toLowerCase()) ? '' : prefix || suffix;
  return { year, stem };
}

/** The year a wide-format header names, or undefined (see `parseWideHeader`). */
export function yearOfHeader(h: string): number | undefined {
  return parseWideHeader(h)?.year;
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

/** @throws InputError `import-no-data-rows` when the table has a header and no rows. */
function assertHasRows(table: RawTable): void {
  if (table.rows.length > 0) return;
  throw new InputError('import-no-data-rows', `${table.source} has a header row but no data rows: there is nothing to import`, {
    file: table.source,
    columnList: listForMessage(table.header),
  });
}

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
      const p = parseCell(cell);
      if (p.kind === 'overflow') {
        const column = fileColumnOf ? fileColumnOf(name, r) : name;
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
        const label = fileColumnOf ? fileColumnOf(name, b.r) : name;
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
  assertHasRows(table);
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
  if (idIdx < 0) throw unknownColumn(table, 'id', opts.id);
  assertHasRows(table);
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
  if (noId.length) errors.push(cellIssue('missing-id', table.source, opts.id, noId));
  return { ids, times, rowNumbers, columns, errors, ignored, headers };
}

/**
 * The layout `auto` reads: wide when `time` is not a column and some other header names a year
 * (`parseWideHeader`), else long.
 */
export function detectFormat(header: readonly string[], id: string, time: string): 'long' | 'wide' {
  if (header.includes(time)) return 'long';
  return header.some((h) => h !== id && parseWideHeader(h) !== undefined) ? 'wide' : 'long';
}

/**
 * Read a panel and collect cell problems instead of throwing on them (for import previews).
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
 *   `import-duplicate-year-column`, `import-no-year-columns`, `import-not-text-table`.
 */
export async function readPanelDetailed(source: FileSource, opts: PanelReadOptions): Promise<PanelReadResult> {
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
