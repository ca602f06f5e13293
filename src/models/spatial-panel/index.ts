/**
 * Spatial panel models with fixed effects (SAR, SEM, SDM, SDEM, SLX) by maximum likelihood,
 * their LeSage–Pace effects, region-level effects, LM / LR / Wald tests and the model-choice
 * ladder. See README.md and types.ts.
 */
export * from './types';
export { stackPanel, validatePanelInput, demeanPanel, panelLag } from './panel-data';
export type { LongSpatialPanel } from './panel-data';
export { createLogDet, logDetFor, symmetricForm, isRowStandardised } from './log-determinant';
export type { Solver } from './log-determinant';
export type { LogDet } from './log-determinant';
export { fitSpatialPanel, registerLeeYu, lagName } from './fit';
export type { LeeYuCorrection } from './fit';
export { spatialEffects } from './effects';
export { regionEffects, groupMeans } from './region-effects';
export { lmTests } from './lm-tests';
export { lrWaldTests } from './lr-wald';
export { modelChoice } from './model-choice';
export type { ModelChoiceInput } from './model-choice';
// primitives for the random-effects / Lee–Yu extensions
export { maximize1d } from './optimize';
export type { Maximum1d } from './optimize';
export { infoTraces, effectTraces, scoreTrace } from './traces';
export type { InfoTraces, EffectTraces } from './traces';
export { normalSampler, effectParameters } from './draws';
export type { NormalSampler, EffectParameters } from './draws';
export { totalMultipliers, DEFAULT_DRAWS } from './effects';
