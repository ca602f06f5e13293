/**
 * Tables of a GTWR result (issue 12) in the layout of the regression tables, so every table
 * exporter (.docx, .xlsx, .tex, .csv, .html) writes them:
 * - the per-region table: one row per region (in the project's region order), one column per
 *   period, the mean of the region's local estimates of one coefficient in that period with
 *   their [min, max] below; footer rows for all regions and each region group (means, and the
 *   share of significant local estimates);
 * - the diagnostics table: GTWR, the global OLS and the two-way FE side by side — the
 *   coefficients (GTWR: mean of the local estimates with [min, max]; OLS and FE: estimate with
 *   its SE) and the `comparison` rows (N, parameters tr S, ENP, edf, RSS, σ², AIC, AICc, R²,
 *   adjusted R², within and overall R²), the CV and the Monte Carlo p values when run.
 */
import { InputError } from '../../core/errors';
import type { RequestOf } from '../../contract';
import { formatNumber, type CoefficientRow, type FooterRow, type RegressionTable, type TableCell } from '../../report/regression-table';
import type { ProjectStore } from '../../store/project-store';
import { groupLabel } from '../figures/group-labels';
import { summaryOf } from './gwr-figures';

type Request = RequestOf<'gwr:tableExport'>;
type Result = Request['result'];
type Summary = NonNullable<Result['comparison']>['gtwr'];

const cell = (text: string, value: number | null, digits: number): TableCell => Object.freeze({ text, value, stars: '', digits });

/**
 * The table of `req.coefficient`.
 * @throws InputError `gwr-figure-no-periods`, `gwr-figure-unknown-coefficient`.
 */
export function buildGtwrRegionTable(store: ProjectStore, req: Request): RegressionTable {
  const s = summaryOf(req.result, req.coefficient);
  const zh = req.language === 'zh';
  const d = req.digits;
  const periods = s.overall.map((o) => o.period);
  const regions = new Map(store.listRegions().map((r) => [r.code, r]));
  const at = new Map(s.by_region.map((r) => [`${r.id}\u0000${r.period}`, r]));
  const ids = [...new Set(s.by_region.map((r) => r.id))];
  const coefficients: CoefficientRow[] = ids.map((id) => {
    const r = regions.get(id);
    const label = (zh ? (r?.nameZh ?? r?.nameEn) : (r?.nameEn ?? r?.nameZh)) ?? id;
    const cells = periods.map((p) => at.get(`${id}\u0000${p}`));
    return Object.freeze({
      name: id, label,
      estimates: Object.freeze(cells.map((c) => (c && c.mean !== null ? cell(formatNumber(c.mean, d), c.mean, d) : null))),
      parens: Object.freeze(cells.map((c) => (c && c.min !== null && c.max !== null ? cell(`[${formatNumber(c.min, d)}, ${formatNumber(c.max, d)}]`, null, d) : null))),
    });
  });
  const num = (v: number | null | undefined, digits: number): string => (v === null || v === undefined ? '' : formatNumber(v, digits));
  const footer: FooterRow[] = [];
  const extra = (label: string, values: (number | null)[], digits: number, texts?: string[]): void => {
    footer.push(Object.freeze({ kind: 'extra' as const, label, digits, values: Object.freeze(values), texts: Object.freeze(texts ?? values.map((v) => num(v, digits))) }));
  };
  const overall = periods.map((p) => s.overall.find((o) => o.period === p));
  extra(zh ? '全部地区均值' : 'All regions, mean', overall.map((o) => o?.mean ?? null), d);
  for (const g of [...new Set(s.by_group.map((b) => b.group))]) {
    const cells = periods.map((p) => s.by_group.find((b) => b.group === g && b.period === p));
    extra(zh ? `${groupLabel(g, 'zh')}均值` : `${g}, mean`, cells.map((c) => c?.mean ?? null), d);
  }
  const shares = overall.map((o) => o?.share_significant ?? null);
  extra(zh ? '显著比例' : 'Share significant', shares, 3, shares.map((v) => (v === null ? '' : `${Math.round(v * 100)}%`)));
  extra(zh ? '观测值' : 'N', overall.map((o) => o?.n ?? null), 0);
  const model = req.result.model.toUpperCase();
  const level = req.result.alpha ?? 0.05;
  // alpha_corrected is α·p_k/tr S at α = 0.05; the same factor at the fit's α
  const alpha = req.result.alpha_corrected === null ? null : req.result.alpha_corrected * (level / 0.05);
  return Object.freeze({
    title: zh ? `${model} 局部系数：${s.coefficient}` : `${model} local coefficient: ${s.coefficient}`,
    dependent: s.coefficient,
    columnTitles: Object.freeze(periods),
    paren: 'se',
    coefficients: Object.freeze(coefficients),
    footer: Object.freeze(footer),
    notes: zh
      ? `各时期地区局部系数的均值，方括号内为最小值和最大值；显著比例为局部 t 检验 p < ${level} 的局部估计所占比例，未作多重检验校正${alpha !== null ? `（da Silva 和 Fotheringham 校正后的显著性水平为 ${alpha.toPrecision(3)}）` : ''}。`
      : `Mean of the region's local estimates in each period, [minimum, maximum] below; share significant: local estimates with a local t-test p < ${level}, not corrected for multiple testing${alpha !== null ? ` (the da Silva–Fotheringham corrected level is ${alpha.toPrecision(3)})` : ''}.`,
  });
}

/** Labels of the comparison rows. */
const ROWS: readonly { key: keyof Summary; en: string; zh: string; digits: number | null }[] = [
  { key: 'n', en: 'N', zh: '观测值', digits: 0 },
  { key: 'parameters', en: 'Parameters (tr S)', zh: '参数个数（tr S）', digits: 3 },
  { key: 'enp', en: 'Effective number of parameters', zh: '有效参数个数', digits: 3 },
  { key: 'edf', en: 'Residual degrees of freedom', zh: '残差自由度', digits: 3 },
  { key: 'rss', en: 'RSS', zh: '残差平方和', digits: null },
  { key: 'sigma2', en: 'σ²', zh: 'σ²', digits: null },
  { key: 'aic', en: 'AIC', zh: 'AIC', digits: 3 },
  { key: 'aicc', en: 'AICc', zh: 'AICc', digits: 3 },
  { key: 'r2', en: 'R²', zh: 'R²', digits: 4 },
  { key: 'adj_r2', en: 'Adjusted R²', zh: '调整 R²', digits: 4 },
  { key: 'r2_within', en: 'R² (within)', zh: '组内 R²', digits: 4 },
  { key: 'r2_overall', en: 'R² (overall)', zh: '整体 R²', digits: 4 },
];

/**
 * The diagnostics table: GTWR beside the global OLS and the two-way FE.
 * @throws InputError `gwr-table-no-comparison` when the result (fitted before the comparison
 *   was added) has no `comparison`.
 */
export function buildGtwrDiagnosticsTable(req: Request): RegressionTable {
  const r = req.result;
  const c = r.comparison;
  if (!c) throw new InputError('gwr-table-no-comparison', 'The GTWR result has no model comparison: fit it again.', {});
  const zh = req.language === 'zh';
  const d = req.digits;
  const model = r.model.toUpperCase();
  const names = Object.keys(r.ols.coefficients);
  const local = (nm: string): number[] => r.local.map((l) => l.coefficients[nm]).filter((v): v is number => v !== null && Number.isFinite(v));
  const coefficients: CoefficientRow[] = names.map((nm) => {
    const v = local(nm);
    const mean = v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
    const lo = v.length ? Math.min(...v) : null, hi = v.length ? Math.max(...v) : null;
    const ols = r.ols.coefficients[nm], olsSe = r.ols.se[nm];
    const fe = r.fe?.coefficients[nm], feSe = r.fe?.se[nm];
    return Object.freeze({
      name: nm,
      label: nm === '(Intercept)' ? (zh ? '常数项' : 'Constant') : nm,
      estimates: Object.freeze([
        mean === null ? null : cell(formatNumber(mean, d), mean, d),
        ols === null || ols === undefined ? null : cell(formatNumber(ols, d), ols, d),
        fe === null || fe === undefined ? null : cell(formatNumber(fe, d), fe, d),
      ]),
      parens: Object.freeze([
        lo === null || hi === null ? null : cell(`[${formatNumber(lo, d)}, ${formatNumber(hi, d)}]`, null, d),
        olsSe === null || olsSe === undefined ? null : cell(`(${formatNumber(olsSe, d)})`, olsSe, d),
        feSe === null || feSe === undefined ? null : cell(`(${formatNumber(feSe, d)})`, feSe, d),
      ]),
    });
  });
  const footer: FooterRow[] = [];
  const cols = [c.gtwr, c.ols, c.fe];
  const text = (v: number | null | undefined, digits: number | null): string => {
    if (v === null || v === undefined || !Number.isFinite(v)) return '';
    return digits === null ? Number(v.toPrecision(5)).toString() : formatNumber(v, digits);
  };
  for (const row of ROWS) {
    const values = cols.map((s) => (s ? s[row.key] : null));
    footer.push(Object.freeze({ kind: 'extra' as const, label: zh ? row.zh : row.en, digits: row.digits ?? 6, values: Object.freeze(values), texts: Object.freeze(values.map((v) => text(v, row.digits))) }));
  }
  footer.push(Object.freeze({ kind: 'extra' as const, label: 'CV', digits: 6, values: Object.freeze([r.diagnostics.cv, null, null]), texts: Object.freeze([text(r.diagnostics.cv, null), '', '']) }));
  if (r.monte_carlo) {
    for (const [nm, m] of Object.entries(r.monte_carlo.coefficients)) {
      const label = zh ? `蒙特卡洛非平稳检验 p：${nm === '(Intercept)' ? '常数项' : nm}` : `Monte Carlo non-stationarity p: ${nm === '(Intercept)' ? 'Constant' : nm}`;
      footer.push(Object.freeze({ kind: 'extra' as const, label, digits: 3, values: Object.freeze([m.p, null, null]), texts: Object.freeze([text(m.p, 3), '', '']) }));
    }
  }
  const feNote = c.fe
    ? (zh ? '双向固定效应：地区和年份效应（组内估计），参数个数含被吸收的效应；' : 'Two-way FE: region and year effects (within estimator), the parameters count the absorbed effects; ')
    : (zh ? '双向固定效应无法估计（见提示）；' : 'the two-way FE could not be fitted (see the warnings); ');
  return Object.freeze({
    title: zh ? `${model} 与全局 OLS、双向固定效应的比较` : `${model} beside the global OLS and the two-way FE`,
    columnTitles: Object.freeze([model, zh ? '全局 OLS' : 'Global OLS', zh ? '双向固定效应' : 'Two-way FE']),
    paren: 'se',
    coefficients: Object.freeze(coefficients),
    footer: Object.freeze(footer),
    notes: zh
      ? `${model} 列为局部估计的均值，方括号内为最小值和最大值；OLS 和固定效应列括号内为标准误。${feNote}AIC = n ln(RSS/n) + n ln 2π + n + tr S，AICc = n ln(RSS/n) + n ln 2π + n(n + tr S)/(n − 2 − tr S)；R² = 1 − RSS/TSS（固定效应含效应）；组内 R² = 1 − RSS/Σ(y − 地区均值)²；整体 R² = corr(y, x′b)²（不含固定效应）。`
      : `${model}: mean of the local estimates, [minimum, maximum] below; OLS and FE: standard errors in parentheses. ${feNote}AIC = n ln(RSS/n) + n ln 2π + n + tr S, AICc = n ln(RSS/n) + n ln 2π + n(n + tr S)/(n − 2 − tr S); R² = 1 − RSS/TSS (the FE's with its effects); within R² = 1 − RSS/Σ(y − region mean)²; overall R² = corr(y, x′b)² (without the FE's effects).`,
  });
}
