/**
 * A pure model of a multi-column regression table as applied studies print it: one column per
 * specification, per coefficient a row with the estimate and significance stars and a row with
 * the standard error (or t statistic) in parentheses, then rows for controls / fixed effects
 * (YES/NO), N, within R² and the number of groups, and a notes line. Exporters
 * (`src/services/export`) turn this model into CSV, XLSX, LaTeX, Word and HTML; they never
 * recompute anything, so every format shows the same digits.
 */
import { InputError } from '../core/errors';

/** What a table column needs from a fit; `PanelFit` satisfies it structurally. */
export interface TableFit {
  readonly model?: string;
  readonly effects?: string;
  readonly seType?: string;
  readonly nObs: number;
  readonly nGroups?: number;
  readonly r2Within?: number | null;
  readonly coefficients: readonly {
    readonly name: string;
    readonly estimate: number;
    readonly se: number;
    readonly t: number;
    readonly p: number;
  }[];
}

/** One specification (column) of the table. */
export interface TableColumnSpec {
  /** Column heading, e.g. `(2) East`; default `(j)` numbered from 1. */
  readonly title?: string;
  readonly fit: TableFit;
  /** Override the Controls row (default: YES when the fit has coefficients not shown). */
  readonly controls?: boolean;
  /** Override the Region FE row (default: from `fit.effects`, individual or two-way). */
  readonly regionFE?: boolean;
  /** Override the Year FE row (default: from `fit.effects`, time or two-way). */
  readonly yearFE?: boolean;
}

/** Display choices. */
export interface TableOptions {
  /** Statistic in parentheses under each estimate: standard error (default) or t statistic. */
  readonly paren?: 'se' | 't';
  /** Decimal places of estimates, SEs/t and R² (default 3). */
  readonly digits?: number;
  /** Coefficients to show, in this order (default: every coefficient, in order of first appearance). */
  readonly keep?: readonly string[];
  /** Display labels for coefficient names (default: the name itself). */
  readonly labels?: Readonly<Record<string, string>>;
  /** Dependent variable, printed as a heading row when given. */
  readonly dependent?: string;
  /** Table caption. */
  readonly title?: string;
  /** What clustered SEs are clustered by, for the notes (default `region`). */
  readonly clusterLabel?: string;
  /** Replace the generated notes line. */
  readonly notes?: string;
  /** Show the Controls row: `auto` (default) shows it when some column hides coefficients. */
  readonly controlsRow?: boolean | 'auto';
  /** Show the Region FE / Year FE rows (default true). */
  readonly effectsRows?: boolean;
  /** Show the number of groups row (default true). */
  readonly groupsRow?: boolean;
  /** Row labels (default by `language`; English: Controls, Region FE, Year FE, N, R² (within), Groups). */
  readonly rowLabels?: Partial<Readonly<Record<Exclude<FooterKind, 'extra'>, string>>>;
  /** Language of row labels, YES/NO and notes: `en` (default) or `zh` (Chinese journals' wording). */
  readonly language?: 'en' | 'zh';
  /** Further rows after the standard ones, e.g. the mean of y or a test's p value (numbers print with `digits`). */
  readonly extraRows?: readonly { readonly label: string; readonly values: readonly (number | string | null)[]; readonly digits?: number }[];
}

/** A formatted number: the exact value, the printed text, and stars for estimates. */
export interface TableCell {
  /** Printed text including stars or parentheses, e.g. `0.169***` or `(0.086)`. */
  readonly text: string;
  /** The number behind the text (unrounded), or null for an empty cell. */
  readonly value: number | null;
  /** `***`, `**`, `*` or `` (estimates only). */
  readonly stars: string;
  /** Decimal places used for `text`. */
  readonly digits: number;
}

/** A coefficient: one estimate row and one parenthesis row. */
export interface CoefficientRow {
  readonly name: string;
  readonly label: string;
  /** One cell per column; null when the column has no such coefficient. */
  readonly estimates: readonly (TableCell | null)[];
  readonly parens: readonly (TableCell | null)[];
}

/** Kinds of rows below the coefficients (`extra` = a row given in `TableOptions.extraRows`). */
export type FooterKind = 'controls' | 'regionFE' | 'yearFE' | 'n' | 'r2Within' | 'groups' | 'extra';

/** A row below the coefficients: YES/NO flags, counts or R². */
export interface FooterRow {
  readonly kind: FooterKind;
  readonly label: string;
  /** Printed text per column. */
  readonly texts: readonly string[];
  /** Numbers per column for counts and R² (null for flags or when unknown). */
  readonly values: readonly (number | null)[];
  /** Decimal places for numeric rows (0 for counts). */
  readonly digits: number;
}

/** The finished table; every exporter reads only this. */
export interface RegressionTable {
  readonly title?: string;
  readonly dependent?: string;
  readonly columnTitles: readonly string[];
  readonly paren: 'se' | 't';
  readonly coefficients: readonly CoefficientRow[];
  readonly footer: readonly FooterRow[];
  readonly notes: string;
}

type StandardKind = Exclude<FooterKind, 'extra'>;

const LABELS: Readonly<Record<'en' | 'zh', Readonly<Record<StandardKind, string>>>> = {
  en: { controls: 'Controls', regionFE: 'Region FE', yearFE: 'Year FE', n: 'N', r2Within: 'R² (within)', groups: 'Groups' },
  zh: { controls: '控制变量', regionFE: '地区固定效应', yearFE: '年份固定效应', n: '观测值', r2Within: '组内R²', groups: '地区数' },
};
const YES_NO = { en: ['YES', 'NO'], zh: ['是', '否'] } as const;
const INTERCEPT = '(Intercept)';
const CONSTANT = { en: 'Constant', zh: '常数项' } as const;

/**
 * Significance stars for a two-sided p value: `***` p < 0.01, `**` p < 0.05, `*` p < 0.1.
 * NaN or p ≥ 0.1 gives no stars.
 */
export function significanceStars(p: number): string {
  if (!(p >= 0)) return '';
  if (p < 0.01) return '***';
  if (p < 0.05) return '**';
  if (p < 0.1) return '*';
  return '';
}

/** Fixed-decimal text of `x`; NaN and ±Infinity print as `.` (Stata's missing). */
export function formatNumber(x: number, digits: number): string {
  if (!Number.isFinite(x)) return '.';
  return x.toFixed(digits);
}

function estimateCell(estimate: number, p: number, digits: number): TableCell {
  const stars = significanceStars(p);
  return Object.freeze({ text: formatNumber(estimate, digits) + stars, value: estimate, stars, digits });
}

function parenCell(x: number, digits: number): TableCell {
  return Object.freeze({ text: `(${formatNumber(x, digits)})`, value: x, stars: '', digits });
}

function hasRegionFE(fit: TableFit): boolean {
  return fit.model !== 're' && fit.model !== 'pooled' && (fit.effects === 'individual' || fit.effects === 'twoways');
}

function hasYearFE(fit: TableFit): boolean {
  return fit.effects === 'time' || fit.effects === 'twoways';
}

const SE_WHAT: Readonly<Record<string, string>> = {
  classical: 'standard errors',
  hc1: 'heteroskedasticity-robust (HC1) standard errors',
  'driscoll-kraay': 'Driscoll–Kraay standard errors',
};

const SE_WHAT_ZH: Readonly<Record<string, string>> = {
  classical: '标准误',
  hc1: '异方差稳健标准误',
  'driscoll-kraay': 'Driscoll–Kraay标准误',
};

/** Chinese notes: 括号内为聚类到地区层面的稳健标准误；***、**、*分别表示在1%、5%、10%的水平上显著。 */
function tableNotesZh(seTypes: readonly (string | undefined)[], paren: 'se' | 't', clusterLabel: string): string {
  const what = (se: string | undefined): string => {
    const w = se === 'cluster' ? `聚类到${clusterLabel}层面的稳健标准误` : SE_WHAT_ZH[se ?? 'classical'] ?? '标准误';
    return paren === 'se' ? w : `基于${w}的t值`;
  };
  const unique = [...new Set(seTypes)];
  const body = unique.length === 1 ? `括号内为${what(unique[0])}`
    : seTypes.map((se, j) => `第(${j + 1})列括号内为${what(se)}`).join('，');
  return `${body}；***、**、*分别表示在1%、5%、10%的水平上显著。`;
}

/**
 * The notes line: what is in parentheses and the star levels, e.g.
 * "Standard errors clustered by region in parentheses. *** p<0.01, ** p<0.05, * p<0.1".
 * Columns with different SE types get one clause each, numbered by column. `language: 'zh'`
 * gives the wording of Chinese journals (括号内为聚类到地区层面的稳健标准误；…).
 */
export function tableNotes(seTypes: readonly (string | undefined)[], paren: 'se' | 't', clusterLabel?: string, language: 'en' | 'zh' = 'en'): string {
  if (language === 'zh') return tableNotesZh(seTypes, paren, clusterLabel ?? '地区');
  clusterLabel ??= 'region';
  const stars = '*** p<0.01, ** p<0.05, * p<0.1';
  const sentence = (se: string | undefined): string => {
    const what = se === 'cluster' ? `standard errors clustered by ${clusterLabel}` : SE_WHAT[se ?? 'classical'] ?? 'standard errors';
    const text = paren === 'se' ? what : `t statistics based on ${what}`;
    return `${paren === 'se' ? text.charAt(0).toUpperCase() + text.slice(1) : text} in parentheses`;
  };
  const unique = [...new Set(seTypes)];
  if (unique.length === 1) return `${sentence(unique[0])}. ${stars}`;
  return `${seTypes.map((se, j) => `(${j + 1}) ${sentence(se)}`).join('; ')}. ${stars}`;
}

/**
 * Build a regression table from fitted specifications.
 *
 * Estimates print with `digits` decimals and stars from the two-sided p value (1/5/10%);
 * the parenthesis row holds the SE or t. Rows: every kept coefficient, then Controls (YES
 * when a column has coefficients not kept), Region FE, Year FE, N, R² (within), Groups, then
 * any `extraRows`. The intercept, when present, comes last as "Constant".
 *
 * @throws InputError `report-no-columns` when `columns` is empty; `report-bad-digits` when `digits` is not
 *   an integer in 0..10; `report-unknown-coefficient` when `keep` names a coefficient no column has;
 *   `report-extra-row-length` when an extra row does not have one value per column.
 */
export function buildRegressionTable(columns: readonly TableColumnSpec[], options: TableOptions = {}): RegressionTable {
  if (columns.length === 0) throw new InputError('report-no-columns', 'A regression table needs at least one column (specification).');
  const digits = options.digits ?? 3;
  if (!Number.isInteger(digits) || digits < 0 || digits > 10) {
    throw new InputError('report-bad-digits', `Decimal places must be an integer from 0 to 10, got ${digits}.`, { digits });
  }
  const paren = options.paren ?? 'se';
  const language = options.language ?? 'en';
  const allNames: string[] = [];
  for (const c of columns) for (const co of c.fit.coefficients) if (!allNames.includes(co.name)) allNames.push(co.name);
  // the intercept prints last, as "Constant", like Stata's esttab/outreg2
  if (allNames.includes(INTERCEPT)) allNames.push(...allNames.splice(allNames.indexOf(INTERCEPT), 1));
  const keep = options.keep ? [...options.keep] : allNames;
  const missing = keep.filter((k) => !allNames.includes(k));
  if (missing.length > 0) {
    throw new InputError('report-unknown-coefficient', `No column has the coefficient(s) ${missing.map((m) => `"${m}"`).join(', ')}; available: ${allNames.join(', ')}.`, { missing, missingList: missing.map((m) => `"${m}"`).join(', '), available: allNames.join(', ') });
  }

  const coefficients: CoefficientRow[] = keep.map((name) => {
    const estimates: (TableCell | null)[] = [];
    const parens: (TableCell | null)[] = [];
    for (const c of columns) {
      const co = c.fit.coefficients.find((x) => x.name === name);
      estimates.push(co ? estimateCell(co.estimate, co.p, digits) : null);
      parens.push(co ? parenCell(paren === 'se' ? co.se : co.t, digits) : null);
    }
    return Object.freeze({ name, label: options.labels?.[name] ?? (name === INTERCEPT ? CONSTANT[language] : name), estimates: Object.freeze(estimates), parens: Object.freeze(parens) });
  });

  const labels = { ...LABELS[language], ...options.rowLabels };
  const yesNo = (b: boolean): string => YES_NO[language][b ? 0 : 1];
  const footer: FooterRow[] = [];
  const flagRow = (kind: StandardKind, flags: boolean[]): void => {
    footer.push(Object.freeze({ kind, label: labels[kind], texts: Object.freeze(flags.map(yesNo)), values: Object.freeze(flags.map(() => null)), digits: 0 }));
  };
  const hidden = columns.map((c) => c.fit.coefficients.some((co) => !keep.includes(co.name) && co.name !== INTERCEPT));
  const controls = columns.map((c, j) => c.controls ?? hidden[j]);
  const showControls = options.controlsRow === undefined || options.controlsRow === 'auto'
    ? controls.some((b) => b) : options.controlsRow;
  if (showControls) flagRow('controls', controls);
  if (options.effectsRows ?? true) {
    flagRow('regionFE', columns.map((c) => c.regionFE ?? hasRegionFE(c.fit)));
    flagRow('yearFE', columns.map((c) => c.yearFE ?? hasYearFE(c.fit)));
  }
  const numRow = (kind: StandardKind, vals: (number | null)[], d: number): void => {
    footer.push(Object.freeze({
      kind, label: labels[kind], digits: d, values: Object.freeze(vals),
      texts: Object.freeze(vals.map((v) => (v === null ? '' : formatNumber(v, d)))),
    }));
  };
  numRow('n', columns.map((c) => c.fit.nObs), 0);
  numRow('r2Within', columns.map((c) => c.fit.r2Within ?? null), digits);
  if (options.groupsRow ?? true) numRow('groups', columns.map((c) => c.fit.nGroups ?? null), 0);
  for (const row of options.extraRows ?? []) {
    if (row.values.length !== columns.length) {
      throw new InputError('report-extra-row-length', `The extra row "${row.label}" has ${row.values.length} values for ${columns.length} columns.`, { label: row.label, values: row.values.length, columns: columns.length });
    }
    const d = row.digits ?? digits;
    footer.push(Object.freeze({
      kind: 'extra' as const, label: row.label, digits: d,
      values: Object.freeze(row.values.map((v) => (typeof v === 'number' ? v : null))),
      texts: Object.freeze(row.values.map((v) => (v === null ? '' : typeof v === 'number' ? formatNumber(v, d) : v))),
    }));
  }

  return Object.freeze({
    title: options.title,
    dependent: options.dependent,
    columnTitles: Object.freeze(columns.map((c, j) => c.title ?? `(${j + 1})`)),
    paren,
    coefficients: Object.freeze(coefficients),
    footer: Object.freeze(footer),
    notes: options.notes ?? tableNotes(columns.map((c) => c.fit.seType), paren, options.clusterLabel, language),
  });
}

/**
 * The table as a grid of printed strings (header row first, label column first), the common
 * ground of the CSV, HTML, LaTeX and Word exporters. `headerRows` is how many leading rows are
 * headings; `coefEnd` is the index after the last coefficient row.
 */
export function tableGrid(t: RegressionTable): { rows: string[][]; headerRows: number; coefEnd: number } {
  const rows: string[][] = [];
  if (t.dependent !== undefined) rows.push(['', ...t.columnTitles.map(() => t.dependent as string)]);
  rows.push(['', ...t.columnTitles]);
  const headerRows = rows.length;
  for (const c of t.coefficients) {
    rows.push([c.label, ...c.estimates.map((e) => e?.text ?? '')]);
    rows.push(['', ...c.parens.map((e) => e?.text ?? '')]);
  }
  const coefEnd = rows.length;
  for (const f of t.footer) rows.push([f.label, ...f.texts]);
  return { rows, headerRows, coefEnd };
}
