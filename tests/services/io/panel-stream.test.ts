/**
 * The streamed panel reader gives what the whole-file reader gives (the reference): the same
 * panel, problems and sentences, on the real datasets (assets/datasets: produc.csv is long;
 * mexico.csv and us_income.csv are wide and go through the whole-file reader), on the hostile
 * fixtures and on files built to cut multi-byte characters, quotes and CRLF at chunk edges.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { CancelledError } from '../../../src/core/errors';
import { readPanelDetailed, type PanelReadOptions } from '../../../src/services/io/panel-reader';
import { readPanelStreamed } from '../../../src/services/io/panel-stream';
import { datasetPath, fixturePath } from '../../helpers/paths';

const tmp = mkdtempSync(join(tmpdir(), 'rwb-panel-stream-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let k = 0;
function file(content: string | Uint8Array, name = `f${++k}.csv`): string {
  const p = join(tmp, name);
  writeFileSync(p, content);
  return p;
}

/** Both readers' outcome: the result, or the error's code, message and details. */
async function outcome(read: () => Promise<unknown>): Promise<unknown> {
  try {
    return { ok: await read() };
  } catch (e) {
    const err = e as { code?: string; message: string; details?: unknown };
    return { code: err.code, message: err.message, details: err.details };
  }
}

/** Streamed (in chunks of `chunkBytes`) and whole-file reads agree. */
async function expectSame(path: string, opts: PanelReadOptions, chunkBytes = 7): Promise<unknown> {
  const whole = await outcome(() => readPanelDetailed({ path }, { ...opts, stream: 'never' }));
  const streamed = await outcome(() => readPanelDetailed({ path }, { ...opts, stream: 'always' }, { chunkBytes }));
  expect(streamed).toEqual(whole);
  return whole;
}

describe('streamed panel reading', () => {
  it('reads produc.csv exactly as the whole-file reader (816 rows, 9 numeric columns, "state" as text)', async () => {
    const path = datasetPath('produc.csv');
    const direct = await readPanelStreamed({ path }, { id: 'state_name', time: 'year' });
    expect(direct).not.toBeNull();
    // Baltagi's Produc (plm): 48 states × 17 years; Alabama 1970 gsp = 28418.
    expect(direct?.panel.ids.length).toBe(816);
    expect(direct?.panel.values.gsp[0]).toBe(28418);
    expect(Object.keys(direct?.panel.text ?? {})).toEqual(['state']);
    for (const chunk of [1 << 20, 4096, 13]) await expectSame(path, { id: 'state_name', time: 'year' }, chunk);
  });

  it('leaves wide files (mexico.csv, us_income.csv) to the whole-file reader, with the same result', async () => {
    expect(await readPanelStreamed({ path: datasetPath('mexico', 'mexico.csv') }, { id: 'State', time: 'year' })).toBeNull();
    await expectSame(datasetPath('mexico', 'mexico.csv'), { id: 'State', time: 'year' });
    await expectSame(datasetPath('us_income.csv'), { id: 'Name', time: 'year', format: 'auto' });
  });

  it('reads the UTF-8 BOM fixture and a GBK file cut inside its two-byte characters', async () => {
    await expectSame(fixturePath('import', 'provinces-utf8-bom.csv'), { id: 'province', time: 'year' }, 5);
    const gbk = file(iconv.encode('省份,年份,人口\r\n北京,2020,2189\r\n"上海,市",2020,2487\r\n内蒙古自治区,2020,2405\r\n', 'gbk'));
    for (const chunk of [1, 2, 3, 5]) {
      const r = (await expectSame(gbk, { id: '省份', time: '年份' }, chunk)) as { ok: { panel: { ids: string[] }; encoding: string } };
      expect(r.ok.encoding).toBe('gb18030');
      expect(r.ok.panel.ids).toEqual(['北京', '上海,市', '内蒙古自治区']);
    }
  });

  it('restarts as GB18030 when invalid UTF-8 comes after valid records', async () => {
    const head = 'id,year,x\n' + Array.from({ length: 200 }, (_, i) => `r${i},2000,${i}`).join('\n') + '\n';
    const path = file(Buffer.concat([Buffer.from(head), iconv.encode('北京,2001,1\n', 'gbk')]));
    const r = (await expectSame(path, { id: 'id', time: 'year' }, 64)) as { ok: { panel: { ids: string[] }; encoding: string } };
    expect(r.ok.encoding).toBe('gb18030');
    expect(r.ok.panel.ids.at(-1)).toBe('北京');
  });

  it('cuts UTF-8 three-byte characters and CRLF at every chunk size', async () => {
    const path = file('地区,年份,值\r\n"东,部",2020,1.5\r\n西部,2020,NA\r\n中部,2021,"3"\r\n');
    for (const chunk of [1, 2, 3, 4, 5, 8]) await expectSame(path, { id: '地区', time: '年份' }, chunk);
  });

  it('gives the same problems: duplicates are left to the check, text in numbers, bad periods, missing ids', async () => {
    const path = file('id,year,x,y\nA,2000,1,2\nA,2000,abc,3\n,2001,1,1\nB,20x1,1,1\nB,2002,1e400,1\n');
    const r = (await expectSame(path, { id: 'id', time: 'year' })) as { code?: string };
    // 1e400 overflows a double: the whole-file path throws it, naming column and row.
    expect(r.code).toBe('import-number-overflow');
    const path2 = file('id,year,x,,\nA,2000,1,,\nA,2001,x,,\nA,2002,2,,\nB,2000,3,5,\n');
    const r2 = (await expectSame(path2, { id: 'id', time: 'year' })) as { ok: { errors: { code: string; message: string }[]; panel: { variables: string[] } } };
    expect(r2.ok.errors.map((e) => e.message)).toEqual([`${path2.split('/').pop()}: column "x", row 3: "x" is not a number`]);
    // The blank header with a value becomes "column 4"; the trailing one is dropped.
    expect(r2.ok.panel.variables).toEqual(['x', 'column 4']);
    await expectSame(file('id,year,x\nA,2000,1\n,2001,2\nB,abc,3\n'), { id: 'id', time: 'year' });
  });

  it('refuses what the whole-file reader refuses, with the same sentence', async () => {
    const cases: [string | Uint8Array, PanelReadOptions][] = [
      ['state_name,year,gsp\n', { id: 'state_name', time: 'year' }], // header only
      ['', { id: 'id', time: 'year' }], // empty
      ['\n\n  \n', { id: 'id', time: 'year' }], // no header
      ['id,year,x\nA,2000,1\n', { id: 'nope', time: 'year' }],
      ['id,year,x\nA,2000,1\n', { id: 'id', time: 'nope' }],
      ['id,year,x\nA,2000,1\n', { id: 'id', time: 'id' }],
      ['id,year,x,x\nA,2000,1,2\n', { id: 'id', time: 'year' }],
      ['id,year,x\nA,2000,"1\nB,2001,2\n', { id: 'id', time: 'year' }], // unclosed quote
      ['id,year,x\nA,2000,"1"2\n', { id: 'id', time: 'year' }], // bad quote
      [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0]), { id: 'id', time: 'year' }], // a PNG
      [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('id,year\nA,2000\n'), Buffer.from([0xff, 0x0a])]), { id: 'id', time: 'year' }], // BOM + bad UTF-8
      ['id,year,x\nA,2000,1\n', { id: 'id', time: 'year', encoding: 'utf-8' }],
    ];
    const codes: (string | undefined)[] = [];
    for (const [content, opts] of cases) codes.push(((await expectSame(file(content), opts, 3)) as { code?: string }).code);
    expect(codes).toEqual([
      'import-no-data-rows', 'import-no-header', 'import-no-header', 'import-unknown-column', 'import-unknown-column',
      'import-id-time-same-column', 'import-duplicate-column', 'import-csv-unclosed-quote', 'import-csv-bad-quote',
      'import-not-text-table', 'import-bad-encoding', undefined,
    ]);
  });

  it('ranks problems as the whole-file path: bad bytes before a late line too long before a quote error', async () => {
    for (const name of ['csv-gbk-invalid.csv', 'csv-neither.csv', 'csv-overflow.csv', 'csv-unclosed-quote.csv']) {
      await expectSame(fixturePath('hostile', name), { id: 'id', time: 'year' }, 1000);
    }
    const long = 'x'.repeat(1024 * 1024 + 1);
    await expectSame(file(`id,year,v\nA,2000,"1"2\nB,2000,${long}\n`), { id: 'id', time: 'year' }, 65536);
  });

  it('agrees with the whole-file reader on random files: cells, quotes, CR/LF, UTF-8, GBK and bad bytes, random chunks', async () => {
    const token = fc.constantFrom(
      ...['A', 'B', ' b ', '2000', '2001', '2001.5', '1.5', '-', 'NA', 'abc', '1e400', '1,234,567', ',', ',', '\n', '\r\n', '"', ' ', '中'].map((t) => Buffer.from(t)),
      iconv.encode('北京', 'gbk'),
      Buffer.from([0xff]),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(token, { maxLength: 40 }), fc.integer({ min: 1, max: 16 }), fc.constantFrom('id,year,x\n', 'id,year,x,\r\n', '\n'), async (tokens, chunkBytes, header) => {
        const data = Buffer.concat([Buffer.from(header), ...tokens]);
        const src = { name: 'r.csv', data };
        const opts = { id: 'id', time: 'year' };
        const whole = await outcome(() => readPanelDetailed(src, { ...opts, stream: 'never' }));
        const streamed = await outcome(() => readPanelDetailed(src, { ...opts, stream: 'always' }, { chunkBytes }));
        expect(streamed).toEqual(whole);
      }),
      { seed: 13, numRuns: 400 },
    );
  });

  it('reports bytes read and stops with CancelledError when cancelled', async () => {
    const path = datasetPath('produc.csv');
    const seen: [number, number][] = [];
    await readPanelStreamed({ path }, { id: 'state_name', time: 'year' }, { chunkBytes: 8192, onBytes: (d, t) => seen.push([d, t]) });
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.at(-1)?.[0]).toBe(seen.at(-1)?.[1]);
    let n = 0;
    await expect(readPanelStreamed({ path }, { id: 'state_name', time: 'year' }, { chunkBytes: 8192, isCancelled: () => ++n > 2 })).rejects.toBeInstanceOf(CancelledError);
  });
});
