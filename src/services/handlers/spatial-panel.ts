/**
 * Handlers of the spatial panel channels (src/contract/spatial-panel.ts): the comparison table
 * export and the region-effect map / group chart export of a finished result. The fit itself
 * runs as the `spatial-panel-fit` job (./job).
 */
import { toJsonSafe } from '../../core/json';
import type { Handlers } from '../../contract';
import { regressionTableSchema } from '../../contract/regression';
import type { spatialPanelChannels } from '../../contract/spatial-panel';
import { buildSpatialPanelTable } from '../../report/spatial-panel-table';
import type { ProjectStore } from '../../store/project-store';
import { tableToHtml } from '../export/table-text';
import { renderTable, TABLE_MIME } from '../export/write-table';
import { asDownload, writeFigure, type PngRenderer } from '../figures/export';
import { runInWorker } from '../jobs/run-in-worker';
import { drawSpatialFigure } from '../spatial-panel/spatial-figures';

/** The handlers of the spatial panel channels. */
export type SpatialPanelHandlers = Pick<Handlers, keyof typeof spatialPanelChannels>;

/** PNG rasterising in the job worker (the main thread and the web server stay free). */
const workerPng: PngRenderer = (job) => runInWorker('figure-png', job);

/** The spatial panel channels. */
export function createSpatialPanelHandlers(store: () => ProjectStore, png: PngRenderer = workerPng): SpatialPanelHandlers {
  return {
    // The table model carries NaN for empty cells; the contract's has null.
    'spatial:table': async ({ result, language, digits }) => regressionTableSchema.parse(toJsonSafe(buildSpatialPanelTable(result, result.columns, { language, digits }))),
    'spatial:tableExport': async ({ result, format, language, digits }) => {
      const table = buildSpatialPanelTable(result, result.columns, { language, digits });
      const bytes = format === 'html' ? new TextEncoder().encode(tableToHtml(table)) : await renderTable(table, format);
      const stem = result.y.replace(/[^\p{L}\p{N}_]+/gu, '_').replace(/^_+|_+$/g, '').slice(0, 40) || 'y';
      return { fileName: `${result.model}-${stem}.${format}`, mime: TABLE_MIME[format], dataBase64: Buffer.from(bytes).toString('base64') };
    },
    'spatial:figureExport': async (req) => {
      const d = drawSpatialFigure(store(), req);
      return asDownload(await writeFigure(d.figure, d.svg, req.format, req.size.dpi, d.baseName, png));
    },
  };
}
