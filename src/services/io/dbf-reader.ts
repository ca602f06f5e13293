/**
 * A dBASE III (.dbf) attribute-table reader with explicit text decoding (UTF-8, GBK/GB18030,
 * or the encoding named by a `.cpg` file) through iconv-lite.
 */
import iconv from 'iconv-lite';
import { InputError } from '../../core/errors';
import { isValidUtf8 } from './decode-text';
import { clipForMessage } from './limits';

/** One field of the table. */
export interface DbfField {
  readonly name: string;
  /** dBASE type letter: C, N, F, L, D, ... */
  readonly type: string;
  readonly length: number;
}

/** A decoded attribute table. */
export interface DbfTable {
  readonly fields: readonly DbfField[];
  /** One object per record in file order (deleted records included, as the .shp still has them). */
  readonly records: readonly Record<string, string | number | boolean | null>[];
  /** The encoding used for text. */
  readonly encoding: string;
}

/** Language-driver ids (byte 29) that name a Chinese code page. */
const LDID_CHINESE = new Set([0x4d, 0x7a]);

/**
 * Parse a .dbf file.
 *
 * Text encoding: `encoding` (from a `.cpg`) when given; else a Chinese language-driver byte
 * means GBK; else UTF-8 when all text bytes are valid UTF-8, otherwise GB18030.
 * Numbers (N, F) parse to numbers, blank or `*` fill to null; L to booleans; D stays text.
 *
 * @throws InputError `import-dbf-too-short`, `import-dbf-bad-header`; `import-dbf-field-too-long`
 *   (a field reaching past the record length); `import-dbf-truncated` (checked before reading:
 *   header length + record count × record length must fit in the file);
 *   `import-dbf-number-overflow` (a numeric cell beyond ±1.8e308, naming record and field).
 */
export function readDbf(bytes: Uint8Array, file: string, encoding?: string): DbfTable {
  if (bytes.length < 33) throw new InputError('import-dbf-too-short', `${file}: not a dBASE file (too short)`, { file });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(4, true);
  const headerLength = view.getUint16(8, true);
  const recordLength = view.getUint16(10, true);
  const ldid = bytes[29];
  if (headerLength > bytes.length || recordLength === 0) {
    throw new InputError('import-dbf-bad-header', `${file}: not a dBASE file (bad header)`, { file });
  }
  const rawFields: { nameBytes: Uint8Array; type: string; length: number; offset: number }[] = [];
  let offset = 1;
  for (let p = 32; p + 32 <= headerLength && bytes[p] !== 0x0d; p += 32) {
    let end = p;
    while (end < p + 11 && bytes[end] !== 0) end++;
    const length = bytes[p + 16];
    rawFields.push({ nameBytes: bytes.subarray(p, end), type: String.fromCharCode(bytes[p + 11]), length, offset });
    offset += length;
    if (offset > recordLength) {
      const name = latin(bytes.subarray(p, end));
      throw new InputError('import-dbf-field-too-long', `${file}: field "${clipForMessage(name)}" ends at byte ${offset - 1} of a ${recordLength}-byte record`, {
        file,
        field: clipForMessage(name),
        end: offset - 1,
        recordLength,
      });
    }
  }
  // The records must fit in the file before any is read (a 77-byte file may claim 2³²−1).
  if (headerLength + count * recordLength > bytes.length) {
    const record = Math.floor((bytes.length - headerLength) / recordLength) + 1;
    throw new InputError('import-dbf-truncated', `${file}: truncated at record ${record} of ${count}`, { file, record, count });
  }
  // Decide the text encoding from all character fields and field names.
  let enc = encoding;
  if (!enc) {
    if (LDID_CHINESE.has(ldid)) enc = 'gbk';
    else {
      const textBytes: Uint8Array[] = rawFields.map((f) => f.nameBytes);
      for (let r = 0; r < count; r++) {
        const base = headerLength + r * recordLength;
        for (const f of rawFields) {
          if (f.type === 'C' && base + f.offset + f.length <= bytes.length) textBytes.push(bytes.subarray(base + f.offset, base + f.offset + f.length));
        }
      }
      enc = textBytes.every((b) => isValidUtf8(b)) ? 'utf-8' : 'gb18030';
    }
  }
  const decode = (b: Uint8Array): string => iconv.decode(Buffer.from(b), enc as string);
  const fields: DbfField[] = rawFields.map((f) => ({ name: decode(f.nameBytes).trim(), type: f.type, length: f.length }));
  const records: Record<string, string | number | boolean | null>[] = [];
  for (let r = 0; r < count; r++) {
    const base = headerLength + r * recordLength;
    const rec: Record<string, string | number | boolean | null> = {};
    rawFields.forEach((f, k) => {
      const cell = bytes.subarray(base + f.offset, base + f.offset + f.length);
      const name = fields[k].name;
      if (f.type === 'N' || f.type === 'F') {
        // NUL bytes pad numbers in files of some writers (e.g. GeoDa's mexicojoin.dbf: "9573.00\0").
        const s = latin(cell).replace(/\0/g, ' ').trim();
        const v = s === '' || /^\*+$/.test(s) || s === '.' || s === '-' ? null : Number(s);
        if (v !== null && Number.isNaN(v)) {
          throw new InputError('import-dbf-bad-number', `${file}: record ${r + 1}, field "${name}": "${clipForMessage(s)}" is not a number`, {
            file,
            record: r + 1,
            field: name,
            text: clipForMessage(s),
          });
        }
        if (v !== null && (v === Infinity || v === -Infinity)) {
          throw new InputError('import-dbf-number-overflow', `${file}: record ${r + 1}, field "${name}": "${clipForMessage(s)}" is too large to be a number`, {
            file,
            record: r + 1,
            field: name,
            text: clipForMessage(s),
          });
        }
        rec[name] = v;
      } else if (f.type === 'L') {
        const c = latin(cell).trim().toUpperCase();
        rec[name] = c === 'Y' || c === 'T' ? true : c === 'N' || c === 'F' ? false : null;
      } else {
        let end = cell.length;
        while (end > 0 && (cell[end - 1] === 0x20 || cell[end - 1] === 0)) end--;
        const s = decode(cell.subarray(0, end)).trim();
        rec[name] = s === '' ? null : s;
      }
    });
    records.push(rec);
  }
  return { fields, records, encoding: enc };
}

function latin(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]);
  return s;
}
