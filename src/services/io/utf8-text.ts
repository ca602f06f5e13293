/**
 * The UTF-8 part of `decode-text.ts`, without iconv-lite: most files are UTF-8, and reading
 * them (every `rwb` command on a CSV panel or a GeoJSON) should not load iconv-lite's
 * code-page tables (~0.9 MB). `decodeUtf8` gives exactly what `decodeText` gives when the bytes
 * are UTF-8 (declared, with a BOM, or valid) and `null` when `decodeText` is needed.
 */

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

function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/**
 * `decodeText(bytes, encoding)` when that is plain UTF-8 — a forced "utf-8"/"utf8", a UTF-8
 * BOM, or (no encoding given, no UTF-16 BOM) valid UTF-8 — with the BOM dropped; `null` when the
 * bytes need another decoder or are invalid UTF-8 (then `decodeText` decodes them or names the
 * bad row).
 */
export function decodeUtf8(bytes: Uint8Array, encoding?: string): DecodedText | null {
  if (encoding !== undefined) {
    const enc = encoding.trim().toLowerCase();
    if (enc !== 'utf-8' && enc !== 'utf8') return null;
  } else if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return null;
  }
  const body = hasUtf8Bom(bytes) ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    return null;
  }
}
