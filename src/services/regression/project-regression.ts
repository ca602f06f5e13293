/**
 * The Regression tab's use cases over the open project: fit the builder's specification on the
 * project panel (with the NBS region groups of the project's regions for the by-group
 * columns) and record the run; compare two region groups with the permutation test in a
 * worker thread. Every export re-runs the same deterministic fit, so the file shows exactly
 * the digits of the screen.
 */
import { InputError } from '../../core/errors';
import type { RequestOf, ResponseOf } from '../../contract';
import { buildRegressionTable, type RegressionTable, type TableOptions } from '../../report/regression-table';
import type { ProjectStore } from '../../store/project-store';
import { runInWorker } from '../jobs';
import { warningMessages, type InputWarning } from '../inputs/warnings';
import {
  clusterLabelOf, runHeterogeneityTable, runHeterogeneityTableAsync, runRegression, storeRegionGroups, withProjectRegionGroups,
  type HeterogeneityResult, type PermutationRunner, type SaveTarget,
} from './regression-service';

type RunRequest = RequestOf<'regression:run'>;

/** The open project and the app version recorded with each run. */
export interface ProjectRegressionContext {
  /** The open project. @throws InputError `no-project` when none is open. */
  readonly store: () => ProjectStore;
  /** App version recorded with each run. */
  readonly appVersion: string;
}

/** The table and the readers' notes of one specification. */
export interface TableRun {
  readonly table: RegressionTable;
  readonly warnings: readonly string[];
  /**
   * The same notes with codes and values. A by-group column's note is wrapped as
   * `regression-in-column` (`{column}: <note>`, the note's code in `details.inner`).
   */
  readonly warningItems: readonly InputWarning[];
  readonly runId: number | null;
}

/**
 * Fit `req` on the project's panel: one column (the full sample) or, with `byGroup`, the full
 * sample plus one column per region group (East, Central, West, Northeast). Clustered SEs are
 * clustered by region with Stata's small-sample factor.
 * @throws InputError `regression-no-groups-to-compare` / `regression-no-groups-to-split` when byGroup is asked on a project without region groups;
 *   the regression service's errors (`singular-design` naming the collinear or constant
 *   regressors, `group-too-small`, unknown variables in expressions).
 */
export function runProjectTable(store: ProjectStore, req: RunRequest, save?: SaveTarget): TableRun {
  if (store.listVariables().length === 0) throw new InputError('regression-no-data', 'This project has no variables yet. Import a panel first.');
  const panel = withProjectRegionGroups(store.readPanel(), store);
  const tableOptions: TableOptions = { paren: req.paren, digits: req.digits, language: req.language };
  const base = { panel, y: req.y, x: req.x, model: req.model, effects: req.effects, se: req.se };
  if (req.byGroup) {
    const groups = storeRegionGroups(store);
    if (groups.size === 0) {
      throw new InputError('regression-no-groups-to-split', 'The project\'s regions have no region groups (such as East, Central, West, Northeast), so there is nothing to split the sample by.');
    }
    const r = runHeterogeneityTable({ ...base, regionGroups: groups, table: tableOptions, save });
    const items: InputWarning[] = [
      ...r.noteItems,
      ...r.columns.flatMap((c) => c.result.warningItems.map((w) => ({
        code: 'regression-in-column', message: `${c.title}: ${w.message}`, details: { ...w.details, column: c.title, group: c.group, inner: w.code },
      }))),
    ];
    return { table: r.table, warnings: warningMessages(items), warningItems: items, runId: r.runId ?? null };
  }
  const r = runRegression({ ...base, save });
  const table = buildRegressionTable([{ title: '(1)', fit: r.fit }], { dependent: req.y, clusterLabel: clusterLabelOf(panel, undefined), ...tableOptions });
  return { table, warnings: r.warnings, warningItems: r.warningItems, runId: r.runId ?? null };
}

type CompareRequest = RequestOf<'regression:compare'>;
type CompareResult = ResponseOf<'regression:compare'>;

/**
 * The permutation test in a worker thread (`permutation-gap` task of src/services/jobs): the
 * same result as `permutationGapTest` for the same seed; progress and cancellation cross over.
 */
const permuteInWorker: PermutationRunner = (design, labels, groupA, groupB, options, perm = {}) => runInWorker('permutation-gap', {
  design, labels, groupA, groupB, options, permutations: perm.permutations, seed: perm.seed, coefficients: perm.coefficients,
}, { onProgress: perm.onProgress, signal: perm.signal });

/**
 * Compare two region groups under one specification: Chow test by interactions and, with
 * permutations > 0, the Fisher permutation test (seeded), saved as a run. The permutation
 * test runs in a worker thread, reports `onProgress(done, total)` (throttled) and stops on
 * `signal`.
 * @throws InputError `regression-no-groups-to-compare` / `regression-no-groups-to-split`, `unknown-group` and the fit errors with the group named;
 *   CancelledError when `signal` is aborted.
 */
export async function compareGroups(
  ctx: ProjectRegressionContext, req: CompareRequest, onProgress?: (done: number, total: number) => void, signal?: AbortSignal,
): Promise<CompareResult> {
  const { a, b, permutations, seed, ...spec } = req;
  const store = ctx.store();
  const groups = storeRegionGroups(store);
  if (groups.size === 0) {
    throw new InputError('regression-no-groups-to-compare', 'The project\'s regions have no region groups (such as East, Central, West, Northeast) to compare.');
  }
  const panel = withProjectRegionGroups(store.readPanel(), store);
  const r = await runHeterogeneityTableAsync({
    panel, y: spec.y, x: spec.x, model: spec.model, effects: spec.effects, se: spec.se, regionGroups: groups,
    order: [a, b], noBaseline: true, compare: { a, b, permutations, seed, onProgress, signal },
    save: { store, appVersion: ctx.appVersion },
  }, permuteInWorker);
  const chow = r.chow;
  if (!chow) throw new Error('the heterogeneity table returned no Chow test');
  const perm = new Map((r.permutation?.gaps ?? []).map((g) => [g.name, g.p]));
  const separate = separateGaps(r, a, b);
  const fin = (v: number): number | null => (Number.isFinite(v) ? v : null);
  return {
    a, b,
    chow: { statistic: fin(chow.statistic), df1: chow.df1, df2: chow.df2, p: fin(chow.p) },
    // Each gap beside its own test (issue 13, defect 3): the pooled interaction gap with p(Chow),
    // the gap between the separate group fits with p(permutation); they differ whenever the
    // groups' other coefficients or effects differ.
    gaps: chow.gaps.map((g) => ({
      name: g.name, diff: fin(g.diff), pChow: fin(g.p),
      diffSeparate: separate.has(g.name) ? fin(separate.get(g.name) as number) : null,
      pPermutation: perm.has(g.name) ? fin(perm.get(g.name) as number) : null,
    })),
    permutations: r.permutation?.permutations ?? 0,
    valid: r.permutation?.valid ?? 0,
    seed: r.permutation?.seed ?? seed,
    runId: r.runId ?? null,
  };
}

/**
 * β_A − β_B of the separate fits of groups `a` and `b` (the sub-sample columns), by coefficient:
 * the permutation test's observed gap when it ran (exactly what it tests), else the columns'.
 */
export function separateGaps(r: HeterogeneityResult, a: string, b: string): Map<string, number> {
  if (r.permutation) return new Map(r.permutation.gaps.map((g) => [g.name, g.gap]));
  const fitA = r.columns.find((c) => c.group === a)?.result.fit;
  const fitB = r.columns.find((c) => c.group === b)?.result.fit;
  const out = new Map<string, number>();
  if (!fitA || !fitB) return out;
  for (const ca of fitA.coefficients) {
    const cb = fitB.coefficients.find((c) => c.name === ca.name);
    if (cb) out.set(ca.name, ca.estimate - cb.estimate);
  }
  return out;
}
