/** lrWaldTests (first commit: the interface; implementation follows). */
import { InputError } from '../../core/errors';
import type { LrWaldTests, SpatialPanelFit } from './types';

/** LR and Wald tests of an SDM against SAR (θ = 0) and SEM (θ + ρβ = 0). */
export function lrWaldTests(sdm: SpatialPanelFit, restricted: { sar?: SpatialPanelFit; sem?: SpatialPanelFit } = {}): LrWaldTests {
  void sdm; void restricted;
  throw new InputError('spatial-panel-not-yet', 'Not yet implemented.', {});
}
