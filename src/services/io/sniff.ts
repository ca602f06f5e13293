/**
 * What a file really is, from its first bytes: so that a PNG renamed `.csv` is called a PNG
 * image in one plain sentence rather than decoded as GBK, and an `.xlsx` that is not a zip
 * gets our sentence rather than the zip library's.
 */
import { InputError } from '../../core/errors';

/** A binary format recognised by its signature ("magic number"). */
export interface BinaryKind {
  /** Short, language-neutral format name for the catalogue: `PNG`, `PDF`, `ZIP`, ... */
  readonly format: string;
  /** The English noun phrase: "a PNG image". */
  readonly phrase: string;
}

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** Signatures at offset 0 (file(1)'s magic database and the formats' specifications). */
const SIGNATURES: readonly { bytes: readonly number[]; format: string; phrase: string }[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], format: 'PNG', phrase: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], format: 'JPEG', phrase: 'a JPEG image' },
  { bytes: ascii('GIF8'), format: 'GIF', phrase: 'a GIF image' },
  { bytes: ascii('%PDF-'), format: 'PDF', phrase: 'a PDF document' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], format: 'ZIP', phrase: 'a zip archive (such as an .xlsx workbook or zipped shapefile)' },
  { bytes: [0x50, 0x4b, 0x05, 0x06], format: 'ZIP', phrase: 'an empty zip archive' },
  { bytes: [0x1f, 0x8b], format: 'GZIP', phrase: 'a gzip-compressed file' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], format: '7z', phrase: 'a 7-Zip archive' },
  { bytes: ascii('Rar!'), format: 'RAR', phrase: 'a RAR archive' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], format: 'XLS', phrase: 'an old Excel 97–2003 (.xls) or Word file' },
  { bytes: ascii('SQLite format 3\u0000'), format: 'SQLite', phrase: 'an SQLite database (such as a project file)' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], format: 'ELF', phrase: 'a program' },
  { bytes: [0x00, 0x00, 0x27, 0x0a], format: 'SHP', phrase: 'a shapefile .shp' },
  { bytes: ascii('II*\u0000'), format: 'TIFF', phrase: 'a TIFF image' },
  { bytes: ascii('MM\u0000*'), format: 'TIFF', phrase: 'a TIFF image' },
];

function startsWith(bytes: Uint8Array, sig: readonly number[], at = 0): boolean {
  if (bytes.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[at + i] !== sig[i]) return false;
  return true;
}

/**
 * The binary format of `bytes`, or undefined when they may be text. Known signatures first
 * (PNG, JPEG, GIF, PDF, ZIP, gzip, 7z, RAR, OLE2 .xls, SQLite, ELF, .shp, TIFF, WebP); else a
 * NUL byte in the first 8 KiB (text files have none; UTF-16 text is recognised by its BOM
 * first) means "binary data".
 */
export function sniffBinary(bytes: Uint8Array): BinaryKind | undefined {
  for (const s of SIGNATURES) if (startsWith(bytes, s.bytes)) return { format: s.format, phrase: s.phrase };
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return { format: 'WebP', phrase: 'a WebP image' };
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return undefined;
  const n = Math.min(bytes.length, 8192);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return { format: 'binary', phrase: 'binary data, not text' };
  return undefined;
}

/**
 * Refuse a binary file given as a text table (CSV/TXT/TSV).
 *
 * @throws InputError `import-not-text-table`: "x.csv is not a text table: it looks like a PNG image".
 */
export function assertTextTable(file: string, bytes: Uint8Array): void {
  const kind = sniffBinary(bytes);
  if (!kind) return;
  throw new InputError('import-not-text-table', `${file} is not a text table: it looks like ${kind.phrase}`, { file, format: kind.format, kind: kind.phrase });
}

/**
 * Refuse, in one plain sentence, a file that should be a zip (`.xlsx`, `.zip`) but is not one.
 *
 * @throws InputError `import-not-xlsx` / `import-not-zip` (it looks like another format),
 *   `import-not-xlsx-text` / `import-not-zip-text` (it is text).
 */
export function assertZip(file: string, bytes: Uint8Array, what: 'xlsx' | 'zip'): void {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return;
  const kind = sniffBinary(bytes);
  const noun = what === 'xlsx' ? 'an Excel workbook (.xlsx)' : 'a zip archive';
  if (kind) {
    throw new InputError(what === 'xlsx' ? 'import-not-xlsx' : 'import-not-zip', `${file} is not ${noun}: it looks like ${kind.phrase}`, {
      file,
      format: kind.format,
      kind: kind.phrase,
    });
  }
  throw new InputError(
    what === 'xlsx' ? 'import-not-xlsx-text' : 'import-not-zip-text',
    what === 'xlsx'
      ? `${file} is not an Excel workbook (.xlsx): it is a text file; if it is a table, name it .csv`
      : `${file} is not a zip archive: it is a text file`,
    { file },
  );
}
