/** regionEffects, groupMeans (first commit: the interface; implementation follows). */
import { InputError } from '../../core/errors';
import type { CsrMatrix } from '../../linalg/sparse';
import type { GroupMean, RegionEffects, RegionEffectsOptions, SpatialPanelFit } from './types';

/** Per-region direct, received and emitted effects of one regressor. */
export function regionEffects(fit: SpatialPanelFit, w: CsrMatrix, variable: string, options: RegionEffectsOptions = {}): RegionEffects {
  void fit; void w; void variable; void options;
  throw new InputError('spatial-panel-not-yet', 'Not yet implemented.', {});
}

/** Means of the region effects by group (region id → group label), with 95 % intervals. */
export function groupMeans(effects: RegionEffects, groups: Readonly<Record<string, string>>): GroupMean[] {
  void effects; void groups;
  throw new InputError('spatial-panel-not-yet', 'Not yet implemented.', {});
}
