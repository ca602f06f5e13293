/**
 * A figure's display list as a standalone SVG 1.1 document: size in points, a viewBox in points,
 * `<title>`, `xml:lang`, the font family, hatch patterns and clip rectangles in `<defs>`,
 * `data-region` on region paths and `data-role` on roles. Every text and attribute value is
 * escaped (and characters XML 1.0 forbids are dropped). The output is deterministic: the same
 * figure gives the same bytes (ids are numbered in drawing order, numbers have ≤ 2 decimals).
 */
import type { Figure, FigureItem, Fill } from './figure';

/** Characters XML 1.0 does not allow (C0 controls except tab/LF/CR, U+FFFE, U+FFFF, lone surrogates). */
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escape text for XML character data and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(INVALID_XML, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** A number with at most 2 decimals, no trailing zeros, no "-0". */
export function num(v: number): string {
  const r = Math.round(v * 100) / 100;
  return Object.is(r, -0) || r === 0 ? '0' : String(r);
}

interface Defs {
  readonly lines: string[];
  readonly hatch: Map<string, string>;
  clips: number;
}

function paint(fill: Fill | undefined, defs: Defs): string {
  if (fill === undefined) return 'none';
  if (typeof fill === 'string') return fill;
  const key = `${fill.color}|${fill.background}`;
  let id = defs.hatch.get(key);
  if (!id) {
    id = `hatch-${defs.hatch.size + 1}`;
    defs.hatch.set(key, id);
    defs.lines.push(
      `<pattern id="${id}" patternUnits="userSpaceOnUse" width="4" height="4" patternTransform="rotate(45)">`
      + `<rect x="0" y="0" width="4" height="4" fill="${escapeXml(fill.background)}"/>`
      + `<line x1="0" y1="0" x2="0" y2="4" stroke="${escapeXml(fill.color)}" stroke-width="1.2"/></pattern>`,
    );
  }
  return `url(#${id})`;
}

function attr(name: string, v: string | number | undefined): string {
  if (v === undefined) return '';
  return ` ${name}="${typeof v === 'number' ? num(v) : escapeXml(v)}"`;
}

function strokeAttrs(stroke: string | undefined, width: number | undefined, dash: readonly number[] | undefined): string {
  if (!stroke || stroke === 'none') return ' stroke="none"';
  return attr('stroke', stroke) + attr('stroke-width', width ?? 1)
    + (dash && dash.length > 0 ? attr('stroke-dasharray', dash.map(num).join(' ')) : '')
    + ' stroke-linejoin="round" stroke-linecap="round"';
}

function item(it: FigureItem, defs: Defs, out: string[]): void {
  switch (it.kind) {
    case 'path':
      out.push(`<path d="${escapeXml(it.d)}"${attr('fill', paint(it.fill, defs))}${it.evenOdd === false ? '' : ' fill-rule="evenodd"'}`
        + `${strokeAttrs(it.stroke, it.strokeWidth, it.dash)}${attr('opacity', it.opacity)}${attr('data-region', it.region)}/>`);
      return;
    case 'rect':
      out.push(`<rect${attr('x', it.x)}${attr('y', it.y)}${attr('width', it.width)}${attr('height', it.height)}`
        + `${attr('fill', paint(it.fill, defs))}${strokeAttrs(it.stroke, it.strokeWidth, undefined)}${attr('opacity', it.opacity)}/>`);
      return;
    case 'line':
      out.push(`<line${attr('x1', it.x1)}${attr('y1', it.y1)}${attr('x2', it.x2)}${attr('y2', it.y2)}`
        + `${strokeAttrs(it.stroke, it.strokeWidth, it.dash)}${attr('opacity', it.opacity)}/>`);
      return;
    case 'circle':
      out.push(`<circle${attr('cx', it.cx)}${attr('cy', it.cy)}${attr('r', it.r)}${attr('fill', paint(it.fill, defs))}`
        + `${strokeAttrs(it.stroke, it.strokeWidth, undefined)}${attr('opacity', it.opacity)}${attr('data-region', it.region)}/>`);
      return;
    case 'text': {
      const rot = it.rotate ? ` transform="rotate(${num(it.rotate)} ${num(it.x)} ${num(it.y)})"` : '';
      const baseline = it.baseline && it.baseline !== 'alphabetic' ? attr('dominant-baseline', it.baseline === 'middle' ? 'central' : 'hanging') : '';
      out.push(`<text${attr('x', it.x)}${attr('y', it.y)}${attr('font-size', it.size)}${it.weight === 'bold' ? ' font-weight="bold"' : ''}`
        + `${it.anchor && it.anchor !== 'start' ? attr('text-anchor', it.anchor) : ''}${baseline}${attr('fill', it.fill ?? '#000000')}`
        + `${attr('opacity', it.opacity)}${rot}${attr('data-role', it.role)}>${escapeXml(it.text)}</text>`);
      return;
    }
    case 'group': {
      let clip = '';
      if (it.clip) {
        defs.clips++;
        const id = `clip-${defs.clips}`;
        defs.lines.push(`<clipPath id="${id}"><rect${attr('x', it.clip.x)}${attr('y', it.clip.y)}${attr('width', it.clip.width)}${attr('height', it.clip.height)}/></clipPath>`);
        clip = ` clip-path="url(#${id})"`;
      }
      out.push(`<g${clip}${attr('data-role', it.role)}>`);
      for (const c of it.items) item(c, defs, out);
      out.push('</g>');
      return;
    }
  }
}

/**
 * The SVG document of a figure (UTF-8 text, LF line ends).
 * Width and height are in points (`pt`), the viewBox in the same points, so 1 user unit = 1 pt.
 */
export function toSvg(figure: Figure): string {
  const defs: Defs = { lines: [], hatch: new Map(), clips: 0 };
  const body: string[] = [];
  for (const it of figure.items) item(it, defs, body);
  const w = num(figure.width), h = num(figure.height);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${w}pt" height="${h}pt" viewBox="0 0 ${w} ${h}"`
      + ` xml:lang="${figure.lang === 'zh' ? 'zh-CN' : 'en'}" font-family="${escapeXml(figure.fontFamily)}">`,
    `<title>${escapeXml(figure.title)}</title>`,
    defs.lines.length > 0 ? `<defs>\n${defs.lines.join('\n')}\n</defs>` : '<defs/>',
    `<rect x="0" y="0" width="${w}" height="${h}" fill="${escapeXml(figure.background)}"/>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}
