/** ln|I − ρW| (first commit: the interface; implementation follows). */
import { InputError } from '../../core/errors';
import type { CsrMatrix } from '../../linalg/sparse';
import type { LogDetInfo, LogDetMethod } from './types';

/** A prepared log-determinant ln|I − ρW| over the feasible interval (1/ω_min, 1/ω_max). */
export interface LogDet extends LogDetInfo {
  /** ln|I − ρW|. */
  value(rho: number): number;
  /** Real eigenvalues of W when the method is eigen-based (else null). */
  readonly eigenvalues: Float64Array | null;
}

/** The symmetric form D^{1/2} W D^{-1/2} of W = D⁻¹C, C symmetric, or null when W is not of that form. */
export function symmetricForm(w: CsrMatrix): { s: CsrMatrix; d: Float64Array } | null {
  void w;
  throw new InputError('spatial-panel-not-yet', 'Not yet implemented.', {});
}

/** Prepare ln|I − ρW|. */
export function createLogDet(w: CsrMatrix, opts: { method?: LogDetMethod; symmetricSimilar?: boolean } = {}): LogDet {
  void w; void opts;
  throw new InputError('spatial-panel-not-yet', 'Not yet implemented.', {});
}
