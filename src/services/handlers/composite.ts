/**
 * Handlers of the composite-index channels (src/contract/composite.ts): the saved recipes and
 * the weights-table export. Building an index runs as the `index-build` / `index-save` jobs (./job).
 */
import type { Handlers } from '../../contract';
import type { indexChannels } from '../../contract/composite';
import type { ProjectStore } from '../../store/project-store';
import { deleteRecipe, listRecipes, saveRecipe } from '../composite/recipes';
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
    'index:tableExport': async ({ view, format, language, digits, title }) => {
      const table = indexWeightsTable(view, { language, digits, ...(title !== undefined ? { title } : {}) });
      const bytes = format === 'html' ? new TextEncoder().encode(tableToHtml(table)) : await renderTable(table, format);
      return { fileName: `index-weights.${format}`, mime: TABLE_MIME[format], dataBase64: Buffer.from(bytes).toString('base64') };
    },
  };
}
