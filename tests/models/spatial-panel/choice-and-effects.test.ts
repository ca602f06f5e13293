/**
 * The model-choice ladder on hand-made test results (every branch, each sentence in both
 * catalogues rendering to the English message), the linear effects of SEM / SDEM / SLX, the
 * progress callback and cancellation of the draws, and `stackPanel` ordering.
 */
import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../../src/core/errors';
import { fitSpatialPanel, modelChoice, regionEffects, spatialEffects, stackPanel } from '../../../src/models/spatial-panel';
import type { LmTests, LrWaldTests, TestStatistic } from '../../../src/models/spatial-panel';
import { problemText } from '../../../renderer/src/i18n/problem';
import { makeI18n } from '../../helpers/i18n';
import { producInput, producW } from './produc-data';

const stat = (p: number): TestStatistic => ({ statistic: 1, df: 1, p });
const lm = (lag: number, err: number, rlag: number, rerr: number): LmTests => ({ lmLag: stat(lag), lmError: stat(err), robustLmLag: stat(rlag), robustLmError: stat(rerr) });
const lw = (sar: number, sem: number): LrWaldTests => ({ lrSar: stat(sar), waldSar: stat(sar), lrSem: stat(sem), waldSem: stat(sem) });

describe('modelChoice', () => {
  const cases: [string, Parameters<typeof modelChoice>[0], string, string][] = [
    ['no LM test significant', { lm: lm(0.5, 0.4, 0.6, 0.7) }, 'ols', 'spatial-panel-choice-ols'],
    ['only the lag (robust) significant, no LR/Wald yet', { lm: lm(0.001, 0.3, 0.01, 0.5) }, 'sar', 'spatial-panel-choice-sar'],
    ['only the error (robust) significant', { lm: lm(0.3, 0.001, 0.5, 0.01) }, 'sem', 'spatial-panel-choice-sem'],
    ['both significant', { lm: lm(0.001, 0.001, 0.01, 0.01) }, 'sdm', 'spatial-panel-choice-sdm'],
    ['lag indicated and θ = 0 not rejected', { lm: lm(0.001, 0.3, 0.01, 0.5), lrWald: lw(0.4, 0.001) }, 'sar', 'spatial-panel-choice-sar'],
    ['error indicated and θ + ρβ = 0 not rejected', { lm: lm(0.3, 0.001, 0.5, 0.01), lrWald: lw(0.001, 0.4) }, 'sem', 'spatial-panel-choice-sem'],
    ['both restrictions rejected', { lm: lm(0.001, 0.3, 0.01, 0.5), lrWald: lw(0.001, 0.001) }, 'sdm', 'spatial-panel-choice-sdm'],
    ['lag indicated but only the SEM restriction holds: SDM', { lm: lm(0.001, 0.3, 0.01, 0.5), lrWald: lw(0.001, 0.4) }, 'sdm', 'spatial-panel-choice-sdm'],
    ['Hausman rejects: fixed effects', { lm: lm(0.001, 0.001, 0.01, 0.01), lrWald: lw(0.001, 0.001), hausman: stat(0.001) }, 'sdm-fe', 'spatial-panel-choice-sdm-fe'],
    ['Hausman does not reject: random effects', { lm: lm(0.001, 0.3, 0.01, 0.5), lrWald: lw(0.4, 0.001), hausman: stat(0.6) }, 'sar-re', 'spatial-panel-choice-sar-re'],
    ['a negative Hausman statistic (V_FE − V_RE not positive definite) is not read as "random effects"',
      { lm: lm(0.001, 0.3, 0.01, 0.5), lrWald: lw(0.4, 0.001), hausman: { statistic: -81.47, df: 5, p: 1 } }, 'sar', 'spatial-panel-choice-sar'],
  ];
  for (const [label, input, model, code] of cases) {
    it(label, async () => {
      const c = modelChoice(input);
      expect(c.model).toBe(model);
      expect(c.code).toBe(code);
      const en = await makeI18n('en');
      const zh = await makeI18n('zh-CN');
      const problem = { code: c.code, message: c.message, details: c.params };
      expect(problemText(en, problem)).toBe(c.message);
      const z = problemText(zh, problem);
      expect(z).not.toBe(c.message);
      expect(z).not.toMatch(/\{\{/);
    });
  }
  it('the significance level is a parameter', () => {
    expect(modelChoice({ lm: lm(0.03, 0.3, 0.03, 0.5), alpha: 0.01 }).model).toBe('ols');
    expect(modelChoice({ lm: lm(0.03, 0.3, 0.03, 0.5), alpha: 0.05 }).model).toBe('sar');
  });
});

describe('effects of the models without ρ and the draws', () => {
  const input = producInput();
  it('SEM: direct = β, indirect = 0; SDEM and SLX: direct = β, indirect = θ (row-standardised W, zero diagonal)', () => {
    for (const model of ['sem', 'sdem', 'slx'] as const) {
      const f = fitSpatialPanel(input, { model, effects: 'twoways' });
      const e = spatialEffects(f, input.w);
      expect(e.method).toBe('delta');
      expect(e.traces.method).toBe('none');
      e.effects.forEach((x, j) => {
        const beta = f.coefficients[j];
        const theta = f.coefficients.find((c) => c.name === `W*${x.name}`);
        expect(x.direct.estimate).toBeCloseTo(beta.estimate, 12);
        expect(x.direct.se).toBeCloseTo(beta.se, 9);
        expect(x.indirect.estimate).toBeCloseTo(theta ? theta.estimate : 0, 12);
        if (theta) expect(x.indirect.se).toBeCloseTo(theta.se, 9);
      });
    }
  });
  it('progress is reported every 100 draws and a CancelledError stops them', () => {
    const f = fitSpatialPanel(input, { model: 'sar', effects: 'twoways' });
    const seen: number[] = [];
    spatialEffects(f, input.w, { draws: 250 }, (done, total) => { seen.push(done); expect(total).toBe(250); });
    expect(seen).toEqual([100, 200, 250]);
    expect(() => spatialEffects(f, input.w, { draws: 1000 }, (done) => { if (done >= 300) throw new CancelledError(); })).toThrow(CancelledError);
  });
});

describe('region effects: the power-series route equals the eigenvector route', () => {
  it('Produc two-way SDM, log(pc): W treated as general (series) vs symmetric-similar (eigenvectors)', () => {
    const input = producInput();
    const a = fitSpatialPanel(input, { model: 'sdm', effects: 'twoways' });
    const b = fitSpatialPanel({ ...input, symmetricSimilar: false }, { model: 'sdm', effects: 'twoways' });
    expect(b.logDet?.method).toBe('eigen-general');
    const ra = regionEffects(a, input.w, 'log_pc', { draws: 300, seed: 4 });
    const rb = regionEffects(b, input.w, 'log_pc', { draws: 300, seed: 4 });
    for (const k of ['direct', 'received', 'emitted', 'directSe', 'receivedSe', 'emittedSe'] as const) {
      for (let i = 0; i < input.n; i++) expect(Math.abs(ra[k][i] - rb[k][i])).toBeLessThan(1e-10);
    }
  });
});

describe('stackPanel', () => {
  it('stacks long rows time-major with regions in W order, whatever the row order', () => {
    const { ids, w } = producW();
    const regions = ids.slice(0, 3);
    const rows = [['b', 2], ['a', 1], ['c', 2], ['a', 2], ['c', 1], ['b', 1]] as const;
    const wSmall = w.principalSubmatrix([0, 1, 2]);
    const p = stackPanel({
      regionIds: ['a', 'b', 'c'], ids: rows.map((r) => r[0]), times: rows.map((r) => r[1]), yName: 'y',
      y: rows.map((r) => r[0].charCodeAt(0) * 10 + r[1]), x: [{ name: 'x', values: rows.map((r) => r[1]) }], w: wSmall,
    });
    expect(regions.length).toBe(3);
    expect(p.n).toBe(3);
    expect(p.T).toBe(2);
    expect([...p.times]).toEqual([1, 2]);
    expect([...p.y]).toEqual([971, 981, 991, 972, 982, 992]);
  });
});
