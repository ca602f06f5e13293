import { describe, expect, test } from 'vitest';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRegressionTable } from '../../../src/report/regression-table';
import {
  escapeLatex, estimateFormat, parenFormat, tableFormatOf, tableToCsv, tableToDocx, tableToHtml, tableToLatex,
  tableToXlsx, writeTable,
} from '../../../src/services/export';
import { east, produc } from '../../report/fixtures';

const table = buildRegressionTable(
  [{ title: '(1) Full sample', fit: produc }, { title: '(2) East, coastal & "big"', fit: east }],
  { dependent: 'log(gsp)', title: 'Table 2 Baseline_results' },
);

/** Minimal RFC 4180 reader for the round trip. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [], field = '', q = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (q) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') q = false; else field += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') { row.push(field); field = ''; } else if (ch === '\r') { /* CRLF */ } else if (ch === '\n') { row.push(field); rows.push(row); row = []; field = ''; } else field += ch;
  }
  return rows;
}

describe('CSV', () => {
  test('round-trips the printed cells, quotes commas and quotes, starts with a BOM', () => {
    const csv = tableToCsv(table);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(tableToCsv(table, { bom: false }).startsWith('Table 2')).toBe(true);
    const rows = parseCsv(csv.slice(1));
    expect(rows[0]).toEqual(['Table 2 Baseline_results']);
    expect(rows[2]).toEqual(['', '(1) Full sample', '(2) East, coastal & "big"']);
    expect(rows[5]).toEqual(['log(pc)', '0.169*', '0.252***']);
    expect(rows[6]).toEqual(['', '(0.086)', '(0.031)']);
    expect(rows.at(-1)?.[0]).toBe('(1) Standard errors clustered by region in parentheses; (2) Standard errors in parentheses. *** p<0.01, ** p<0.05, * p<0.1');
  });
});

describe('LaTeX', () => {
  test('booktabs rules, escaped text, stars as superscripts, one & per column', () => {
    const tex = tableToLatex(table, { label: 'tab:base line' });
    expect(tex).toContain('\\toprule');
    expect(tex).toContain('\\midrule');
    expect(tex).toContain('\\bottomrule');
    expect(tex).not.toContain('siunitx');
    expect(tex).toContain('\\caption{Table 2 Baseline\\_results}');
    expect(tex).toContain('\\label{tab:baseline}');
    expect(tex).toContain('\\begin{tabular}{lcc}');
    expect(tex).toContain('log(pc) & 0.169$^{*}$ & 0.252$^{***}$ \\\\');
    expect(tex).toContain(' & (0.086) & (0.031) \\\\');
    expect(tex).toContain('R\\textsuperscript{2} (within) & 0.954 & 0.812 \\\\');
    expect(tex).toContain('(2) East, coastal \\& "big"');
    expect(tex).toContain('\\multicolumn{2}{c}{log(gsp)}');
    for (const line of tex.split('\n').filter((l) => l.endsWith('\\\\') && !l.includes('multicolumn'))) {
      expect(line.replace(/\\&/g, '').split('&').length).toBe(3);
    }
  });
  test('escapeLatex handles every special character', () => {
    expect(escapeLatex('a_b & 50% $x$ #1 {y} ~ ^ \\ R² <')).toBe(
      'a\\_b \\& 50\\% \\$x\\$ \\#1 \\{y\\} \\textasciitilde{} \\textasciicircum{} \\textbackslash{} R\\textsuperscript{2} \\textless{}');
  });
});

describe('HTML', () => {
  test('self-contained three-line table with escaped text', () => {
    const html = tableToHtml(table);
    expect(html.startsWith('<table')).toBe(true);
    expect(html).toContain("font-family:'Times New Roman'");
    expect(html).toContain('border-top:1.5pt solid #000');
    expect((html.match(/border-bottom:1.5pt solid #000/g) ?? []).length).toBe(3); // every cell of the last row
    expect(html).toContain('(2) East, coastal &amp; &quot;big&quot;');
    expect(html).toContain('>0.169*</td>');
    expect(html).toContain('* p&lt;0.1');
    expect(html).not.toContain('<script');
    const page = tableToHtml(table, { document: true });
    expect(page).toMatch(/^<!DOCTYPE html>/);
    expect(page).toContain('<meta charset="utf-8">');
  });
});

describe('XLSX', () => {
  test('number formats carry stars and parentheses; re-read with exceljs', async () => {
    expect(estimateFormat(3, '**')).toBe('0.000"**"');
    expect(estimateFormat(0, '')).toBe('0');
    expect(parenFormat(2)).toBe('"("0.00")";"(-"0.00")"');
    const bytes = await tableToXlsx(table);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const ws = wb.getWorksheet('Table');
    expect(ws).toBeDefined();
    if (!ws) return;
    expect(ws.getCell('A1').value).toBe('Table 2 Baseline_results');
    expect(ws.getCell('B3').value).toBe('(1) Full sample');
    expect(ws.getCell('B3').font?.bold).toBe(true);
    expect(ws.getCell('B3').font?.name).toBe('Times New Roman');
    expect(ws.getCell('A2').border?.top?.style).toBe('medium');
    expect(ws.getCell('B3').border?.bottom?.style).toBe('thin');
    // row 6 = log(pc): numeric value, the stars in the number format
    expect(ws.getCell('A6').value).toBe('log(pc)');
    expect(ws.getCell('B6').value).toBe(0.168828035406845);
    expect(ws.getCell('B6').numFmt).toBe('0.000"*"');
    expect(ws.getCell('B7').value).toBe(0.0856798850385663);
    expect(ws.getCell('B7').numFmt).toBe('"("0.000")";"(-"0.000")"');
    expect(ws.getCell('C10').value).toBeNull(); // East has no unemp
    // footer: Region FE, Year FE, N, R², Groups; last row has the heavy rule
    expect(ws.getCell('A12').value).toBe('Region FE');
    expect(ws.getCell('C13').value).toBe('NO');
    expect(ws.getCell('B14').value).toBe(816);
    expect(ws.getCell('B14').numFmt).toBe('0');
    expect(ws.getCell('B15').value).toBe(0.95357060817005);
    expect(ws.getCell('B16').border?.bottom?.style).toBe('medium');
    expect(String(ws.getCell('A17').value)).toMatch(/^\(1\) Standard errors clustered by region/);
  });
});

describe('DOCX', () => {
  test('a valid package whose document.xml holds the coefficients, stars and Times New Roman', async () => {
    const bytes = await tableToDocx(table);
    const zip = await JSZip.loadAsync(bytes);
    expect(Object.keys(zip.files)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/styles.xml']));
    const xml = await zip.file('word/document.xml')?.async('string');
    expect(xml).toBeDefined();
    if (!xml) return;
    for (const s of ['0.169*', '(0.086)', '0.769***', '0.252***', '(1) Full sample', '(2) East, coastal &amp; &quot;big&quot;', 'Region FE', '816', 'R² (within)']) {
      expect(xml).toContain(`>${s}</w:t>`);
    }
    expect(xml).toContain('w:ascii="Times New Roman"');
    expect(xml).toContain('w:eastAsia="SimSun"');
    expect((xml.match(/<w:tr>|<w:tr /g) ?? []).length).toBe(2 + 8 + 5);
    expect(xml).toMatch(/<w:top w:val="single" w:color="000000" w:sz="12"\/>/);
  });
});

describe('Chinese tables', () => {
  test('Chinese labels and notes survive every format', async () => {
    const zh = buildRegressionTable([{ title: '(1) 全样本', fit: produc }, { title: '(2) 东部', fit: east }], { language: 'zh' });
    const xml = await (await JSZip.loadAsync(await tableToDocx(zh))).file('word/document.xml')?.async('string');
    for (const s of ['(2) 东部', '地区固定效应', '否', '括号内为聚类到地区层面的稳健标准误']) expect(xml).toContain(s);
    expect(tableToCsv(zh)).toContain('观测值,816,153');
    expect(tableToHtml(zh)).toContain('>组内R²</td>');
    expect(tableToLatex(zh)).toContain('组内R\\textsuperscript{2} & 0.954 & 0.812 \\\\');
  });
});

describe('writeTable', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rwb-table-'));
  test('picks the format from the extension and writes readable files', async () => {
    for (const [name, fmt] of [['t.csv', 'csv'], ['t.XLSX', 'xlsx'], ['t.tex', 'tex'], ['t.docx', 'docx'], ['t.htm', 'html']] as const) {
      const path = join(dir, name);
      expect(await writeTable(table, path)).toBe(fmt);
      expect(existsSync(path)).toBe(true);
    }
    expect(readFileSync(join(dir, 't.tex'), 'utf8')).toContain('\\bottomrule');
    expect(readFileSync(join(dir, 't.docx')).subarray(0, 2).toString()).toBe('PK');
    expect(tableFormatOf('a/b.html')).toBe('html');
  });
  test('unsupported extension and unwritable path give clear messages', async () => {
    expect(() => tableFormatOf('out.pdf')).toThrow('Cannot export a table to "out.pdf": use a .docx, .xlsx, .tex, .csv or .html file name.');
    await expect(writeTable(table, join(dir, 'no-such-dir', 't.csv'))).rejects.toThrow(/^Cannot write the table to ".*no-such-dir.*t\.csv": /);
  });
});
