/**
 * The spatial panel comparison table in the layout applied studies print (issue 11): one
 * column per weights matrix (e.g. geographic and economic distance side by side); rows for the
 * coefficients of X, then W*X, then ρ (or λ), then per regressor its direct, indirect and total
 * effect (LeSage & Pace 2009), each estimate with significance stars and its standard error in
 * parentheses below (a random-effects fit's intercept first, as "Constant"); then Region FE / Year FE (or Region RE), σ², log-likelihood, R², N, and the tests (LM
 * lag / error and their robust forms, LR and Wald against SAR and SEM, Hausman) as statistics
 * with stars. It is a `RegressionTable`, so every table exporter (.docx, .xlsx, .tex, .csv,
 * .html) writes it unchanged.
 */
import { InputError } from '../core/errors';
import { RE_INTERCEPT } from '../models/spatial-panel/random-effects';
import { formatNumber, significanceStars, type CoefficientRow, type FooterRow, type RegressionTable, type TableCell } from './regression-table';

/** An estimate with its inference (null SE: no parenthesis). */
export interface SpatialTableEstimate {
  readonly estimate: number;
  readonly se: number | null;
  readonly p: number | null;
}

/** What one column (one W) needs from a spatial panel fit; the service's result satisfies it. */
export interface SpatialTableColumn {
  readonly weights: string;
  readonly spatial: (SpatialTableEstimate & { readonly name: 'rho' | 'lambda' }) | null;
  readonly coefficients: readonly (SpatialTableEstimate & { readonly name: string })[];
  readonly effects: readonly { readonly name: string; readonly direct: SpatialTableEstimate; readonly indirect: SpatialTableEstimate; readonly total: SpatialTableEstimate }[];
  readonly sigma2: number;
  readonly logLik: number;
  readonly r2: number | null;
  readonly tests: Readonly<Record<string, { readonly statistic: number; readonly df: number; readonly p: number }>>;
}

/** The fit the columns share. */
export interface SpatialTableSpec {
  readonly y: string;
  readonly model: string;
  readonly effects: string;
  readonly n: number;
  readonly T: number;
  readonly draws: number;
  /** Random individual effects (SAR, SDM) instead of fixed effects: Region FE / Year FE say NO, Region RE YES. */
  readonly randomEffects?: boolean;
}

/** Display choices. */
export interface SpatialTableOptions {
  readonly language?: 'en' | 'zh';
  readonly digits?: number;
  readonly title?: string;
}

/** Tests in the order they print. */
const TESTS = ['lm_lag', 'lm_error', 'robust_lm_lag', 'robust_lm_error', 'lr_sar', 'wald_sar', 'lr_sem', 'wald_sem', 'hausman'] as const;

const WORDS = {
  en: {
    rho: 'ρ', lambda: 'λ', direct: 'Direct', indirect: 'Indirect', total: 'Total', sigma2: 'σ²', logLik: 'Log-likelihood', r2: 'R²',
    n: 'N', regionFE: 'Region FE', yearFE: 'Year FE', regionRE: 'Region RE', yes: 'YES', no: 'NO', constant: 'Constant',
    tests: {
      lm_lag: 'LM lag', lm_error: 'LM error', robust_lm_lag: 'Robust LM lag', robust_lm_error: 'Robust LM error',
      lr_sar: 'LR test (SAR)', wald_sar: 'Wald test (SAR)', lr_sem: 'LR test (SEM)', wald_sem: 'Wald test (SEM)', hausman: 'Hausman',
    },
    model: { sdm: 'SDM', sar: 'SAR', sem: 'SEM', sdem: 'SDEM', slx: 'SLX' } as Record<string, string>,
  },
  zh: {
    rho: 'ρ', lambda: 'λ', direct: '直接效应', indirect: '间接效应', total: '总效应', sigma2: 'σ²', logLik: '对数似然值', r2: 'R²',
    n: '观测值', regionFE: '地区固定效应', yearFE: '时间固定效应', regionRE: '地区随机效应', yes: '是', no: '否', constant: '常数项',
    tests: {
      lm_lag: 'LM-lag', lm_error: 'LM-err', robust_lm_lag: 'Robust LM-lag', robust_lm_error: 'Robust LM-err',
      lr_sar: 'LR-lag', wald_sar: 'Wald-lag', lr_sem: 'LR-err', wald_sem: 'Wald-err', hausman: 'Hausman',
    },
    model: { sdm: '空间杜宾模型', sar: '空间滞后模型', sem: '空间误差模型', sdem: '空间杜宾误差模型', slx: '空间滞后解释变量模型' } as Record<string, string>,
  },
} as const;

/** The notes line: what is in parentheses, how the effects' SEs were found, the star levels. */
export function spatialTableNotes(spec: SpatialTableSpec, language: 'en' | 'zh' = 'en'): string {
  if (language === 'zh') {
    const eff = spec.draws > 0 ? `效应的标准误基于 ${spec.draws} 次参数模拟抽样（LeSage & Pace 2009）` : '效应的标准误基于 delta 方法';
    return `括号内为标准误；${eff}；检验行为统计量；***、**、*分别表示在1%、5%、10%的水平上显著。`;
  }
  const eff = spec.draws > 0 ? `effects' standard errors from ${spec.draws} simulation draws (LeSage & Pace 2009)` : "effects' standard errors by the delta method";
  return `Standard errors in parentheses; ${eff}; test rows give the statistic. *** p<0.01, ** p<0.05, * p<0.1`;
}

function cell(e: SpatialTableEstimate | undefined, digits: number): [TableCell | null, TableCell | null] {
  if (!e) return [null, null];
  const stars = e.p === null ? '' : significanceStars(e.p);
  const est = Object.freeze({ text: formatNumber(e.estimate, digits) + stars, value: e.estimate, stars, digits });
  const par = e.se === null ? null : Object.freeze({ text: `(${formatNumber(e.se, digits)})`, value: e.se, stars: '', digits });
  return [est, par];
}

/**
 * The comparison table of `columns` (one per W, in the order given).
 * @throws InputError `report-spatial-empty` when there is no column.
 */
export function buildSpatialPanelTable(spec: SpatialTableSpec, columns: readonly SpatialTableColumn[], opts: SpatialTableOptions = {}): RegressionTable {
  if (columns.length === 0) throw new InputError('report-spatial-empty', 'There is no spatial panel fit to put in the table.');
  const lang = opts.language ?? 'en';
  const digits = opts.digits ?? 3;
  const words = WORDS[lang];
  const rows: CoefficientRow[] = [];
  const push = (name: string, label: string, pick: (c: SpatialTableColumn) => SpatialTableEstimate | undefined) => {
    const cells = columns.map((c) => cell(pick(c), digits));
    if (cells.every(([e]) => e === null)) return;
    rows.push(Object.freeze({ name, label, estimates: Object.freeze(cells.map((x) => x[0])), parens: Object.freeze(cells.map((x) => x[1])) }));
  };
  const names: string[] = [];
  for (const c of columns) for (const co of c.coefficients) if (!names.includes(co.name)) names.push(co.name);
  // X first, then W*X, each in the order of first appearance.
  const ordered = [...names.filter((x) => !x.startsWith('W*')), ...names.filter((x) => x.startsWith('W*'))];
  // The random-effects intercept (the engine's "(Intercept)") prints as "Constant" / "常数项".
  for (const name of ordered) push(name, name === RE_INTERCEPT ? words.constant : name, (c) => c.coefficients.find((x) => x.name === name));
  const spatialName = columns.find((c) => c.spatial)?.spatial?.name;
  if (spatialName) push(spatialName, words[spatialName], (c) => c.spatial ?? undefined);
  const effectNames: string[] = [];
  for (const c of columns) for (const e of c.effects) if (!effectNames.includes(e.name)) effectNames.push(e.name);
  for (const kind of ['direct', 'indirect', 'total'] as const) {
    for (const name of effectNames) {
      push(`${kind}:${name}`, `${words[kind]}: ${name}`, (c) => c.effects.find((e) => e.name === name)?.[kind]);
    }
  }

  const footer: FooterRow[] = [];
  const textRow = (label: string, texts: string[], values: (number | null)[] = texts.map(() => null), d = 0): void => {
    footer.push(Object.freeze({ kind: 'extra' as const, label, texts: Object.freeze(texts), values: Object.freeze(values), digits: d }));
  };
  const re = spec.randomEffects === true;
  const region = !re && (spec.effects === 'individual' || spec.effects === 'twoways');
  const year = !re && (spec.effects === 'time' || spec.effects === 'twoways');
  textRow(words.regionFE, columns.map(() => (region ? words.yes : words.no)));
  textRow(words.yearFE, columns.map(() => (year ? words.yes : words.no)));
  if (re) textRow(words.regionRE, columns.map(() => words.yes));
  const num = (label: string, vals: (number | null)[], d: number) => textRow(label, vals.map((v) => (v === null ? '' : formatNumber(v, d))), vals, d);
  num(words.sigma2, columns.map((c) => c.sigma2), Math.max(digits, 4));
  num(words.logLik, columns.map((c) => c.logLik), digits);
  num(words.r2, columns.map((c) => c.r2), digits);
  num(words.n, columns.map(() => spec.n * spec.T), 0);
  for (const t of TESTS) {
    if (!columns.some((c) => c.tests[t])) continue;
    const vals = columns.map((c) => c.tests[t] ?? null);
    textRow(words.tests[t], vals.map((v) => (v ? formatNumber(v.statistic, digits) + significanceStars(v.p) : '')), vals.map((v) => v?.statistic ?? null), digits);
  }
  const model = words.model[spec.model] ?? spec.model.toUpperCase();
  return Object.freeze({
    title: opts.title ?? (lang === 'zh' ? `${model}估计结果` : `${model} estimates`),
    dependent: spec.y,
    columnTitles: Object.freeze(columns.map((c) => c.weights)),
    paren: 'se' as const,
    coefficients: Object.freeze(rows),
    footer: Object.freeze(footer),
    notes: spatialTableNotes(spec, lang),
  });
}
