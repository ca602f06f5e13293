/**
 * The weights table of a composite index in the layout studies print — criterion layer
 * (with its weight), indicator, direction, weight — as the table model every table exporter
 * reads (.docx, .xlsx, .tex, .csv, .html), like the Regression and ESDA tables.
 */
import type { RegressionTable } from '../../report/regression-table';
import { formatNumber } from '../../report/regression-table';
import type { IndexView } from './index-view';

const WORDS = {
  en: { title: 'Indicator system and weights', indicator: 'Indicator', direction: 'Direction', weight: 'Weight', local: 'Weight in layer', criterion: 'Criterion layer', all: 'Index' },
  zh: { title: '指标体系与权重', indicator: '指标层', direction: '属性', weight: '权重', local: '层内权重', criterion: '准则层', all: '综合指数' },
} as const;

const METHOD: Readonly<Record<string, { en: string; zh: string }>> = {
  entropy: { en: 'entropy weights', zh: '熵权法' }, critic: { en: 'CRITIC weights', zh: 'CRITIC法' }, cv: { en: 'coefficient-of-variation weights', zh: '变异系数法' },
  pca: { en: 'PCA weights', zh: '主成分分析法' }, equal: { en: 'equal weights', zh: '等权' }, user: { en: 'user weights', zh: '自定义权重' },
  g1: { en: 'G1 weights', zh: 'G1法' }, 'g1-sd': { en: 'SD-modified G1 weights', zh: '标准差修正G1法' }, combined: { en: 'combined subjective × objective weights', zh: '主客观组合赋权' },
};

/**
 * The table: one row per indicator; the criterion layer (with its weight) is named on the first
 * row of its indicators; notes state normalisation, scope, shift, weights and aggregation.
 */
export function indexWeightsTable(view: IndexView, opts: { language?: 'en' | 'zh'; digits?: number; title?: string } = {}): RegressionTable {
  const lang = opts.language ?? 'en';
  const digits = opts.digits ?? 4;
  const w = WORDS[lang];
  const twoLevel = view.dimensions.length > 1 || (view.dimensions[0]?.name ?? '') !== '';
  const seen = new Set<string>();
  const footer = view.table.map((r) => {
    const first = !seen.has(r.dimension);
    seen.add(r.dimension);
    const label = twoLevel && first ? `${r.dimension || '—'} (${formatNumber(r.dimensionWeight, digits)})` : '';
    const texts = [r.indicator, r.direction === '+' ? '+' : '−', ...(twoLevel ? [formatNumber(r.localWeight, digits)] : []), formatNumber(r.weight, digits)];
    return Object.freeze({ kind: 'extra' as const, label, texts: Object.freeze(texts), values: Object.freeze(texts.map(() => null)), digits });
  });
  const rec = view.recipe;
  const method = METHOD[rec.weights.method]?.[lang] ?? rec.weights.method;
  const notes = lang === 'zh'
    ? `标准化：${rec.normalisation}（${rec.scope === 'pooled' ? '全样本' : '逐年'}${rec.shift > 0 ? `，平移 ${rec.shift}` : ''}）；赋权：${method}；合成：${rec.aggregate === 'topsis' ? 'TOPSIS 相对贴近度' : '加权求和'}。`
    : `Normalisation: ${rec.normalisation} (${rec.scope === 'pooled' ? 'pooled over all region-years' : 'within each year'}${rec.shift > 0 ? `, shift ${rec.shift}` : ''}); weights: ${method}; aggregation: ${rec.aggregate === 'topsis' ? 'TOPSIS relative closeness' : 'weighted sum'}.`;
  return Object.freeze({
    title: opts.title ?? w.title,
    columnTitles: Object.freeze([w.indicator, w.direction, ...(twoLevel ? [w.local] : []), w.weight]),
    paren: 'se',
    coefficients: Object.freeze([]),
    footer: Object.freeze(footer),
    notes,
  });
}
