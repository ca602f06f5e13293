/**
 * Handlers of the figure channels (src/contract/figures.ts) over the open project: draw a map or
 * group chart from its spec (SVG + summary for the preview), export it as PNG / SVG / PDF (the
 * PNG rasterised in the job worker, so the main thread and the web server stay free; the bytes
 * equal `rwb map`'s for the same spec), save / list / delete figure specs, and the report.
 */
import { basename } from 'node:path';
import { InputError } from '../../core/errors';
import type { Handlers } from '../../contract';
import type { figureChannels, SavedFigure } from '../../contract/figures';
import type { ProjectStore } from '../../store/project-store';
import { drawChart } from '../figures/chart-figure';
import { asDownload, writeFigure, type PngRenderer } from '../figures/export';
import { drawMap } from '../figures/map-figure';
import { collectReport, reportHtml, reportItems, reportPdf } from '../figures/report';
import { drawSavedFigure, listSavedFigures } from '../figures/saved-figures';
import { runInWorker } from '../jobs/run-in-worker';

/** The handlers of the figure channels. */
export type FigureHandlers = Pick<Handlers, keyof typeof figureChannels>;

/** PNG rasterising in the job worker (same `renderPng` as the CLI, on the same job). */
const workerPng: PngRenderer = (job) => runInWorker('figure-png', job);

/** A map/chart file name: the title, else the variable and periods. */
function baseName(spec: { title?: string; variable: string }, what: string): string {
  return spec.title || `${what}-${spec.variable}`;
}

/** The figure channels over the open project (`store` throws `no-project` when none is open). */
export function createFigureHandlers(store: () => ProjectStore, png: PngRenderer = workerPng): FigureHandlers {
  return {
    'figure:map': async ({ spec }) => {
      const d = drawMap(store(), spec);
      return { svg: d.svg, summary: d.summary, spec: d.spec };
    },
    'figure:mapExport': async ({ spec, format }) => {
      const d = drawMap(store(), spec);
      const periods = d.summary.panels.join('_');
      return asDownload(await writeFigure(d.figure, d.svg, format, spec.size.dpi, spec.title || `map-${spec.variable}${periods ? `-${periods}` : ''}`, png));
    },
    'figure:chart': async ({ spec }) => {
      const d = drawChart(store(), spec);
      return { svg: d.svg, spec: d.spec };
    },
    'figure:chartExport': async ({ spec, format }) => {
      const d = drawChart(store(), spec);
      return asDownload(await writeFigure(d.figure, d.svg, format, spec.size.dpi, baseName(spec, `chart-${spec.kind}`), png));
    },
    'figure:save': async ({ name, figure }) => ({ id: store().saveFigure({ kind: figure.kind, name, spec: figure.spec }) }),
    'figure:list': async () => listSavedFigures(store()),
    'figure:delete': async ({ id }) => {
      const s = store();
      if (!s.getFigure(id)) throw new InputError('figure-unknown', `The project has no saved figure ${id}.`, { id });
      return { deleted: s.deleteFigure(id) };
    },
    'figure:reportItems': async ({ lang }) => {
      const s = store();
      return reportItems(s, lang, () => listSavedFigures(s));
    },
    'figure:report': async ({ format, lang, runs, figures }) => {
      const s = store();
      const content = collectReport(s, (f: SavedFigure) => drawSavedFigure(s, f), lang, () => listSavedFigures(s), { runs, figures });
      const stem = `report-${basename(s.path).replace(/\.rwb$/i, '')}`;
      if (format === 'html') {
        return { fileName: `${stem}.html`, mime: 'text/html', dataBase64: Buffer.from(reportHtml(content), 'utf8').toString('base64') };
      }
      const pdf = await reportPdf(content);
      return { fileName: `${stem}.pdf`, mime: 'application/pdf', dataBase64: Buffer.from(pdf).toString('base64') };
    },
  };
}
