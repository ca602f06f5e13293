import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { isInputError } from '../../../src/core/errors';
import { readDbf } from '../../../src/services/io/dbf-reader';
import { datasetPath } from '../../helpers/paths';

/** A one-field dBase III file with numeric field X (length 8, 2 decimals) holding `cells`. */
function dbf(cells: string[]): Uint8Array {
  const headerLength = 32 + 32 + 1;
  const recordLength = 1 + 8;
  const out = new Uint8Array(headerLength + cells.length * recordLength + 1);
  const v = new DataView(out.buffer);
  out[0] = 3;
  v.setUint32(4, cells.length, true);
  v.setUint16(8, headerLength, true);
  v.setUint16(10, recordLength, true);
  out.set(new TextEncoder().encode('X'), 32);
  out[32 + 11] = 'N'.charCodeAt(0);
  out[32 + 16] = 8;
  out[32 + 17] = 2;
  out[64] = 0x0d;
  cells.forEach((c, r) => {
    const base = headerLength + r * recordLength;
    out[base] = 0x20;
    for (let k = 0; k < 8; k++) out[base + 1 + k] = k < c.length ? c.charCodeAt(k) : 0x20;
  });
  out[out.length - 1] = 0x1a;
  return out;
}

describe('DBF numeric cells', () => {
  test("NUL-padded numbers are read (GeoDa's Mexico file: every state's PCGDP1940, as R's sf reads them)", () => {
    const t = readDbf(readFileSync(datasetPath('mexico', 'mexicojoin.dbf')), 'mexicojoin.dbf');
    const v = t.records.map((r) => r.PCGDP1940);
    expect(v).toHaveLength(32);
    expect(v.every((x) => typeof x === 'number' && x > 0)).toBe(true);
    // sf::st_read(mexicojoin.shp)$PCGDP1940[1:4] = 22361 9573 4836 5309
    expect(v.slice(0, 4)).toEqual([22361, 9573, 4836, 5309]);
    expect(t.records[1].POLY_ID).toBe(2);
  });

  test('a number followed by NUL bytes, blanks and asterisks', () => {
    const t = readDbf(dbf(['9573.00\0', '        ', '********', '  12.50 ']), 'x.dbf');
    expect(t.records.map((r) => r.X)).toEqual([9573, null, null, 12.5]);
  });

  test('text in a numeric field is an error naming the record and field, not a silent empty cell', () => {
    let err: unknown;
    try { readDbf(dbf(['1.00', 'abc']), 'bad.dbf'); } catch (e) { err = e; }
    expect(isInputError(err) && err.code).toBe('import-dbf-bad-number');
    expect((err as Error).message).toBe('bad.dbf: record 2, field "X": "abc" is not a number');
  });
});
