/**
 * Map figure engine benchmarks (issue 9): a 3,000-region map (three periods of small multiples)
 * built as a display list and written as SVG; the layout's target is well under 0.5 s (the
 * 300-DPI PNG export as a whole, under 2 s, is benchmarked with the PNG service).
 * Layer: 60 × 50 cells over 75–135°E, 20–50°N, each edge densified to 50 points (603,000 vertices).
 */
import type { Polygon } from 'geojson';
import type { BenchCase } from '../run';
import { buildMapFigure, defaultMapSpec } from '../../src/figures/map/build-map';
import { toSvg } from '../../src/figures/svg';
import type { MapRegion } from '../../src/figures/map/types';

function gridLayer(): MapRegion[] {
  const regions: MapRegion[] = [];
  const N = 50;
  for (let i = 0; i < 60; i++) for (let j = 0; j < 50; j++) {
    const x0 = 75 + i, y0 = 20 + j * 0.6, x1 = x0 + 1, y1 = y0 + 0.6;
    const ring: number[][] = [];
    for (let k = 0; k < N; k++) ring.push([x0 + k / N, y0]);
    for (let k = 0; k < N; k++) ring.push([x1, y0 + (k / N) * 0.6]);
    for (let k = 0; k < N; k++) ring.push([x1 - k / N, y1]);
    for (let k = 0; k < N; k++) ring.push([x0, y1 - (k / N) * 0.6]);
    ring.push(ring[0]);
    regions.push({ id: `c${i}_${j}`, name: `Cell ${i} ${j}`, group: String(i % 4), geometry: { type: 'Polygon', coordinates: [ring] } as Polygon });
  }
  return regions;
}

function inputs() {
  const regions = gridLayer();
  const panels = [0, 1, 2].map((p) => ({ values: Object.fromEntries(regions.map((r, k) => [r.id, Math.sin(k * 0.37 + p) * 5 + k * 0.001])) }));
  return { regions, panels };
}

export const cases: BenchCase[] = [
  {
    name: 'figure-map-3000-regions-3-panels-build',
    targetSeconds: 0.5,
    repeat: 3,
    setup: () => {
      const { regions, panels } = inputs();
      return () => buildMapFigure({ spec: defaultMapSpec('v', { chinaFrame: 'off' }), regions, panels });
    },
  },
  {
    name: 'figure-map-3000-regions-3-panels-build-svg-outlines',
    repeat: 3,
    setup: () => {
      const { regions, panels } = inputs();
      return () => toSvg(buildMapFigure({ spec: defaultMapSpec('v', { chinaFrame: 'off', groupOutlines: true }), regions, panels }).figure);
    },
  },
];
