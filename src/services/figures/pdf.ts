/**
 * PDF output written by pdfkit straight from the display list (vector, not a raster): one page
 * the size of the figure in points; paths replayed from their M/L/Z data with the even-odd rule;
 * the "no data" hatch as lines clipped to the area; text in the shipped Noto Sans SC subsets,
 * each run of characters in the subset that covers it, anchored with pdfkit's own measurement.
 * The document's dates are fixed (and pdfkit derives its file ID from them), so the same figure
 * gives the same bytes.
 */
import PDFDocument from 'pdfkit';
import type { Figure, FigureItem, Fill, TextItem } from '../../figures/figure';
import { fontRuns, loadSubset, subsetsFor, type FontWeightNumber, type LoadedFont } from './fonts';
import { figureText } from './png';

/** The date every exported PDF carries (reproducible output). */
export const PDF_FIXED_DATE = new Date(Date.UTC(2000, 0, 1, 0, 0, 0));

type Doc = PDFKit.PDFDocument;

/** Fonts registered in one document: subset file → pdfkit font name, and subsets per weight. */
interface FontBook {
  readonly byWeight: Map<FontWeightNumber, LoadedFont[]>;
  readonly names: Map<string, string>;
}

function registerFonts(doc: Doc, text: string, weights: readonly FontWeightNumber[]): FontBook {
  const byWeight = new Map<FontWeightNumber, LoadedFont[]>();
  const names = new Map<string, string>();
  for (const w of weights) {
    const fonts = subsetsFor(text, w).map(loadSubset);
    byWeight.set(w, fonts);
    for (const f of fonts) {
      const name = `noto-${names.size + 1}`;
      names.set(f.file, name);
      doc.registerFont(name, Buffer.from(f.data.buffer, f.data.byteOffset, f.data.byteLength));
    }
  }
  return { byWeight, names };
}

/** Numbers of a M/L/Z path: its bounding box (for hatch lines). */
function pathBox(d: string): { x0: number; y0: number; x1: number; y1: number } {
  const nums = d.match(/-?\d*\.?\d+(?:e[-+]?\d+)?/gi)?.map(Number) ?? [];
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (let i = 0; i + 1 < nums.length; i += 2) {
    x0 = Math.min(x0, nums[i]);
    x1 = Math.max(x1, nums[i]);
    y0 = Math.min(y0, nums[i + 1]);
    y1 = Math.max(y1, nums[i + 1]);
  }
  return { x0, y0, x1, y1 };
}

/**
 * The hatch as src/figures/svg.ts draws it: 45° lines 4 pt apart (measured across the lines,
 * so 4·√2 along x), 1.2 pt wide.
 */
const HATCH_STEP = 4 * Math.SQRT2;
const HATCH_WIDTH = 1.2;

function hatch(doc: Doc, box: { x0: number; y0: number; x1: number; y1: number }, color: string): void {
  doc.lineWidth(HATCH_WIDTH).strokeColor(color).strokeOpacity(1).undash();
  const span = box.x1 - box.x0 + (box.y1 - box.y0);
  for (let t = -(box.y1 - box.y0); t <= span; t += HATCH_STEP) {
    const xa = box.x0 + t;
    doc.moveTo(xa, box.y1).lineTo(xa + (box.y1 - box.y0), box.y0);
  }
  doc.stroke();
}

/** Draw an area: the shape is laid out by `shape()` (called once per use, as pdfkit consumes the path). */
function paint(doc: Doc, shape: () => void, box: () => { x0: number; y0: number; x1: number; y1: number }, fill: Fill | undefined, stroke: string | undefined, strokeWidth: number | undefined, opacity: number, evenOdd: boolean, dash?: readonly number[]): void {
  const rule = evenOdd ? 'even-odd' : 'non-zero';
  const hasStroke = stroke !== undefined && stroke !== 'none' && (strokeWidth ?? 1) > 0;
  if (fill !== undefined && typeof fill === 'object') {
    doc.save();
    shape();
    doc.clip(rule);
    shape();
    // background 'none': hatching alone over what is below (the GTWR maps' significance overlay)
    if (fill.background !== 'none') doc.fillColor(fill.background).fillOpacity(opacity).fill(rule);
    hatch(doc, box(), fill.color);
    doc.restore();
  } else if (fill !== undefined && fill !== 'none') {
    shape();
    doc.fillColor(fill).fillOpacity(opacity).fill(rule);
  }
  if (hasStroke) {
    shape();
    doc.lineWidth(strokeWidth ?? 1).strokeColor(stroke).strokeOpacity(opacity);
    if (dash && dash.length > 0) doc.dash(dash[0], { space: dash[1] ?? dash[0] });
    else doc.undash();
    doc.lineJoin('round').stroke();
    doc.undash();
  }
}

function drawText(doc: Doc, t: TextItem, book: FontBook): void {
  const weight: FontWeightNumber = t.weight === 'bold' ? 700 : 400;
  const fonts = book.byWeight.get(weight) ?? book.byWeight.get(400) ?? [];
  const runs = fontRuns(t.text, fonts);
  const widths = runs.map((r) => doc.font(book.names.get(r.font.file) ?? 'Helvetica').fontSize(t.size).widthOfString(r.text));
  const total = widths.reduce((s, w) => s + w, 0);
  let x = t.x - (t.anchor === 'middle' ? total / 2 : t.anchor === 'end' ? total : 0);
  doc.save();
  if (t.rotate) doc.rotate(t.rotate, { origin: [t.x, t.y] });
  doc.fillColor(t.fill ?? '#000000').fillOpacity(t.opacity ?? 1);
  runs.forEach((r, i) => {
    doc.font(book.names.get(r.font.file) ?? 'Helvetica').fontSize(t.size);
    doc.text(r.text, x, t.y, { lineBreak: false, baseline: t.baseline ?? 'alphabetic' });
    x += widths[i];
  });
  doc.restore();
}

function drawItems(doc: Doc, items: readonly FigureItem[], book: FontBook): void {
  for (const it of items) {
    switch (it.kind) {
      case 'path':
        paint(doc, () => doc.path(it.d), () => pathBox(it.d), it.fill, it.stroke, it.strokeWidth, it.opacity ?? 1, it.evenOdd ?? true, it.dash);
        break;
      case 'rect':
        paint(doc, () => doc.rect(it.x, it.y, it.width, it.height), () => ({ x0: it.x, y0: it.y, x1: it.x + it.width, y1: it.y + it.height }), it.fill, it.stroke, it.strokeWidth, it.opacity ?? 1, false);
        break;
      case 'circle':
        paint(doc, () => doc.circle(it.cx, it.cy, it.r), () => ({ x0: it.cx - it.r, y0: it.cy - it.r, x1: it.cx + it.r, y1: it.cy + it.r }), it.fill, it.stroke, it.strokeWidth, it.opacity ?? 1, false);
        break;
      case 'line':
        doc.moveTo(it.x1, it.y1).lineTo(it.x2, it.y2);
        doc.lineWidth(it.strokeWidth).strokeColor(it.stroke).strokeOpacity(it.opacity ?? 1);
        if (it.dash && it.dash.length > 0) doc.dash(it.dash[0], { space: it.dash[1] ?? it.dash[0] });
        doc.stroke();
        doc.undash();
        break;
      case 'text':
        drawText(doc, it, book);
        break;
      case 'group':
        doc.save();
        if (it.clip) doc.rect(it.clip.x, it.clip.y, it.clip.width, it.clip.height).clip();
        drawItems(doc, it.items, book);
        doc.restore();
        break;
    }
  }
}

/** A figure placed on a page: top-left corner and scale (1 = its own size in points). */
export interface PlacedFigure {
  readonly figure: Figure;
  readonly x: number;
  readonly y: number;
  readonly scale: number;
}

/** One page of a PDF: its size in points, items in page coordinates, then placed figures. */
export interface PdfPage {
  readonly width: number;
  readonly height: number;
  readonly items: readonly FigureItem[];
  readonly figures?: readonly PlacedFigure[];
}

function itemsText(items: readonly FigureItem[], out: string[], weights: Set<FontWeightNumber>): void {
  for (const it of items) {
    if (it.kind === 'text') {
      out.push(it.text);
      weights.add(it.weight === 'bold' ? 700 : 400);
    } else if (it.kind === 'group') itemsText(it.items, out, weights);
  }
}

/**
 * Write pages as one PDF (page i's MediaBox is [0 0 width height]); every text in the fonts
 * that cover it. Fixed dates, so the same pages give the same bytes.
 * @throws InputError `figure-font-missing` / `figure-font-bad-woff` from the font loader.
 */
export function renderPdfPages(pages: readonly PdfPage[], meta: { readonly title: string; readonly lang: 'en' | 'zh' }): Promise<Uint8Array> {
  const first = pages[0];
  const doc = new PDFDocument({
    size: [first.width, first.height],
    margin: 0,
    autoFirstPage: true,
    compress: true,
    info: {
      Title: meta.title,
      Creator: 'Resilience Workbench',
      Producer: 'Resilience Workbench (pdfkit)',
      CreationDate: PDF_FIXED_DATE,
      ModDate: PDF_FIXED_DATE,
    },
    lang: meta.lang === 'zh' ? 'zh-CN' : 'en',
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  const texts: string[] = [meta.title];
  const weights = new Set<FontWeightNumber>([400]);
  for (const p of pages) {
    itemsText(p.items, texts, weights);
    for (const f of p.figures ?? []) {
      const t = figureText(f.figure);
      texts.push(t.text);
      for (const w of t.weights) weights.add(w);
    }
  }
  const book = registerFonts(doc, texts.join('\n'), [...weights].sort());
  pages.forEach((p, i) => {
    if (i > 0) doc.addPage({ size: [p.width, p.height], margin: 0 });
    drawItems(doc, p.items, book);
    for (const f of p.figures ?? []) {
      doc.save();
      doc.translate(f.x, f.y);
      if (f.scale !== 1) doc.scale(f.scale);
      doc.rect(0, 0, f.figure.width, f.figure.height).clip();
      if (f.figure.background && f.figure.background !== 'none') doc.rect(0, 0, f.figure.width, f.figure.height).fillColor(f.figure.background).fillOpacity(1).fill();
      drawItems(doc, f.figure.items, book);
      doc.restore();
    }
  });
  doc.end();
  return done;
}

/**
 * Write `figure` as a one-page PDF whose MediaBox is [0 0 width height] in points.
 * @throws InputError `figure-font-missing` / `figure-font-bad-woff` from the font loader.
 */
export function renderPdf(figure: Figure): Promise<Uint8Array> {
  return renderPdfPages([{ width: figure.width, height: figure.height, items: [], figures: [{ figure, x: 0, y: 0, scale: 1 }] }], { title: figure.title, lang: figure.lang });
}
