/**
 * Load the panel an analysis runs on, from a CSV/XLSX file or a project `.rwb` file, checked
 * the same way for the CLI, the app and the web server.
 */
import { extname } from 'node:path';
import { InputError } from '../../core/errors';
import type { LongPanel } from '../../core/panel';
import { validatePanel, type ValidationIssue } from '../../core/panel-validate';
import { readPanel } from '../io/panel-reader';

/** Where the panel comes from. */
export interface PanelInputRequest {
  /** Path of a `.csv`, `.xlsx` or project `.rwb` file. */
  readonly panel: string;
  /** Id column (required for CSV/XLSX; for a project it renames `region` in messages and expressions). */
  readonly id?: string;
  /** Period column (required for CSV/XLSX; for a project it names `period`, e.g. `year`). */
  readonly time?: string;
  /** CSV/XLSX layout (default `auto`). */
  readonly format?: 'long' | 'wide' | 'auto';
  /** Wide format: name of the value variable. */
  readonly valueName?: string;
  /** XLSX sheet (default: the first). */
  readonly sheet?: string;
}

/** A loaded panel with the validation warnings (gaps, unbalanced panel, missing cells). */
export interface PanelInput {
  readonly panel: LongPanel;
  readonly warnings: readonly ValidationIssue[];
}

/** True when `path` names a project file. */
export function isProjectPath(path: string): boolean {
  return extname(path).toLowerCase() === '.rwb';
}

async function loadProject(req: PanelInputRequest): Promise<LongPanel> {
  // the project store (and SQLite) only when a project is read: `rwb` on a CSV never loads them
  const [{ ProjectStore }, { withProjectRegionGroups }] = await Promise.all([import('../../store/project-store'), import('./region-groups')]);
  const store = ProjectStore.open(req.panel, { readonly: true });
  try {
    const p = store.readPanel();
    if (p.ids.length === 0) {
      throw new InputError('inputs-empty-project', `${req.panel}: the project holds no panel data yet (import some with rwb import)`, {
        file: req.panel,
      });
    }
    // Regions' groups (e.g. the NBS four regions) become a text column, so --by/--group
    // region_group work on a project as on a file that has such a column.
    const grouped = withProjectRegionGroups(p, store);
    return { ...grouped, idColumn: req.id ?? p.idColumn, timeColumn: req.time ?? p.timeColumn };
  } finally {
    store.close();
  }
}

/**
 * Load and validate a panel.
 *
 * CSV/XLSX go through `readPanel` (long or wide); a `.rwb` project through
 * `ProjectStore.readPanel` (opened read-only), with the regions' groups as a text column
 * `region_group` when the project has any. Then `validatePanel`: any error (a duplicated
 * (id, time) row, …) is thrown, warnings are returned.
 *
 * @throws InputError `inputs-missing-column-name` when a CSV/XLSX is given without id or time column,
 *   `file-not-found` / `not-found`, `unknown-column`, `non-numeric-cell`, `duplicate-row`
 *   (`produc.csv: duplicate (Alabama, 1970) at rows 2 and 819`), `inputs-empty-project`, …
 */
export async function loadPanelInputDetailed(req: PanelInputRequest): Promise<PanelInput> {
  let panel: LongPanel;
  if (isProjectPath(req.panel)) {
    panel = await loadProject(req);
  } else {
    if (req.id === undefined || req.time === undefined) {
      const missing = req.id === undefined ? 'id' : 'time';
      throw new InputError('inputs-missing-column-name', `${req.panel}: name the ${missing} column of the panel file`, {
        file: req.panel,
        missing,
      });
    }
    panel = await readPanel(
      { path: req.panel },
      { id: req.id, time: req.time, format: req.format, valueName: req.valueName, sheet: req.sheet },
    );
  }
  const report = validatePanel(panel);
  if (report.errors.length > 0) {
    const first = report.errors[0];
    const more = report.errors.length > 1 ? ` (${report.errors.length - 1} more problems)` : '';
    throw new InputError(first.code, first.message + more, { ...first.details, errors: report.errors });
  }
  return { panel, warnings: report.warnings };
}

/**
 * Load and validate a panel (see `loadPanelInputDetailed`), dropping the warnings.
 *
 * @throws InputError as `loadPanelInputDetailed`
 */
export async function loadPanelInput(req: PanelInputRequest): Promise<LongPanel> {
  return (await loadPanelInputDetailed(req)).panel;
}
