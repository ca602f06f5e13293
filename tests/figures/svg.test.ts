/** toSvg: a standalone, well-formed, deterministic SVG 1.1 document of a figure. */
import { describe, expect, it } from 'vitest';
import { FIGURE_FONT_FAMILY, type Figure } from '../../src/figures/figure';
import { escapeXml, num, toSvg } from '../../src/figures/svg';
import { checkXml } from './xml-check';

const FIG: Figure = {
  width: 453.5433, height: 340.1575, background: '#ffffff', title: '韧性 <2020> & "more"', lang: 'zh', fontFamily: FIGURE_FONT_FAMILY,
  items: [
    { kind: 'text', x: 10, y: 20, text: '城市韧性 & <指数>', size: 14, weight: 'bold', role: 'title' },
    {
      kind: 'group', role: 'panel', clip: { x: 0, y: 30, width: 200, height: 200 }, items: [
        { kind: 'path', d: 'M10 40L50 40L50 80Z', fill: '#ff0000', stroke: '#ffffff', strokeWidth: 0.3, region: '110000' },
        { kind: 'path', d: 'M60 40L90 40L90 80Z', fill: { pattern: 'hatch', color: '#888888', background: '#eeeeee' }, region: 'a"b' },
      ],
    },
    { kind: 'rect', x: 1, y: 2, width: 3, height: 4, fill: { pattern: 'hatch', color: '#888888', background: '#eeeeee' } },
    { kind: 'line', x1: 0, y1: 0, x2: 10.005, y2: -0.001, stroke: '#000000', strokeWidth: 1, dash: [2, 1] },
    { kind: 'circle', cx: 5, cy: 5, r: 2, fill: '#00ff00' },
    { kind: 'text', x: 100, y: 100, text: 'Simulated data\u0001', size: 30, rotate: -30, anchor: 'middle', baseline: 'middle', opacity: 0.1, role: 'watermark' },
  ],
};

describe('toSvg', () => {
  const svg = toSvg(FIG);
  it('is well-formed XML with an svg root, size in points and a viewBox', () => {
    const doc = checkXml(svg);
    expect(doc.root).toBe('svg');
    const root = doc.elements[0].attrs;
    expect(root).toMatchObject({ xmlns: 'http://www.w3.org/2000/svg', version: '1.1', width: '453.54pt', height: '340.16pt', viewBox: '0 0 453.54 340.16', 'xml:lang': 'zh-CN', 'font-family': 'Noto Sans SC' });
  });
  it('escapes every text and attribute, and keeps the Chinese title as text', () => {
    const doc = checkXml(svg);
    expect(doc.texts.find((t) => t.element === 'title')?.text).toBe('韧性 <2020> & "more"');
    expect(doc.texts.find((t) => t.attrs['data-role'] === 'title')?.text).toBe('城市韧性 & <指数>');
    expect(doc.texts.find((t) => t.attrs['data-role'] === 'watermark')?.text).toBe('Simulated data');
    expect(doc.elements.filter((e) => e.name === 'path').map((e) => e.attrs['data-region'])).toEqual(['110000', 'a"b']);
  });
  it('defines one hatch pattern per paint and one clip per clipped group', () => {
    const doc = checkXml(svg);
    expect(doc.elements.filter((e) => e.name === 'pattern').map((e) => e.attrs.id)).toEqual(['hatch-1']);
    expect(doc.elements.filter((e) => e.name === 'clipPath').map((e) => e.attrs.id)).toEqual(['clip-1']);
    expect(svg).toContain('fill="url(#hatch-1)"');
    expect(svg).toContain('clip-path="url(#clip-1)"');
    expect(svg).toContain('transform="rotate(-30 100 100)"');
  });
  it('is deterministic and rounds numbers to 0.01', () => {
    expect(toSvg(FIG)).toBe(svg);
    expect([num(10.005), num(-0.001), num(1.1), num(3)]).toEqual(['10.01', '0', '1.1', '3']);
    expect(escapeXml('a<b>&"\'\u0000')).toBe('a&lt;b&gt;&amp;&quot;&apos;');
  });
  it('the checker refuses broken XML (so the checks above can fail)', () => {
    expect(() => checkXml('<svg><g></svg>')).toThrow();
    expect(() => checkXml('<svg>a & b</svg>')).toThrow();
    expect(() => checkXml('<svg a="<"/>')).toThrow();
  });
});
