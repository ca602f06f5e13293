/**
 * The figure use cases over a project file given by path (`rwb map`, `rwb report`): open it
 * read-only, draw / collect, close. The app's handlers do the same over the open project.
 */
import type { FigureFormat } from '../../contract/constants';
import type { MapSpec } from '../../contract/figures';
import { ProjectStore } from '../../store/project-store';
import { writeFigure, renderPngHere, type FigureFile, type PngRenderer } from './export';
import { drawMap, type DrawnMap } from './map-figure';
import { collectReport, reportHtml, reportPdf, type ReportContent, type ReportLang, type ReportPick } from './report';
import { drawSavedFigure, listSavedFigures } from './saved-figures';

/**
 * Draw `spec` over the project at `path` and write it in `format` (`baseName` names the file).
 * @throws InputError as ProjectStore.open, drawMap and writeFigure.
 */
export async function exportProjectMap(path: string, spec: MapSpec, format: FigureFormat, baseName: string, png: PngRenderer = renderPngHere): Promise<{ drawn: DrawnMap; file: FigureFile }> {
  const store = ProjectStore.open(path, { readonly: true });
  try {
    const drawn = drawMap(store, spec);
    return { drawn, file: await writeFigure(drawn.figure, drawn.svg, format, spec.size.dpi, baseName, png) };
  } finally {
    store.close();
  }
}

/**
 * The report of the project at `path`: its content, the HTML, and the PDF when asked.
 * @throws InputError as ProjectStore.open and collectReport (`report-empty`).
 */
export async function projectReport(path: string, lang: ReportLang, withPdf: boolean, pick: ReportPick = {}): Promise<{ content: ReportContent; html: string; pdf: Uint8Array | null }> {
  const store = ProjectStore.open(path, { readonly: true });
  try {
    const content = collectReport(store, (f) => drawSavedFigure(store, f), lang, () => listSavedFigures(store), pick);
    return { content, html: reportHtml(content), pdf: withPdf ? await reportPdf(content) : null };
  } finally {
    store.close();
  }
}
