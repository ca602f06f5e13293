/**
 * Saved runs as use cases: open a run of a project through the run registry
 * (src/contract/runs.ts), and run it again from its stored spec. The app's and the CLI's
 * future "re-open" and "re-run" both come here.
 */
import { InputError } from '../../core/errors';
import type { LongPanel } from '../../core/panel';
import { parseRun, type ParsedRun } from '../../contract/runs';
import { computeInputHash } from '../../store/hash';
import type { ProjectStore } from '../../store/project-store';
import {
  runHeterogeneityTable, runRegression, type HeterogeneityInput, type HeterogeneityResult, type RegressionResult, type SaveTarget,
} from '../regression/regression-service';

/** A saved run checked against its kind's schemas, with what the store keeps beside it. */
export type OpenedRun = ParsedRun & {
  readonly id: number;
  readonly inputHash: string;
  readonly appVersion: string;
  readonly seed: number | null;
  readonly createdAt: string;
};

/**
 * Open run `id` of a project.
 * @throws InputError `run-unknown` when the project has no such run; the errors of `parseRun`
 *   (`run-unknown-kind`, `run-unsupported-version`, `run-invalid`).
 */
export function openRun(store: ProjectStore, id: number): OpenedRun {
  const row = store.getRun(id);
  if (!row) throw new InputError('run-unknown', `The project has no run ${id}.`, { id });
  const parsed = parseRun({ ...row, id });
  return { ...parsed, id, inputHash: row.inputHash, appVersion: row.appVersion, seed: row.seed ?? null, createdAt: row.createdAt ?? '' } as OpenedRun;
}

/** Every run of a project that this version can read, in save order, and the ids it cannot. */
export function listOpenableRuns(store: ProjectStore): { runs: OpenedRun[]; unreadable: { id: number; message: string }[] } {
  const runs: OpenedRun[] = [];
  const unreadable: { id: number; message: string }[] = [];
  for (const r of store.listRuns()) {
    try {
      runs.push(openRun(store, r.id as number));
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      unreadable.push({ id: r.id as number, message: e.message });
    }
  }
  return { runs, unreadable };
}

/** What a re-run gives: the new result, and whether the data were the same as the saved run's. */
export type RerunResult =
  | { readonly kind: 'panel.pooled' | 'panel.fe' | 'panel.re'; readonly result: RegressionResult; readonly sameInput: boolean }
  | { readonly kind: 'panel.compare'; readonly result: HeterogeneityResult; readonly sameInput: boolean };

/** What a re-run needs besides the spec: the panel, and the project's region groups when it has some. */
export interface RerunInputs {
  readonly panel: LongPanel;
  /** Region → group of the project (`storeRegionGroups`), used when the run grouped by them. */
  readonly regionGroups?: ReadonlyMap<string, string>;
  /** Save the re-run as a new run. */
  readonly save?: SaveTarget;
}

const MEDIAN_SPLIT = 'median split of ';

/**
 * Run a saved run again from its stored spec on `inputs.panel` (the same seed for a
 * permutation test). `sameInput` compares the input hash with the saved run's, so a caller can
 * tell "same numbers expected" from "data changed since".
 * @throws the errors of the regression service (e.g. `unknown-column` when a variable is gone).
 */
export function rerunRun(run: OpenedRun, inputs: RerunInputs): RerunResult {
  const { panel, save } = inputs;
  if (run.kind !== 'panel.compare') {
    const s = run.spec;
    const result = runRegression({
      panel, y: s.y, x: s.x, model: s.model, effects: s.effects, se: s.se, cluster: s.cluster ?? undefined,
      group: s.group ?? undefined, dkLag: s.dkLag ?? undefined, save,
    });
    return { kind: run.kind, result, sameInput: result.inputHash === run.inputHash };
  }
  const s = run.spec;
  const groups: HeterogeneityInput['groups'] = s.groupColumn.startsWith(MEDIAN_SPLIT)
    ? { split: s.groupColumn.slice(MEDIAN_SPLIT.length) }
    : s.groupColumn in (panel.text ?? {}) ? { column: s.groupColumn } : undefined;
  const result = runHeterogeneityTable({
    panel, y: s.y, x: s.x, model: s.model, effects: s.effects, se: s.se, cluster: s.cluster ?? undefined,
    dkLag: s.dkLag ?? undefined, groups, regionGroups: inputs.regionGroups, order: s.order,
    noBaseline: run.results.columns[0].group !== null,
    compare: s.compare ? { a: s.compare.a, b: s.compare.b, permutations: s.compare.permutations, seed: run.seed ?? undefined } : undefined,
    save,
  });
  // The comparison's input hash is over the panel and its spec, as when it was saved.
  const first = result.columns[0]?.result;
  const spec = first ? { ...first.spec, group: null, groupColumn: result.groupColumn, order: s.order, compare: s.compare } : null;
  return { kind: 'panel.compare', result, sameInput: spec !== null && computeInputHash(panel, spec) === run.inputHash };
}
