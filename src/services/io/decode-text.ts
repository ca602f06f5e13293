/**
 * Decode text files whose encoding is not declared: UTF-8 (with or without BOM), UTF-16 with
 * BOM, else GB18030 (a superset of GBK/GB2312, the usual encoding of Chinese yearbook exports).
 */
import iconv from 'iconv-lite';
import { InputError } from '../../core/errors';
import { isValidUtf8, type DecodedText } from './utf8-text';

export { isValidUtf8, type DecodedText } from './utf8-text';

/** The 1-based line of the first U+FFFD (replacement character) in `text`, or 0 when none. */
function firstBadRow(text: string): number {
  const at = text.indexOf('\uFFFD');
  if (at < 0) return 0;
  let row = 1;
  for (let i = 0; i < at; i++) if (text.charCodeAt(i) === 10) row++;
  return row;
}

function badBytes(file: string, text: string, encoding: string): void {
  const row = firstBadRow(text);
  if (row === 0) return;
  if (encoding === 'gb18030') {
    throw new InputError(
      'import-bad-encoding-auto',
      `${file}: row ${row} has bytes that are neither valid UTF-8 nor GBK/GB18030; save the file as UTF-8`,
      { file, row },
    );
  }
  const suggestion = encoding === 'utf-8' ? 'GBK' : 'UTF-8';
  throw new InputError('import-bad-encoding', `${file}: row ${row} has bytes that are not valid ${encoding}; try the encoding ${suggestion}`, {
    file,
    row,
    encoding,
    suggestion,
  });
}

/**
 * Decode bytes: a BOM decides; otherwise valid UTF-8 is UTF-8, anything else is GB18030.
 * `encoding` forces one (any label iconv-lite knows, e.g. "gbk", "latin1").
 *
 * With `file` (a name for messages), bytes that are invalid in the encoding used are an error
 * naming the row instead of silently becoming U+FFFD.
 *
 * @throws InputError `import-bad-encoding` (a forced encoding; suggests the other of UTF-8 and
 *   GBK), `import-bad-encoding-auto` (neither UTF-8 nor GB18030) — only when `file` is given.
 */
export function decodeText(bytes: Uint8Array, encoding?: string, file?: string): DecodedText {
  const out = decodeLoose(bytes, encoding);
  if (file !== undefined && (out.encoding !== 'utf-8' || out.invalid)) badBytes(file, out.text, out.encoding);
  return { text: out.text, encoding: out.encoding };
}

function decodeLoose(bytes: Uint8Array, encoding?: string): DecodedText & { invalid?: boolean } {
  if (encoding) {
    const enc = encoding.trim().toLowerCase();
    if (enc === 'utf-8' || enc === 'utf8') {
      const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
      const body = bom ? bytes.subarray(3) : bytes;
      return { text: new TextDecoder('utf-8').decode(body), encoding: 'utf-8', invalid: !isValidUtf8(body) };
    }
    return { text: iconv.decode(Buffer.from(bytes), enc), encoding: enc };
  }
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const body = bytes.subarray(3);
    return { text: new TextDecoder('utf-8').decode(body), encoding: 'utf-8', invalid: !isValidUtf8(body) };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16le'), encoding: 'utf-16le' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16be'), encoding: 'utf-16be' };
  }
  if (isValidUtf8(bytes)) return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' };
  return { text: iconv.decode(Buffer.from(bytes), 'gb18030'), encoding: 'gb18030' };
}

/** Map a `.cpg` file's content (e.g. "UTF-8", "GBK", "936", "1252") to an iconv-lite label. */
export function cpgToEncoding(cpg: string): string | undefined {
  const s = cpg.trim().toLowerCase();
  if (!s) return undefined;
  if (s === '936' || s === 'cp936' || s === 'gbk' || s === 'gb2312') return 'gbk';
  if (s === '54936' || s === 'gb18030') return 'gb18030';
  if (/^\d+$/.test(s)) return `cp${s}`;
  const label = s.replace(/^ansi\s*/, '');
  return iconv.encodingExists(label) ? label : undefined;
}
