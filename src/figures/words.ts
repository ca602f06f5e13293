/**
 * The fixed words of figures in English and Chinese (legend headings, "no data", the scale bar,
 * notes, the watermark, chart axes), number formatting for legends and axes, and a width estimate
 * of a line of text in the shipped font (Noto Sans SC), used to wrap notes and size the legend.
 */

/** A figure language. */
export type FigureLang = 'en' | 'zh';

/** Fixed wording, per language. */
export interface FigureWords {
  readonly noData: string;
  readonly km: string;
  readonly north: string;
  readonly simulated: string;
  readonly source: string;
  readonly notes: string;
  readonly approval: string;
  readonly southChinaSea: string;
  readonly projection: (kind: 'albers' | 'lambert' | 'lonlat', lat1: string, lat2: string, lon0: string) => string;
  readonly box: readonly [string, string, string, string, string, string];
  readonly sd: readonly [string, string, string, string, string, string];
  readonly mean: string;
  readonly year: string;
  readonly group: string;
  readonly meanSe: string;
  readonly groupMeans: string;
  readonly distribution: string;
  readonly listSep: string;
}

const EN: FigureWords = {
  noData: 'No data',
  km: 'km',
  north: 'N',
  simulated: 'Simulated data',
  source: 'Source: ',
  notes: 'Notes: ',
  approval: 'Map approval number: ',
  southChinaSea: 'South China Sea Islands',
  projection: (kind, lat1, lat2, lon0) => (kind === 'lonlat'
    ? 'Projection: geographic coordinates (longitude/latitude)'
    : `Projection: ${kind === 'albers' ? 'Albers equal-area conic' : 'Lambert conformal conic'}, standard parallels ${lat1} and ${lat2}, central meridian ${lon0}, GRS80`),
  box: ['Lower outlier', '< 25%', '25% – 50%', '50% – 75%', '> 75%', 'Upper outlier'],
  sd: ['< −2 sd', '−2 to −1 sd', '−1 sd to mean', 'Mean to 1 sd', '1 to 2 sd', '> 2 sd'],
  mean: 'Mean',
  year: 'Year',
  group: 'Group',
  meanSe: 'Mean ± 1 s.e.',
  groupMeans: 'Group means',
  distribution: 'Distribution by group',
  listSep: ', ',
};

const ZH: FigureWords = {
  noData: '无数据',
  km: '千米',
  north: '北',
  simulated: '模拟数据',
  source: '资料来源：',
  notes: '注：',
  approval: '审图号：',
  southChinaSea: '南海诸岛',
  projection: (kind, lat1, lat2, lon0) => (kind === 'lonlat'
    ? '投影：地理坐标（经纬度）'
    : `投影：${kind === 'albers' ? '阿尔伯斯等积圆锥投影' : '兰伯特等角圆锥投影'}，标准纬线 ${lat1}、${lat2}，中央经线 ${lon0}，GRS80 椭球`),
  box: ['下端异常值', '< 25%', '25% – 50%', '50% – 75%', '> 75%', '上端异常值'],
  sd: ['< −2 标准差', '−2 至 −1 标准差', '−1 标准差至均值', '均值至 1 标准差', '1 至 2 标准差', '> 2 标准差'],
  mean: '均值',
  year: '年份',
  group: '分组',
  meanSe: '均值 ± 1 标准误',
  groupMeans: '分组均值',
  distribution: '分组分布',
  listSep: '、',
};

/** The fixed words of a language. */
export function wordsFor(lang: FigureLang): FigureWords {
  return lang === 'zh' ? ZH : EN;
}

/** A number with `decimals` decimals, thousands grouped with a thin space when ≥ 10,000, true minus sign. */
export function formatNumber(v: number, decimals: number): string {
  if (!Number.isFinite(v)) return v > 0 ? '∞' : v < 0 ? '−∞' : '';
  const s = Math.abs(v).toFixed(decimals);
  const [int, frac] = s.split('.');
  const grouped = int.length > 4 ? int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : int;
  const neg = v < 0 && Number(s) !== 0;
  return `${neg ? '−' : ''}${grouped}${frac ? `.${frac}` : ''}`;
}

/**
 * Decimals that show a set of ascending boundaries distinctly: at least 3 significant digits of
 * their span, more until no two neighbours print the same (at most 8).
 */
export function decimalsFor(values: readonly number[]): number {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return 0;
  const span = Math.max(...finite) - Math.min(...finite);
  let d = span > 0 ? Math.max(0, 2 - Math.floor(Math.log10(span))) : Math.max(0, 2 - Math.floor(Math.log10(Math.abs(finite[0]) || 1)));
  d = Math.min(d, 8);
  for (; d < 8; d++) {
    const r = finite.map((v) => v.toFixed(d));
    if (r.every((x, i) => i === 0 || x !== r[i - 1] || finite[i] === finite[i - 1])) break;
  }
  return d;
}

/** Approximate advance width of one character in Noto Sans, in em. */
function charEm(c: number): number {
  if (c >= 0x2e80) return 1;
  if (c === 0x20) return 0.26;
  if (c >= 0x30 && c <= 0x39) return 0.57;
  if (c >= 0x41 && c <= 0x5a) return 0.66;
  if (c === 0x69 || c === 0x6c || c === 0x6a || c === 0x2e || c === 0x2c || c === 0x3a || c === 0x3b) return 0.26;
  if (c === 0x6d || c === 0x77) return 0.86;
  return 0.53;
}

/** Estimated width in points of `text` at `size` points (Noto Sans SC metrics, rounded up slightly). */
export function textWidth(text: string, size: number): number {
  let em = 0;
  for (const ch of text) em += charEm(ch.codePointAt(0) ?? 0);
  return em * size;
}

/**
 * Break `text` into lines no wider than `width` points at `size`: at spaces for Latin text, at
 * any character for CJK text; explicit newlines are kept.
 */
export function wrapText(text: string, size: number, width: number): string[] {
  const out: string[] = [];
  for (const para of text.split(/\r?\n/)) {
    // Tokens: a run of non-space Latin characters (with its trailing space), or one CJK character.
    const tokens = para.match(/[\u2e80-\uffff]|[^\s\u2e80-\uffff]+\s*|\s+/g) ?? [''];
    let line = '';
    for (const t of tokens) {
      if (line !== '' && textWidth((line + t).trimEnd(), size) > width) {
        out.push(line.trimEnd());
        line = t.trimStart();
      } else line += t;
    }
    out.push(line.trimEnd());
  }
  return out;
}
