import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { CancelledError } from '../../../src/core/errors';
import { createRng } from '../../../src/core/random';
import { chowTest, fitByGroup, medianSplit, permutationGapTest, permutationGapTestAsync } from '../../../src/models/heterogeneity';
import type { FitOptions, PanelDesign } from '../../../src/models/panel/types';
import { RTOL } from '../../tolerances';
import { producDesign } from '../../helpers/produc';

// Reference values: Rscript tests/models/heterogeneity/ref-heterogeneity.R (plm 2.6, R 4.x)
interface Wald { F: number; df1: number; df2: number; p: number; diff: number[]; se: number[] }
const ref = JSON.parse(readFileSync(new URL('./ref-heterogeneity.json', import.meta.url), 'utf8')) as {
  median_state_mean_unemp: number; n_high_states: number;
  fe2_High: { beta: number[]; se_classical: number[]; n: number };
  fe2_Low: { beta: number[]; se_classical: number[]; n: number };
  chow_fe2_classical: Wald; chow_fe2_cluster: Wald; chow_fe1_pooled_split: Wald & { median: number; n_high: number };
};

function expectClose(actual: readonly number[], expected: readonly number[], rtol = RTOL): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => expect(Math.abs(a - expected[i])).toBeLessThanOrEqual(rtol * Math.abs(expected[i]) + 1e-12));
}

const d = producDesign();
const twowaysClassical: FitOptions = { model: 'fe', effects: 'twoways', se: 'classical' };

describe('medianSplit', () => {
  test('by region means: the median of the 48 state means of unemp, 24 states High', () => {
    const s = medianSplit(d.unemp, d.ids);
    expect(s.basis).toBe('region-mean');
    expectClose([s.median], [ref.median_state_mean_unemp]); // R: median(tapply(unemp, state, mean))
    expect(new Set(d.ids.filter((_, i) => s.labels[i] === 'High')).size).toBe(ref.n_high_states);
  });
  test('pooled: median over all 816 observations, 405 above it', () => {
    const s = medianSplit(d.unemp, d.ids, 'pooled');
    expect(s.median).toBe(ref.chow_fe1_pooled_split.median); // R: median(unemp) = 6.2
    expect(s.labels.filter((l) => l === 'High').length).toBe(ref.chow_fe1_pooled_split.n_high);
  });
  test('missing values get no group; an all-missing variable is refused', () => {
    const v = Float64Array.from([1, Number.NaN, 3, 4]);
    expect(medianSplit(v, ['a', 'a', 'b', 'c'], 'pooled').labels).toEqual(['Low', '', 'Low', 'High']);
    expect(() => medianSplit(Float64Array.from([Number.NaN]), ['a'], 'pooled', 'gdp'))
      .toThrow('Cannot split at the median of gdp: it has no non-missing values.');
  });
});

describe('fitByGroup', () => {
  const labels = medianSplit(d.unemp, d.ids).labels;
  test('each group matches plm(within, twoways) on the sub-sample', () => {
    const fits = fitByGroup(d, labels, twowaysClassical, ['High', 'Low']);
    expect(fits.map((f) => f.group)).toEqual(['High', 'Low']);
    for (const [f, r] of [[fits[0], ref.fe2_High], [fits[1], ref.fe2_Low]] as const) {
      expect(f.fit.nObs).toBe(r.n);
      expectClose(f.fit.coefficients.map((c) => c.estimate), r.beta);
      expectClose(f.fit.coefficients.map((c) => c.se), r.se_classical);
    }
  });
  test('a group with no more observations than parameters is named', () => {
    const tiny = d.ids.map((id) => (id === 'Alabama' ? 'Tiny' : 'Rest'));
    // Alabama alone: 17 observations, 4 slopes + 1 + 17 − 1 two-way effects = 21 parameters
    expect(() => fitByGroup(d, tiny, twowaysClassical, ['Rest', 'Tiny'])).toThrow(
      'Group "Tiny" has 17 observations but the model estimates 21 parameters (4 regressors plus intercept/fixed effects); it needs more observations than parameters.');
    const oneYear = d.ids.map((id, i) => (id === 'Alabama' && d.times[i] < 1974 ? 'Tiny' : ''));
    expect(() => fitByGroup(d, oneYear, { model: 'fe', effects: 'individual', se: 'classical' })).toThrow(
      'Group "Tiny" has 4 observations but the model estimates 5 parameters (4 regressors plus intercept/fixed effects); it needs more observations than parameters.');
  });
  test('unknown group names the groups present', () => {
    expect(() => fitByGroup(d, labels, twowaysClassical, ['High', 'East'])).toThrow(
      'No observations in group(s) "East"; groups present: "High", "Low".');
  });
});

describe('chowTest', () => {
  const labels = medianSplit(d.unemp, d.ids).labels;
  test('classical SEs, two-way FE: Wald F on D×x equals plm + manual Wald', () => {
    const c = chowTest(d, labels, 'High', 'Low', twowaysClassical);
    const r = ref.chow_fe2_classical;
    expect(c.dummyIncluded).toBe(false); // the state FE absorb a state-level dummy
    expect([c.df1, c.df2]).toEqual([r.df1, r.df2]);
    expectClose([c.statistic, c.p], [r.F, r.p]);
    expectClose(c.gaps.map((g) => g.diff), r.diff);
    expectClose(c.gaps.map((g) => g.se), r.se);
  });
  test('cluster SEs (Stata convention): F(q, G − 1)', () => {
    const c = chowTest(d, labels, 'High', 'Low', { ...twowaysClassical, se: 'cluster' });
    const r = ref.chow_fe2_cluster;
    expect([c.df1, c.df2]).toEqual([r.df1, r.df2]);
    expectClose(c.gaps.map((g) => g.se), r.se);
    expectClose([c.statistic, c.p], [r.F, r.p]);
  });
  test('an observation-level split under one-way FE keeps the dummy itself', () => {
    const pooled = medianSplit(d.unemp, d.ids, 'pooled').labels;
    const three: PanelDesign = { ...d, X: d.X.slice(0, 3), names: d.names.slice(0, 3) };
    const c = chowTest(three, pooled, 'High', 'Low', { model: 'fe', effects: 'individual', se: 'classical' });
    const r = ref.chow_fe1_pooled_split;
    expect(c.dummyIncluded).toBe(true);
    expect(c.fit.coefficients.map((x) => x.name)).toContain('[High]');
    expect([c.df1, c.df2]).toEqual([r.df1, r.df2]);
    expectClose([c.statistic, c.p], [r.F, r.p]);
    expectClose(c.gaps.map((g) => g.diff), r.diff);
  });
  test('bad groups and coefficients are refused with clear messages', () => {
    expect(() => chowTest(d, labels, 'High', 'High', twowaysClassical)).toThrow('The Chow test needs two different groups, got "High" twice.');
    expect(() => chowTest(d, labels, 'High', 'East', twowaysClassical)).toThrow('No observations in group "East".');
    expect(() => chowTest(d, labels, 'High', 'Low', twowaysClassical, ['gdp'])).toThrow('Cannot test "gdp": not a regressor (regressors: log(pcap), log(pc), log(emp), unemp).');
  });
});

describe('permutationGapTest', () => {
  const labels = medianSplit(d.unemp, d.ids).labels;
  test('observed gap is High − Low of the sub-sample fits; same seed, same result; seed stored', () => {
    const a = permutationGapTest(d, labels, 'High', 'Low', twowaysClassical, { permutations: 40, seed: 7 });
    const b = permutationGapTest(d, labels, 'High', 'Low', twowaysClassical, { permutations: 40, seed: 7 });
    expect(a).toEqual(b);
    expect(a.seed).toBe(7);
    expect([a.nRegionsA, a.nRegionsB]).toEqual([24, 24]);
    // plm group fits (ref-heterogeneity.R): gap = beta_High - beta_Low
    expectClose(a.gaps.map((g) => g.gap), ref.fe2_High.beta.map((x, j) => x - ref.fe2_Low.beta[j]));
    for (const g of a.gaps) {
      expect(g.p).toBe((g.extreme + 1) / (a.valid + 1));
      expect(g.extreme).toBeLessThanOrEqual(a.valid);
    }
    const c = permutationGapTest(d, labels, 'High', 'Low', twowaysClassical, { permutations: 40, seed: 8 });
    expect(c.gaps.map((g) => g.extreme)).not.toEqual(a.gaps.map((g) => g.extreme));
  });
  test('a real slope gap gives the smallest attainable p; no gap does not', () => {
    // 30 regions × 8 periods, y = b_g·x + e with b = 1 in A and 0 in B (noise sd 0.1)
    const rng = createRng(3);
    const ids: string[] = [], times: number[] = [], x: number[] = [], yv: number[] = [], lab: string[] = [], y0: number[] = [];
    for (let i = 0; i < 30; i++) for (let t = 0; t < 8; t++) {
      const xv = rng.normal(), e = 0.1 * rng.normal();
      ids.push(`r${i}`); times.push(t); x.push(xv); lab.push(i < 15 ? 'A' : 'B');
      yv.push((i < 15 ? 1 : 0) * xv + e); y0.push(0.5 * xv + e);
    }
    const des: PanelDesign = { y: Float64Array.from(yv), X: [Float64Array.from(x)], names: ['x'], ids, times };
    const r = permutationGapTest(des, lab, 'A', 'B', twowaysClassical, { permutations: 99, seed: 1 });
    expect(r.valid).toBe(99);
    expect(r.gaps[0].gap).toBeGreaterThan(0.9);
    expect(r.gaps[0].p).toBe(0.01);
    const n = permutationGapTest({ ...des, y: Float64Array.from(y0) }, lab, 'A', 'B', twowaysClassical, { permutations: 99, seed: 1 });
    expect(n.gaps[0].p).toBeGreaterThan(0.05);
  });
  test('progress is reported and an abort cancels the loop', () => {
    const calls: [number, number][] = [];
    permutationGapTest(d, labels, 'High', 'Low', twowaysClassical, { permutations: 5, onProgress: (a, b) => calls.push([a, b]) });
    expect(calls).toEqual([[1, 5], [2, 5], [3, 5], [4, 5], [5, 5]]);
    const ac = new AbortController();
    expect(() => permutationGapTest(d, labels, 'High', 'Low', twowaysClassical, {
      permutations: 50, signal: ac.signal, onProgress: (done) => { if (done === 3) ac.abort(); },
    })).toThrow(CancelledError);
  });
  test('the async variant gives the same result and can be aborted from outside', async () => {
    const sync = permutationGapTest(d, labels, 'High', 'Low', twowaysClassical, { permutations: 12, seed: 11 });
    const asyncResult = await permutationGapTestAsync(d, labels, 'High', 'Low', twowaysClassical, { permutations: 12, seed: 11, sliceMs: 0 });
    expect(asyncResult).toEqual(sync);
    const ac = new AbortController();
    let done = 0;
    const running = permutationGapTestAsync(d, labels, 'High', 'Low', twowaysClassical, {
      permutations: 10_000, seed: 1, sliceMs: 0, signal: ac.signal, onProgress: (k) => { done = k; },
    });
    setTimeout(() => ac.abort(), 50);
    await expect(running).rejects.toBeInstanceOf(CancelledError);
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(10_000);
  });
  test('groups must be region-level; B must be a positive integer', () => {
    const pooled = medianSplit(d.unemp, d.ids, 'pooled').labels;
    expect(() => permutationGapTest(d, pooled, 'High', 'Low', twowaysClassical, { permutations: 5 })).toThrow(
      /^Region "[A-Za-z ]+" has rows in both "High" and "Low"; the permutation test shuffles whole regions/);
    expect(() => permutationGapTest(d, labels, 'High', 'Low', twowaysClassical, { permutations: 0 })).toThrow(
      'The number of permutations must be a positive integer, got 0.');
  });
});
