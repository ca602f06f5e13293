/** modelChoice (first commit: the interface; implementation follows). */
import { InputError } from '../../core/errors';
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

/** Which model the LM → LR/Wald → Hausman ladder supports. */
export function modelChoice(input: ModelChoiceInput): ModelChoice {
  void input;
  throw new InputError('spatial-panel-not-yet', 'Not yet implemented.', {});
}
