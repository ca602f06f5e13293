/**
 * Handlers of the regression channels (src/contract/regression.ts): run the builder's
 * specification on the open project and return or export its publication table; compare two
 * region groups. The use cases live in services/regression/project-regression.ts; the
 * background form of the comparison is the `permutation-gap` job (./job).
 */
import { toJsonSafe } from '../../core/json';
import type { Handlers } from '../../contract';
import { regressionTableSchema, type regressionChannels } from '../../contract/regression';
import { tableToHtml } from '../export/table-text';
import { renderTable, TABLE_MIME } from '../export/write-table';
import { compareGroups, runProjectTable, type ProjectRegressionContext } from '../regression/project-regression';

/** The handlers of the regression channels. */
export type RegressionHandlers = Pick<Handlers, keyof typeof regressionChannels>;


/** A file-name-safe stem from the dependent variable, e.g. `regression-log_gdp`. */
function fileStem(y: string, byGroup: boolean): string {
  const stem = y.replace(/[^\p{L}\p{N}_]+/gu, '_').replace(/^_+|_+$/g, '').slice(0, 40) || 'y';
  return `regression-${stem}${byGroup ? '-by-group' : ''}`;
}

/** The regression channels. */
export function createRegressionHandlers(ctx: ProjectRegressionContext): RegressionHandlers {
  return {
    'regression:run': async (req) => {
      const store = ctx.store();
      const r = runProjectTable(store, req, { store, appVersion: ctx.appVersion });
      // The engine's table model carries NaN for empty cells; the contract's has null.
      return { table: regressionTableSchema.parse(toJsonSafe(r.table)), warnings: [...r.warnings], warningItems: r.warningItems.map((w) => ({ code: w.code, message: w.message, details: { ...w.details } })), runId: r.runId };
    },
    'regression:compare': async (req) => compareGroups(ctx, req),
    'regression:export': async ({ format, ...req }) => {
      const { table } = runProjectTable(ctx.store(), req);
      const bytes = format === 'html' ? new TextEncoder().encode(tableToHtml(table)) : await renderTable(table, format);
      return { fileName: `${fileStem(req.y, req.byGroup)}.${format}`, mime: TABLE_MIME[format], dataBase64: Buffer.from(bytes).toString('base64') };
    },
  };
}
