/**
 * A tiny XML 1.0 well-formedness check for the SVG tests: one root element, balanced tags,
 * attributes `name="value"` without raw `<` or stray `&`, character data without raw `<` or
 * stray `&`, and only the five predefined entities or numeric references. Returns every text
 * node (entities decoded) with the name of its element, so tests can look for the words drawn.
 */
export interface XmlText {
  readonly element: string;
  readonly text: string;
  readonly attrs: Readonly<Record<string, string>>;
}

const ENTITY = /&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/g;
const decode = (s: string): string => s.replace(ENTITY, (e) => ({ '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" } as Record<string, string>)[e]
  ?? String.fromCodePoint(e.startsWith('&#x') ? parseInt(e.slice(3, -1), 16) : parseInt(e.slice(2, -1), 10)));
const badAmp = (s: string): boolean => s.replace(ENTITY, '').includes('&');

/** Parse `xml`; throws an Error naming the offset of the first problem. */
export function checkXml(xml: string): { root: string; texts: XmlText[]; elements: { name: string; attrs: Record<string, string> }[] } {
  const stack: { name: string; attrs: Record<string, string> }[] = [];
  const texts: XmlText[] = [];
  const elements: { name: string; attrs: Record<string, string> }[] = [];
  let root = '';
  let i = 0;
  if (xml.startsWith('<?xml')) i = xml.indexOf('?>') + 2;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt < 0 ? xml.length : lt);
    if (text.trim() !== '') {
      if (stack.length === 0) throw new Error(`text outside the root at ${i}`);
      if (badAmp(text) || text.includes('>')) throw new Error(`bad character data at ${i}`);
      const top = stack[stack.length - 1];
      texts.push({ element: top.name, text: decode(text), attrs: top.attrs });
    }
    if (lt < 0) break;
    if (xml.startsWith('<!--', lt)) { i = xml.indexOf('-->', lt) + 3; continue; }
    const gt = xml.indexOf('>', lt);
    if (gt < 0) throw new Error(`unclosed tag at ${lt}`);
    const tag = xml.slice(lt + 1, gt);
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim();
      const open = stack.pop();
      if (!open || open.name !== name) throw new Error(`</${name}> does not close <${open?.name ?? ''}> at ${lt}`);
    } else {
      const self = tag.endsWith('/');
      const body = self ? tag.slice(0, -1) : tag;
      const m = /^([A-Za-z_][\w:.-]*)([\s\S]*)$/.exec(body);
      if (!m) throw new Error(`bad tag at ${lt}`);
      const attrs: Record<string, string> = {};
      let rest = m[2];
      const re = /^\s+([A-Za-z_][\w:.-]*)="([^"<]*)"/;
      for (let a = re.exec(rest); a; a = re.exec(rest)) {
        if (a[1] in attrs) throw new Error(`duplicate attribute ${a[1]} at ${lt}`);
        if (badAmp(a[2])) throw new Error(`bad & in attribute ${a[1]} at ${lt}`);
        attrs[a[1]] = decode(a[2]);
        rest = rest.slice(a[0].length);
      }
      if (rest.trim() !== '') throw new Error(`bad attributes "${rest.slice(0, 40)}" at ${lt}`);
      if (stack.length === 0) {
        if (root) throw new Error(`second root element at ${lt}`);
        root = m[1];
      }
      const el = { name: m[1], attrs };
      elements.push(el);
      if (!self) stack.push(el);
    }
    i = gt + 1;
  }
  if (stack.length > 0) throw new Error(`<${stack[stack.length - 1].name}> is never closed`);
  if (!root) throw new Error('no root element');
  return { root, texts, elements };
}
