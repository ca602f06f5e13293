/**
 * A drawn figure written as a file: PNG (resvg, at the spec's DPI, with pHYs), SVG (the document
 * the preview shows) or PDF (pdfkit from the display list). One function for the app's export
 * channels, `rwb map` and reports, so each writes the same bytes for the same spec. The PNG
 * rasteriser is passed in: the app runs it in the job worker, the CLI in its own process — both
 * call `renderPng` on the same job.
 */
import type { FigureFormat } from '../../contract/constants';
import type { Figure } from '../../figures/figure';
import { renderPdf } from './pdf';
import { pngJob, renderPng, type PngJob } from './png';

/** Rasterises a PNG job (in this thread, or in the job worker). */
export type PngRenderer = (job: PngJob) => Promise<Uint8Array>;

/** Rasterise in this thread (the CLI, tests). */
export const renderPngHere: PngRenderer = async (job) => renderPng(job);

/** MIME type of each export format. */
export const FIGURE_MIME: Readonly<Record<FigureFormat, string>> = { png: 'image/png', svg: 'image/svg+xml', pdf: 'application/pdf' };

/** A written figure file. */
export interface FigureFile {
  readonly fileName: string;
  readonly mime: string;
  readonly bytes: Uint8Array;
}

/**
 * A file name from a figure's words: letters, digits (any script), `-` and `_`; others become `-`.
 * Empty → `figure`.
 */
export function figureFileName(base: string, format: FigureFormat): string {
  const stem = base.normalize('NFC').replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/-+/g, '-').replace(/^-|-$/g, '').slice(0, 80);
  return `${stem || 'figure'}.${format}`;
}

/**
 * Write `figure` (whose SVG document is `svg`) in `format`.
 * @throws InputError from the PNG writer (`figure-png-too-large`) and the font loader.
 */
export async function writeFigure(figure: Figure, svg: string, format: FigureFormat, dpi: number, baseName: string, png: PngRenderer = renderPngHere): Promise<FigureFile> {
  const fileName = figureFileName(baseName, format);
  const mime = FIGURE_MIME[format];
  switch (format) {
    case 'svg': return { fileName, mime, bytes: new TextEncoder().encode(svg) };
    case 'png': return { fileName, mime, bytes: await png(pngJob(figure, svg, dpi)) };
    case 'pdf': return { fileName, mime, bytes: await renderPdf(figure) };
  }
}

/** A figure file as the contract's download (`downloadSchema`). */
export function asDownload(file: FigureFile): { fileName: string; mime: string; dataBase64: string } {
  return { fileName: file.fileName, mime: file.mime, dataBase64: Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength).toString('base64') };
}
