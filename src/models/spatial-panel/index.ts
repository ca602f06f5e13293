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
export { fitSpatialPanel, registerLeeYu } from './fit';
export type { LeeYuCorrection } from './fit';
export { spatialEffects } from './effects';
export { regionEffects, groupMeans } from './region-effects';
export { lmTests } from './lm-tests';
export { lrWaldTests } from './lr-wald';
export { modelChoice } from './model-choice';
export type { ModelChoiceInput } from './model-choice';
