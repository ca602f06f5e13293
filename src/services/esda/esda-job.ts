/**
 * The app's ESDA jobs: the main side reads the panel and the saved matrices from the project and
 * evaluates the expressions (fast), the job worker runs the statistics and their permutations
 * (slow) with progress and cancellation, and the result is shaped for the contract
 * (src/contract/esda.ts).
 */
import { CancelledError, InputError } from '../../core/errors';
import { compileExpression } from '../../core/expressions';
import type { LongPanel } from '../../core/panel';
import { LISA_CODE, type Quadrant, type LisaClass } from '../../esda/local';
import { isTransformation, SpatialWeights, type Transformation } from '../../weights/spatial-weights';
import type { JobParsedInputOf, JobResultOf } from '../../contract';
import type { ProjectStore } from '../../store/project-store';
import { expressionProblemKey } from '../inputs/design';
import { projectPanel, storeRegionGroups, withProjectRegionGroups } from '../inputs/project-inputs';
import { openRun, rerunRun } from '../runs';
import { openProject } from '../io/project-file';
import type { InputWarning } from '../inputs/warnings';
import { loadWeightsFromProject } from '../weights/weights-service';
import { globalByYear, localOverYears, panelYears, type PanelVariable } from './esda-service';

/** A saved matrix as it crosses to the worker: original weights and the transformation. */
export interface WeightsTransfer {
  readonly name: string;
  readonly ids: string[];
  readonly rows: Int32Array;
  readonly cols: Int32Array;
  readonly values: Float64Array;
  readonly transformation: Transformation;
}

/** The panel rows an ESDA job needs. */
export interface PanelTransfer {
  readonly ids: string[];
  readonly times: number[];
  readonly x: PanelVariable;
  readonly y?: PanelVariable;
}

/** Worker input of `esda-global`. */
export interface EsdaGlobalTaskInput {
  readonly panel: PanelTransfer;
  readonly weights: WeightsTransfer[];
  readonly request: JobParsedInputOf<'esda-global'>;
}

/** Worker input of `esda-local`. */
export interface EsdaLocalTaskInput {
  readonly panel: PanelTransfer;
  readonly weights: WeightsTransfer;
  readonly request: JobParsedInputOf<'esda-local'>;
}

/** W as transferable arrays. */
export function weightsTransfer(name: string, w: SpatialWeights): WeightsTransfer {
  const o = w.transform('O');
  const { rowPtr, colIndex, values } = o.matrix;
  const rows = new Int32Array(colIndex.length);
  for (let i = 0; i < o.n; i++) rows.fill(i, rowPtr[i], rowPtr[i + 1]);
  return { name, ids: [...o.ids], rows, cols: Int32Array.from(colIndex), values: Float64Array.from(values), transformation: w.transformation };
}

function weightsOf(t: WeightsTransfer): SpatialWeights {
  const w = SpatialWeights.fromTriplets(t.ids, t.rows, t.cols, t.values);
  return isTransformation(t.transformation) ? w.transform(t.transformation) : w;
}

function panelOf(t: PanelTransfer): LongPanel {
  return { source: 'project', idColumn: 'region', timeColumn: 'year', ids: t.ids, times: t.times, rowNumbers: [], variables: [], values: {} };
}

/**
 * Panel rows and evaluated expressions from the open project.
 * @throws the expression errors (`unknown-column` with a suggestion, …).
 */
export function panelTransfer(store: ProjectStore, variable: string, withExpr: string | undefined): { panel: PanelTransfer; warnings: InputWarning[] } {
  const panel = projectPanel(store);
  const warnings: InputWarning[] = [];
  const evaluate = (expr: string): PanelVariable => {
    const r = compileExpression(expr).evaluate(panel);
    for (const w of r.warnings) warnings.push({ code: 'expression-missing', message: w.message, details: { expression: expr, fn: w.fn, count: w.count, problem: expressionProblemKey(w.fn) } });
    return { name: expr.trim(), values: r.values };
  };
  const x = evaluate(variable);
  const y = withExpr !== undefined ? evaluate(withExpr) : undefined;
  return { panel: { ids: [...panel.ids], times: [...panel.times], x, ...(y ? { y } : {}) }, warnings };
}

/**
 * The residuals of saved panel run `runId` as an ESDA variable: the run is fitted again from its
 * stored spec on the project's panel (the observations it used, each with its region and year).
 * A warning says so when the data changed since the run was saved.
 * @throws InputError `run-unknown`; `esda-residuals-compare` for a group comparison (no single
 *   residual series); the regression errors when the run's variables are gone.
 */
export function residualTransfer(store: ProjectStore, runId: number): { panel: PanelTransfer; warnings: InputWarning[] } {
  const run = openRun(store, runId);
  if (run.kind === 'panel.compare') {
    throw new InputError('esda-residuals-compare', `Run ${runId} is a group comparison; choose a single regression run for the Moran's I of its residuals.`, { run: runId });
  }
  const panel = withProjectRegionGroups(projectPanel(store), store);
  const again = rerunRun(run, { panel, regionGroups: storeRegionGroups(store) });
  if (again.kind === 'panel.compare') throw new Error('a single run re-ran as a comparison');
  const warnings: InputWarning[] = [];
  if (!again.sameInput) {
    warnings.push({ code: 'esda-residuals-data-changed', message: `The project's data changed since run ${runId} was saved; its residuals are those of the model fitted again on today's data.`, details: { run: runId } });
  }
  const name = `residuals of run ${runId} (${run.spec.y} ~ ${run.spec.x.join(' + ')})`;
  const obs = again.result.observations;
  return { panel: { ids: [...obs.ids], times: [...obs.times], x: { name, values: Float64Array.from(again.result.fit.residuals) } }, warnings };
}

/**
 * `residualTransfer` on a project file opened read-only (the CLI's `rwb moran --residuals-of`),
 * with the residuals as a one-variable panel over the observations the run used.
 * @throws as `residualTransfer`; the project-file errors.
 */
export function residualsFromProjectFile(path: string, runId: number): { panel: LongPanel; variable: PanelVariable; warnings: InputWarning[] } {
  const store = openProject(path, { readonly: true });
  try {
    const { panel, warnings } = residualTransfer(store, runId);
    return { panel: panelOf(panel), variable: panel.x, warnings };
  } finally {
    store.close();
  }
}

/** A saved matrix for an ESDA job. @throws InputError `weights-unknown-matrix(-list)`. */
export function savedWeights(store: ProjectStore, name: string): WeightsTransfer {
  return weightsTransfer(name, loadWeightsFromProject(store, name).weights);
}

const CODE = LISA_CODE;
const code = (q: Quadrant | LisaClass | null) => (q === null ? null : CODE[q]);
const plainWarnings = (ws: readonly InputWarning[]) => ws.map((w) => ({ code: w.code, message: w.message, details: { ...w.details } }));

/** The `esda-global` task (worker side). @throws the statistics' InputErrors; CancelledError. */
export function esdaGlobalTask(input: EsdaGlobalTaskInput, progress: (done: number, total: number) => void, isCancelled: () => boolean): JobResultOf<'esda-global'> {
  const { request: req } = input;
  const panel = panelOf(input.panel);
  const years = panelYears(panel, { from: req.from, to: req.to });
  const total = years.length * input.weights.length;
  const rows: JobResultOf<'esda-global'>['rows'] = [];
  const warnings: InputWarning[] = [];
  input.weights.forEach((t, k) => {
    const w = weightsOf(t);
    const g = globalByYear(panel, input.panel.x, w, years, req.stat, {
      permutations: req.permutations, seed: req.seed, alternative: req.alternative,
      progress: (done) => {
        progress(k * years.length + done, total);
        if (isCancelled()) throw new CancelledError();
      },
    }, input.panel.y);
    warnings.push(...g.warnings.map((x) => ({ ...x, message: `${t.name}: ${x.message}` })));
    for (const yr of g.years) {
      const r = yr.result;
      rows.push({
        weights: t.name, year: yr.year, n: r.n, value: r.value, expected: r.expected,
        varianceRand: r.randomisation?.variance ?? null, zRand: r.randomisation?.z ?? null, pRand: r.randomisation?.p ?? null,
        varianceNorm: r.normal?.variance ?? null, zNorm: r.normal?.z ?? null, pNorm: r.normal?.p ?? null,
        pSim: r.permutation?.p ?? null, missing: [...yr.excluded.missing], islands: [...yr.excluded.islands],
      });
    }
  });
  return {
    variable: input.panel.x.name, with: input.panel.y?.name ?? null, stat: input.panel.y ? 'bivariate-moran' : req.stat,
    alternative: req.alternative, permutations: req.permutations, seed: req.seed, rows, warnings: plainWarnings(warnings),
  };
}

/** The `esda-local` task (worker side). @throws the statistics' InputErrors; CancelledError. */
export function esdaLocalTask(input: EsdaLocalTaskInput, progress: (done: number, total: number) => void, isCancelled: () => boolean): JobResultOf<'esda-local'> {
  const { request: req } = input;
  const panel = panelOf(input.panel);
  const all = panelYears(panel);
  const years = req.years.length === 0 ? all : [...new Set(req.years)].sort((a, b) => a - b);
  const missingYears = years.filter((y) => !all.includes(y));
  if (missingYears.length > 0) {
    throw new InputError('esda-year-not-in-panel', `The panel has no year ${missingYears.join(', ')} (it covers ${all[0]}–${all[all.length - 1]}).`,
      { years: missingYears.join(', '), first: all[0], last: all[all.length - 1] });
  }
  if (req.stat === 'bivariate' && !input.panel.y) {
    throw new InputError('esda-bivariate-needs-second', 'The bivariate LISA needs a second variable (the one whose spatial lag is compared).');
  }
  const w = weightsOf(input.weights);
  const r = localOverYears(panel, input.panel.x, w, years, req.stat, {
    permutations: req.permutations, seed: req.seed, alpha: req.alpha, rule: req.correction === 'none' ? 'alpha' : req.correction,
    progress: (done, total) => {
      progress(done, total);
      if (isCancelled()) throw new CancelledError();
    },
  }, input.panel.y);
  const table = (t: { states: readonly LisaClass[] | readonly Quadrant[]; counts: readonly (readonly number[])[]; probabilities: readonly (readonly number[])[]; moved: number; total: number }) => ({
    states: t.states.map((s) => CODE[s]), counts: t.counts.map((row) => [...row]), probabilities: t.probabilities.map((row) => [...row]), moved: t.moved, total: t.total,
  });
  return {
    variable: input.panel.x.name, with: input.panel.y?.name ?? null, weights: input.weights.name, stat: req.stat,
    permutations: req.permutations, seed: req.seed,
    years: r.years.map((yr) => {
      return {
        year: yr.year,
        regions: yr.regions.map((g) => ({
          id: g.id, value: g.value, z: g.z, p: g.p, pSim: g.pSim, quadrant: code(g.quadrant), cluster: CODE[g.cluster], x: g.scatterX, lag: g.scatterY,
        })),
        counts: Object.fromEntries(Object.entries(yr.counts).map(([k, v]) => [CODE[k as LisaClass], v])),
        by: yr.significance.by, cutoff: yr.significance.cutoff,
        moranI: yr.moranI,
        missing: [...yr.excluded.missing], islands: [...yr.excluded.islands],
      };
    }),
    transitions: { quadrants: table(r.quadrants), clusters: table(r.clusters) },
    warnings: plainWarnings(r.warnings),
  };
}
