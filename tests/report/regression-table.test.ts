import { describe, expect, test } from 'vitest';
import {
  buildRegressionTable, formatNumber, significanceStars, tableGrid, tableNotes,
} from '../../src/report/regression-table';
import { east, produc } from './fixtures';

describe('significanceStars', () => {
  test('1/5/10% two-sided thresholds, strict inequalities', () => {
    expect(significanceStars(0.0099)).toBe('***');
    expect(significanceStars(0.01)).toBe('**');
    expect(significanceStars(0.0499)).toBe('**');
    expect(significanceStars(0.05)).toBe('*');
    expect(significanceStars(0.0999)).toBe('*');
    expect(significanceStars(0.1)).toBe('');
    expect(significanceStars(Number.NaN)).toBe('');
  });
  test('formatNumber prints missing as "."', () => {
    expect(formatNumber(Number.NaN, 3)).toBe('.');
    expect(formatNumber(-0.0301760565798378, 3)).toBe('-0.030');
  });
});

describe('buildRegressionTable', () => {
  test('estimates with stars, SEs in parentheses, YES/NO rows, N, R², groups', () => {
    const t = buildRegressionTable([
      { title: '(1) Full sample', fit: produc },
      { title: '(2) East', fit: east },
    ], { dependent: 'log(gsp)' });
    expect(t.columnTitles).toEqual(['(1) Full sample', '(2) East']);
    expect(t.coefficients.map((c) => c.name)).toEqual(['log(pcap)', 'log(pc)', 'log(emp)', 'unemp']);
    const pc = t.coefficients[1];
    // produc_reference.json fe_twoways: beta 0.168828…, se 0.085680…; p = 0.0547 → one star
    expect(pc.estimates[0]?.text).toBe('0.169*');
    expect(pc.estimates[0]?.value).toBe(0.168828035406845);
    expect(pc.parens[0]?.text).toBe('(0.086)');
    expect(pc.estimates[1]?.text).toBe('0.252***');
    expect(t.coefficients[0].estimates[1]?.text).toBe('0.041**');
    // unemp is absent from column 2
    expect(t.coefficients[3].estimates[1]).toBeNull();
    const grid = tableGrid(t);
    expect(grid.headerRows).toBe(2);
    expect(grid.rows[0]).toEqual(['', 'log(gsp)', 'log(gsp)']);
    expect(grid.rows[grid.coefEnd - 1]).toEqual(['', '(0.003)', '']);
    const footer = Object.fromEntries(t.footer.map((f) => [f.kind, f.texts]));
    expect(footer.controls).toBeUndefined(); // nothing hidden: no Controls row
    expect(footer.regionFE).toEqual(['YES', 'YES']);
    expect(footer.yearFE).toEqual(['YES', 'NO']);
    expect(footer.n).toEqual(['816', '153']);
    expect(footer.r2Within).toEqual(['0.954', '0.812']);
    expect(footer.groups).toEqual(['48', '9']);
    expect(t.notes).toBe('(1) Standard errors clustered by region in parentheses; (2) Standard errors in parentheses. *** p<0.01, ** p<0.05, * p<0.1');
  });

  test('keep hides controls (Controls YES), t statistics in parentheses, labels, digits', () => {
    const t = buildRegressionTable([{ fit: produc }, { fit: east }], {
      keep: ['log(pc)', 'log(pcap)'], paren: 't', digits: 4, labels: { 'log(pc)': 'Private capital' },
    });
    expect(t.columnTitles).toEqual(['(1)', '(2)']);
    expect(t.coefficients.map((c) => c.label)).toEqual(['Private capital', 'log(pcap)']);
    expect(t.coefficients[0].parens[0]?.text).toBe('(1.9705)');
    expect(t.coefficients[1].parens[0]?.text).toBe('(-0.5181)');
    const controls = t.footer.find((f) => f.kind === 'controls');
    expect(controls?.label).toBe('Controls');
    expect(controls?.texts).toEqual(['YES', 'YES']);
    const r2 = t.footer.find((f) => f.kind === 'r2Within');
    expect(r2?.texts).toEqual(['0.9536', '0.8123']);
  });

  test('notes follow the SE type and the parenthesis choice', () => {
    expect(tableNotes(['cluster'], 'se')).toBe('Standard errors clustered by region in parentheses. *** p<0.01, ** p<0.05, * p<0.1');
    expect(tableNotes(['cluster', 'cluster'], 't', 'city')).toBe('t statistics based on standard errors clustered by city in parentheses. *** p<0.01, ** p<0.05, * p<0.1');
    expect(tableNotes(['driscoll-kraay'], 'se')).toBe('Driscoll–Kraay standard errors in parentheses. *** p<0.01, ** p<0.05, * p<0.1');
    expect(tableNotes(['hc1'], 'se')).toBe('Heteroskedasticity-robust (HC1) standard errors in parentheses. *** p<0.01, ** p<0.05, * p<0.1');
  });

  test('random effects and pooled models print Region FE NO; overrides win', () => {
    const t = buildRegressionTable([
      { fit: { ...east, model: 're' } },
      { fit: { ...east, model: 'pooled', effects: 'none' } },
      { fit: east, yearFE: true, controls: true },
    ]);
    const f = Object.fromEntries(t.footer.map((r) => [r.kind, r.texts]));
    expect(f.regionFE).toEqual(['NO', 'NO', 'YES']);
    expect(f.yearFE).toEqual(['NO', 'NO', 'YES']);
    expect(f.controls).toEqual(['NO', 'NO', 'YES']);
  });

  test('the intercept comes last as Constant; extra rows print numbers with digits and text as is', () => {
    const pooled = { ...east, model: 'pooled', effects: 'none', coefficients: [{ name: '(Intercept)', estimate: 1.6433, se: 0.0576, t: 28.53, p: 1e-30 }, ...east.coefficients] };
    const t = buildRegressionTable([{ fit: pooled }, { fit: produc }], {
      extraRows: [{ label: 'Mean of y', values: [9.12345, null] }, { label: 'Chow p', values: ['0.585', 'n/a'] }],
    });
    expect(t.coefficients.map((c) => c.label)).toEqual(['log(pcap)', 'log(pc)', 'log(emp)', 'unemp', 'Constant']);
    expect(t.coefficients[4].estimates[0]?.text).toBe('1.643***');
    expect(t.coefficients[4].estimates[1]).toBeNull();
    const extra = t.footer.filter((f) => f.kind === 'extra');
    expect(extra.map((f) => [f.label, ...f.texts])).toEqual([['Mean of y', '9.123', ''], ['Chow p', '0.585', 'n/a']]);
    expect(extra[0].values).toEqual([9.12345, null]);
    expect(t.footer.find((f) => f.kind === 'controls')).toBeUndefined(); // an intercept is not a control
    expect(() => buildRegressionTable([{ fit: east }], { extraRows: [{ label: 'Mean of y', values: [1, 2] }] }))
      .toThrow('The extra row "Mean of y" has 2 values for 1 columns.');
  });

  test('Chinese wording: row labels, 是/否, notes as Chinese journals print them', () => {
    const t = buildRegressionTable([{ fit: produc }, { fit: { ...produc, coefficients: produc.coefficients.slice(0, 2) } }], { language: 'zh', keep: ['log(pc)'] });
    expect(t.footer.map((f) => f.label)).toEqual(['控制变量', '地区固定效应', '年份固定效应', '观测值', '组内R²', '地区数']);
    expect(t.footer[0].texts).toEqual(['是', '是']);
    expect(t.notes).toBe('括号内为聚类到地区层面的稳健标准误；***、**、*分别表示在1%、5%、10%的水平上显著。');
    expect(tableNotes(['cluster', 'classical'], 't', '城市', 'zh')).toBe('第(1)列括号内为基于聚类到城市层面的稳健标准误的t值，第(2)列括号内为基于标准误的t值；***、**、*分别表示在1%、5%、10%的水平上显著。');
  });

  test('bad input gives clear messages', () => {
    expect(() => buildRegressionTable([])).toThrow('A regression table needs at least one column (specification).');
    expect(() => buildRegressionTable([{ fit: east }], { digits: 2.5 })).toThrow('Decimal places must be an integer from 0 to 10, got 2.5.');
    expect(() => buildRegressionTable([{ fit: east }], { keep: ['unemp', 'gdp'] }))
      .toThrow('No column has the coefficient(s) "unemp", "gdp"; available: log(pcap), log(pc), log(emp).');
  });
});
