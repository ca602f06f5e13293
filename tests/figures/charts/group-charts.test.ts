/** Region-group charts: nice ticks, Tukey's five numbers (R fivenum / boxplot.stats), mean ± s.e., bilingual SVG. */
import { describe, expect, it } from 'vitest';
import { groupChartSpecSchema } from '../../../src/contract/figures';
import type { FigureItem, TextItem, LineItem, CircleItem } from '../../../src/figures/figure';
import { fiveNumber, niceTicks, yearTicks } from '../../../src/figures/charts/axes';
import { groupBarChart, groupBoxPlot, groupLineChart, meanSe } from '../../../src/figures/charts/group-charts';
import { toSvg } from '../../../src/figures/svg';
import { checkXml } from '../xml-check';

const flat = (items: readonly FigureItem[]): FigureItem[] => items.flatMap((it) => (it.kind === 'group' ? [it, ...flat(it.items)] : [it]));
const texts = (items: readonly FigureItem[], role: string): string[] => flat(items).filter((i): i is TextItem => i.kind === 'text' && i.role === role).map((t) => t.text);

describe('chart helpers', () => {
  it('nice ticks step by 1, 2 or 5 × 10ⁿ and cover the data', () => {
    expect(niceTicks(0.13, 0.87)).toMatchObject({ ticks: [0, 0.2, 0.4, 0.6, 0.8, 1], step: 0.2 });
    expect(niceTicks(-3, 17).ticks).toEqual([-5, 0, 5, 10, 15, 20]);
    expect(yearTicks(2008, 2022)).toEqual([2008, 2010, 2012, 2014, 2016, 2018, 2020, 2022]);
  });
  it('five numbers are R fivenum', () => {
    // R: fivenum(c(3,1,4,1,5,9,2,6,5,3,5)) = 1.0 2.5 4.0 5.0 9.0; fivenum(c(2.5,7,1,8,3,10)) = 1.0 2.5 5.0 8.0 10.0
    expect(fiveNumber([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5].sort((a, b) => a - b))).toEqual([1, 2.5, 4, 5, 9]);
    expect(fiveNumber([2.5, 7, 1, 8, 3, 10].sort((a, b) => a - b))).toEqual([1, 2.5, 5, 8, 10]);
  });
  it('mean and standard error use the n − 1 sd', () => {
    // mean(1:4) = 2.5, sd(1:4)/sqrt(4) = 1.290994/2 = 0.6454972
    const m = meanSe([1, 2, 3, 4]);
    expect(m.mean).toBe(2.5);
    expect(m.se).toBeCloseTo(0.6454972244, 9);
  });
});

const base = (lang: 'en' | 'zh') => ({ spec: groupChartSpecSchema.parse({ variable: 'resilience', lang, title: lang === 'zh' ? '分组韧性' : 'Resilience by group', source: 'NBS' }), variableLabel: lang === 'zh' ? '韧性' : 'Resilience' });

describe('group charts', () => {
  it('line chart: one line per group, a legend, years on x, bilingual axis titles; the SVG parses', () => {
    const series = ['东部', '中部', '西部', '东北'].map((label, g) => ({ key: String(g), label, points: [2008, 2009, 2010, 2011].map((year) => ({ year, value: g === 1 && year === 2009 ? null : g + (year - 2008) * 0.1 })) }));
    const fig = groupLineChart({ ...base('zh'), series, simulated: true });
    expect(texts(fig.items, 'legend')).toEqual(['东部', '中部', '西部', '东北']);
    expect(texts(fig.items, 'axis-title')).toEqual(['韧性', '年份']);
    expect(texts(fig.items, 'watermark')).toEqual(['模拟数据']);
    const series1 = flat(fig.items).filter((i) => i.kind === 'path' && i.stroke && i.fill === undefined);
    expect(series1).toHaveLength(4);
    // The gap in 2009 splits the second line into two runs.
    expect(series1.map((p) => (p.kind === 'path' ? (p.d.match(/M/g) ?? []).length : 0))).toEqual([1, 2, 1, 1]);
    const doc = checkXml(toSvg(fig));
    expect(doc.texts.map((t) => t.text)).toContain('分组韧性');
  });
  it('box plot: whiskers and outliers as R boxplot.stats', () => {
    // R: boxplot.stats(c(3,1,4,1,5,9,2,6,5,3,5,30))$stats = 1.0 2.5 4.5 5.5 9.0, $out = 30
    const fig = groupBoxPlot({ ...base('en'), groups: [{ key: 'a', label: 'East', values: [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 30] }] });
    const circles = flat(fig.items).filter((i): i is CircleItem => i.kind === 'circle');
    expect(circles).toHaveLength(1);
    const lines = flat(fig.items).filter((i): i is LineItem => i.kind === 'line' && i.strokeWidth === 0.7);
    const ys = [...new Set(lines.flatMap((l) => [l.y1, l.y2]))].sort((a, b) => a - b);
    // Whisker ends 9 and 1, hinges 5.5 and 2.5 (y down): (9 − 1) / (5.5 − 2.5) = 8/3 on the plot's linear scale.
    expect(ys).toHaveLength(4);
    expect(Math.abs((ys[3] - ys[0]) / (ys[2] - ys[1]) - 8 / 3)).toBeLessThan(0.01);
    expect(texts(fig.items, 'axis-title')).toEqual(['Resilience', 'Group']);
    checkXml(toSvg(fig));
  });
  it('bar chart: mean ± 1 s.e. whiskers, labels under the bars', () => {
    const fig = groupBarChart({ ...base('en'), groups: [{ key: 'a', label: 'East', values: [1, 2, 3, 4] }, { key: 'b', label: 'West', values: [2, 2, 2] }] });
    expect(texts(fig.items, 'axis')).toEqual(expect.arrayContaining(['East', 'West']));
    expect(texts(fig.items, 'axis-title')[0]).toBe('Resilience (Mean ± 1 s.e.)');
    checkXml(toSvg(fig));
  });
});
