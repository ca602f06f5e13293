/**
 * GWR / GTWR kernels: weight of an observation at distance d from the focal point for
 * bandwidth h (GWmodel `gw.weight` conventions).
 */

/** The kernels offered. */
export type GwrKernel = 'gaussian' | 'bisquare' | 'exponential' | 'tricube' | 'boxcar';

/** Every kernel, in the order the CLI and the app list them. */
export const GWR_KERNELS: readonly GwrKernel[] = Object.freeze(['bisquare', 'gaussian', 'exponential', 'tricube', 'boxcar'] as const);

/** True when the kernel is zero beyond the bandwidth (only neighbours within h are used). */
export function isCompact(kernel: GwrKernel): boolean {
  return kernel === 'bisquare' || kernel === 'tricube' || kernel === 'boxcar';
}

/**
 * Weight at distance `d` for bandwidth `h`:
 * gaussian exp(−½(d/h)²); exponential exp(−d/h); bisquare (1 − (d/h)²)² for d < h;
 * tricube (1 − (d/h)³)³ for d < h; boxcar 1 for d ≤ h (so an adaptive box-car of k holds the
 * k nearest, ties included); 0 otherwise. GWmodel::gw.weight.
 */
export function kernelWeight(kernel: GwrKernel, d: number, h: number): number {
  const r = d / h;
  switch (kernel) {
    case 'gaussian': return Math.exp(-0.5 * r * r);
    case 'exponential': return Math.exp(-r);
    case 'bisquare': { if (r >= 1) return 0; const t = 1 - r * r; return t * t; }
    case 'tricube': { if (r >= 1) return 0; const t = 1 - r * r * r; return t * t * t; }
    case 'boxcar': return d <= h ? 1 : 0;
  }
}

/** `kernelWeight` of every distance of `d[0 … count−1]` into `w` (one loop per kernel, for speed). */
export function kernelWeights(kernel: GwrKernel, d: ArrayLike<number>, h: number, w: Float64Array, count: number): void {
  const inv = 1 / h;
  switch (kernel) {
    case 'bisquare':
      for (let t = 0; t < count; t++) { const r = d[t] * inv; const u = 1 - r * r; w[t] = r < 1 ? u * u : 0; }
      return;
    case 'gaussian':
      for (let t = 0; t < count; t++) { const r = d[t] * inv; w[t] = Math.exp(-0.5 * r * r); }
      return;
    case 'exponential':
      for (let t = 0; t < count; t++) w[t] = Math.exp(-d[t] * inv);
      return;
    case 'tricube':
      for (let t = 0; t < count; t++) { const r = d[t] * inv; const u = 1 - r * r * r; w[t] = r < 1 ? u * u * u : 0; }
      return;
    case 'boxcar':
      for (let t = 0; t < count; t++) w[t] = d[t] <= h ? 1 : 0;
      return;
  }
}
