/**
 * A composite-index recipe (src/contract/composite.ts `indexRecipeSchema`) turned into what the
 * engine takes: the indicators evaluated over a panel, and the engine's `IndexSpec`.
 */
import { compileExpression } from '../../core/expressions';
import type { LongPanel } from '../../core/panel';
import type { IndexSpec, WeightSpec } from '../../composite';
import type { z } from 'zod';
import type { indexRecipeSchema, indexWeightSpecSchema } from '../../contract/composite';
import type { InputWarning } from '../inputs/warnings';

/** A recipe after validation (defaults applied). */
export type IndexRecipe = z.output<typeof indexRecipeSchema>;
/** A recipe as a caller writes it. */
export type IndexRecipeInput = z.input<typeof indexRecipeSchema>;
type WeightSpecJson = z.output<typeof indexWeightSpecSchema>;

/** One evaluated indicator: its name (the expression text), direction, dimension and column. */
export interface EvaluatedIndicator {
  readonly name: string;
  readonly direction: '+' | '-';
  readonly dimension: string;
  readonly values: Float64Array;
}

/**
 * Evaluate the recipe's indicator expressions on the panel; rows an expression sets to missing
 * (e.g. log of a value ≤ 0) are reported per indicator.
 * @throws the expression errors (`unknown-column` with a suggestion, `bad-expression`, …)
 */
export function evaluateIndicators(panel: LongPanel, recipe: IndexRecipe): { indicators: EvaluatedIndicator[]; warnings: InputWarning[] } {
  const warnings: InputWarning[] = [];
  const indicators = recipe.indicators.map((ind) => {
    const c = compileExpression(ind.expr);
    const r = c.evaluate(panel);
    for (const w of r.warnings) {
      warnings.push({
        code: 'composite-indicator-missing',
        message: `indicator "${c.expression}": ${w.message}`,
        details: { indicator: c.expression, reason: w.message, fn: w.fn, count: w.count },
      });
    }
    return { name: c.expression, direction: ind.direction, dimension: ind.dimension, values: r.values };
  });
  return { indicators, warnings };
}

function weightSpec(w: WeightSpecJson): WeightSpec {
  switch (w.method) {
    case 'pca': return { method: 'pca', ...(w.mode ? { mode: w.mode } : {}), ...(w.retain !== undefined ? { retain: w.retain } : {}) };
    case 'entropy': case 'critic': case 'cv': case 'equal': return { method: w.method };
    case 'user': return { method: 'user', weights: { ...w.weights } };
    case 'g1': return { method: 'g1', order: [...w.order], ratios: [...w.ratios] };
    case 'g1-sd': return { method: 'g1-sd', order: [...w.order] };
    case 'combined': return {
      method: 'combined', rule: w.rule, ...(w.alpha !== undefined ? { alpha: w.alpha } : {}),
      subjective: weightSpec(w.subjective), objective: weightSpec(w.objective),
    };
  }
}

/** The engine's spec of a recipe. */
export function indexSpecOf(recipe: IndexRecipe): IndexSpec {
  return {
    normalisation: recipe.normalisation,
    scope: recipe.scope,
    shift: recipe.shift,
    weights: weightSpec(recipe.weights),
    aggregate: recipe.aggregate,
    ...(recipe.dimensionWeights ? { dimensionWeights: { ...recipe.dimensionWeights } } : {}),
  };
}
