/**
 * Build a composite index and everything the Index tab and `rwb index` show beside it: the
 * weights table, descriptive statistics, PCA checks, obstacle degrees and the rank-correlation
 * robustness table. Pure (no store): it runs in the job worker for large panels.
 */
import { CancelledError, isInputError } from '../../core/errors';
import { buildIndex, normaliseColumn, obstacleDegree, rankCorrelationTable, scopeGroups, type IndexResult, type IndexSpec, type WeightSpec } from '../../composite';
import { describeVariable } from '../../stats/describe';
import type { JobResultOf } from '../../contract';
import { indexSpecOf, type EvaluatedIndicator, type IndexRecipe } from './recipe';

/** The contract's view of a built index. */
export type IndexView = JobResultOf<'index-build'>;

/** Input of the `index-build` worker task: the panel rows and the evaluated indicators. */
export interface IndexTaskInput {
  readonly ids: readonly string[];
  readonly times: readonly number[];
  readonly indicators: readonly EvaluatedIndicator[];
  readonly recipe: IndexRecipe;
  readonly robustness: boolean;
  /** Warnings of the expressions, passed through. */
  readonly warnings?: readonly { code: string; message: string; details: Record<string, unknown> }[];
}

const fin = (x: number) => (Number.isFinite(x) ? x : null);

/** The weighting methods of the robustness table, besides the recipe's own. */
const ROBUSTNESS: readonly { label: string; spec: WeightSpec }[] = [
  { label: 'entropy', spec: { method: 'entropy' } },
  { label: 'critic', spec: { method: 'critic' } },
  { label: 'cv', spec: { method: 'cv' } },
  { label: 'pca', spec: { method: 'pca' } },
  { label: 'equal', spec: { method: 'equal' } },
];

/** Label of a recipe's own weighting in the robustness table. */
function recipeLabel(recipe: IndexRecipe): string {
  const w = recipe.weights;
  if (w.method === 'combined') return `${w.subjective.method}×${w.objective.method}`;
  if (w.method === 'pca' && w.mode === 'variance') return 'pca-variance';
  return w.method;
}

/**
 * Build the index of `input.recipe` and its view. Progress counts the weightings built (the
 * recipe's, then those of the robustness table).
 * @throws the engine's InputErrors (constant indicator, both directions, entropy of negative values, …); CancelledError
 */
export function buildIndexView(input: IndexTaskInput, progress: (done: number, total: number) => void = () => undefined, isCancelled: () => boolean = () => false): IndexView {
  const { ids, times, indicators, recipe } = input;
  const spec: IndexSpec = indexSpecOf(recipe);
  const total = 1 + (input.robustness ? ROBUSTNESS.length : 0);
  progress(0, total);
  const r = buildIndex(ids, times, indicators, spec);
  progress(1, total);
  const warnings = [...(input.warnings ?? []).map((w) => ({ ...w, details: { ...w.details } })), ...r.warnings.map((w) => ({ ...w, details: { ...w.details } }))];
  let robustness: IndexView['robustness'] = null;
  if (input.robustness) {
    const labels = [recipeLabel(recipe)];
    const scores: Float64Array[] = [r.values];
    ROBUSTNESS.forEach((m, k) => {
      if (isCancelled()) throw new CancelledError();
      if (m.label !== labels[0]) {
        try {
          scores.push(buildIndex(ids, times, indicators, { ...spec, weights: m.spec }).values);
          labels.push(m.label);
        } catch (e) {
          if (!isInputError(e)) throw e;
          warnings.push({ code: 'composite-robustness-skipped', message: `the robustness table leaves out ${m.label} weights: ${e.message}`, details: { method: m.label, reason: e.message } });
        }
      }
      progress(2 + k, total);
    });
    const t = rankCorrelationTable(labels, scores);
    robustness = { labels: [...t.labels], rho: t.rho.map((row) => row.map(fin)) };
  }
  return viewOf(r, input, warnings, robustness);
}

function viewOf(r: IndexResult, input: IndexTaskInput, warnings: IndexView['warnings'], robustness: IndexView['robustness']): IndexView {
  const { ids, times, indicators, recipe } = input;
  const describe = [
    describeVariable('index', r.values),
    ...(r.dimensions.length > 1 ? r.dimensions.map((d) => describeVariable(d.name, d.values)) : []),
    ...indicators.map((ind) => describeVariable(ind.name, ind.values)),
  ].map((d) => ({ name: d.name, n: d.n, mean: fin(d.mean), sd: fin(d.sd), min: fin(d.min), p5: fin(d.p5), median: fin(d.median), p95: fin(d.p95), max: fin(d.max), missing: d.missing }));
  const head = r.details[0]?.result;
  const pca = r.details.length === 1 && head?.pca ? {
    kmo: fin(head.pca.kmo), chisq: fin(head.pca.bartlett.chisq), df: head.pca.bartlett.df, p: fin(head.pca.bartlett.p),
    eigenvalues: [...head.pca.eigenvalues], explained: [...head.pca.explained], retained: head.pca.retained,
  } : null;
  // Obstacle degrees on the min–max columns (deviation 1 − x' needs x' in [0, 1]) with the overall weights.
  const groups = scopeGroups(r.rows.map((i) => times[i]), recipe.scope);
  const mm = recipe.normalisation === 'minmax' && recipe.shift === 0
    ? r.normalised
    : indicators.map((ind) => normaliseColumn(Float64Array.from(r.rows, (i) => ind.values[i]), ind.direction, groups, { method: 'minmax', name: ind.name }));
  const obs = obstacleDegree(mm, r.table.map((t) => t.weight));
  const obstacle = indicators.map((ind, j) => {
    let s = 0, n = 0;
    for (const v of obs[j]) if (!Number.isNaN(v)) { s += v; n++; }
    return { indicator: ind.name, mean: n > 0 ? s / n : null };
  });
  return {
    recipe,
    table: r.table.map((t) => ({ ...t })),
    dimensions: r.dimensions.map((d) => ({ name: d.name, weight: d.weight })),
    rows: {
      id: [...ids],
      time: [...times],
      value: Array.from(r.values, fin),
      dimensions: r.dimensions.map((d) => Array.from(d.values, fin)),
    },
    describe,
    entropy: r.details.length === 1 && head?.entropy ? [...head.entropy] : null,
    pca,
    obstacle,
    robustness,
    warnings,
  };
}

