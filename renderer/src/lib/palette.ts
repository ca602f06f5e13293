/**
 * Choropleth colours of the app's map (the class breaks themselves are src/stats/class-breaks.ts).
 */

/** Sequential blue palette, light → dark, one colour per class (3–7 classes). */
export function paletteFor(n: number): string[] {
  const ramp = ['#cfe1f2', '#b0d0ea', '#86b8de', '#5c9dcf', '#3a80bf', '#1f63a6', '#0b4487'];
  if (n <= 1) return [ramp[4]];
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(ramp[Math.round((i * (ramp.length - 1)) / (n - 1))]);
  return out;
}

/** Colour for regions without a value. */
export const MISSING_COLOR = '#d9d9d9';

/** Colour for regions outside the selected region group. */
export const OUTSIDE_COLOR = '#eceff2';
