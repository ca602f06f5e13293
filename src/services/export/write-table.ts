/**
 * Write a regression table to a file whose extension picks the format:
 * `.csv`, `.xlsx`, `.tex`, `.docx`, `.html`/`.htm`.
 */
import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { InputError } from '../../core/errors';
import type { RegressionTable } from '../../report/regression-table';
import { tableToCsv, tableToHtml, tableToLatex } from './table-text';

/** File formats a table can be exported to. */
export type TableFormat = 'csv' | 'xlsx' | 'tex' | 'docx' | 'html';

/** MIME type of each table format (the downloads of the Regression and ESDA tables). */
export const TABLE_MIME: Readonly<Record<TableFormat, string>> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  tex: 'application/x-tex',
  csv: 'text/csv',
  html: 'text/html',
};

/**
 * The format for a file name, from its extension (case-insensitive).
 * @throws InputError `export-unsupported-format` for any other extension, naming the file.
 */
export function tableFormatOf(path: string): TableFormat {
  const ext = extname(path).toLowerCase().slice(1);
  if (ext === 'htm') return 'html';
  if (ext === 'csv' || ext === 'xlsx' || ext === 'tex' || ext === 'docx' || ext === 'html') return ext;
  throw new InputError('export-unsupported-format', `Cannot export a table to "${path}": use a .docx, .xlsx, .tex, .csv or .html file name.`, { path });
}

/** The bytes of the table in `format`. */
export async function renderTable(t: RegressionTable, format: TableFormat): Promise<Uint8Array> {
  switch (format) {
    case 'csv': return new TextEncoder().encode(tableToCsv(t));
    case 'tex': return new TextEncoder().encode(tableToLatex(t));
    case 'html': return new TextEncoder().encode(tableToHtml(t, { document: true }));
    // exceljs and docx are large: loaded only when a workbook or document is asked for.
    case 'xlsx': return (await import('./table-xlsx')).tableToXlsx(t);
    case 'docx': return (await import('./table-docx')).tableToDocx(t);
  }
}

/**
 * Export `t` to `path` in the format named by its extension; returns the format written.
 * @throws InputError `export-unsupported-format` (see `tableFormatOf`); `export-write-failed` when the file
 *   cannot be written (naming the path and the system's reason).
 */
export async function writeTable(t: RegressionTable, path: string): Promise<TableFormat> {
  const format = tableFormatOf(path);
  const bytes = await renderTable(t, format);
  try {
    await writeFile(path, bytes);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new InputError('export-write-failed', `Cannot write the table to "${path}": ${reason}`, { path, reason });
  }
  return format;
}
