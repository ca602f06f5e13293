/**
 * XLSX export of a regression table (exceljs). Numbers stay numbers: estimates carry their
 * stars through the number format (`0.000"***"`), SEs/t through `"("0.000")"`, N through `0`,
 * so the sheet can be recomputed or re-rounded in Excel/WPS while printing the same text as
 * every other export. Three-line layout: medium rules above and below, thin rule under the
 * heading and above the footer rows; bold heading, Times New Roman. Text cells starting with
 * `=`, `+`, `-`, `@`, tab or CR get a leading `'` (formula injection, as in the CSV export).
 */
import ExcelJS from 'exceljs';
import { type RegressionTable, type TableCell } from '../../report/regression-table';
import { neutraliseCell } from './neutralise';

function decimals(d: number): string {
  return d > 0 ? `0.${'0'.repeat(d)}` : '0';
}

/** Excel number format of an estimate cell: the number, then the stars as a literal. */
export function estimateFormat(digits: number, stars: string): string {
  return stars ? `${decimals(digits)}"${stars}"` : decimals(digits);
}

/** Excel number format of a parenthesis cell; negatives print as `(-1.234)`. */
export function parenFormat(digits: number): string {
  const d = decimals(digits);
  return `"("${d}")";"(-"${d}")"`;
}

type Value = string | number | null;
interface OutCell { value: Value; numFmt?: string }

function fromCell(c: TableCell | null, paren: boolean): OutCell {
  if (!c) return { value: null };
  if (c.value === null || !Number.isFinite(c.value)) return { value: c.text };
  return { value: c.value, numFmt: paren ? parenFormat(c.digits) : estimateFormat(c.digits, c.stars) };
}

/**
 * Build the workbook (one sheet, `Table`) and return the .xlsx bytes.
 * Rows: optional title, optional dependent-variable heading, column titles, coefficient and
 * parenthesis rows, footer rows, notes.
 */
export async function tableToXlsx(t: RegressionTable, opts: { sheetName?: string } = {}): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Resilience Workbench';
  const ws = wb.addWorksheet(opts.sheetName ?? 'Table');
  const ncol = t.columnTitles.length + 1;
  const font = { name: 'Times New Roman', size: 11 };
  const rows: { cells: OutCell[]; heading: boolean }[] = [];
  if (t.dependent !== undefined) rows.push({ heading: true, cells: [{ value: '' }, ...t.columnTitles.map(() => ({ value: t.dependent as string }))] });
  rows.push({ heading: true, cells: [{ value: '' }, ...t.columnTitles.map((v) => ({ value: v }))] });
  const headerRows = rows.length;
  for (const c of t.coefficients) {
    rows.push({ heading: false, cells: [{ value: c.label }, ...c.estimates.map((e) => fromCell(e, false))] });
    rows.push({ heading: false, cells: [{ value: '' }, ...c.parens.map((e) => fromCell(e, true))] });
  }
  const coefEnd = rows.length;
  for (const f of t.footer) {
    rows.push({
      heading: false,
      cells: [{ value: f.label }, ...f.values.map((v, j): OutCell => (v === null
        ? { value: f.texts[j] }
        : Number.isFinite(v) ? { value: v, numFmt: decimals(f.digits) } : { value: f.texts[j] }))],
    });
  }

  let r0 = 1;
  if (t.title) {
    const tc = ws.getCell(1, 1);
    tc.value = neutraliseCell(t.title);
    tc.font = { ...font, bold: true };
    r0 = 2;
  }
  const medium = { style: 'medium' as const, color: { argb: 'FF000000' } };
  const thin = { style: 'thin' as const, color: { argb: 'FF000000' } };
  rows.forEach((row, i) => {
    const xr = ws.getRow(r0 + i);
    row.cells.forEach((c, j) => {
      const cell = xr.getCell(j + 1);
      cell.value = c.value === '' ? null : typeof c.value === 'string' ? neutraliseCell(c.value) : c.value;
      if (c.numFmt) cell.numFmt = c.numFmt;
      cell.font = { ...font, bold: row.heading };
      cell.alignment = { horizontal: j === 0 ? 'left' : 'center', vertical: 'middle' };
      const border: Partial<ExcelJS.Borders> = {};
      if (i === 0) border.top = medium;
      if (i === headerRows - 1 || (i === coefEnd - 1 && coefEnd < rows.length)) border.bottom = thin;
      if (i === rows.length - 1) border.bottom = medium;
      cell.border = border;
    });
  });
  const notesCell = ws.getCell(r0 + rows.length, 1);
  notesCell.value = neutraliseCell(t.notes);
  notesCell.font = { ...font, size: 9 };
  ws.getColumn(1).width = Math.max(12, ...rows.map((r) => String(r.cells[0].value ?? '').length + 2));
  for (let j = 2; j <= ncol; j++) ws.getColumn(j).width = Math.max(12, t.columnTitles[j - 2].length + 2);
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
