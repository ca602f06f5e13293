/**
 * Editing a project's data from the Data tab: set a cell, delete a variable, undo, read the log.
 * The store makes each one transaction (src/store/data-edits.ts); this use case adds the rules
 * that need the expressions: which derived variables depend on a variable, so a deletion does
 * not leave a derived variable without its inputs and an edit says which derived values it left
 * stale.
 *
 * Rule for deletions (issue 13): a variable that derived variables use is refused, naming them;
 * with `withDependents` it is deleted together with all of them (transitively) as ONE edit, and
 * one undo brings them all back.
 */
import { InputError } from '../../core/errors';
import { compileExpression } from '../../core/expressions';
import type { DataEditRow, ProjectStore } from '../../store/project-store';

/** What an edit or undo did, with the derived variables whose values now predate it. */
export interface EditOutcome {
  readonly edit: DataEditRow;
  readonly staleDerived: readonly string[];
}

/**
 * The derived variables computed from `name`, directly or through other derived variables, in
 * creation order. An expression that no longer compiles is skipped (it cannot be re-run anyway).
 */
export function dependentsOf(store: ProjectStore, name: string): string[] {
  const uses = new Map<string, readonly string[]>();
  const variables = store.listVariables();
  for (const v of variables) {
    if (!v.expression) continue;
    try {
      uses.set(v.name, compileExpression(v.expression).columns);
    } catch {
      // an expression from an older build that no longer parses: no known inputs
    }
  }
  const found = new Set<string>();
  let frontier = [name];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const [v, cols] of uses) {
      if (v !== name && !found.has(v) && frontier.some((f) => cols.includes(f))) {
        found.add(v);
        next.push(v);
      }
    }
    frontier = next;
  }
  return variables.map((v) => v.name).filter((n) => found.has(n));
}

/**
 * Set one cell (`null` = missing) and log it.
 *
 * @throws InputError the store's `project-unknown-variable` / `project-unknown-region`
 */
export function editCell(store: ProjectStore, req: { variable: string; region: string; period: number; value: number | null }): EditOutcome {
  const edit = store.editCell(req.variable, req.region, req.period, req.value);
  return { edit, staleDerived: dependentsOf(store, req.variable) };
}

/**
 * Delete a variable (and, when asked, every derived variable that uses it) as one undoable edit.
 *
 * @throws InputError `data-variable-has-dependents` naming the derived variables when
 *   `withDependents` is not set; the store's `project-unknown-variable`
 */
export function deleteVariable(store: ProjectStore, req: { name: string; withDependents: boolean }): EditOutcome {
  if (!store.listVariables().some((v) => v.name === req.name)) return { edit: store.deleteVariablesLogged([req.name]), staleDerived: [] };
  const dependents = dependentsOf(store, req.name);
  if (dependents.length > 0 && !req.withDependents) {
    const list = dependents.join(', ');
    throw new InputError('data-variable-has-dependents',
      `"${req.name}" cannot be deleted alone: derived variables are computed from it (${list}). Delete them with it, or delete them first.`,
      { variable: req.name, dependents: list, count: dependents.length });
  }
  return { edit: store.deleteVariablesLogged([req.name, ...dependents]), staleDerived: [] };
}

/**
 * Re-evaluate derived variables from their stored expressions, as one undoable edit. They are
 * recomputed in the project's creation order (a derived variable comes after its inputs), each
 * over the panel as it stands once the ones before it were written, with one value per stored
 * (region, period), as `variables:derive` writes them.
 *
 * @throws InputError `data-recompute-not-derived` for a variable without an expression; the
 *   expression errors of `compileExpression` / `evaluate`; `project-unknown-variable`
 */
export function recomputeDerived(store: ProjectStore, names: readonly string[]): EditOutcome {
  const variables = store.listVariables();
  for (const name of names) {
    const v = variables.find((x) => x.name === name);
    if (v !== undefined && !v.expression) {
      throw new InputError('data-recompute-not-derived', `"${name}" is not a derived variable: it has no expression to recompute.`, { variable: name });
    }
  }
  const wanted = new Set(names);
  const missing = names.filter((n) => !variables.some((v) => v.name === n));
  const order = [...missing, ...variables.filter((v) => wanted.has(v.name)).map((v) => v.name)];
  const expressionOf = new Map(variables.map((v) => [v.name, v.expression ?? '']));
  const edit = store.recomputeLogged(order, (name) => {
    const panel = store.readPanel();
    const { values } = compileExpression(expressionOf.get(name) ?? '').evaluate(panel);
    return panel.ids.map((region, i) => ({ region, period: panel.times[i], value: Number.isNaN(values[i]) ? null : values[i] }));
  });
  return { edit, staleDerived: [] };
}

/**
 * Undo the last edit still standing, or edit `id`.
 *
 * @throws InputError the store's `data-undo-*` refusals
 */
export function undoEdit(store: ProjectStore, id?: number): EditOutcome {
  const edit = store.undoEdit(id);
  // Undoing a recomputation puts the values computed before back: stale again, as they were.
  const stale = edit.kind === 'cell' ? dependentsOf(store, edit.variable) : edit.kind === 'recompute' ? edit.deleted.map((d) => d.name) : [];
  return { edit, staleDerived: stale };
}
