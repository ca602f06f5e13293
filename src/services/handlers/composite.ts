/**
 * Handlers of the composite-index channels (src/contract/composite.ts): the saved recipes and
 * the weights-table export. Building an index runs as the `index-build` / `index-save` jobs (./job).
 */
import type { Handlers } from '../../contract';
import type { indexChannels } from '../../contract/composite';
import type { ProjectStore } from '../../store/project-store';
import { couplingRows, martinIndices, saveMeasureVariable, shockResilience } from '../composite/measures';
import { deleteRecipe, listRecipes, saveRecipe } from '../composite/recipes';
import { projectPanel } from '../inputs/project-inputs';
import { indexWeightsTable } from '../composite/weights-table';
import { tableToHtml } from '../export/table-text';
import { renderTable, TABLE_MIME } from '../export/write-table';

/** The handlers of the composite-index channels. */
export type IndexHandlers = Pick<Handlers, keyof typeof indexChannels>;

/** The composite-index channels over the open project. */
export function createIndexHandlers(store: () => ProjectStore): IndexHandlers {
  return {
    'index:recipes': async () => listRecipes(store()),
    'index:saveRecipe': async ({ name, recipe }) => saveRecipe(store(), name, recipe),
    'index:deleteRecipe': async ({ name }) => deleteRecipe(store(), name),
    // O(rows): computed here like panel:describe (no job needed).
    'index:measure': async (req) => {
      const panel = projectPanel(store());
      if (req.measure === 'relative-growth') {
        const r = shockResilience(panel, req.variable, req.base, req.reference ?? undefined);
        return { measure: req.measure, variable: r.variable, reference: r.reference, rows: r.rows.map((x) => ({ id: x.id, time: x.time, value: x.value, second: x.re, third: x.gr, level: null })) };
      }
      if (req.measure === 'martin') {
        const r = martinIndices(panel, req.variable, req.start, req.trough, req.end, req.reference ?? undefined);
        return { measure: req.measure, variable: r.variable, reference: r.reference, rows: r.regions.map((x) => ({ id: x.id, time: null, value: x.resistance, second: x.recovery, third: null, level: null })) };
      }
      const r = couplingRows(panel, req.indices, req.alpha);
      return { measure: req.measure, variable: r.indices.join(' · '), reference: null, rows: r.rows.map((x) => ({ id: x.id, time: x.time, value: x.D, second: x.C, third: x.T, level: x.level })) };
    },
    'index:saveMeasure': async ({ name, request, replace }) => saveMeasureVariable(store(), name, request, replace),
    'index:tableExport': async ({ view, format, language, digits, title }) => {
      const table = indexWeightsTable(view, { language, digits, ...(title !== undefined ? { title } : {}) });
      const bytes = format === 'html' ? new TextEncoder().encode(tableToHtml(table)) : await renderTable(table, format);
      return { fileName: `index-weights.${format}`, mime: TABLE_MIME[format], dataBase64: Buffer.from(bytes).toString('base64') };
    },
  };
}
