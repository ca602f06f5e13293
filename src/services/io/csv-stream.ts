/**
 * A CSV file read in chunks: bytes from disk (or an upload's bytes) in `CHUNK_BYTES` pieces,
 * decoded incrementally (UTF-8 with or without BOM, UTF-16 with BOM, else GB18030/GBK; a
 * multi-byte character cut by a chunk is joined), checked and tokenized into records without
 * ever holding the file as one string.
 *
 * It reports the same problems, with the same codes and sentences, as the whole-file path
 * (`table-reader.ts`), and ranks them the same way: bytes invalid in the encoding first, then
 * a line over `MAX_LINE_CHARS`, then the first quoting error, then a record over `MAX_COLUMNS`.
 * The whole-file path decides the encoding from the whole file (UTF-8 when every byte is valid
 * UTF-8), so a stream that meets invalid UTF-8 late restarts from the first byte as GB18030.
 */
import { CancelledError, InputError } from '../../core/errors';
import { assertTextTable } from './sniff';
import type { FileSource } from './file-source';
import { openSourceChunks, sourceName } from './file-source';
import { MAX_COLUMNS, MAX_LINE_CHARS } from './limits';
import { CsvTokenizer } from './csv-tokenizer';

/** Bytes read from the file at a time (1 MiB). */
export const CHUNK_BYTES = 1024 * 1024;

/**
 * Decoded characters looked at to guess the delimiter and line break (as Papa Parse guesses
 * them for the whole text: its line-break guess reads the first 1 MiB characters, its
 * delimiter guess the first 10 records).
 */
const HEAD_CHARS = 1024 * 1024;
const HEAD_MIN_LINES = 16;

/** The first chunk is at least this long, so the binary-file check sees what it sees in the whole file. */
const SNIFF_BYTES = 8192;

/** What a record sink gets: each record's fields and its 1-based record number (the file's row, as `rowNumbers` counts). */
export type RecordSink = (fields: string[], recordNumber: number) => void;

/** How to scan. */
export interface CsvScanOptions {
  /** A forced encoding (any iconv-lite label); default: detected as the whole-file path does. */
  readonly encoding?: string;
  /** Chunk size in bytes (tests use small ones to cut quotes and characters). */
  readonly chunkBytes?: number;
  /** After each chunk: bytes read so far and the file's size. */
  readonly onBytes?: (read: number, total: number) => void;
  /** Seen after each chunk: stops with `CancelledError`. */
  readonly isCancelled?: () => boolean;
}

/** The outcome of a scan. */
export interface CsvScan {
  /** The encoding used, named as `table-reader` names it (`utf-8`, `gb18030`, `utf-16le`, a forced label). */
  readonly encoding: string;
  /** Records tokenized (empty ones included). */
  readonly records: number;
  /** The file's size in bytes. */
  readonly bytes: number;
}

type Mode =
  | { kind: 'utf8'; fatalRestart: 'gb18030' | 'report'; skip: number }
  | { kind: 'iconv'; label: string; skip: number; auto: boolean };

/** The whole-file path's choice of decoder, from the first bytes and a forced encoding. */
function initialMode(first: Uint8Array, encoding?: string): Mode {
  const bom = first.length >= 3 && first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf;
  if (encoding !== undefined) {
    const enc = encoding.trim().toLowerCase();
    if (enc === 'utf-8' || enc === 'utf8') return { kind: 'utf8', fatalRestart: 'report', skip: bom ? 3 : 0 };
    return { kind: 'iconv', label: enc, skip: 0, auto: false };
  }
  if (bom) return { kind: 'utf8', fatalRestart: 'report', skip: 3 };
  if (first.length >= 2 && first[0] === 0xff && first[1] === 0xfe) return { kind: 'iconv', label: 'utf-16le', skip: 2, auto: false };
  if (first.length >= 2 && first[0] === 0xfe && first[1] === 0xff) return { kind: 'iconv', label: 'utf-16be', skip: 2, auto: false };
  return { kind: 'utf8', fatalRestart: 'gb18030', skip: 0 };
}

/** Thrown inside a pass to start over with another decoder. */
class Restart {
  constructor(readonly mode: Mode | 'find-bad-utf8') {}
}

interface Decoder {
  write(bytes: Uint8Array): string;
  end(): string;
}

async function makeDecoder(mode: Mode | 'find-bad-utf8'): Promise<Decoder> {
  if (mode === 'find-bad-utf8') {
    const d = new TextDecoder('utf-8');
    return { write: (b) => d.decode(b, { stream: true }), end: () => d.decode() };
  }
  if (mode.kind === 'utf8') {
    const d = new TextDecoder('utf-8', { fatal: true });
    const fail = (): never => {
      throw new Restart(mode.fatalRestart === 'gb18030' ? { kind: 'iconv', label: 'gb18030', skip: 0, auto: true } : 'find-bad-utf8');
    };
    return {
      write: (b) => {
        try {
          return d.decode(b, { stream: true });
        } catch {
          return fail();
        }
      },
      end: () => {
        try {
          return d.decode();
        } catch {
          return fail();
        }
      },
    };
  }
  // iconv-lite loads only for files that are not UTF-8 (as in table-reader).
  const { default: iconv } = await import('iconv-lite');
  const d = iconv.getDecoder(mode.label);
  return { write: (b) => d.write(Buffer.from(b.buffer, b.byteOffset, b.byteLength)), end: () => d.end() ?? '' };
}

/** The sentence of `decode-text.ts` for bytes invalid in the encoding, at `row`. */
function badEncoding(file: string, row: number, encoding: string): InputError {
  if (encoding === 'gb18030') {
    return new InputError('import-bad-encoding-auto', `${file}: row ${row} has bytes that are neither valid UTF-8 nor GBK/GB18030; save the file as UTF-8`, { file, row });
  }
  const suggestion = encoding === 'utf-8' ? 'GBK' : 'UTF-8';
  return new InputError('import-bad-encoding', `${file}: row ${row} has bytes that are not valid ${encoding}; try the encoding ${suggestion}`, {
    file,
    row,
    encoding,
    suggestion,
  });
}

function countNewlines(s: string, end: number): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0 && i < end; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** Papa Parse's guesses for the text (run on its head, which is what Papa looks at). */
async function guessDialect(head: string): Promise<{ delimiter: string; newline: string }> {
  const { default: Papa } = await import('papaparse');
  const meta = Papa.parse<string[]>(head, { header: false, skipEmptyLines: false, dynamicTyping: false, preview: 1 }).meta;
  return { delimiter: meta.delimiter || ',', newline: meta.linebreak || '\n' };
}

/**
 * Scan a CSV file: every record goes to the sink `makeSink()` returned, in order, until the
 * first problem; the problem is thrown once the file has been read to its end (a higher-ranked
 * one may come later). When the stream has to start over (invalid UTF-8 met after valid
 * records), `makeSink` is called again and the new sink gets the records from the start.
 *
 * @throws InputError as `readTable` for a CSV: `import-file-not-found`, `import-not-text-table`,
 *   `import-bad-encoding*`, `import-line-too-long`, `import-csv-unclosed-quote`,
 *   `import-csv-bad-quote`, `import-too-many-columns`; CancelledError; whatever the sink throws.
 */
export async function scanCsv(src: FileSource, makeSink: () => RecordSink, opts: CsvScanOptions = {}): Promise<CsvScan> {
  const name = sourceName(src);
  let mode: Mode | 'find-bad-utf8' | undefined;
  for (;;) {
    try {
      return await scanPass(src, name, makeSink(), opts, mode);
    } catch (e) {
      if (!(e instanceof Restart)) throw e;
      mode = e.mode;
    }
  }
}

async function scanPass(src: FileSource, name: string, sink: RecordSink, opts: CsvScanOptions, forced?: Mode | 'find-bad-utf8'): Promise<CsvScan> {
  const chunks = await openSourceChunks(src, opts.chunkBytes ?? CHUNK_BYTES, SNIFF_BYTES);
  try {
    const total = chunks.size;
    let read = 0;
    let mode = forced;
    let decoder: Decoder | undefined;
    let encoding = '';
    /** The U+FFFD test: every decoder but plain UTF-8 (whose fatal mode already refuses bad bytes). */
    let checkReplacement = false;
    let lines = 0; // '\n' seen in the decoded text
    let lineLength = 0;
    let lineError: InputError | undefined;
    let columnError: InputError | undefined;
    let tokenizer: CsvTokenizer | undefined;
    let head: string[] | undefined = [];
    let headChars = 0;
    let headLines = 0;

    const feedText = async (text: string, last: boolean): Promise<void> => {
      if (text.length > 0) {
        if (checkReplacement) {
          const at = text.indexOf('\uFFFD');
          if (at >= 0) {
            const row = lines + countNewlines(text, at) + 1;
            throw badEncoding(name, row, mode === 'find-bad-utf8' ? 'utf-8' : encoding);
          }
        }
        if (mode === 'find-bad-utf8') return;
        // Physical lines, as `checkLineLengths` splits them.
        let start = 0;
        for (;;) {
          const nl = text.indexOf('\n', start);
          const end = nl < 0 ? text.length : nl;
          lineLength += end - start;
          if (lineError === undefined && lineLength > MAX_LINE_CHARS) {
            const row = lines + 1;
            lineError = new InputError('import-line-too-long', `${name}: row ${row} is longer than ${MAX_LINE_CHARS} characters, the limit`, {
              file: name,
              row,
              limit: MAX_LINE_CHARS,
            });
          }
          if (nl < 0) break;
          lines++;
          lineLength = 0;
          start = nl + 1;
        }
      }
      if (mode === 'find-bad-utf8' || lineError) return; // nothing below outranks these
      if (head) {
        head.push(text);
        headChars += text.length;
        headLines += countNewlines(text, text.length);
        if (!last && (headChars < HEAD_CHARS || headLines < HEAD_MIN_LINES)) return;
        const headText = head.join('');
        head = undefined;
        const { delimiter, newline } = await guessDialect(headText);
        tokenizer = new CsvTokenizer(delimiter, newline, (fields, record) => {
          if (columnError) return;
          if (fields.length > MAX_COLUMNS) {
            columnError = new InputError('import-too-many-columns', `${name}: row ${record + 1} has ${fields.length} columns, more than the limit of ${MAX_COLUMNS}`, {
              file: name,
              row: record + 1,
              columns: fields.length,
              limit: MAX_COLUMNS,
            });
            return;
          }
          sink(fields, record + 1);
        });
        tokenizer.push(headText);
      } else {
        tokenizer?.push(text);
      }
      if (last) tokenizer?.end();
    };

    for (;;) {
      const bytes = await chunks.next();
      if (bytes === null) break;
      if (decoder === undefined) {
        assertTextTable(name, bytes);
        if (mode === undefined) mode = initialMode(bytes, opts.encoding);
        decoder = await makeDecoder(mode);
        if (mode !== 'find-bad-utf8') {
          encoding = mode.kind === 'utf8' ? 'utf-8' : mode.label;
          checkReplacement = mode.kind === 'iconv';
        } else checkReplacement = true;
        const skip = mode === 'find-bad-utf8' ? (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0) : mode.skip;
        await feedText(decoder.write(bytes.subarray(skip)), false);
      } else {
        await feedText(decoder.write(bytes), false);
      }
      read += bytes.length;
      opts.onBytes?.(read, total);
      if (opts.isCancelled?.()) throw new CancelledError();
    }
    if (decoder === undefined) {
      // An empty file: no records (Papa gives none for empty text).
      return { encoding: opts.encoding ? opts.encoding.trim().toLowerCase() : 'utf-8', records: 0, bytes: 0 };
    }
    await feedText(decoder.end(), true);
    if (lineError) throw lineError;
    const problem = tokenizer?.problem;
    if (problem) {
      const row = problem.record + 1;
      if (problem.code === 'MissingQuotes') {
        throw new InputError('import-csv-unclosed-quote', `${name}: row ${row} opens a quoted field that is never closed`, { file: name, row });
      }
      throw new InputError('import-csv-bad-quote', `${name}: row ${row} has a quote inside a quoted field that is not doubled ("")`, { file: name, row });
    }
    if (columnError) throw columnError;
    return { encoding, records: tokenizer?.records ?? 0, bytes: read };
  } finally {
    await chunks.close();
  }
}
