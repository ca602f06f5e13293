/**
 * A minimal PNG reader for the tests (PNG 1.2: 8-bit RGB/RGBA, non-interlaced, filters 0–4):
 * chunk list, IHDR size, pHYs, and the decoded pixels for pixel statistics.
 */
import { inflateSync } from 'node:zlib';

/** One chunk: type and data. */
export interface PngChunk { readonly type: string; readonly data: Uint8Array }

/** The chunks of a PNG in file order. */
export function pngChunks(png: Uint8Array): PngChunk[] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const out: PngChunk[] = [];
  for (let at = 8; at + 12 <= png.length;) {
    const len = view.getUint32(at);
    out.push({ type: String.fromCharCode(...png.subarray(at + 4, at + 8)), data: png.subarray(at + 8, at + 8 + len) });
    at += 12 + len;
  }
  return out;
}

/** Decoded image: width, height, RGBA pixels. */
export function decodePng(png: Uint8Array): { width: number; height: number; rgba: Uint8Array } {
  const chunks = pngChunks(png);
  const ihdr = new DataView(chunks[0].data.buffer, chunks[0].data.byteOffset, 13);
  const width = ihdr.getUint32(0);
  const height = ihdr.getUint32(4);
  const colorType = chunks[0].data[9];
  if (chunks[0].data[8] !== 8 || (colorType !== 6 && colorType !== 2) || chunks[0].data[12] !== 0) throw new Error('decodePng: only 8-bit RGB(A), non-interlaced');
  const bpp = colorType === 6 ? 4 : 3;
  const raw = inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  const stride = width * bpp;
  const pix = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)];
    const src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = pix.subarray(y * stride, (y + 1) * stride);
    const up = y > 0 ? pix.subarray((y - 1) * stride, y * stride) : new Uint8Array(stride);
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? row[x - bpp] : 0;
      const b = up[x];
      const c = x >= bpp ? up[x - bpp] : 0;
      let p = src[x];
      if (f === 1) p += a;
      else if (f === 2) p += b;
      else if (f === 3) p += (a + b) >> 1;
      else if (f === 4) {
        const pa = Math.abs(b - c);
        const pb = Math.abs(a - c);
        const pc = Math.abs(a + b - 2 * c);
        p += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      row[x] = p & 0xff;
    }
  }
  if (bpp === 4) return { width, height, rgba: pix };
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) rgba.set([pix[i * 3], pix[i * 3 + 1], pix[i * 3 + 2], 255], i * 4);
  return { width, height, rgba };
}

/** Number of pixels that are not (near) white. */
export function inkPixels(img: { rgba: Uint8Array }): number {
  let n = 0;
  for (let i = 0; i < img.rgba.length; i += 4) {
    if (img.rgba[i + 3] > 0 && (img.rgba[i] < 230 || img.rgba[i + 1] < 230 || img.rgba[i + 2] < 230)) n++;
  }
  return n;
}

/** pHYs (x, y pixels per unit, unit) or undefined. */
export function pngPhys(png: Uint8Array): { x: number; y: number; unit: number } | undefined {
  const c = pngChunks(png).find((k) => k.type === 'pHYs');
  if (!c) return undefined;
  const v = new DataView(c.data.buffer, c.data.byteOffset, 9);
  return { x: v.getUint32(0), y: v.getUint32(4), unit: c.data[8] };
}
