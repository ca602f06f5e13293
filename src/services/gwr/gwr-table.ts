/**
 * The per-region table of a GTWR result (issue 12) in the layout of the regression tables, so
 * every table exporter (.docx, .xlsx, .tex, .csv, .html) writes it: one row per region (in the
 * project's region order), one column per period, the mean of the region's local estimates of
 * one coefficient in that period with their [min, max] below; footer rows for all regions and
 * each region group (means, and the share of significant local estimates).
 */
import type { RequestOf } from '../../contract';
import { formatNumber, type CoefficientRow, type FooterRow, type RegressionTable, type TableCell } from '../../report/regression-table';
import type { ProjectStore } from '../../store/project-store';
import { groupLabel } from '../figures/group-labels';
import { summaryOf } from './gwr-figures';

type Request = RequestOf<'gwr:tableExport'>;

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
  const alpha = req.result.alpha_corrected;
  return Object.freeze({
    title: zh ? `${model} 局部系数：${s.coefficient}` : `${model} local coefficient: ${s.coefficient}`,
    dependent: s.coefficient,
    columnTitles: Object.freeze(periods),
    paren: 'se',
    coefficients: Object.freeze(coefficients),
    footer: Object.freeze(footer),
    notes: zh
      ? `各时期地区局部系数的均值，方括号内为最小值和最大值；显著比例为局部 t 检验 p < 0.05 的局部估计所占比例，未作多重检验校正${alpha !== null ? `（da Silva 和 Fotheringham 校正后的显著性水平为 ${alpha.toPrecision(3)}）` : ''}。`
      : `Mean of the region's local estimates in each period, [minimum, maximum] below; share significant: local estimates with a local t-test p < 0.05, not corrected for multiple testing${alpha !== null ? ` (the da Silva–Fotheringham corrected level is ${alpha.toPrecision(3)})` : ''}.`,
  });
}
