/** spatialEffects (first commit: the interface; implementation follows). */
import { InputError } from '../../core/errors';
import type { CsrMatrix } from '../../linalg/sparse';
import type { EffectsOptions, ProgressFn, SpatialEffects, SpatialPanelFit } from './types';

/** Direct, indirect and total effects (LeSage & Pace 2009). */
export function spatialEffects(fit: SpatialPanelFit, w: CsrMatrix, options: EffectsOptions = {}, progress?: ProgressFn): SpatialEffects {
  void fit; void w; void options; void progress;
  throw new InputError('spatial-panel-not-yet', 'Not yet implemented.', {});
}
