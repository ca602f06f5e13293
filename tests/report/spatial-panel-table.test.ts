import { describe, expect, it } from 'vitest';
import { buildSpatialPanelTable, type SpatialTableColumn } from '../../src/report/spatial-panel-table';
import { tableGrid } from '../../src/report/regression-table';
import { renderTable } from '../../src/services/export/write-table';
import { tableToCsv, tableToLatex } from '../../src/services/export/table-text';

// Hand-made numbers: the layout is under test, so each cell's expected text follows from its
// value, its p (stars at 1/5/10 %) and 3 decimals.
const est = (estimate: number, se: number | null, p: number | null) => ({ estimate, se, p });
const test = (statistic: number, df: number, p: number) => ({ statistic, df, p });
const geo: SpatialTableColumn = {
  weights: 'queen',
  spatial: { name: 'rho', ...est(0.37, 0.04, 1e-20) },
  coefficients: [
    { name: 'W*x1', ...est(-0.2805, 0.0518, 6e-8) },
    { name: 'x1', ...est(0.1594, 0.0256, 4e-10) },
    { name: 'x2', ...est(-0.0096, 0.0253, 0.7) },
  ],
  effects: [
    { name: 'x1', direct: est(0.1673, 0.0262, 1e-10), indirect: est(0.1132, 0.0651, 0.08), total: est(0.2806, 0.0737, 1e-4) },
    { name: 'x2', direct: est(-0.0164, 0.0256, 0.52), indirect: est(-0.097, 0.0673, 0.15), total: est(-0.1134, 0.0759, 0.04) },
  ],
  sigma2: 0.000918635,
  logLik: 1680.6228,
  r2: 0.79113,
  tests: { lm_lag: test(69.17, 1, 1e-16), wald_sar: test(47.37, 2, 1e-9), lr_sar: test(42.27, 2, 0.03) },
};
const econ: SpatialTableColumn = {
  ...geo,
  weights: 'econ',
  spatial: { name: 'rho', ...est(0.21, 0.05, 0.02) },
  coefficients: geo.coefficients.filter((c) => c.name !== 'W*x1'),
  tests: { lm_lag: test(3.1, 1, 0.078) },
};
const spec = { y: 'log(gsp)', model: 'sdm', effects: 'twoways', n: 48, T: 17, draws: 1000 };

describe('the spatial panel comparison table', () => {
  it('matrices as columns; X, then W*X, then rho, then direct / indirect / total by variable; SE in parentheses; stars', () => {
    const t = buildSpatialPanelTable(spec, [geo, econ]);
    const g = tableGrid(t);
    expect(g.rows[0]).toEqual(['', 'log(gsp)', 'log(gsp)']);
    expect(g.rows[1]).toEqual(['', 'queen', 'econ']);
    const labels = g.rows.slice(2, g.coefEnd).filter((_, i) => i % 2 === 0).map((r) => r[0]);
    expect(labels).toEqual(['x1', 'x2', 'W*x1', 'ρ', 'Direct: x1', 'Direct: x2', 'Indirect: x1', 'Indirect: x2', 'Total: x1', 'Total: x2']);
    expect(g.rows[2]).toEqual(['x1', '0.159***', '0.159***']);
    expect(g.rows[3]).toEqual(['', '(0.026)', '(0.026)']);
    // A W*x the second column lacks is empty there.
    expect(g.rows[6]).toEqual(['W*x1', '-0.281***', '']);
    expect(g.rows[8]).toEqual(['ρ', '0.370***', '0.210**']);
    expect(g.rows[14]).toEqual(['Indirect: x1', '0.113*', '0.113*']);
    const footer = Object.fromEntries(g.rows.slice(g.coefEnd).map((r) => [r[0], r.slice(1)]));
    expect(footer['Region FE']).toEqual(['YES', 'YES']);
    expect(footer['Year FE']).toEqual(['YES', 'YES']);
    expect(footer['σ²']).toEqual(['0.0009', '0.0009']);
    expect(footer['Log-likelihood']).toEqual(['1680.623', '1680.623']);
    expect(footer['R²']).toEqual(['0.791', '0.791']);
    expect(footer.N).toEqual(['816', '816']);
    expect(footer['LM lag']).toEqual(['69.170***', '3.100*']);
    expect(footer['Wald test (SAR)']).toEqual(['47.370***', '']);
    expect(footer['LR test (SAR)']).toEqual(['42.270**', '']);
    // Tests no column has are left out.
    expect(footer['Hausman']).toBeUndefined();
    expect(t.notes).toBe("Standard errors in parentheses; effects' standard errors from 1000 simulation draws (LeSage & Pace 2009); test rows give the statistic. *** p<0.01, ** p<0.05, * p<0.1");
  });

  it('in Chinese, with the row labels of Chinese journals (LR-lag, Wald-err, 直接效应)', () => {
    const t = buildSpatialPanelTable({ ...spec, effects: 'individual' }, [geo], { language: 'zh' });
    const rows = tableGrid(t).rows.map((r) => r[0]);
    expect(rows).toContain('直接效应: x1');
    expect(rows).toContain('LR-lag');
    expect(rows).toContain('时间固定效应');
    expect(t.title).toBe('空间杜宾模型估计结果');
    const g = tableGrid(t);
    expect(g.rows.find((r) => r[0] === '时间固定效应')?.[1]).toBe('否');
    expect(t.notes).toContain('1000 次参数模拟抽样');
  });

  it('a Hausman row in both languages; a random-effects fit prints its intercept as Constant and Region RE instead of the FE rows', () => {
    // Hand-made: Hausman 43.554 on 9 df, p = 1.7e-6 (the magnitude of the Produc SDM's, spatial_panel_reference.json `hausman.sdm`).
    const re: SpatialTableColumn = {
      ...geo,
      coefficients: [{ name: '(Intercept)', ...est(1.1605, 0.2198, 1e-7) }, ...geo.coefficients],
      r2: null,
      tests: { ...geo.tests, hausman: test(43.554, 9, 1.7e-6) },
    };
    for (const language of ['en', 'zh'] as const) {
      const g = tableGrid(buildSpatialPanelTable({ ...spec, randomEffects: true }, [re, econ], { language }));
      const footer = Object.fromEntries(g.rows.slice(g.coefEnd).map((r) => [r[0], r.slice(1)]));
      expect(footer.Hausman).toEqual(['43.554***', '']);
      const words = language === 'en' ? { c: 'Constant', fe: ['Region FE', 'Year FE'], re: 'Region RE', yes: 'YES', no: 'NO' } : { c: '常数项', fe: ['地区固定效应', '时间固定效应'], re: '地区随机效应', yes: '是', no: '否' };
      expect(g.rows[2]).toEqual([words.c, '1.161***', '']);
      expect(g.rows[3]).toEqual(['', '(0.220)', '']);
      for (const fe of words.fe) expect(footer[fe]).toEqual([words.no, words.no]);
      expect(footer[words.re]).toEqual([words.yes, words.yes]);
    }
    // Fixed effects: no Region RE row.
    const fe = tableGrid(buildSpatialPanelTable(spec, [geo]));
    expect(fe.rows.map((r) => r[0])).not.toContain('Region RE');
  });

  it('is written by the regression-table exporters unchanged (CSV, LaTeX, XLSX, DOCX)', async () => {
    const t = buildSpatialPanelTable(spec, [geo, econ]);
    expect(tableToCsv(t)).toContain('Total: x2');
    expect(tableToLatex(t)).toContain('Indirect: x1');
    for (const f of ['xlsx', 'docx'] as const) expect((await renderTable(t, f)).length).toBeGreaterThan(1000);
  });

  it('refuses an empty comparison', () => {
    expect(() => buildSpatialPanelTable(spec, [])).toThrow('There is no spatial panel fit to put in the table.');
  });
});
