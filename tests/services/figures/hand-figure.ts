/**
 * A small display list built by hand for the output writers' tests (the engine's map builder is
 * tested in tests/figures/): two region paths (one hatched "no data"), a legend, a Chinese title.
 */
import type { Figure } from '../../../src/figures/figure';
import { FIGURE_FONT_FAMILY, PT_PER_MM } from '../../../src/figures/figure';

/** 160 × 120 mm, as the spec's default size. */
export function handFigure(widthMm = 160, heightMm = 120): Figure {
  const width = widthMm * PT_PER_MM;
  const height = heightMm * PT_PER_MM;
  return {
    width, height, background: '#ffffff', title: '中国 资源 2020', lang: 'zh', fontFamily: FIGURE_FONT_FAMILY,
    items: [
      { kind: 'text', x: width / 2, y: 30, text: '中国 资源 2020', size: 16, weight: 'bold', anchor: 'middle', role: 'title' },
      {
        kind: 'group', role: 'panel', clip: { x: 20, y: 40, width: width - 40, height: height - 100 },
        items: [
          { kind: 'path', d: 'M40 60 L200 60 L200 220 L40 220 Z M80 100 L160 100 L160 180 L80 180 Z', fill: '#d7301f', stroke: '#ffffff', strokeWidth: 0.5, region: 'A' },
          { kind: 'path', d: 'M220 60 L400 60 L400 220 L220 220 Z', fill: { pattern: 'hatch', color: '#999999', background: '#eeeeee' }, stroke: '#666666', strokeWidth: 0.5, region: 'B' },
        ],
      },
      {
        kind: 'group', role: 'legend', items: [
          { kind: 'rect', x: 30, y: height - 50, width: 12, height: 8, fill: '#d7301f' },
          { kind: 'text', x: 46, y: height - 42, text: '1.5 – 2.0 (1)', size: 8, role: 'legend' },
          { kind: 'rect', x: 30, y: height - 36, width: 12, height: 8, fill: { pattern: 'hatch', color: '#999999', background: '#eeeeee' } },
          { kind: 'text', x: 46, y: height - 28, text: '无数据 (1)', size: 8, role: 'legend' },
        ],
      },
      { kind: 'line', x1: 300, y1: height - 40, x2: 380, y2: height - 40, stroke: '#000000', strokeWidth: 1 },
      { kind: 'circle', cx: 420, cy: height - 40, r: 4, fill: '#3366cc' },
      { kind: 'text', x: width / 2, y: height / 2, text: '模拟数据 Simulated data', size: 28, anchor: 'middle', baseline: 'middle', rotate: -30, opacity: 0.15, role: 'watermark' },
    ],
  };
}
