/**
 * Handlers of the GWR channels (src/contract/gwr.ts): the model builder's options and the
 * figures and the per-region table of a result (services/gwr/gwr-figures.ts, gwr-table.ts). The fit
 * itself runs as the `gtwr` job (./job, services/gwr/gwr-job.ts).
 */
import type { Handlers } from '../../contract';
import { GWR_CRITERIA, GWR_KERNEL_NAMES } from '../../contract/constants';
import type { gwrChannels } from '../../contract/gwr';
import { createSpaceTimeIndex } from '../../models/gwr/space-time';
import type { ProjectStore } from '../../store/project-store';
import { projectGeometry, projectPanel } from '../inputs/project-inputs';
import { centroidPoints, coordinatePoints } from '../gwr/gwr-points';
import { drawGwrFigure } from '../gwr/gwr-figures';
import { buildGtwrDiagnosticsTable, buildGtwrRegionTable } from '../gwr/gwr-table';
import { tableToHtml } from '../export/table-text';
import { renderTable, TABLE_MIME } from '../export/write-table';
import { asDownload, writeFigure, type PngRenderer } from '../figures/export';
import { runInWorker } from '../jobs/run-in-worker';

/** The handlers of the GWR channels. */
export type GwrHandlers = Pick<Handlers, keyof typeof gwrChannels>;

/** PNG rasterising in the job worker (the main thread and the web server stay free). */
const workerPng: PngRenderer = (job) => runInWorker('figure-png', job);

/** The GWR channels. */
export function createGwrHandlers(store: () => ProjectStore, png: PngRenderer = workerPng): GwrHandlers {
  return {
    'gwr:options': async ({ locations, layer }) => {
      const s = store();
      const panel = projectPanel(s);
      const geometry = projectGeometry(s, { layer });
      const pts = locations === 'points' ? coordinatePoints('lon', 'lat', geometry, { ...panel, values: {} }) : centroidPoints(geometry);
      const n = pts.ids.length;
      // k-d tree over the locations (also refuses missing or duplicate coordinates, as the fit would)
      const index = createSpaceTimeIndex({ location: Int32Array.from({ length: n }, (_, i) => i), time: new Float64Array(n), x: pts.x, y: pts.y, lonLat: pts.lonLat, names: pts.ids });
      const nearest: number[] = [];
      for (let i = 0; i < n && n > 1; i++) nearest.push(index.nearestLocationDistance(i));
      nearest.sort((a, b) => a - b);
      const median = nearest.length ? nearest[(nearest.length - 1) >> 1] : 0;
      return {
        kernels: [...GWR_KERNEL_NAMES], criteria: [...GWR_CRITERIA],
        periods: [...new Set(panel.times)].sort((a, b) => a - b),
        regions: n, pointRegions: s.listRegions().filter((r) => Number.isFinite(r.lon ?? NaN) && Number.isFinite(r.lat ?? NaN)).length,
        medianNearestKm: median, tau0: median * median,
      };
    },
    'gwr:figure': async (req) => {
      const d = drawGwrFigure(store(), req);
      return { svg: d.svg, fileStem: d.fileStem };
    },
    'gwr:figureExport': async (req) => {
      const d = drawGwrFigure(store(), req);
      return asDownload(await writeFigure(d.figure, d.svg, req.format, req.size.dpi, d.fileStem, png));
    },
    'gwr:tableExport': async (req) => {
      const diagnostics = req.table === 'diagnostics';
      const table = diagnostics ? buildGtwrDiagnosticsTable(req) : buildGtwrRegionTable(store(), req);
      const bytes = req.format === 'html' ? new TextEncoder().encode(tableToHtml(table)) : await renderTable(table, req.format);
      const stem = table.dependent?.replace(/[^\p{L}\p{N}_]+/gu, '_').replace(/^_+|_+$/g, '').slice(0, 40) || 'x';
      return { fileName: diagnostics ? `gtwr-diagnostics.${req.format}` : `gtwr-regions-${stem}.${req.format}`, mime: TABLE_MIME[req.format], dataBase64: Buffer.from(bytes).toString('base64') };
    },
  };
}
