/**
 * The per-year global autocorrelation table in the layout papers print (issue 10): one row per
 * year, one column per (variable, W), the statistic with significance stars and its z-value in
 * parentheses below, notes saying which z and which p decide the stars. It is a `RegressionTable`
 * (years in place of coefficients), so every table exporter (.docx, .xlsx, .tex, .csv, .html)
 * writes it unchanged.
 */
import { InputError } from '../core/errors';
import { significanceStars, formatNumber, type CoefficientRow, type FooterRow, type RegressionTable, type TableCell } from './regression-table';

/** One cell's numbers: the statistic, its z and the p that sets the stars. */
export interface EsdaTableEntry {
  readonly column: string;
  readonly year: number;
  readonly value: number;
  readonly z: number | null;
  readonly p: number | null;
  readonly n: number;
}

/** Options of the table. */
export interface EsdaTableOptions {
  readonly statistic: 'moran' | 'geary' | 'getis' | 'bivariate-moran';
  readonly language?: 'en' | 'zh';
  readonly digits?: number;
  readonly title?: string;
  /** Permutations behind the p-values (0: analytical p under randomisation). */
  readonly permutations?: number;
  /** 'greater' (one-sided, spdep's default), 'less' or 'two-sided'. */
  readonly alternative?: string;
}

const STAT = {
  en: { moran: "Moran's I", geary: "Geary's C", getis: 'General G', 'bivariate-moran': "Bivariate Moran's I" },
  zh: { moran: '莫兰指数 I', geary: '吉尔里系数 C', getis: '全局 G 统计量', 'bivariate-moran': '双变量莫兰指数 I' },
} as const;

/** The notes line, e.g. "z-values (randomisation) in parentheses; ***, **, * p < 0.01, 0.05, 0.1 (999 permutations)." */
export function esdaTableNotes(opts: EsdaTableOptions): string {
  const zh = opts.language === 'zh';
  const perm = opts.permutations ?? 0;
  const side = opts.alternative === 'two-sided' ? (zh ? '双侧' : 'two-sided') : (zh ? '单侧' : 'one-sided');
  if (zh) {
    const p = perm > 0 ? `基于 ${perm} 次随机置换的伪 p 值` : `随机化假设下的${side} p 值`;
    return `括号内为随机化假设下的 z 值；***、**、*分别表示在1%、5%、10%的水平上显著（${p}）。`;
  }
  const p = perm > 0 ? `pseudo p from ${perm} random permutations` : `${side} p under randomisation`;
  return `z-values under randomisation in parentheses; ***, **, * significant at 1%, 5%, 10% (${p}).`;
}

/**
 * The table of `entries` with `columns` in the order given and years ascending.
 * @throws InputError `report-esda-empty` when there is nothing to tabulate.
 */
export function buildEsdaTable(entries: readonly EsdaTableEntry[], columns: readonly string[], opts: EsdaTableOptions): RegressionTable {
  if (entries.length === 0 || columns.length === 0) throw new InputError('report-esda-empty', 'There are no results to put in the table.');
  const digits = opts.digits ?? 3;
  const lang = opts.language ?? 'en';
  const years = [...new Set(entries.map((e) => e.year))].sort((a, b) => a - b);
  const at = new Map(entries.map((e) => [`${e.column}\u0000${e.year}`, e]));
  const coefficients: CoefficientRow[] = years.map((year) => {
    const cells = columns.map((c) => at.get(`${c}\u0000${year}`) ?? null);
    const est = cells.map((e): TableCell | null => {
      if (!e) return null;
      const stars = e.p === null ? '' : significanceStars(e.p);
      return Object.freeze({ text: formatNumber(e.value, digits) + stars, value: e.value, stars, digits });
    });
    const par = cells.map((e): TableCell | null => (e && e.z !== null
      ? Object.freeze({ text: `(${formatNumber(e.z, digits)})`, value: e.z, stars: '', digits }) : null));
    return Object.freeze({ name: String(year), label: String(year), estimates: Object.freeze(est), parens: Object.freeze(par) });
  });
  const nValues = columns.map((c) => {
    const ns = entries.filter((e) => e.column === c).map((e) => e.n);
    return ns.length ? Math.max(...ns) : null;
  });
  const footer: FooterRow[] = [Object.freeze({
    kind: 'n' as const, label: lang === 'zh' ? '地区数' : 'Regions', digits: 0,
    values: Object.freeze(nValues), texts: Object.freeze(nValues.map((v) => (v === null ? '' : String(v)))),
  })];
  return Object.freeze({
    title: opts.title ?? STAT[lang][opts.statistic],
    dependent: STAT[lang][opts.statistic],
    columnTitles: Object.freeze([...columns]),
    paren: 't',
    coefficients: Object.freeze(coefficients),
    footer: Object.freeze(footer),
    notes: esdaTableNotes(opts),
  });
}
