/**
 * Putting a figure's SVG (from `figure:map` / `figure:chart`) into the page as inline SVG, so
 * the preview IS the exported document and its paths keep their `data-region` for hover and
 * click. The SVG is made by our own engine with escaped text; it is still parsed as XML (never
 * as HTML) and cleaned before it is adopted: no scripts, foreign objects, event attributes,
 * links other than to the document's own `#ids`, or style rules that fetch anything. Ids are
 * prefixed per instance, so two figures on one page (the map tab and the Export dialog) do not
 * borrow each other's clip paths and hatching.
 *
 * The CSP (src/contract/security.ts) has no `font-src`: `@font-face` rules in the SVG (an
 * embedded font for resvg) are dropped here; the page's own font draws the text on screen.
 */
import { uiError } from '../i18n/problem';

const FORBIDDEN = new Set(['script', 'foreignobject', 'iframe', 'object', 'embed', 'a', 'image', 'use']);
let counter = 0;

/** Removes @font-face and @import rules and any url() that is not `#id`, from CSS text. */
export function cleanCss(css: string): string {
  return css
    .replace(/@font-face\s*\{[^}]*\}/giu, '')
    .replace(/@import[^;]*;?/giu, '')
    .replace(/url\(\s*(['"]?)(?!#)[^)]*\1\s*\)/giu, 'none');
}

/** Rewrites `url(#id)` and `#id` references through `ids`. */
function renameRefs(value: string, ids: ReadonlyMap<string, string>): string {
  return value
    .replace(/url\(\s*(['"]?)#([^)'"]+)\1\s*\)/gu, (m, _q: string, id: string) => (ids.has(id) ? `url(#${ids.get(id)})` : m))
    .replace(/^#(.+)$/u, (m, id: string) => (ids.has(id) ? `#${ids.get(id)}` : m));
}

/**
 * Parses `text` as an SVG document and returns a cleaned root element adopted into `document`.
 * @throws CodedError `figure-svg-invalid` when the text is not an SVG document.
 */
export function adoptFigureSvg(text: string): SVGSVGElement {
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  const root = doc.documentElement;
  if (root.localName !== 'svg' || doc.getElementsByTagName('parsererror').length > 0) throw uiError('figure-svg-invalid');
  const prefix = `fig${++counter}-`;
  const ids = new Map<string, string>();
  for (const el of Array.from(root.querySelectorAll('[id]'))) ids.set(el.id, prefix + el.id);
  const all = [root, ...Array.from(root.querySelectorAll('*'))];
  for (const el of all) {
    if (FORBIDDEN.has(el.localName.toLowerCase())) {
      el.remove();
      continue;
    }
    if (el.localName === 'style') {
      el.textContent = cleanCss(el.textContent ?? '');
      continue;
    }
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) el.removeAttribute(attr.name);
      else if (name === 'href' || name === 'xlink:href') {
        if (!attr.value.startsWith('#')) el.removeAttribute(attr.name);
        else el.setAttribute(attr.name, renameRefs(attr.value, ids));
      } else if (name === 'id') el.setAttribute('id', prefix + attr.value);
      else if (name === 'style') el.setAttribute('style', renameRefs(cleanCss(attr.value), ids));
      else if (attr.value.includes('url(')) el.setAttribute(attr.name, renameRefs(attr.value, ids));
    }
  }
  const svg = document.importNode(root, true) as unknown as SVGSVGElement;
  // Scale to the box it is shown in; the document's own width/height are the paper size.
  if (!svg.getAttribute('viewBox')) {
    const w = parseFloat(svg.getAttribute('width') ?? '');
    const h = parseFloat(svg.getAttribute('height') ?? '');
    if (w > 0 && h > 0) svg.setAttribute('viewBox', `0 0 ${w} ${h}`);
  }
  svg.removeAttribute('width');
  svg.removeAttribute('height');
  svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
  return svg;
}

/** The region code of the nearest `data-region` element at or above `target`, or null. */
export function regionAt(target: EventTarget | null): { code: string; el: Element } | null {
  if (!(target instanceof Element)) return null;
  const el = target.closest('[data-region]');
  const code = el?.getAttribute('data-region');
  return el && code ? { code, el } : null;
}
