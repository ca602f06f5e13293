import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { panelPeriods, panelRegions } from '../../../src/core/panel';
import { parseCell } from '../../../src/services/io/cell-parse';
import { parseWideHeader, readPanel, readPanelDetailed } from '../../../src/services/io/panel-reader';
import { inputErrorAsync as inputError } from '../../helpers/input-error';
import { datasetPath } from '../../helpers/paths';

const DATA = datasetPath();
const FIX = join(__dirname, '../../fixtures/import');
const PRODUC = join(DATA, 'produc.csv');
let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'rwb-panel-'));
});

/** produc.csv (CRLF line ends) with some lines replaced; lines[k] is file row k + 1. */
function producWith(name: string, edit: (lines: string[]) => void): string {
  const lines = readFileSync(PRODUC, 'utf8').split(/\r?\n/);
  edit(lines);
  const file = join(tmp, name);
  writeFileSync(file, lines.join('\n'));
  return file;
}

describe('parseCell', () => {
  it('reads numbers, missing markers and refuses ambiguous thousands separators', () => {
    expect(parseCell('1.5e3')).toEqual({ kind: 'number', value: 1500 });
    expect(parseCell(' -2 ')).toEqual({ kind: 'number', value: -2 });
    expect(parseCell('1,234,567')).toEqual({ kind: 'number', value: 1234567 });
    expect(parseCell('1,234.5')).toEqual({ kind: 'number', value: 1234.5 });
    expect(parseCell('1,234')).toEqual({ kind: 'text', text: '1,234' });
    expect(parseCell('1,23')).toEqual({ kind: 'text', text: '1,23' });
    for (const m of ['', 'NA', 'N/A', '.', '..', '-', '—', 'NaN', 'null', 'na']) expect(parseCell(m)).toEqual({ kind: 'missing' });
    expect(parseCell(null)).toEqual({ kind: 'missing' });
    expect(parseCell(3)).toEqual({ kind: 'number', value: 3 });
  });
});

describe('readPanel: long CSV', () => {
  it('reads produc.csv: 48 states × 17 years, numeric and text columns', async () => {
    const p = await readPanel({ path: PRODUC }, { id: 'state_name', time: 'year' });
    expect(p.source).toBe('produc.csv');
    expect(p.ids).toHaveLength(816);
    expect(panelRegions(p)).toHaveLength(48);
    expect(panelPeriods(p)).toEqual(Array.from({ length: 17 }, (_, k) => 1970 + k));
    expect(p.variables).toEqual(['region', 'pcap', 'hwy', 'water', 'util', 'pc', 'gsp', 'emp', 'unemp']);
    expect(Object.keys(p.text ?? {})).toEqual(['state']);
    // produc.csv row 2: Alabama,ALABAMA,1970,6,15032.67,...,28418,1010.5,4.7
    expect(p.rowNumbers[0]).toBe(2);
    expect(p.values.pcap[0]).toBe(15032.67);
    expect(p.values.gsp[0]).toBe(28418);
    expect(p.text?.state[0]).toBe('ALABAMA');
  });

  it('reads the same bytes given as an upload', async () => {
    const p = await readPanel({ name: 'produc.csv', data: new Uint8Array(readFileSync(PRODUC)) }, { id: 'state_name', time: 'year' });
    expect(p.ids).toHaveLength(816);
  });

  it('handles a BOM, Chinese ids, thousands groups, missing markers and a text column', async () => {
    const p = await readPanel({ path: join(FIX, 'provinces-utf8-bom.csv') }, { id: 'province', time: 'year' });
    expect(p.idColumn).toBe('province');
    expect(p.ids).toEqual(['北京', '北京', '上海', '上海', '内蒙古自治区', '内蒙古自治区']);
    expect(Array.from(p.values.gdp)).toEqual([36102.6, 40269.6, 38700.58, 43214.85, 17359.8, 20514.2]);
    expect(Array.from(p.values.pop)).toEqual([2189, Number.NaN, Number.NaN, 2489, 2405, 2400]);
    expect(p.variables).toEqual(['gdp', 'pop']);
    expect(p.text?.group).toEqual(['East', 'East', 'East', 'East', 'West', 'West']);
    expect(Object.keys(p.text ?? {})).toEqual(['group', 'note']);
  });

  it('decodes GBK (yearbook exports) when the bytes are not UTF-8', async () => {
    const text = '地区,年份,地区生产总值\n内蒙古自治区,2020,17359.8\n广西壮族自治区,2020,22156.7\n';
    const file = join(tmp, 'gbk.csv');
    writeFileSync(file, iconv.encode(text, 'gbk'));
    const r = await readPanelDetailed({ path: file }, { id: '地区', time: '年份' });
    expect(r.encoding).toBe('gb18030');
    expect(r.panel.ids).toEqual(['内蒙古自治区', '广西壮族自治区']);
    expect(Array.from(r.panel.values['地区生产总值'])).toEqual([17359.8, 22156.7]);
  });

  it('uses a forced encoding (Latin-1 is not detected: non-UTF-8 bytes are read as GB18030)', async () => {
    const file = join(tmp, 'latin1.csv');
    writeFileSync(file, iconv.encode('state,year,x\nQuerétaro,2000,1\n', 'latin1'));
    const forced = await readPanel({ path: file }, { id: 'state', time: 'year', encoding: 'latin1' });
    expect(forced.ids).toEqual(['Querétaro']);
    const guessed = await readPanelDetailed({ path: file }, { id: 'state', time: 'year' });
    expect(guessed.encoding).toBe('gb18030');
    expect(guessed.panel.ids[0]).not.toBe('Querétaro');
  });

  it('reports a text cell in a numeric column with file, column and row', async () => {
    // produc.csv row 17 is Arizona 1985; its gsp becomes "abc"
    const file = producWith('produc.csv', (l) => {
      l[16] = l[16].replace(/,(\d+),([\d.]+),([\d.]+)$/, ',abc,$2,$3');
    });
    const e = await inputError(readPanel({ path: file }, { id: 'state_name', time: 'year' }));
    expect(e.code).toBe('non-numeric-cell');
    expect(e.message).toBe('produc.csv: column "gsp", row 17: "abc" is not a number');
    expect(e.details.rows).toEqual([17]);
  });

  it('lists at most 5 bad cells and counts the rest', async () => {
    // "1,234" (ambiguous: 1234 or 1.234) quoted in the last column of rows 2–8
    const quoted = producWith('many-bad-q.csv', (l) => {
      for (let k = 1; k <= 7; k++) l[k] = l[k].replace(/,([\d.]+)$/, ',"1,234"');
    });
    const e = await inputError(readPanel({ path: quoted }, { id: 'state_name', time: 'year' }));
    expect(e.code).toBe('non-numeric-cell');
    // One sentence the catalogue can translate (rows and cells listed, the rest counted).
    expect(e.message).toBe('many-bad-q.csv: column "unemp", rows 2, 3, 4, 5, 6 and 2 more: "1,234", "1,234", "1,234", "1,234", "1,234" are not numbers');
    expect(e.details).toMatchObject({ count: 7, moreCount: 2, rowList: '2, 3, 4, 5, 6' });
  });

  it('reports a duplicated (id, time) row with both row numbers', async () => {
    // append a copy of row 2 (Alabama 1970) as row 818
    const file = producWith('produc.csv', (l) => {
      if (l[l.length - 1] === '') l.pop();
      l.push(l[1]);
    });
    const e = await inputError(readPanel({ path: file }, { id: 'state_name', time: 'year' }));
    expect(e.code).toBe('import-duplicate-row');
    expect(e.message).toBe('produc.csv: duplicate (Alabama, 1970) at rows 2 and 818');
  });

  it('refuses a missing file, unknown columns and non-integer periods', async () => {
    const missing = await inputError(readPanel({ path: join(tmp, 'nope.csv') }, { id: 'a', time: 'b' }));
    expect(missing.code).toBe('import-file-not-found');
    expect(missing.message).toBe(`${join(tmp, 'nope.csv')}: file not found`);

    const col = await inputError(readPanel({ path: PRODUC }, { id: 'State', time: 'year' }));
    expect(col.code).toBe('import-unknown-column');
    expect(col.message).toBe('produc.csv: no id column "State" (columns: state_name, state, year, region, pcap, hwy, water, util, pc, gsp, emp, unemp)');

    const tcol = await inputError(readPanel({ path: PRODUC }, { id: 'state_name', time: 'yr', format: 'long' }));
    expect(tcol.code).toBe('import-unknown-column');
    expect(tcol.message).toMatch(/^produc\.csv: no time column "yr" \(columns: state_name, /);

    const file = producWith('produc.csv', (l) => {
      l[3] = l[3].replace(',1972,', ',1972.5,');
    });
    const t = await inputError(readPanel({ path: file }, { id: 'state_name', time: 'year' }));
    expect(t.code).toBe('bad-time');
    expect(t.message).toBe('produc.csv: column "year", row 4: "1972.5" is not an integer period');
  });

  it('refuses unsupported formats', async () => {
    const e = await inputError(readPanel({ name: 'old.xls', data: new Uint8Array([1, 2, 3]) }, { id: 'a', time: 'b' }));
    expect(e.code).toBe('import-unsupported-panel-format-xls');
    expect(e.message).toBe('old.xls: unsupported panel format ".xls" (use .csv or .xlsx; save the .xls as .xlsx first)');
  });
});

describe('readPanel: wide', () => {
  it('reads us_income.csv: year columns become periods of one variable', async () => {
    const r = await readPanelDetailed({ path: join(DATA, 'us_income.csv') }, { id: 'Name', time: 'year' });
    expect(r.format).toBe('wide');
    expect(r.ignoredColumns).toEqual(['STATE_FIPS']);
    const p = r.panel;
    expect(p.variables).toEqual(['us_income']);
    expect(p.timeColumn).toBe('year');
    const periods = panelPeriods(p);
    expect(periods[0]).toBe(1929);
    expect(panelRegions(p)).toHaveLength(48);
    expect(p.ids.length).toBe(48 * periods.length);
    // us_income.csv row 2: "Alabama",1,323,267,... → Alabama 1929 = 323, 1930 = 267
    expect(p.ids[0]).toBe('Alabama');
    expect([p.times[0], p.values.us_income[0]]).toEqual([1929, 323]);
    expect([p.times[1], p.values.us_income[1]]).toEqual([1930, 267]);
    expect(p.rowNumbers[1]).toBe(2);
  });

  it('names the variable with valueName, keeps missing cells, and names the year column of a bad cell', async () => {
    const p = await readPanel({ path: join(FIX, 'wide-small.csv') }, { id: 'Name', time: 'year', valueName: 'income' });
    expect(p.variables).toEqual(['income']);
    expect(p.ids).toEqual(['Alpha', 'Alpha', 'Alpha', 'Beta', 'Beta', 'Beta']);
    expect(p.times).toEqual([2019, 2020, 2021, 2019, 2020, 2021]);
    expect(Array.from(p.values.income)).toEqual([1.5, 2, Number.NaN, 3, Number.NaN, 4]);

    const file = join(tmp, 'wide-bad.csv');
    writeFileSync(file, 'Name,2019,2020\nAlpha,1,2\nBeta,x,4\nGamma,5,6\n');
    const e = await inputError(readPanel({ path: file }, { id: 'Name', time: 'year' }));
    expect(e.code).toBe('non-numeric-cell');
    expect(e.message).toBe('wide-bad.csv: column "2019", row 3: "x" is not a number');
  });

  it('reads Chinese yearbook layouts: 1990年 headers (wide) and 2020年 periods (long)', async () => {
    const wide = join(tmp, 'cn-wide.csv');
    writeFileSync(wide, '地区,2019年,2020年\n北京,35445.1,36102.6\n上海,38155.3,38700.6\n');
    const w = await readPanelDetailed({ path: wide }, { id: '地区', time: '年份', valueName: 'gdp' });
    expect(w.format).toBe('wide');
    expect(w.panel.times).toEqual([2019, 2020, 2019, 2020]);
    expect(Array.from(w.panel.values.gdp)).toEqual([35445.1, 36102.6, 38155.3, 38700.6]);

    const long = join(tmp, 'cn-long.csv');
    writeFileSync(long, '地区,年份,gdp\n北京,2019年,35445.1\n北京,2020年,36102.6\n');
    const l = await readPanel({ path: long }, { id: '地区', time: '年份' });
    expect(l.times).toEqual([2019, 2020]);

    const r = join(tmp, 'r-wide.csv');
    writeFileSync(r, 'id,X1990,X1991\na,1,2\n');
    expect((await readPanel({ path: r }, { id: 'id', time: 'year' })).times).toEqual([1990, 1991]);

    const clash = join(tmp, 'clash.csv');
    writeFileSync(clash, 'id,1990,X1990\na,1,2\n');
    const e = await inputError(readPanel({ path: clash }, { id: 'id', time: 'year' }));
    expect(e.code).toBe('import-duplicate-year-column');
    expect(e.message).toBe('clash.csv: columns "1990" and "X1990" are both the year 1990');
  });

  it('reads mexico.csv: pcgdp1940 … pcgdp2000 headers are the years of the variable pcgdp (issue 13, defect 6)', async () => {
    const r = await readPanelDetailed({ path: join(DATA, 'mexico/mexico.csv') }, { id: 'State', time: 'year', format: 'wide' });
    expect(r.format).toBe('wide');
    expect(r.panel.variables).toEqual(['pcgdp']);
    expect(r.ignoredColumns).toEqual(['hanson03', 'hanson98', 'esquivel99', 'inegi', 'inegi2']);
    expect(panelPeriods(r.panel)).toEqual([1940, 1950, 1960, 1970, 1980, 1990, 2000]);
    expect(panelRegions(r.panel)).toHaveLength(32);
    // mexico.csv row 2: Aguascalientes,10384.000,6234.000,… → 1940 = 10384, 1950 = 6234
    expect([r.panel.ids[0], r.panel.times[0], r.panel.values.pcgdp[0]]).toEqual(['Aguascalientes', 1940, 10384]);
    expect([r.panel.times[1], r.panel.values.pcgdp[1]]).toEqual([1950, 6234]);
    // Detect (format auto) reads it wide too, since "year" is not a column.
    expect((await readPanelDetailed({ path: join(DATA, 'mexico/mexico.csv') }, { id: 'State', time: 'year' })).format).toBe('wide');
    // A single stem takes the name asked for.
    const named = await readPanel({ path: join(DATA, 'mexico/mexico.csv') }, { id: 'State', time: 'year', valueName: 'gdp_pc' });
    expect(named.variables).toEqual(['gdp_pc']);
  });

  it('reads several variables from one wide file: GDP_2010, pop-2010, 2010年GDP and 2011年GDP', async () => {
    const file = join(tmp, 'multi-wide.csv');
    writeFileSync(file, 'id,GDP_2010,GDP_2011,pop-2010,pop-2011,note\na,1,2,10,11,x\nb,3,,30,31,y\n');
    const r = await readPanelDetailed({ path: file }, { id: 'id', time: 'year' });
    expect(r.panel.variables).toEqual(['GDP', 'pop']);
    expect(r.ignoredColumns).toEqual(['note']);
    expect(r.panel.ids).toEqual(['a', 'a', 'b', 'b']);
    expect(r.panel.times).toEqual([2010, 2011, 2010, 2011]);
    expect(Array.from(r.panel.values.GDP)).toEqual([1, 2, 3, Number.NaN]);
    expect(Array.from(r.panel.values.pop)).toEqual([10, 11, 30, 31]);

    const cn = join(tmp, 'cn-multi.csv');
    writeFileSync(cn, '地区,2010年GDP,2011年GDP,2010年人口\n北京,1,2,3\n');
    const c = await readPanelDetailed({ path: cn }, { id: '地区', time: '年份' });
    expect(c.panel.variables).toEqual(['GDP', '人口']);
    expect(c.panel.times).toEqual([2010, 2011]);
    // 人口 has no 2011 column: that cell is missing, not an error.
    expect(Array.from(c.panel.values['人口'])).toEqual([3, Number.NaN]);

    const bad = join(tmp, 'multi-bad.csv');
    writeFileSync(bad, 'id,gdp2010,gdp2011\na,1,2\nb,3,x\nc,4,5\n');
    const e = await inputError(readPanel({ path: bad }, { id: 'id', time: 'year' }));
    expect(e.message).toBe('multi-bad.csv: column "gdp2011", row 3: "x" is not a number');
  });

  it('parses wide headers: years with a prefix or a suffix, not codes, ranges or text on both sides', () => {
    expect(parseWideHeader('pcgdp1940')).toEqual({ year: 1940, stem: 'pcgdp' });
    expect(parseWideHeader('GDP_2010')).toEqual({ year: 2010, stem: 'GDP' });
    expect(parseWideHeader('2010年')).toEqual({ year: 2010, stem: '' });
    expect(parseWideHeader('2010年GDP')).toEqual({ year: 2010, stem: 'GDP' });
    expect(parseWideHeader('X1990')).toEqual({ year: 1990, stem: '' });
    expect(parseWideHeader('1990')).toEqual({ year: 1990, stem: '' });
    for (const h of ['inegi2', 'hanson03', 'esquivel99', 'id12345', 'gdp2010real', '1990-2000', 'code0042', 'State']) {
      expect(parseWideHeader(h), h).toBeUndefined();
    }
  });

  it('refuses wide format without year columns, naming the header forms it reads', async () => {
    const e = await inputError(readPanel({ path: PRODUC }, { id: 'state_name', time: 'period', format: 'wide' }));
    expect(e.code).toBe('import-no-year-columns');
    expect(e.message).toBe(
      'produc.csv: wide format needs columns named by 4-digit years (1990, gdp1990, GDP_1990, 1990年, 1990年GDP); none found (columns: state_name, state, year, region, pcap, hwy, water, util, pc, gsp, emp, unemp)',
    );
  });
});

describe('readPanel: files with no data or no text (issue 13, defects 1 and 5)', () => {
  it('refuses a header-only CSV, naming the file', async () => {
    const file = join(tmp, 'header-only.csv');
    writeFileSync(file, readFileSync(PRODUC, 'utf8').split(/\r?\n/)[0] + '\n');
    const e = await inputError(readPanel({ path: file }, { id: 'state_name', time: 'year' }));
    expect(e.code).toBe('import-no-data-rows');
    expect(e.message).toBe('header-only.csv has a header row but no data rows: there is nothing to import');
  });

  it('calls a PNG renamed .csv or .xlsx a PNG image, in one plain sentence', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0xff, 0xfe]);
    const csv = await inputError(readPanel({ name: 'x.csv', data: png }, { id: 'id', time: 'year' }));
    expect(csv.code).toBe('import-not-text-table');
    expect(csv.message).toBe('x.csv is not a text table: it looks like a PNG image');
    const xlsx = await inputError(readPanel({ name: 'x.xlsx', data: png }, { id: 'id', time: 'year' }));
    expect(xlsx.code).toBe('import-not-xlsx');
    expect(xlsx.message).toBe('x.xlsx is not an Excel workbook (.xlsx): it looks like a PNG image');
    expect(xlsx.message).not.toMatch(/https?:|zip file \?/);
    const gz = await inputError(readPanel({ name: 'y.csv', data: new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0]) }, { id: 'id', time: 'year' }));
    expect(gz.message).toBe('y.csv is not a text table: it looks like a gzip-compressed file');
    const nul = await inputError(readPanel({ name: 'z.csv', data: new Uint8Array([0x41, 0x42, 0, 0x43]) }, { id: 'id', time: 'year' }));
    expect(nul.message).toBe('z.csv is not a text table: it looks like binary data, not text');
  });

  it('says a damaged .xlsx (a zip signature, no directory) is damaged, without the zip library\'s text', async () => {
    const e = await inputError(readPanel({ name: 'broken.xlsx', data: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]) }, { id: 'id', time: 'year' }));
    expect(e.code).toBe('import-bad-xlsx');
    expect(e.message).toBe('broken.xlsx is a damaged .xlsx workbook: its zip directory cannot be read');
  });
});

describe('readPanel: XLSX', () => {
  async function writeXlsx(file: string, sheets: Record<string, (string | number | null)[][]>): Promise<void> {
    const wb = new ExcelJS.Workbook();
    for (const [name, rows] of Object.entries(sheets)) {
      const ws = wb.addWorksheet(name);
      rows.forEach((r) => ws.addRow(r));
    }
    await wb.xlsx.writeFile(file);
  }

  it('reads the first sheet or a named one, with numbers, text and formulas', async () => {
    const file = join(tmp, 'panel.xlsx');
    await writeXlsx(file, {
      Notes: [['source', 'yearbook']],
      Data: [
        ['city', 'year', 'gdp', 'kind'],
        ['Hefei', 2020, 100.5, 'capital'],
        ['Hefei', 2021, 'NA', 'capital'],
        ['Wuhu', 2020, 40, 'other'],
      ],
    });
    const p = await readPanel({ path: file }, { id: 'city', time: 'year', sheet: 'Data' });
    expect(p.ids).toEqual(['Hefei', 'Hefei', 'Wuhu']);
    expect(Array.from(p.values.gdp)).toEqual([100.5, Number.NaN, 40]);
    expect(p.text?.kind).toEqual(['capital', 'capital', 'other']);
    expect(p.rowNumbers).toEqual([2, 3, 4]);

    const first = await inputError(readPanel({ path: file }, { id: 'city', time: 'year' }));
    expect(first.code).toBe('import-unknown-column');
    expect(first.message).toBe('panel.xlsx: no id column "city" (columns: source, yearbook)');

    const sheet = await inputError(readPanel({ path: file }, { id: 'city', time: 'year', sheet: 'Missing' }));
    expect(sheet.code).toBe('import-unknown-sheet');
    expect(sheet.message).toBe('panel.xlsx: no sheet "Missing" (sheets: Notes, Data)');
  });

  it('reports a text cell in a numeric XLSX column by row', async () => {
    const file = join(tmp, 'bad.xlsx');
    await writeXlsx(file, {
      S: [
        ['id', 't', 'x'],
        ['a', 1, 1],
        ['a', 2, 2],
        ['b', 1, 'oops'],
        ['b', 2, 4],
      ],
    });
    const e = await inputError(readPanel({ path: file }, { id: 'id', time: 't' }));
    expect(e.code).toBe('non-numeric-cell');
    expect(e.message).toBe('bad.xlsx: column "x", row 4: "oops" is not a number');
  });
});
