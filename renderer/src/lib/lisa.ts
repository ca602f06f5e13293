/**
 * Colours of the LISA maps: the conventional cluster colours (GeoDa / PySAL splot: High-High red,
 * Low-Low blue, Low-High light blue, High-Low light red, not significant grey) and the
 * significance map's classes (p ≤ 0.001, 0.01, 0.05, not significant), as in GeoDa.
 */
import { LISA_CLUSTER_CODES, type LisaClusterCode } from '../../../src/contract/constants';

/** The cluster codes in legend order. */
export const LISA_CODES: readonly LisaClusterCode[] = LISA_CLUSTER_CODES;

/** Cluster colours (the same hex values as the figure engine's LISA palette). */
export const LISA_CLASS_COLORS: Readonly<Record<LisaClusterCode, string>> = {
  HH: '#d7191c', LL: '#2c7bb6', LH: '#abd9e9', HL: '#fdae61', ns: '#d3d3d3',
};

/** Significance classes, strongest first. */
export const SIGNIFICANCE_LEVELS: readonly { readonly label: string; readonly max: number; readonly color: string }[] = [
  { label: '0.001', max: 0.001, color: '#006d2c' },
  { label: '0.01', max: 0.01, color: '#31a354' },
  { label: '0.05', max: 0.05, color: '#a1d99b' },
  { label: 'ns', max: Infinity, color: '#d3d3d3' },
];

/** The significance map's colour for a p-value (grey for none). */
export function significanceColor(p: number | null): string {
  if (p === null || !Number.isFinite(p)) return SIGNIFICANCE_LEVELS[SIGNIFICANCE_LEVELS.length - 1].color;
  return (SIGNIFICANCE_LEVELS.find((s) => p <= s.max) ?? SIGNIFICANCE_LEVELS[SIGNIFICANCE_LEVELS.length - 1]).color;
}
