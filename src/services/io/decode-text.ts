/**
 * Decode text files whose encoding is not declared: UTF-8 (with or without BOM), UTF-16 with
 * BOM, else GB18030 (a superset of GBK/GB2312, the usual encoding of Chinese yearbook exports).
 */
import iconv from 'iconv-lite';

/** Decoded text and the encoding that was used. */
export interface DecodedText {
  readonly text: string;
  readonly encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | string;
}

/** True when the bytes are valid UTF-8. */
export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Decode bytes: a BOM decides; otherwise valid UTF-8 is UTF-8, anything else is GB18030.
 * `encoding` forces one (any label iconv-lite knows, e.g. "gbk", "latin1").
 */
export function decodeText(bytes: Uint8Array, encoding?: string): DecodedText {
  if (encoding) {
    const enc = encoding.trim().toLowerCase();
    if (enc === 'utf-8' || enc === 'utf8') return decodeText(bytes);
    return { text: iconv.decode(Buffer.from(bytes), enc), encoding: enc };
  }
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
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
