/**
 * A project report (issue 9, `rwb report` and the app's `figure:report`): the project's saved
 * regression runs as publication tables (src/report/regression-table.ts, the same model every
 * table export uses) and its saved figures (drawn from their specs), as one HTML file (tables +
 * figures as inline SVG, headings in both languages) and a PDF (A4, the figures as vectors
 * from their display lists), with every run spec and figure spec as JSON in an appendix, so
 * each number and figure can be produced again.
 */
import { basename } from 'node:path';
import { InputError } from '../../core/errors';
import type { SavedFigure } from '../../contract/figures';
import type { Figure, FigureItem } from '../../figures/figure';
import { buildRegressionTable, tableGrid, type RegressionTable, type TableColumnSpec, type TableFit } from '../../report/regression-table';
import type { ProjectStore } from '../../store/project-store';
import { escapeHtml, tableToHtml } from '../export/table-text';
import { listOpenableRuns, type OpenedRun } from '../runs';
import { renderPdfPages, type PdfPage, type PlacedFigure } from './pdf';

/** A saved figure drawn: the display list and its SVG document. */
export interface DrawnFigure {
  readonly figure: Figure;
  readonly svg: string;
}

/** Draws a saved figure spec (maps and charts through services/figures). */
export type FigureDrawer = (saved: SavedFigure) => DrawnFigure;

/** Report language: the order of the two languages in every heading. */
export type ReportLang = 'en' | 'zh';

/** One run's section. */
interface RunSection {
  readonly run: OpenedRun;
  readonly heading: string;
  readonly table: RegressionTable;
}

/** One figure's section: drawn, or the sentence saying why it could not be. */
interface FigureSection {
  readonly saved: SavedFigure;
  readonly drawn?: DrawnFigure;
  readonly error?: string;
}

/** What the report holds (both writers read this). */
export interface ReportContent {
  readonly title: string;
  readonly lang: ReportLang;
  readonly runs: readonly RunSection[];
  readonly figures: readonly FigureSection[];
  /** Runs this version cannot read (kind or schema unknown), with the reason. */
  readonly unreadable: readonly { id: number; message: string }[];
  /** Appendix: run id → stored spec, figure id → spec. */
  readonly appendix: readonly { readonly heading: string; readonly json: string }[];
}

const WORDS = {
  report: { en: 'Report', zh: '报告' },
  runs: { en: 'Regression results', zh: '回归结果' },
  figures: { en: 'Figures', zh: '图' },
  appendix: { en: 'Appendix: specifications to re-run', zh: '附录：可重现的设定' },
  run: { en: 'Run', zh: '运行' },
  figure: { en: 'Figure', zh: '图' },
  none: { en: 'None saved in this project.', zh: '本项目中没有保存。' },
  unreadable: { en: 'Runs this version cannot read', zh: '本版本无法读取的运行' },
  notDrawn: { en: 'Could not be drawn', zh: '无法绘制' },
} as const;

/** "English · 中文" (or the other order for a Chinese report). */
export function bilingual(key: keyof typeof WORDS, lang: ReportLang): string {
  const w = WORDS[key];
  return lang === 'zh' ? `${w.zh} · ${w.en}` : `${w.en} · ${w.zh}`;
}

const num = (x: number | null | undefined): number => (typeof x === 'number' ? x : NaN);

type StoredFit = { coefficients: { name: string; estimate: number | null; se: number | null; t?: unknown; p?: unknown }[]; nObs?: number; [k: string]: unknown };

/** A stored fit summary as a table column (nulls — non-finite values as stored — print as blanks). */
function tableFit(fit: StoredFit): TableFit {
  return {
    model: typeof fit.model === 'string' ? fit.model : undefined,
    effects: typeof fit.effects === 'string' ? fit.effects : undefined,
    seType: typeof fit.seType === 'string' ? fit.seType : undefined,
    nObs: num(fit.nObs),
    nGroups: typeof fit.nGroups === 'number' ? fit.nGroups : undefined,
    r2Within: typeof fit.r2Within === 'number' ? fit.r2Within : null,
    coefficients: fit.coefficients.map((c) => ({ name: c.name, estimate: num(c.estimate), se: num(c.se), t: num(c.t as number | null), p: num(c.p as number | null) })),
  };
}

function runTable(run: OpenedRun, lang: ReportLang): RegressionTable {
  let columns: TableColumnSpec[];
  if (run.kind === 'panel.compare') {
    columns = run.results.columns.map((c) => ({ title: c.title, fit: tableFit(c.fit as StoredFit) }));
  } else {
    columns = [{ title: '(1)', fit: tableFit(run.results.fit as StoredFit) }];
  }
  return buildRegressionTable(columns, { dependent: run.spec.y, language: lang });
}

function runHeading(run: OpenedRun, lang: ReportLang): string {
  const what = run.kind === 'panel.compare' ? `${run.spec.y} by ${run.spec.groupColumn}` : `${run.spec.y} ~ ${run.spec.x.join(' + ')}`;
  return `${WORDS.run[lang]} ${run.id} · ${run.kind} · ${what}`;
}

/** Which saved runs and figures go in a report (by id); a list left out means all of them. */
export interface ReportPick {
  readonly runs?: readonly number[];
  readonly figures?: readonly number[];
}

/** What a report can hold: the project's readable runs (with their headings) and saved figures. */
export function reportItems(store: ProjectStore, lang: ReportLang, readFigures: () => SavedFigure[]): { runs: { id: number; kind: string; heading: string; createdAt: string }[]; figures: SavedFigure[] } {
  return {
    runs: listOpenableRuns(store).runs.map((r) => ({ id: r.id, kind: r.kind, heading: runHeading(r, lang), createdAt: r.createdAt })),
    figures: readFigures(),
  };
}

/**
 * Collect a project's saved runs and figures (all, or those picked by id).
 * @throws InputError `report-empty` when the project has neither runs nor figures; `report-unknown-items`
 *   when a picked id is not a saved run or figure.
 */
export function collectReport(store: ProjectStore, draw: FigureDrawer, lang: ReportLang = 'en', readFigures: () => SavedFigure[] = () => [],
  pick: ReportPick = {}): ReportContent {
  const listed = listOpenableRuns(store);
  const allFigures = readFigures();
  const file = basename(store.path);
  const unknownRuns = (pick.runs ?? []).filter((id) => !listed.runs.some((r) => r.id === id));
  const unknownFigures = (pick.figures ?? []).filter((id) => !allFigures.some((f) => f.id === id));
  if (unknownRuns.length > 0 || unknownFigures.length > 0) {
    const what = [...unknownRuns.map((id) => `run ${id}`), ...unknownFigures.map((id) => `figure ${id}`)].join(', ');
    throw new InputError('report-unknown-items', `${file} has no ${what} to report.`, { file, items: what });
  }
  const runs = pick.runs ? listed.runs.filter((r) => (pick.runs as readonly number[]).includes(r.id)) : listed.runs;
  const saved = pick.figures ? allFigures.filter((f) => (pick.figures as readonly number[]).includes(f.id)) : allFigures;
  const unreadable = pick.runs || pick.figures ? [] : listed.unreadable;
  if (runs.length === 0 && saved.length === 0 && unreadable.length === 0) {
    throw new InputError('report-empty', `${file} has no saved regression runs or figures to report.`, { file });
  }
  const runSections = runs.map((run) => ({ run, heading: runHeading(run, lang), table: runTable(run, lang) }));
  const figureSections: FigureSection[] = saved.map((s) => {
    try {
      return { saved: s, drawn: draw(s) };
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      return { saved: s, error: e.message };
    }
  });
  const appendix = [
    ...runs.map((r) => ({ heading: `${WORDS.run[lang]} ${r.id} (${r.kind}, v${r.version}, ${r.createdAt}, app ${r.appVersion}${r.seed !== null ? `, seed ${r.seed}` : ''})`, json: JSON.stringify(r.spec, null, 2) })),
    ...saved.map((s) => ({ heading: `${WORDS.figure[lang]} ${s.id} (${s.figure.kind}: ${s.name})`, json: JSON.stringify(s.figure.spec, null, 2) })),
  ];
  return { title: `${bilingual('report', lang)}: ${file}`, lang, runs: runSections, figures: figureSections, unreadable, appendix };
}

const CSS = `body{font-family:'Noto Sans SC','Noto Sans CJK SC','Microsoft YaHei',sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#111}
h1{font-size:1.6em}h2{font-size:1.3em;border-bottom:1px solid #999;margin-top:2em}h3{font-size:1.05em}
figure{margin:1em 0}figure svg{max-width:100%;height:auto}figcaption{font-size:.9em;color:#444}
pre{background:#f5f5f5;padding:.6em;overflow-x:auto;font-size:.8em}.error{color:#a00}`;

/** The report as one self-contained HTML document (inline SVG, no outside requests). */
export function reportHtml(c: ReportContent): string {
  const out: string[] = [
    '<!DOCTYPE html>',
    `<html lang="${c.lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><title>${escapeHtml(c.title)}</title><style>${CSS}</style></head><body>`,
    `<h1>${escapeHtml(c.title)}</h1>`,
    `<h2>${escapeHtml(bilingual('runs', c.lang))}</h2>`,
  ];
  if (c.runs.length === 0) out.push(`<p>${escapeHtml(WORDS.none[c.lang])}</p>`);
  for (const r of c.runs) out.push(`<section><h3>${escapeHtml(r.heading)}</h3>`, tableToHtml(r.table), '</section>');
  if (c.unreadable.length > 0) {
    out.push(`<h3>${escapeHtml(bilingual('unreadable', c.lang))}</h3><ul>`, ...c.unreadable.map((u) => `<li>${u.id}: ${escapeHtml(u.message)}</li>`), '</ul>');
  }
  out.push(`<h2>${escapeHtml(bilingual('figures', c.lang))}</h2>`);
  if (c.figures.length === 0) out.push(`<p>${escapeHtml(WORDS.none[c.lang])}</p>`);
  for (const f of c.figures) {
    const caption = `${WORDS.figure[c.lang]} ${f.saved.id}: ${f.saved.name}`;
    if (f.drawn) {
      // The SVG document without its XML declaration, inline.
      out.push('<figure>', f.drawn.svg.replace(/^<\?xml[^>]*>\s*/, ''), `<figcaption>${escapeHtml(caption)}</figcaption></figure>`);
    } else {
      out.push(`<p class="error">${escapeHtml(caption)} — ${escapeHtml(WORDS.notDrawn[c.lang])}: ${escapeHtml(f.error ?? '')}</p>`);
    }
  }
  out.push(`<h2>${escapeHtml(bilingual('appendix', c.lang))}</h2>`);
  for (const a of c.appendix) out.push(`<h3>${escapeHtml(a.heading)}</h3><pre>${escapeHtml(a.json)}</pre>`);
  out.push('</body></html>', '');
  return out.join('\n');
}

// ---- PDF: A4 pages laid out top to bottom ----

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 50;
const CONTENT_W = A4.width - 2 * MARGIN;

/** Approximate advance of a string at `size` pt (CJK ≈ 1 em, others ≈ 0.55 em), for column layout only. */
export function approxWidth(s: string, size: number): number {
  let w = 0;
  for (const ch of s) w += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? size : size * 0.55;
  return w;
}

/** Split a long line into pieces of at most `max` characters. */
function wrap(line: string, max: number): string[] {
  if (line.length <= max) return [line];
  const out: string[] = [];
  for (let i = 0; i < line.length; i += max) out.push(line.slice(i, i + max));
  return out;
}

class PageLayout {
  readonly pages: { items: FigureItem[]; figures: PlacedFigure[] }[] = [];
  private y = 0;
  constructor() {
    this.newPage();
  }
  newPage(): void {
    this.pages.push({ items: [], figures: [] });
    this.y = MARGIN;
  }
  private get page() {
    return this.pages[this.pages.length - 1];
  }
  ensure(h: number): void {
    if (this.y + h > A4.height - MARGIN && this.y > MARGIN) this.newPage();
  }
  text(s: string, size: number, opts: { bold?: boolean; gap?: number; x?: number; mono?: boolean } = {}): void {
    const lh = size * 1.35;
    this.ensure(lh);
    this.page.items.push({ kind: 'text', x: opts.x ?? MARGIN, y: this.y + size, text: s, size, weight: opts.bold ? 'bold' : 'normal' });
    this.y += lh + (opts.gap ?? 0);
  }
  space(h: number): void {
    this.y += h;
  }
  table(grid: { rows: string[][]; headerRows: number; coefEnd: number }, notes: string): void {
    const size = 8.5;
    const lh = size * 1.5;
    const widths = grid.rows[0].map((_, j) => Math.max(...grid.rows.map((r) => approxWidth(r[j] ?? '', size))) + 12);
    const total = widths.reduce((s, w) => s + w, 0);
    const scale = total > CONTENT_W ? CONTENT_W / total : 1;
    const xs: number[] = [];
    let x = MARGIN;
    for (const w of widths) {
      xs.push(x);
      x += w * scale;
    }
    const right = MARGIN + total * scale;
    const rule = (y: number, w: number) => this.page.items.push({ kind: 'line', x1: MARGIN, y1: y, x2: right, y2: y, stroke: '#000000', strokeWidth: w });
    this.ensure(lh * Math.min(grid.rows.length, 6));
    rule(this.y, 1);
    grid.rows.forEach((r, i) => {
      this.ensure(lh);
      r.forEach((cell, j) => {
        if (!cell) return;
        const cx = j === 0 ? xs[j] : xs[j] + (widths[j] * scale) / 2;
        this.page.items.push({ kind: 'text', x: cx, y: this.y + size + 2, text: cell, size: size * Math.min(1, scale + 0.15), anchor: j === 0 ? 'start' : 'middle' });
      });
      this.y += lh;
      if (i === grid.headerRows - 1 || (i === grid.coefEnd - 1 && grid.coefEnd < grid.rows.length)) rule(this.y, 0.5);
    });
    rule(this.y, 1);
    this.y += 4;
    for (const line of wrap(notes, 110)) this.text(line, 7);
    this.space(10);
  }
  figure(fig: Figure): void {
    const scale = Math.min(1, CONTENT_W / fig.width, (A4.height - 2 * MARGIN) / fig.height);
    const h = fig.height * scale;
    this.ensure(h);
    this.page.figures.push({ figure: fig, x: MARGIN + (CONTENT_W - fig.width * scale) / 2, y: this.y, scale });
    this.y += h + 6;
  }
}

/** The report as a PDF (A4 portrait): the same sections as the HTML, figures as vectors. */
export function reportPdf(c: ReportContent): Promise<Uint8Array> {
  const L = new PageLayout();
  L.text(c.title, 16, { bold: true, gap: 10 });
  L.text(bilingual('runs', c.lang), 13, { bold: true, gap: 4 });
  if (c.runs.length === 0) L.text(WORDS.none[c.lang], 9, { gap: 6 });
  for (const r of c.runs) {
    L.text(r.heading, 10, { bold: true, gap: 3 });
    L.table(tableGrid(r.table), r.table.notes);
  }
  if (c.unreadable.length > 0) {
    L.text(bilingual('unreadable', c.lang), 10, { bold: true });
    for (const u of c.unreadable) for (const line of wrap(`${u.id}: ${u.message}`, 100)) L.text(line, 8);
  }
  L.space(8);
  L.text(bilingual('figures', c.lang), 13, { bold: true, gap: 4 });
  if (c.figures.length === 0) L.text(WORDS.none[c.lang], 9, { gap: 6 });
  for (const f of c.figures) {
    const caption = `${WORDS.figure[c.lang]} ${f.saved.id}: ${f.saved.name}`;
    if (f.drawn) {
      L.figure(f.drawn.figure);
      L.text(caption, 8.5, { gap: 10 });
    } else {
      for (const line of wrap(`${caption} — ${WORDS.notDrawn[c.lang]}: ${f.error ?? ''}`, 100)) L.text(line, 8.5);
    }
  }
  L.newPage();
  L.text(bilingual('appendix', c.lang), 13, { bold: true, gap: 6 });
  for (const a of c.appendix) {
    L.text(a.heading, 9, { bold: true, gap: 2 });
    for (const line of a.json.split('\n')) for (const piece of wrap(line, 110)) L.text(piece, 7);
    L.space(8);
  }
  const pages: PdfPage[] = L.pages.map((p) => ({ width: A4.width, height: A4.height, items: p.items, figures: p.figures }));
  return renderPdfPages(pages, { title: c.title, lang: c.lang });
}
