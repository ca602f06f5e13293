/**
 * Handlers of the ESDA channels (src/contract/esda.ts): the per-year table export. The
 * statistics themselves run as the `esda-global` / `esda-local` jobs (./job).
 */
import type { Handlers } from '../../contract';
import type { esdaChannels } from '../../contract/esda';
import { buildEsdaTable } from '../../report/esda-table';
import { tableToHtml } from '../export/table-text';
import { renderTable, TABLE_MIME } from '../export/write-table';
import { drawEsdaFigure } from '../esda/esda-figures';
import { asDownload, writeFigure, type PngRenderer } from '../figures/export';
import { runInWorker } from '../jobs/run-in-worker';
import type { ProjectStore } from '../../store/project-store';

/** The handlers of the ESDA channels. */
export type EsdaHandlers = Pick<Handlers, keyof typeof esdaChannels>;


/** PNG rasterising in the job worker (the main thread and the web server stay free). */
const workerPng: PngRenderer = (job) => runInWorker('figure-png', job);

/** The ESDA channels. */
export function createEsdaHandlers(store: () => ProjectStore, png: PngRenderer = workerPng): EsdaHandlers {
  return {
    'esda:tableExport': async ({ result, format, language, digits }) => {
      const columns = [...new Set(result.rows.map((r) => r.weights))];
      const statistic = result.stat === 'geary' || result.stat === 'getis' || result.stat === 'bivariate-moran' ? result.stat : 'moran';
      const table = buildEsdaTable(result.rows.map((r) => ({
        column: r.weights, year: r.year, value: r.value, z: r.zRand, p: r.pSim ?? r.pRand, n: r.n,
      })), columns, { statistic, language, digits, permutations: result.permutations, alternative: result.alternative });
      const bytes = format === 'html' ? new TextEncoder().encode(tableToHtml(table)) : await renderTable(table, format);
      const stem = result.variable.replace(/[^\p{L}\p{N}_]+/gu, '_').replace(/^_+|_+$/g, '').slice(0, 40) || 'x';
      return { fileName: `${statistic}-${stem}.${format}`, mime: TABLE_MIME[format], dataBase64: Buffer.from(bytes).toString('base64') };
    },
    'esda:figureExport': async (req) => {
      const d = drawEsdaFigure(store(), req);
      return asDownload(await writeFigure(d.figure, d.svg, req.format, req.size.dpi, d.baseName, png));
    },
  };
}
