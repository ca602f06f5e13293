/**
 * The model-choice ladder of Elhorst (2010, "Applied spatial econometrics: raising the bar",
 * Spatial Economic Analysis 5:9–28; 2014, §3.5): (1) the (robust) LM tests on the non-spatial
 * FE model say whether a spatial lag and/or a spatial error is needed; (2) if so, the SDM is
 * tested against SAR (θ = 0) and SEM (θ + ρβ = 0) by Wald and, when given, LR: SAR (SEM) is
 * chosen when its hypothesis is not rejected and the robust LM tests pointed to the lag (error),
 * else the SDM; (3) the spatial Hausman test, when given, chooses fixed (rejected) or random
 * (not rejected) effects. The result is a sentence code with parameters, not English text.
 */
import type { LmTests, LrWaldTests, ModelChoice, TestStatistic } from './types';

/** The test results the ladder reads. */
export interface ModelChoiceInput {
  readonly lm: LmTests;
  readonly lrWald?: LrWaldTests;
  /** Spatial Hausman test FE vs RE (from the random-effects module). */
  readonly hausman?: TestStatistic;
  /** Significance level (default 0.05). */
  readonly alpha?: number;
}

const NAMES: Record<string, string> = { ols: 'the non-spatial model', sar: 'the spatial lag model (SAR)', sem: 'the spatial error model (SEM)', sdm: 'the spatial Durbin model (SDM)' };

/** Which model the LM → LR/Wald → Hausman ladder supports (see the module comment). */
export function modelChoice(input: ModelChoiceInput): ModelChoice {
  const alpha = input.alpha ?? 0.05;
  const sig = (t: TestStatistic | null | undefined): boolean => !!t && t.p < alpha;
  const { lm } = input;
  const lagNeeded = sig(lm.robustLmLag) || (sig(lm.lmLag) && !sig(lm.lmError));
  const errNeeded = sig(lm.robustLmError) || (sig(lm.lmError) && !sig(lm.lmLag));
  let model: 'ols' | 'sar' | 'sem' | 'sdm';
  if (!sig(lm.lmLag) && !sig(lm.lmError) && !sig(lm.robustLmLag) && !sig(lm.robustLmError)) model = 'ols';
  else if (!input.lrWald) model = lagNeeded && !errNeeded ? 'sar' : errNeeded && !lagNeeded ? 'sem' : 'sdm';
  else {
    const t = input.lrWald;
    const sarRejected = sig(t.waldSar) && (t.lrSar === null || sig(t.lrSar));
    const semRejected = sig(t.waldSem) && (t.lrSem === null || sig(t.lrSem));
    if (!sarRejected && lagNeeded && !errNeeded) model = 'sar';
    else if (!semRejected && errNeeded && !lagNeeded) model = 'sem';
    else model = 'sdm';
  }
  const steps = model === 'ols' ? 'LM' : input.lrWald ? 'LM, Wald/LR' : 'LM';
  const params: Record<string, string | number> = { alpha };
  // A negative (or undefined) Hausman statistic — V_FE − V_RE not positive definite — says
  // nothing about fixed vs random effects: the sentence then stops at the spatial model.
  if (model === 'ols' || !input.hausman || !(input.hausman.statistic >= 0)) {
    const code = `spatial-panel-choice-${model}`;
    const message = model === 'ols'
      ? `At the ${alpha} level the LM tests find no spatial dependence in the fixed-effects model: the non-spatial model suffices.`
      : `At the ${alpha} level the ${steps} tests support ${NAMES[model]}.`;
    return Object.freeze({ model, code, params: Object.freeze({ ...params, ...(model === 'ols' ? {} : { steps }) }), message });
  }
  const fe = sig(input.hausman);
  const code = `spatial-panel-choice-${model}-${fe ? 'fe' : 're'}`;
  const message = `At the ${alpha} level the ${steps} tests support ${NAMES[model]}, and the Hausman test ${fe ? 'rejects random effects: use fixed effects' : 'does not reject random effects: random effects are consistent and efficient'}.`;
  return Object.freeze({ model: `${model}-${fe ? 'fe' : 're'}`, code, params: Object.freeze({ ...params, steps }), message });
}
