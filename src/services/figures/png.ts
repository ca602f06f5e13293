/**
 * PNG output: the figure's SVG rasterised by resvg (@resvg/resvg-js) with only the shipped Noto
 * Sans SC subsets (no system fonts, so the bytes are the same on every machine), then a pHYs
 * chunk (PNG 1.2 §11.3.5.3: pixels per metre, unit 1) inserted after IHDR with its CRC-32, so
 * image programs and word processors place it at the intended size.
 */
import { Resvg } from '@resvg/resvg-js';
import { InputError } from '../../core/errors';
import type { Figure, FigureItem } from '../../figures/figure';
import { fontRuns, fontsForText, type FontWeightNumber, type LoadedFont } from './fonts';

/** What the rasteriser needs: structured-cloneable, so it can go to the job worker. */
export interface PngJob {
  readonly svg: string;
  /** Every text string of the figure (chooses the font subsets). */
  readonly text: string;
  /** Font weights used by the figure's text. */
  readonly weights: readonly FontWeightNumber[];
  readonly fontFamily: string;
  readonly widthPx: number;
  readonly heightPx: number;
  readonly dpi: number;
  readonly background: string;
}

/** Pixel count for a length in points at `dpi`: round(pt / 72 × dpi). */
export function pxFor(pt: number, dpi: number): number {
  return Math.round((pt / 72) * dpi);
}

/** Text and weights of a display list (walks groups). */
export function figureText(figure: Figure): { text: string; weights: FontWeightNumber[] } {
  const parts: string[] = [figure.title];
  let bold = false;
  const walk = (items: readonly FigureItem[]): void => {
    for (const it of items) {
      if (it.kind === 'text') {
        parts.push(it.text);
        if (it.weight === 'bold') bold = true;
      } else if (it.kind === 'group') walk(it.items);
    }
  };
  walk(figure.items);
  return { text: parts.join('\n'), weights: bold ? [400, 700] : [400] };
}

/** The PNG job of a figure and its SVG at `dpi`. */
export function pngJob(figure: Figure, svg: string, dpi: number): PngJob {
  const { text, weights } = figureText(figure);
  return {
    svg, text, weights, fontFamily: figure.fontFamily, dpi, background: figure.background,
    widthPx: pxFor(figure.width, dpi), heightPx: pxFor(figure.height, dpi),
  };
}

// CRC-32 (ISO 3309, as PNG's §15 sample code), table built once.
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 of `bytes` as PNG computes it over a chunk's type and data. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Pixels per metre for `dpi`: round(dpi / 0.0254) (300 DPI → 11811). */
export function pixelsPerMetre(dpi: number): number {
  return Math.round(dpi / 0.0254);
}

/**
 * `png` with a pHYs chunk for `dpi` inserted right after IHDR (an existing pHYs is replaced).
 * @throws Error when `png` is not a PNG starting with IHDR.
 */
export function withPhys(png: Uint8Array, dpi: number): Uint8Array {
  const sig = [137, 80, 78, 71, 13, 10, 26, 10];
  if (png.length < 33 || sig.some((b, i) => png[i] !== b)) throw new Error('withPhys: not a PNG');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const ihdrLen = view.getUint32(8);
  const afterIhdr = 8 + 12 + ihdrLen;
  const chunk = new Uint8Array(21);
  const cv = new DataView(chunk.buffer);
  const ppm = pixelsPerMetre(dpi);
  cv.setUint32(0, 9);
  chunk.set([0x70, 0x48, 0x59, 0x73], 4); // 'pHYs'
  cv.setUint32(8, ppm);
  cv.setUint32(12, ppm);
  chunk[16] = 1; // unit: metre
  cv.setUint32(17, crc32(chunk.subarray(4, 17)));
  // Drop an existing pHYs chunk, keep everything else in order.
  const rest: Uint8Array[] = [];
  let at = afterIhdr;
  while (at + 12 <= png.length) {
    const len = view.getUint32(at);
    const type = String.fromCharCode(png[at + 4], png[at + 5], png[at + 6], png[at + 7]);
    const end = at + 12 + len;
    if (type !== 'pHYs') rest.push(png.subarray(at, end));
    at = end;
  }
  const total = afterIhdr + chunk.length + rest.reduce((s, r) => s + r.length, 0);
  const out = new Uint8Array(total);
  out.set(png.subarray(0, afterIhdr), 0);
  out.set(chunk, afterIhdr);
  let o = afterIhdr + chunk.length;
  for (const r of rest) {
    out.set(r, o);
    o += r.length;
  }
  return out;
}

/**
 * The SVG with its root `width`/`height` set to the pixel size (the viewBox keeps the drawing in
 * points). resvg's own fit-to-width rounds the height up, which would make a 120 mm figure at
 * 300 DPI 1418 px high instead of round(1417.3) = 1417.
 * @throws Error when the document has no root `<svg` element.
 */
export function atPixelSize(svg: string, widthPx: number, heightPx: number): string {
  const start = svg.indexOf('<svg');
  if (start < 0) throw new Error('atPixelSize: no <svg> element');
  const end = svg.indexOf('>', start);
  let tag = svg.slice(start, end);
  tag = tag.replace(/\s(width|height)="[^"]*"/g, '');
  tag = `${tag} width="${widthPx}" height="${heightPx}" preserveAspectRatio="none"`;
  return svg.slice(0, start) + tag + svg.slice(end);
}

const XML_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (s: string): string => s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (m, e: string) => {
  if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  return XML_ENTITIES[e.toLowerCase()] ?? m;
});
const escapeXml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&${({ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' } as Record<string, string>)[c]};`);

/**
 * The SVG with every `<text>`'s characters split into `<tspan>`s, each naming the one font
 * subset that covers its characters (the subset families of ./fonts.ts), by the text's weight.
 * resvg then finds every glyph in the font it first picks: its fallback, which ignores the
 * weight, is never needed. Anchors still apply to the whole text (one SVG text chunk).
 */
export function withSubsetFamilies(svg: string, fonts: readonly LoadedFont[]): string {
  const byWeight = new Map<FontWeightNumber, LoadedFont[]>();
  for (const f of fonts) byWeight.set(f.weight, [...(byWeight.get(f.weight) ?? []), f]);
  return svg.replace(/<text([^>]*)>([^<]*)<\/text>/g, (whole, attrs: string, body: string) => {
    const weight: FontWeightNumber = /\sfont-weight="(bold|700)"/.test(attrs) ? 700 : 400;
    const list = byWeight.get(weight) ?? byWeight.get(400);
    if (!list || body === '') return whole;
    const runs = fontRuns(unescapeXml(body), list);
    return `<text${attrs}>${runs.map((r) => `<tspan font-family="${r.font.family}">${escapeXml(r.text)}</tspan>`).join('')}</text>`;
  });
}

/** Largest raster the export writes (pixels), to keep memory bounded (600 mm at 1200 DPI is ~800 Mpx). */
export const MAX_PNG_PIXELS = 120_000_000;

/**
 * Rasterise the job's SVG to PNG bytes at exactly widthPx × heightPx with a pHYs chunk.
 * Deterministic: no system fonts, the figure's family as default, fixed rendering options.
 * @throws InputError `figure-png-too-large` when the raster would exceed MAX_PNG_PIXELS.
 */
export function renderPng(job: PngJob): Uint8Array {
  const pixels = job.widthPx * job.heightPx;
  if (pixels > MAX_PNG_PIXELS) {
    throw new InputError('figure-png-too-large', `A PNG of ${job.widthPx} × ${job.heightPx} pixels is larger than the ${MAX_PNG_PIXELS} pixels an export allows; lower the DPI or the size.`, { widthPx: job.widthPx, heightPx: job.heightPx, max: MAX_PNG_PIXELS });
  }
  const fonts = fontsForText(job.text, job.weights);
  const resvg = new Resvg(atPixelSize(withSubsetFamilies(job.svg, fonts), job.widthPx, job.heightPx), {
    fitTo: { mode: 'original' },
    background: job.background,
    shapeRendering: 2,
    textRendering: 1,
    imageRendering: 0,
    font: {
      loadSystemFonts: false,
      fontFiles: fonts.map((f) => f.path),
      defaultFontFamily: job.fontFamily,
      sansSerifFamily: job.fontFamily,
    },
    logLevel: 'off',
  });
  const img = resvg.render();
  if (img.width !== job.widthPx || img.height !== job.heightPx) {
    throw new Error(`renderPng: resvg drew ${img.width} × ${img.height} px, expected ${job.widthPx} × ${job.heightPx}`);
  }
  return withPhys(img.asPng(), job.dpi);
}
