/**
 * The composite-index use cases shared by `rwb index` and the app: build an index from a
 * recipe over a panel, and write it back to a project as a variable whose recipe is saved
 * under the same name (re-running the recipe reproduces the values exactly).
 */
import { InputError } from '../../core/errors';
import type { LongPanel } from '../../core/panel';
import { indexRecipeSchema } from '../../contract/composite';
import type { ProjectStore } from '../../store/project-store';
import { checkVariableName } from '../derive/derived-service';
import { projectPanel } from '../inputs/project-inputs';
import { buildIndexView, type IndexTaskInput, type IndexView } from './index-view';
import { evaluateIndicators, type IndexRecipe, type IndexRecipeInput } from './recipe';
import { getRecipe, saveRecipe } from './recipes';

/** The recipe with defaults applied. @throws InputError `composite-bad-recipe` naming the first problem */
export function parseRecipe(input: IndexRecipeInput | IndexRecipe): IndexRecipe {
  const r = indexRecipeSchema.safeParse(input);
  if (!r.success) {
    const issue = r.error.issues[0];
    const where = issue?.path.join('.') || 'recipe';
    throw new InputError('composite-bad-recipe', `the index recipe is not valid at ${where}: ${issue?.message ?? 'unknown problem'}`, { where, problem: issue?.message ?? 'unknown problem' });
  }
  return r.data;
}

/** The worker input of a recipe over a panel (the expressions are evaluated here, fast). */
export function indexTaskInput(panel: LongPanel, recipe: IndexRecipe, robustness = true): IndexTaskInput {
  const { indicators, warnings } = evaluateIndicators(panel, recipe);
  return { ids: panel.ids, times: panel.times, indicators, recipe, robustness, warnings: warnings.map((w) => ({ ...w, details: { ...w.details } })) };
}

/**
 * Build the index of a recipe over a panel, in this thread (the CLI; the app runs
 * `buildIndexView` in the job worker).
 * @throws the expression and engine InputErrors
 */
export function buildIndexFromPanel(panel: LongPanel, recipe: IndexRecipe, robustness = true): IndexView {
  return buildIndexView(indexTaskInput(panel, recipe, robustness));
}

/** What `writeIndexVariable` stored. */
export interface IndexWriteResult {
  readonly name: string;
  readonly rows: number;
  readonly n: number;
  readonly missing: number;
  readonly replaced: boolean;
}

/**
 * Check that `name` can take a new index variable.
 * @throws InputError `derive-bad-name`, `derive-reserved-name`, `composite-variable-exists` (unless `replace`),
 *   `composite-variable-is-indicator` (the recipe reads the variable it would replace)
 */
export function checkIndexName(store: ProjectStore, name: string, recipe: IndexRecipe, replace: boolean): boolean {
  checkVariableName(name);
  const exists = store.listVariables().some((v) => v.name === name);
  if (exists && !replace) {
    throw new InputError('composite-variable-exists', `variable "${name}" already exists in ${store.path}; choose another name or replace it`, { name, file: store.path });
  }
  const reads = recipe.indicators.find((i) => new RegExp(`(^|[^A-Za-z0-9_])${name}([^A-Za-z0-9_]|$)`).test(i.expr));
  if (reads) throw new InputError('composite-variable-is-indicator', `indicator "${reads.expr}" reads "${name}", the variable the index would define`, { name, indicator: reads.expr });
  return exists;
}

/**
 * Write a built index as variable `name` (source "composite index", label given or the
 * method) and save its recipe under the same name, in one transaction.
 * @throws as `checkIndexName`
 */
export function writeIndexVariable(store: ProjectStore, req: { name: string; label?: string; replace?: boolean }, view: IndexView): IndexWriteResult {
  const recipe = view.recipe;
  const existed = checkIndexName(store, req.name, recipe, req.replace === true);
  const rows = view.rows.id.map((region, i) => ({ region, period: view.rows.time[i], value: view.rows.value[i] }));
  const n = rows.filter((r) => r.value !== null).length;
  const w = recipe.weights.method;
  store.transaction(() => {
    if (existed) store.deleteVariable(req.name);
    store.upsertVariable({
      name: req.name,
      label: req.label ?? `composite index (${w}, ${recipe.aggregate === 'topsis' ? 'TOPSIS' : 'weighted sum'})`,
      unit: null,
      source: 'composite index',
      expression: null,
      simulated: false,
    });
    store.putObservations(req.name, rows);
    saveRecipe(store, req.name, recipe, req.name);
  });
  return Object.freeze({ name: req.name, rows: rows.length, n, missing: rows.length - n, replaced: existed });
}

/**
 * Build a recipe over the project's panel and write it as variable `name` (the CLI's
 * `--project P.rwb --name NEW`).
 * @throws as `buildIndexFromPanel` and `writeIndexVariable`
 */
export function saveIndex(store: ProjectStore, req: { name: string; recipe: IndexRecipe; label?: string; replace?: boolean }): IndexWriteResult & { view: IndexView } {
  checkIndexName(store, req.name, req.recipe, req.replace === true);
  const view = buildIndexFromPanel(projectPanel(store), req.recipe, false);
  return { ...writeIndexVariable(store, req, view), view };
}

/**
 * Re-run a saved recipe on the project's panel (its indicators never read the variable it
 * wrote: `checkIndexName` refuses that).
 * @throws InputError `composite-recipe-unknown`; the expression and engine errors
 */
export function rerunRecipe(store: ProjectStore, name: string): IndexView {
  const saved = getRecipe(store, name);
  return buildIndexFromPanel(projectPanel(store), saved.recipe, false);
}
