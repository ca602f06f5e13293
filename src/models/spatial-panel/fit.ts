/** fitSpatialPanel (first commit: the interface; implementation follows). */
import { InputError } from '../../core/errors';
import type { SpatialPanelFit, SpatialPanelInput, SpatialPanelOptions } from './types';

/** A Lee–Yu (2010) bias correction: takes the uncorrected fit and returns the corrected one. */
export type LeeYuCorrection = (fit: SpatialPanelFit, input: SpatialPanelInput, options: SpatialPanelOptions) => SpatialPanelFit;

/** Register the Lee–Yu correction used when `options.leeYu` is true. */
export function registerLeeYu(fn: LeeYuCorrection | null): void {
  void fn;
}

/** Fit a fixed-effects spatial panel model by ML. */
export function fitSpatialPanel(input: SpatialPanelInput, options: SpatialPanelOptions): SpatialPanelFit {
  void input; void options;
  throw new InputError('spatial-panel-not-yet', 'Not yet implemented.', {});
}
