/**
 * Read a CSV or XLSX file into a raw table: header names and rows of cells with their file
 * row numbers. Interpretation (long/wide, numbers) happens in `panel-reader`.
 */
import type ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { InputError } from '../../core/errors';
import { decodeUtf8 } from './utf8-text';
import { assertTextTable } from './sniff';
import type { FileSource } from './file-source';
import { readSourceBytes, readSourceHead, sourceExtension, sourceName, toArrayBuffer } from './file-source';
import { clipForMessage, listForMessage, MAX_COLUMNS, MAX_LINE_CHARS } from './limits';

/** One cell as read: text (CSV), number or text (XLSX), or null when empty. */
export type RawCell = string | number | null;

/** A table as read from a file. */
export interface RawTable {
  /** File name, for messages. */
  readonly source: string;
  /** Header names (trimmed); blank headers become `column N`. */
  readonly header: readonly string[];
  readonly rows: readonly (readonly RawCell[])[];
  /** 1-based row number in the file (header = its own row number, normally 1). */
  readonly rowNumbers: readonly number[];
  /** Text encoding used (CSV only). */
  readonly encoding?: string;
  /** XLSX: the workbook's sheets, in order. */
  readonly sheets?: readonly string[];
}

/**
 * Read a table from CSV (delimiter detected; BOM, UTF-8, else GB18030/GBK) or XLSX (first
 * sheet, or `sheet` by name).
 *
 * @throws InputError `file-not-found`, `unsupported-format` (e.g. `.xls`), `unknown-sheet`
 *   (listing the sheets), `import-no-header` / `import-sheet-no-header`, `import-duplicate-column`,
 *   `import-not-text-table` (a binary file named .csv), `import-not-xlsx*` (an .xlsx that is not a zip),
 *   `import-bad-xlsx` / `import-bad-xlsx-content` (a damaged workbook);
 *   `import-bad-encoding*` (bytes invalid in the encoding, row named), `import-csv-*-quote`
 *   (Papa Parse's quoting errors, row named), `import-line-too-long`, `import-too-many-columns`,
 *   `import-zip-*` (an .xlsx over `MAX_UNZIPPED_BYTES` or `MAX_COMPRESSION_RATIO`).
 */
export async function readTable(src: FileSource, opts: { sheet?: string; encoding?: string } = {}): Promise<RawTable> {
  const name = sourceName(src);
  const ext = sourceExtension(src);
  if (ext === 'csv' || ext === 'txt' || ext === 'tsv') {
    const bytes = await readSourceBytes(src);
    assertTextTable(name, bytes);
    return await readCsv(name, bytes, opts.encoding);
  }
  if (ext === 'xlsx') return readXlsx(name, await readSourceBytes(src), opts.sheet);
  throw new InputError(
    ext === 'xls' ? 'import-unsupported-panel-format-xls' : 'import-unsupported-panel-format',
    `${name}: unsupported panel format ".${ext}" (use .csv or .xlsx${ext === 'xls' ? '; save the .xls as .xlsx first' : ''})`,
    { file: name, extension: ext },
  );
}

function finishTable(source: string, headerCells: readonly RawCell[], rows: RawCell[][], rowNumbers: number[], encoding?: string): RawTable {
  let width = headerCells.length;
  for (const r of rows) width = Math.max(width, r.length);
  const header: string[] = [];
  const keep: number[] = [];
  for (let c = 0; c < width; c++) {
    const h = headerCells[c] === null || headerCells[c] === undefined ? '' : String(headerCells[c]).trim();
    const anyValue = rows.some((r) => r[c] !== null && r[c] !== undefined && String(r[c]).trim() !== '');
    if (h === '' && !anyValue) continue; // trailing separators
    header.push(h === '' ? `column ${c + 1}` : h);
    keep.push(c);
  }
  assertUniqueColumns(source, header, keep);
  // every column kept and every row full (the usual CSV): the rows as they are, not copied
  const whole = keep.length === width && rows.every((r) => r.length === width && !r.includes(undefined as unknown as RawCell));
  const outRows = whole ? rows : rows.map((r) => keep.map((c) => (r[c] === undefined ? null : r[c])));
  return { source, header, rows: outRows, rowNumbers, encoding };
}

/**
 * Every column name once: `header[k]` is the file's column `keep[k] + 1`.
 *
 * @throws InputError `import-duplicate-column` naming both columns.
 */
export function assertUniqueColumns(source: string, header: readonly string[], keep: readonly number[]): void {
  const seen = new Map<string, number>();
  header.forEach((h, k) => {
    const prev = seen.get(h);
    if (prev !== undefined) {
      throw new InputError('import-duplicate-column', `${source}: column "${clipForMessage(h)}" appears twice (columns ${prev + 1} and ${keep[k] + 1})`, {
        file: source,
        column: clipForMessage(h),
        first: prev + 1,
        second: keep[k] + 1,
      });
    }
    seen.set(h, keep[k]);
  });
}

/** @throws InputError `import-line-too-long` naming the first line longer than `MAX_LINE_CHARS`. */
function checkLineLengths(name: string, text: string): void {
  let start = 0;
  let row = 1;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    if (end - start > MAX_LINE_CHARS) {
      throw new InputError('import-line-too-long', `${name}: row ${row} is longer than ${MAX_LINE_CHARS} characters, the limit`, {
        file: name,
        row,
        limit: MAX_LINE_CHARS,
      });
    }
    if (nl < 0) return;
    start = nl + 1;
    row++;
  }
}

/** @throws InputError `import-too-many-columns` naming the row. */
function checkColumnCount(name: string, count: number, row: number): void {
  if (count > MAX_COLUMNS) {
    throw new InputError('import-too-many-columns', `${name}: row ${row} has ${count} columns, more than the limit of ${MAX_COLUMNS}`, {
      file: name,
      row,
      columns: count,
      limit: MAX_COLUMNS,
    });
  }
}

/**
 * The first quoting error Papa Parse reports, as a sentence with its row (1-based data row,
 * as `rowNumbers` counts).
 *
 * @throws InputError `import-csv-unclosed-quote`, `import-csv-bad-quote`.
 */
function checkParseErrors(name: string, errors: readonly Papa.ParseError[]): void {
  for (const e of errors) {
    if (e.type !== 'Quotes') continue;
    const row = (e.row ?? 0) + 1;
    if (e.code === 'MissingQuotes') {
      throw new InputError('import-csv-unclosed-quote', `${name}: row ${row} opens a quoted field that is never closed`, { file: name, row });
    }
    throw new InputError('import-csv-bad-quote', `${name}: row ${row} has a quote inside a quoted field that is not doubled ("")`, { file: name, row });
  }
}

/**
 * The first rows of a CSV, for the Import dialog's column lists: at most `maxBytes` are read
 * (cut at the last line break), so a 200 MB file is not parsed to show its header.
 *
 * @throws as `readTable` for a CSV.
 */
export async function readCsvHead(src: FileSource, maxBytes = 256 * 1024, encoding?: string): Promise<RawTable> {
  const name = sourceName(src);
  let bytes = await readSourceHead(src, maxBytes);
  assertTextTable(name, bytes);
  if (bytes.length >= maxBytes) {
    const nl = bytes.lastIndexOf(0x0a);
    if (nl > 0) bytes = bytes.subarray(0, nl + 1);
  }
  return readCsv(name, bytes, encoding);
}

async function readCsv(name: string, bytes: Uint8Array, encoding?: string): Promise<RawTable> {
  // iconv-lite (behind decodeText) loads only for files that are not UTF-8.
  const { text, encoding: used } = decodeUtf8(bytes, encoding) ?? (await import('./decode-text')).decodeText(bytes, encoding, name);
  checkLineLengths(name, text);
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false, dynamicTyping: false });
  checkParseErrors(name, parsed.errors);
  const data = parsed.data;
  data.forEach((r, i) => checkColumnCount(name, r.length, i + 1));
  let h = 0;
  while (h < data.length && data[h].every((c) => c.trim() === '')) h++;
  if (h >= data.length) throw new InputError('import-no-header', `${name}: the file has no header row`, { file: name });
  const rows: RawCell[][] = [];
  const rowNumbers: number[] = [];
  for (let i = h + 1; i < data.length; i++) {
    if (data[i].every((c) => c.trim() === '')) continue;
    rows.push(data[i]);
    rowNumbers.push(i + 1);
  }
  return finishTable(name, data[h], rows, rowNumbers, used);
}

function excelCell(v: ExcelJS.CellValue): RawCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('formula' in v || 'sharedFormula' in v) {
      const r = (v as ExcelJS.CellFormulaValue).result;
      if (r === undefined || r === null) return null;
      if (typeof r === 'object' && 'error' in r) return String(r.error);
      return excelCell(r as ExcelJS.CellValue);
    }
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('error' in v) return String(v.error);
  }
  return String(v);
}

async function readXlsx(name: string, bytes: Uint8Array, sheet?: string): Promise<RawTable> {
  // exceljs is loaded only for workbooks: CSV reads (every `rwb describe`) skip its start-up cost.
  // The zip's declared sizes are checked, and every member inflated under that bound, before
  // exceljs (which inflates without limit) sees the bytes.
  const { inflateEntry, openZip } = await import('./zip-guard');
  const zip = await openZip(name, bytes, 'import-bad-xlsx');
  for (const entry of Object.values(zip.files)) if (!entry.dir) await inflateEntry(name, entry);
  const { default: excel } = await import('exceljs');
  const wb = new excel.Workbook();
  try {
    await wb.xlsx.load(toArrayBuffer(bytes));
  } catch {
    // exceljs's own message names its internals; the user needs to know the workbook is damaged.
    throw new InputError('import-bad-xlsx-content', `${name} is a damaged .xlsx workbook: its sheets cannot be read`, { file: name });
  }
  const ws = sheet === undefined ? wb.worksheets[0] : wb.getWorksheet(sheet);
  if (!ws) {
    const names = wb.worksheets.map((w) => w.name);
    throw new InputError(
      sheet === undefined ? 'import-no-sheets' : 'import-unknown-sheet',
      sheet === undefined ? `${name}: the workbook has no sheets` : `${name}: no sheet "${sheet}" (sheets: ${listForMessage(names)})`,
      { file: name, sheet, sheets: names, sheetList: listForMessage(names) },
    );
  }
  const all: { n: number; cells: RawCell[] }[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: RawCell[] = [];
    const count = row.cellCount;
    checkColumnCount(name, count, rowNumber);
    for (let c = 1; c <= count; c++) cells.push(excelCell(row.getCell(c).value));
    if (cells.some((c) => c !== null && String(c).trim() !== '')) all.push({ n: rowNumber, cells });
  });
  if (all.length === 0) throw new InputError('import-sheet-no-header', `${name}: sheet "${ws.name}" has no header row`, { file: name, sheet: ws.name });
  const [head, ...rest] = all;
  const table = finishTable(
    name,
    head.cells,
    rest.map((r) => r.cells),
    rest.map((r) => r.n),
  );
  return { ...table, sheets: wb.worksheets.map((w) => w.name) };
}
