/**
 * Derived variables: evaluate an expression over a project's panel and store the result as a
 * new variable that remembers its expression (`lgsp` = `log(gsp)`, `dU` = `diff(unemp)`).
 */
import { InputError } from '../../core/errors';
import { compileExpression, EXPRESSION_CONSTANTS, EXPRESSION_FUNCTIONS, type ExpressionWarning } from '../../core/expressions';
import type { ProjectStore } from '../../store/project-store';

/** What to derive. */
export interface DeriveRequest {
  /** New variable name: letters, digits and `_`, not starting with a digit. */
  readonly name: string;
  /** Expression over the project's variables (and `period`), e.g. `log(gsp / emp)`. */
  readonly expression: string;
  readonly label?: string | null;
  readonly unit?: string | null;
  /** Overwrite an existing variable of that name (default false). */
  readonly replace?: boolean;
}

/** What was stored. */
export interface DeriveResult {
  readonly name: string;
  readonly expression: string;
  /** Cells written (one per stored (region, period)). */
  readonly rows: number;
  /** Cells with a value. */
  readonly n: number;
  /** Cells stored as missing. */
  readonly missing: number;
  /** True when an existing variable was replaced. */
  readonly replaced: boolean;
  /** True when any input variable is simulated (the result is labelled simulated too). */
  readonly simulated: boolean;
  readonly warnings: readonly ExpressionWarning[];
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Check a name for a new variable.
 *
 * @throws InputError `derive-reserved-name` when it is not an identifier (so expressions can name it without
 *   backticks) or is an expression function/constant name (`log`, `pi`, …)
 */
export function checkVariableName(name: string): void {
  if (!IDENTIFIER.test(name)) {
    throw new InputError(
      'derive-bad-name',
      `variable name "${name}" is not an identifier: use letters, digits and _, not starting with a digit (e.g. log_gsp)`,
      { name },
    );
  }
  if (EXPRESSION_FUNCTIONS.includes(name) || EXPRESSION_CONSTANTS.includes(name)) {
    throw new InputError('derive-reserved-name', `variable name "${name}" is reserved for a function or constant in expressions`, { name });
  }
}

/**
 * Evaluate `expression` on the project's panel and store it as variable `name` (with its
 * expression, label and unit) and one observation per stored (region, period), all in one
 * transaction: on any error nothing is written.
 *
 * @param store - an open, writable project
 * @param req - name, expression, optional label/unit, `replace`
 * @returns counts of written, non-missing and missing cells, and expression warnings
 * @throws InputError `derive-reserved-name`, `variable-exists` (unless `replace`), `derive-circular`
 *   (the expression uses the variable it would replace), `derive-empty-project`, and the expression
 *   errors of `compileExpression` / `evaluate` (`unknown-column`, `bad-expression`, …)
 */
export function deriveVariable(store: ProjectStore, req: DeriveRequest): DeriveResult {
  const { name, expression } = req;
  checkVariableName(name);
  const compiled = compileExpression(expression);
  const variables = store.listVariables();
  const existing = variables.find((v) => v.name === name);
  if (existing !== undefined && req.replace !== true) {
    throw new InputError(
      'derive-variable-exists',
      `variable "${name}" already exists in ${store.path}; choose another name or replace it`,
      { name, file: store.path },
    );
  }
  if (compiled.columns.includes(name)) {
    throw new InputError('derive-circular', `expression "${expression}" uses "${name}", the variable it would define`, {
      name,
      expression,
    });
  }
  const panel = store.readPanel();
  if (panel.ids.length === 0) {
    throw new InputError('derive-empty-project', `${store.path}: the project holds no panel data to derive "${name}" from`, {
      file: store.path,
      name,
    });
  }
  const { values, warnings } = compiled.evaluate(panel);
  const simulated = variables.some((v) => v.simulated === true && compiled.columns.includes(v.name));
  let n = 0;
  const rows = panel.ids.map((region, i) => {
    const v = values[i];
    if (!Number.isNaN(v)) n++;
    return { region, period: panel.times[i], value: Number.isNaN(v) ? null : v };
  });
  store.transaction(() => {
    if (existing !== undefined) store.deleteVariable(name);
    store.upsertVariable({
      name,
      label: req.label ?? null,
      unit: req.unit ?? null,
      source: 'derived',
      expression,
      simulated,
    });
    store.putObservations(name, rows);
  });
  return Object.freeze({
    name,
    expression,
    rows: rows.length,
    n,
    missing: rows.length - n,
    replaced: existing !== undefined,
    simulated,
    warnings,
  });
}
