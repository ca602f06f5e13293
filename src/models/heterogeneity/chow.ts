/**
 * Interaction-based Chow test of coefficient differences between two groups.
 */
import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { fUpperP } from '../../stats/distributions';
import { InputError, SingularDesignError } from '../../core/errors';
import { fitPanel } from '../panel/fit';
import type { FitOptions, PanelDesign, PanelFit } from '../panel/types';
import { inGroup, subsetDesign } from './groups';

/** One coefficient gap (group A minus group B) from the interaction model. */
export interface CoefficientGap {
  readonly name: string;
  /** β_A − β_B, the coefficient of `D × x`. */
  readonly diff: number;
  readonly se: number;
  readonly t: number;
  readonly p: number;
}

/** Result of `chowTest`. */
export interface ChowTest {
  readonly groupA: string;
  readonly groupB: string;
  /** Regressors whose slopes may differ (interacted with the dummy of group A). */
  readonly tested: readonly string[];
  /** Whether the group dummy itself entered (false when region fixed effects absorb it). */
  readonly dummyIncluded: boolean;
  readonly gaps: readonly CoefficientGap[];
  /** Wald F = g′V⁻¹g / q on the q interaction coefficients. */
  readonly statistic: number;
  readonly df1: number;
  readonly df2: number;
  readonly p: number;
  readonly seType: FitOptions['se'];
  /** The pooled interaction model. */
  readonly fit: PanelFit;
}

/** Name of the interaction of regressor `name` with the dummy of `group`. */
export function interactionName(name: string, group: string): string {
  return `${name} × [${group}]`;
}

/**
 * Chow test by interactions: on the rows of groups A and B, fit
 * y = Xβ + D·Xδ (+ γD) + effects with D = 1 in group A (so δ = β_A − β_B), using the same model, effects and
 * SE type as the group fits, and test H0: δ = 0 with the Wald F = δ̂′V̂(δ̂)⁻¹δ̂ / q on
 * (q, df2) degrees of freedom, where df2 is the denominator of the model's own joint F test
 * (N − K for classical/HC1, G − 1 for cluster SEs). The time effects stay common to both
 * groups. D enters by itself unless region fixed effects absorb it (D constant within every
 * region). `test` limits the interactions to some regressors (default all).
 * Reference: Chow (1960); the interaction form is the one Stata users run with `i.group#c.x`
 * followed by `testparm`.
 *
 * @throws InputError `hetero-chow-same-group` / `hetero-empty-group` when A or B has no rows or A = B; `hetero-unknown-coefficient`
 *   when `test` names a regressor not in the design; `SingularDesignError` when the
 *   interaction covariance is singular (naming the interactions); fit errors re-thrown.
 */
export function chowTest(
  design: PanelDesign, labels: readonly string[], groupA: string, groupB: string, options: FitOptions,
  test?: readonly string[],
): ChowTest {
  if (groupA === groupB) throw new InputError('hetero-chow-same-group', `The Chow test needs two different groups, got "${groupA}" twice.`, { group: groupA });
  for (const g of [groupA, groupB]) {
    if (!labels.includes(g)) throw new InputError('hetero-empty-group', `No observations in group "${g}".`, { group: g });
  }
  const tested = test ? [...test] : [...design.names];
  const bad = tested.filter((n) => !design.names.includes(n));
  if (bad.length > 0) throw new InputError('hetero-unknown-coefficient', `Cannot test ${bad.map((b) => `"${b}"`).join(', ')}: not a regressor (regressors: ${design.names.join(', ')}).`, { coefficients: bad.map((b) => `"${b}"`).join(', '), regressors: design.names.join(', ') });
  const sub = subsetDesign(design, labels.map((l) => l === groupA || l === groupB));
  const subLabels = labels.filter((l) => l === groupA || l === groupB);
  const D = Float64Array.from(subLabels, (l) => (l === groupA ? 1 : 0));

  const absorbed = options.model === 'fe' && (options.effects === 'individual' || options.effects === 'twoways') && (() => {
    const first = new Map<string, number>();
    for (let i = 0; i < D.length; i++) {
      const f = first.get(sub.ids[i]);
      if (f === undefined) first.set(sub.ids[i], D[i]); else if (f !== D[i]) return false;
    }
    return true;
  })();
  const X = [...sub.X], names = [...sub.names];
  if (!absorbed) { X.push(D); names.push(`[${groupA}]`); }
  const inter = tested.map((n) => interactionName(n, groupA));
  for (const n of tested) {
    const x = sub.X[sub.names.indexOf(n)];
    X.push(Float64Array.from(x, (v, i) => v * D[i]));
  }
  names.push(...inter);
  let fit: PanelFit;
  try {
    fit = fitPanel({ ...sub, X, names }, options);
  } catch (e) {
    throw inGroup(`${groupA}+${groupB}`, e);
  }
  const k = fit.coefficients.length;
  const idx = inter.map((n) => fit.coefficients.findIndex((c) => c.name === n));
  const q = idx.length;
  const g = Matrix.columnVector(idx.map((i) => fit.coefficients[i].estimate));
  const V = new Matrix(q, q);
  idx.forEach((i, a) => idx.forEach((j, b) => V.set(a, b, fit.vcov[i * k + j])));
  const chol = new CholeskyDecomposition(V);
  if (!chol.isPositiveDefinite()) {
    throw new SingularDesignError(`The covariance of the interactions ${inter.join(', ')} is singular; the Chow test cannot be computed (too few clusters or observations in one group?).`, { interactions: inter, interactionList: inter.join(', ') }, 'singular-chow-covariance');
  }
  const statistic = chol.solve(g).transpose().mmul(g).get(0, 0) / q;
  const df2 = fit.fTest.df2;
  const p = fUpperP(statistic, q, df2);
  const gaps = idx.map((i, a) => {
    const c = fit.coefficients[i];
    return Object.freeze({ name: tested[a], diff: c.estimate, se: c.se, t: c.t, p: c.p });
  });
  return Object.freeze({
    groupA, groupB, tested: Object.freeze(tested), dummyIncluded: !absorbed, gaps: Object.freeze(gaps),
    statistic, df1: q, df2, p, seType: options.se, fit,
  });
}
