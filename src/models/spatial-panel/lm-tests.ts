/** lmTests (first commit: the interface; implementation follows). */
import { InputError } from '../../core/errors';
import type { LmTests, SpatialEffectsKind, SpatialPanelInput } from './types';

/** LM lag / error and robust forms on the non-spatial within model. */
export function lmTests(input: SpatialPanelInput, effects: SpatialEffectsKind): LmTests {
  void input; void effects;
  throw new InputError('spatial-panel-not-yet', 'Not yet implemented.', {});
}
