/** Shared test tolerances. */

/** Relative tolerance for deterministic estimates compared with reference software. */
export const RTOL = 1e-6;

/** Tolerance for algebraic identities computed in double precision (e.g. L·Lᵀ − A). */
export const ALGEBRA_TOL = 1e-9;

/** Relative error |a − b| / max(|b|, tiny). */
export function relErr(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
}

/** Largest relative error over two equally long arrays. */
export function maxRelErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, relErr(a[i], b[i]));
  return m;
}
