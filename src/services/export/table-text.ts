/**
 * Text exports of a regression table: CSV (RFC 4180), LaTeX (booktabs) and self-contained HTML
 * for copy-and-paste into Word/WPS. They print exactly the strings of the table model.
 */
import { tableGrid, type RegressionTable } from '../../report/regression-table';
import { neutraliseCell } from './neutralise';

/**
 * One CSV field: neutralised against formula injection (see `neutraliseCell`), then quoted
 * when it holds a comma, quote, or line break (RFC 4180).
 */
function csvField(raw: string): string {
  const s = neutraliseCell(raw);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The table as CSV text: heading rows, coefficient and parenthesis rows, footer rows, then
 * the notes line in the first column. Lines end with CRLF (RFC 4180).
 * `bom` (default true) prefixes a UTF-8 byte-order mark so Excel/WPS read `²` and Chinese labels.
 * Text cells starting with `=`, `+`, `-`, `@`, tab or CR get a leading `'` (formula injection).
 */
export function tableToCsv(t: RegressionTable, opts: { bom?: boolean } = {}): string {
  const { rows } = tableGrid(t);
  const lines: string[] = [];
  if (t.title) lines.push(csvField(t.title));
  for (const r of rows) lines.push(r.map(csvField).join(','));
  lines.push(csvField(t.notes));
  return ((opts.bom ?? true) ? '\uFEFF' : '') + lines.join('\r\n') + '\r\n';
}

const LATEX_SPECIALS: Readonly<Record<string, string>> = {
  '\\': '\\textbackslash{}', '&': '\\&', '%': '\\%', $: '\\$', '#': '\\#', _: '\\_',
  '{': '\\{', '}': '\\}', '~': '\\textasciitilde{}', '^': '\\textasciicircum{}',
  '²': '\\textsuperscript{2}', '–': '--', '—': '---', '<': '\\textless{}', '>': '\\textgreater{}',
};

/** Escape text for LaTeX (the ten special characters, `<`, `>`, `²` and dashes). */
export function escapeLatex(s: string): string {
  return s.replace(/[\\&%$#_{}~^²–—<>]/g, (ch) => LATEX_SPECIALS[ch]);
}

/** An estimate cell for LaTeX: the number escaped, stars as a math superscript. */
function latexEstimate(text: string, stars: string): string {
  if (!stars) return escapeLatex(text);
  return `${escapeLatex(text.slice(0, text.length - stars.length))}$^{${stars}}$`;
}

/**
 * The table as a LaTeX `table` float with a booktabs `tabular` (`\toprule`, `\midrule`,
 * `\bottomrule`; no siunitx), every text escaped. Needs `\usepackage{booktabs}` only.
 */
export function tableToLatex(t: RegressionTable, opts: { label?: string } = {}): string {
  const k = t.columnTitles.length;
  const row = (cells: string[]): string => `${cells.join(' & ')} \\\\`;
  const out: string[] = ['\\begin{table}[htbp]', '\\centering'];
  if (t.title) out.push(`\\caption{${escapeLatex(t.title)}}`);
  if (opts.label) out.push(`\\label{${opts.label.replace(/[^A-Za-z0-9:._-]/g, '')}}`);
  out.push(`\\begin{tabular}{l${'c'.repeat(k)}}`, '\\toprule');
  if (t.dependent !== undefined) {
    out.push(row(['', `\\multicolumn{${k}}{c}{${escapeLatex(t.dependent)}}`]));
    out.push(`\\cmidrule(lr){2-${k + 1}}`);
  }
  out.push(row(['', ...t.columnTitles.map(escapeLatex)]), '\\midrule');
  for (const c of t.coefficients) {
    out.push(row([escapeLatex(c.label), ...c.estimates.map((e) => (e ? latexEstimate(e.text, e.stars) : ''))]));
    out.push(row(['', ...c.parens.map((e) => (e ? escapeLatex(e.text) : ''))]));
  }
  if (t.footer.length > 0) out.push('\\midrule');
  for (const f of t.footer) out.push(row([escapeLatex(f.label), ...f.texts.map(escapeLatex)]));
  out.push('\\bottomrule', '\\end{tabular}');
  out.push('\\par\\smallskip', `{\\footnotesize ${escapeLatex(t.notes)}}`, '\\end{table}');
  return out.join('\n') + '\n';
}

/** Escape text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string);
}

/**
 * The table as self-contained HTML markup (inline styles only) for the clipboard: a
 * three-line table (thick top and bottom rules, thin rule under the heading) in Times New
 * Roman, which Word and WPS keep when pasted. `document: true` wraps it in a full page.
 */
export function tableToHtml(t: RegressionTable, opts: { document?: boolean } = {}): string {
  const { rows, headerRows, coefEnd } = tableGrid(t);
  const font = "font-family:'Times New Roman',SimSun,serif;font-size:10.5pt";
  const thick = '1.5pt solid #000', thin = '0.75pt solid #000';
  const lines: string[] = [`<table style="border-collapse:collapse;${font}">`];
  if (t.title) lines.push(`<caption style="${font};font-weight:bold;padding-bottom:4pt">${escapeHtml(t.title)}</caption>`);
  rows.forEach((r, i) => {
    const borders: string[] = [];
    if (i === 0) borders.push(`border-top:${thick}`);
    if (i === headerRows - 1) borders.push(`border-bottom:${thin}`);
    if (i === coefEnd - 1 && coefEnd < rows.length) borders.push(`border-bottom:${thin}`);
    if (i === rows.length - 1) borders.push(`border-bottom:${thick}`);
    const tag = i < headerRows ? 'th' : 'td';
    const cells = r.map((c, j) => {
      const align = j === 0 ? 'left' : 'center';
      return `<${tag} style="${[...borders, `text-align:${align}`, 'padding:1pt 8pt', tag === 'th' ? 'font-weight:normal' : ''].filter(Boolean).join(';')}">${escapeHtml(c)}</${tag}>`;
    });
    lines.push(`<tr>${cells.join('')}</tr>`);
  });
  lines.push(`<tr><td colspan="${t.columnTitles.length + 1}" style="${font};font-size:9pt;text-align:left;padding-top:3pt">${escapeHtml(t.notes)}</td></tr>`);
  lines.push('</table>');
  const table = lines.join('\n');
  if (!opts.document) return table + '\n';
  return `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(t.title ?? 'Regression table')}</title></head>\n<body>\n${table}\n</body></html>\n`;
}
