/**
 * Issue 9: a 3,000-region map exported to a 300-DPI PNG in under 2 s, whole time — draw the
 * display list (`buildMapFigure`: projection, simplification, five Jenks classes, legend,
 * scale bar), write the SVG (`toSvg`) and rasterise it with the shipped fonts and a pHYs chunk
 * (`renderPng`, as the job worker does), 160 × 120 mm → 1890 × 1417 px. The regions are a
 * synthetic 60 × 50 grid of square polygons over China's extent (73–135° E, 18–54° N), values
 * a smooth surface plus a seeded wobble, so the classes are not trivial. The second case is
 * the app's path: the same, with the rasterising in a new job worker thread (as
 * `figure:mapExport` runs it; from the sources the worker starts through tsx), median of 3.
 */
import type { Polygon } from 'geojson';
import { mapSpecSchema } from '../../src/contract/figures';
import { buildMapFigure } from '../../src/figures/map';
import { toSvg } from '../../src/figures/svg';
import { pngJob, renderPng } from '../../src/services/figures/png';
import { runInWorker } from '../../src/services/jobs/run-in-worker';
import type { BenchCase } from '../run';

const COLS = 60;
const ROWS = 50;

function grid(): { regions: { id: string; name: string; geometry: Polygon }[]; values: Record<string, number> } {
  const regions: { id: string; name: string; geometry: Polygon }[] = [];
  const values: Record<string, number> = {};
  const dx = (135 - 73) / COLS;
  const dy = (54 - 18) / ROWS;
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let r = 0; r < ROWS; r++) {
    for (let c = 0; c < COLS; c++) {
      const x0 = 73 + c * dx;
      const y0 = 18 + r * dy;
      const id = `g${r}-${c}`;
      regions.push({ id, name: id, geometry: { type: 'Polygon', coordinates: [[[x0, y0], [x0 + dx, y0], [x0 + dx, y0 + dy], [x0, y0 + dy], [x0, y0]]] } });
      values[id] = Math.sin(c / 9) + Math.cos(r / 7) + 0.3 * rand();
    }
  }
  return { regions, values };
}

export const cases: BenchCase[] = [
  {
    name: 'map-export-3000-regions-png-300dpi',
    targetSeconds: 2,
    repeat: 3,
    setup: () => {
      const { regions, values } = grid();
      const spec = mapSpecSchema.parse({ variable: 'synthetic', title: '合成网格 3,000 regions', periods: [{ from: 2020, to: 2020 }] });
      return () => {
        const { figure } = buildMapFigure({ spec, regions, panels: [{ values }], variableLabel: 'synthetic' });
        const svg = toSvg(figure);
        const png = renderPng(pngJob(figure, svg, spec.size.dpi));
        if (png.length < 1000) throw new Error('map-export: empty PNG');
        return png;
      };
    },
  },
  {
    name: 'map-export-3000-regions-png-300dpi-worker',
    targetSeconds: 2,
    measure: async () => {
      const { regions, values } = grid();
      const spec = mapSpecSchema.parse({ variable: 'synthetic', title: '合成网格 3,000 regions', periods: [{ from: 2020, to: 2020 }] });
      const times: number[] = [];
      for (let i = 0; i < 4; i++) {
        const t0 = performance.now();
        const { figure } = buildMapFigure({ spec, regions, panels: [{ values }], variableLabel: 'synthetic' });
        const png = await runInWorker('figure-png', pngJob(figure, toSvg(figure), spec.size.dpi));
        if (png.length < 1000) throw new Error('map-export: empty PNG');
        if (i > 0) times.push((performance.now() - t0) / 1000);
      }
      times.sort((a, b) => a - b);
      return { seconds: times[1], runs: times.length };
    },
  },
];
