/**
 * The app's `spatial-panel-fit` job: the main side reads the project's panel, evaluates the
 * expressions and takes each chosen W (saved in the project, or built from a spec over the
 * project's boundaries and the panel's regions) — fast; the job worker stacks the panel, fits
 * the model under each W, runs the tests and the effect draws with progress and Cancel — slow —
 * and shapes the result for the contract (src/contract/spatial-panel.ts).
 */
import { compileExpression } from '../../core/expressions';
import { panelRegions, type LongPanel } from '../../core/panel';
import type { JobParsedInputOf, JobResultOf } from '../../contract';
import { SpatialWeights, isTransformation } from '../../weights/spatial-weights';
import type { ProjectStore } from '../../store/project-store';
import { expressionProblemKey } from '../inputs/design';
import { buildProjectWeights, projectPanel, storeRegionGroups } from '../inputs/project-inputs';
import type { InputWarning } from '../inputs/warnings';
import { weightsTransfer, type WeightsTransfer } from '../esda/esda-job';
import { loadWeightsFromProject } from '../weights/weights-service';
import { cancellable, runSpatialColumn, runSteps } from './fit';
import { stackForW, type PanelVariable } from './panel-data';

type Request = JobParsedInputOf<'spatial-panel-fit'>;
type Result = JobResultOf<'spatial-panel-fit'>;

/** Worker input of `spatial-panel-fit`. */
export interface SpatialTaskInput {
  readonly panel: { readonly ids: string[]; readonly times: number[]; readonly y: PanelVariable; readonly x: PanelVariable[] };
  readonly weights: (WeightsTransfer & { readonly specText: string })[];
  /** Region id → region group. */
  readonly groups: Record<string, string>;
  readonly request: Request;
}

const plain = (ws: readonly InputWarning[]) => ws.map((w) => ({ code: w.code, message: w.message, details: { ...w.details } }));

function panelOf(t: SpatialTaskInput['panel']): LongPanel {
  return { source: 'project', idColumn: 'region', timeColumn: 'year', ids: t.ids, times: t.times, rowNumbers: [], variables: [], values: {} };
}

function weightsOf(t: WeightsTransfer): SpatialWeights {
  const w = SpatialWeights.fromTriplets(t.ids, t.rows, t.cols, t.values);
  return isTransformation(t.transformation) ? w.transform(t.transformation) : w;
}

/**
 * The worker's input from the open project (main side).
 * @throws the expression errors (`unknown-column`, …); `weights-unknown-matrix(-list)`; the
 *   weights builder's errors for a spec.
 */
export function spatialTransfer(store: ProjectStore, request: Request): { input: SpatialTaskInput; warnings: InputWarning[] } {
  const panel = projectPanel(store);
  const warnings: InputWarning[] = [];
  const evaluate = (expr: string): PanelVariable => {
    const r = compileExpression(expr).evaluate(panel);
    for (const w of r.warnings) warnings.push({ code: 'expression-missing', message: w.message, details: { expression: expr, fn: w.fn, count: w.count, problem: expressionProblemKey(w.fn) } });
    return { name: expr.trim(), values: r.values };
  };
  const y = evaluate(request.y);
  const x = request.x.map(evaluate);
  const ids = panelRegions(panel);
  const weights = request.weights.map((choice) => {
    if ('saved' in choice) {
      const w = loadWeightsFromProject(store, choice.saved);
      return { ...weightsTransfer(choice.saved, w.weights), specText: w.specText ?? choice.saved };
    }
    const built = buildProjectWeights(store, { spec: choice.spec, ids, ...(request.layer ? { layer: request.layer } : {}) });
    warnings.push(...built.warnings);
    return { ...weightsTransfer(built.specText, built.weights), specText: built.specText };
  });
  const groups: Record<string, string> = {};
  for (const [id, g] of storeRegionGroups(store)) groups[id] = g;
  return { input: { panel: { ids: [...panel.ids], times: [...panel.times], y, x }, weights, groups, request }, warnings };
}

/**
 * The `spatial-panel-fit` task (worker side): every W in turn; progress counts each W's fits and
 * draws. @throws the engine's InputErrors; CancelledError.
 */
export function spatialPanelTask(input: SpatialTaskInput, progress: (done: number, total: number) => void, isCancelled: () => boolean): Result {
  const req = input.request;
  const panel = panelOf(input.panel);
  const opts = {
    model: req.model, effects: req.effects, durbin: req.durbin, leeYu: req.leeYu, randomEffects: req.randomEffects,
    draws: req.draws, seed: req.seed, regionEffectsOf: req.regionEffectsOf, groups: input.groups, hausman: req.hausman,
  };
  const per = runSteps(opts, new Set(input.panel.ids).size);
  const total = per * input.weights.length;
  let n = 0, T = 0;
  const columns = input.weights.map((t, k) => {
    const w = weightsOf(t);
    const stacked = stackForW(panel, input.panel.y, input.panel.x, w);
    n = stacked.n; T = stacked.T;
    return runSpatialColumn(stacked, { name: t.name, specText: t.specText }, opts, cancellable((done) => progress(k * per + done, total), isCancelled));
  });
  const durbin = columns[0]?.coefficients.filter((c) => c.name.startsWith('W*')).map((c) => c.name.slice(2)) ?? [];
  return {
    y: input.panel.y.name, x: input.panel.x.map((v) => v.name), durbin, model: req.model, effects: req.effects,
    n, T, draws: req.draws, seed: req.seed, leeYu: req.leeYu, randomEffects: req.randomEffects, columns,
    warnings: columns.flatMap((c) => c.warnings.map((w) => ({ ...w, message: `${c.weights}: ${w.message}` }))),
  };
}

/** Warnings of the main side, in the contract's shape. */
export function transferWarnings(ws: readonly InputWarning[]): Result['warnings'] {
  return plain(ws);
}
