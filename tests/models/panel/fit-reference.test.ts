/**
 * Panel estimators against reference software on Munnell's produc data
 * (y = log(gsp); x = log(pcap), log(pc), log(emp), unemp; ids state_name, time year).
 * Fixtures: tests/fixtures/reference/produc_reference.json (scripts/reference/produc-reference.R
 * `xtreg_fe_cluster` = Stata's `xtreg y x i.year, fe vce(cluster state)`) and
 * tests/fixtures/plm/produc_panel.json (written by scripts/reference/panel_plm.R; the R call of
 * each value is named below and in the JSON's `call` fields).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitPanel, hausmanTest } from '../../../src/models/panel/index';
import type { PanelFit, SeType } from '../../../src/models/panel/types';
import { maxRelErr, relErr, RTOL } from '../../tolerances';
import { producDesign, X_NAMES } from '../../helpers/produc';
import { producReference } from '../../helpers/paths';

interface Shared { fe_twoways: { beta: number[]; se_cluster_stata: number[]; within_r2: number } }
const shared = producReference<Shared>();
interface XtregRef { beta: number[]; se_cluster_stata: number[]; r2_within_stata: number; r2_overall: number }
type Rec = Record<string, unknown> & { beta: number[]; xtreg?: XtregRef };
const ref = JSON.parse(readFileSync(new URL('../../fixtures/plm/produc_panel.json', import.meta.url), 'utf8')) as Record<string, Rec>;
const num = (r: Rec, key: string): number => r[key] as number;
const arr = (r: Rec, key: string): number[] => r[key] as number[];

const design = producDesign();
const unbalanced = producDesign((_r, i) => i % 13 !== 7); // same rows as panel_plm.R: (r %% 13) != 7 dropped
const est = (f: PanelFit): number[] => f.coefficients.map((c) => c.estimate);
const ses = (f: PanelFit): number[] => f.coefficients.map((c) => c.se);
const fe = (effects: 'individual' | 'time' | 'twoways', se: SeType, d = design): PanelFit => fitPanel(d, { model: 'fe', effects, se });

describe('two-way FE with Stata cluster SEs: shared reference fe_twoways', () => {
  // ref_produc.R: fe2_cluster(y, X, id, tt) = xtreg log(gsp) x i.year, fe vce(cluster state)
  const fit = fe('twoways', 'cluster');
  it('coefficients, cluster SEs and within R² to RTOL', () => {
    expect(fit.coefficients.map((c) => c.name)).toEqual(X_NAMES);
    expect(maxRelErr(est(fit), shared.fe_twoways.beta)).toBeLessThan(RTOL);
    expect(maxRelErr(ses(fit), shared.fe_twoways.se_cluster_stata)).toBeLessThan(RTOL);
    expect(relErr(fit.r2Within as number, shared.fe_twoways.within_r2)).toBeLessThan(RTOL);
  });
  it('counts and the Stata small-sample K (4 slopes + 16 year dummies + constant)', () => {
    expect([fit.nObs, fit.nGroups, fit.nPeriods, fit.nClusters, fit.k]).toEqual([816, 48, 17, 48, 4]);
    expect(fit.clusterK).toBe(4 + 17);
    expect(fit.dfResid).toBe(816 - 48 - 17 + 1 - 4);
    expect(fit.pValueDf).toBe(47);
    // overall R² = cor(y, X b)^2 as Stata (panel_plm.R xtreg_twoway)
    expect(relErr(fit.r2Overall, (ref.fe_twoways.xtreg as XtregRef).r2_overall)).toBeLessThan(RTOL);
  });
});

describe('two-way FE, balanced: plm(f, model="within", effect="twoways")', () => {
  const r = ref.fe_twoways;
  it('beta, classical SE (vcov), F test and plm R²', () => {
    const f = fe('twoways', 'classical');
    expect(maxRelErr(est(f), r.beta)).toBeLessThan(RTOL);
    expect(maxRelErr(ses(f), arr(r, 'se_classical'))).toBeLessThan(RTOL);
    expect(f.dfResid).toBe(num(r, 'df_resid'));
    expect(relErr(f.r2Transformed, num(r, 'r2_within_plm'))).toBeLessThan(RTOL);
    // summary(plm)$fstatistic
    expect(relErr(f.fTest.statistic, num(r, 'f_statistic'))).toBeLessThan(RTOL);
    expect([f.fTest.df1, f.fTest.df2]).toEqual(arr(r, 'f_df'));
  });
  it('HC1: vcovHC(method="white1", type="HC1")', () => {
    expect(maxRelErr(ses(fe('twoways', 'hc1')), arr(r, 'se_hc1'))).toBeLessThan(RTOL);
  });
  it('Driscoll–Kraay: vcovSCC(type="HC0", maxlag=2), default lag floor(4(17/100)^(2/9)) = 2', () => {
    const f = fe('twoways', 'driscoll-kraay');
    expect(f.dkLag).toBe(2);
    expect(maxRelErr(ses(f), arr(r, 'se_dk'))).toBeLessThan(RTOL);
  });
});

describe('individual FE: plm(f, model="within", effect="individual")', () => {
  const r = ref.fe_individual;
  it('beta, classical SE, within R², overall R², F', () => {
    const f = fe('individual', 'classical');
    expect(maxRelErr(est(f), r.beta)).toBeLessThan(RTOL);
    expect(maxRelErr(ses(f), arr(r, 'se_classical'))).toBeLessThan(RTOL);
    expect(relErr(f.r2Within as number, num(r, 'r2_within'))).toBeLessThan(RTOL);
    expect(relErr(f.r2Overall, num(r, 'r2_overall'))).toBeLessThan(RTOL); // cor(y, X b)^2
    expect(relErr(f.rss, num(r, 'rss'))).toBeLessThan(RTOL);
    expect(relErr(f.fTest.statistic, num(r, 'f_statistic'))).toBeLessThan(RTOL);
    expect(f.dfResid).toBe(num(r, 'df_resid'));
    expect(f.absorbed).toBe(48);
  });
  it('HC1: vcovHC(method="white1", type="HC1")', () => {
    expect(maxRelErr(ses(fe('individual', 'hc1')), arr(r, 'se_hc1'))).toBeLessThan(RTOL);
  });
  it('cluster: xtreg, fe vce(cluster state) formula, K = 4 + 1', () => {
    const f = fe('individual', 'cluster');
    expect(f.clusterK).toBe(5);
    expect(maxRelErr(ses(f), arr(r, 'se_cluster_stata'))).toBeLessThan(RTOL);
  });
  it('Driscoll–Kraay: vcovSCC(type="HC0", maxlag=2)', () => {
    expect(maxRelErr(ses(fe('individual', 'driscoll-kraay')), arr(r, 'se_dk'))).toBeLessThan(RTOL);
  });
});

describe('time FE: plm(f, model="within", effect="time")', () => {
  it('beta, classical SE, R², df', () => {
    const r = ref.fe_time;
    const f = fe('time', 'classical');
    expect(maxRelErr(est(f), r.beta)).toBeLessThan(RTOL);
    expect(maxRelErr(ses(f), arr(r, 'se_classical'))).toBeLessThan(RTOL);
    expect(relErr(f.r2Within as number, num(r, 'r2_within'))).toBeLessThan(RTOL);
    expect(f.dfResid).toBe(num(r, 'df_resid'));
  });
});

describe('pooled OLS: plm(f, model="pooling")', () => {
  const r = ref.pooled;
  it('beta, classical SE, R², RSS', () => {
    const f = fitPanel(design, { model: 'pooled', effects: 'none', se: 'classical' });
    expect(f.coefficients.map((c) => c.name)).toEqual(arr(r, 'names'));
    expect(maxRelErr(est(f), r.beta)).toBeLessThan(RTOL);
    expect(maxRelErr(ses(f), arr(r, 'se_classical'))).toBeLessThan(RTOL);
    expect(relErr(f.r2Overall, num(r, 'r2'))).toBeLessThan(RTOL);
    expect(relErr(f.r2Transformed, num(r, 'r2'))).toBeLessThan(RTOL);
    expect(relErr(f.rss, num(r, 'rss'))).toBeLessThan(RTOL);
    expect(f.dfResid).toBe(num(r, 'df_resid'));
    expect(f.r2Within).toBeNull();
  });
  it('HC1: vcovHC(method="white1", type="HC1") = N/(N−5) White', () => {
    const f = fitPanel(design, { model: 'pooled', effects: 'none', se: 'hc1' });
    expect(maxRelErr(ses(f), arr(r, 'se_hc1'))).toBeLessThan(RTOL);
  });
});

describe('random effects: plm(f, model="random", random.method="swar")', () => {
  const r = ref.re_swar;
  const re = fitPanel(design, { model: 're', effects: 'individual', se: 'classical' });
  it('beta, SE, θ, variance components, R²', () => {
    expect(re.coefficients.map((c) => c.name)).toEqual(arr(r, 'names'));
    expect(maxRelErr(est(re), r.beta)).toBeLessThan(RTOL);
    expect(maxRelErr(ses(re), arr(r, 'se_classical'))).toBeLessThan(RTOL);
    expect(relErr(re.theta as number, num(r, 'theta'))).toBeLessThan(RTOL); // ercomp(re)$theta
    expect(relErr(re.sigma2, num(r, 'sigma2_idios'))).toBeLessThan(RTOL);
    expect(relErr(re.sigma2Individual as number, num(r, 'sigma2_individual'))).toBeLessThan(RTOL);
    expect(relErr(re.r2Transformed, num(r, 'r2'))).toBeLessThan(RTOL); // r.squared(re)
    expect(re.pValueDf).toBeNull(); // z tests as plm
  });
  it('Hausman: phtest(plm(f, model="within"), plm(f, model="random"))', () => {
    const h = hausmanTest(fe('individual', 'classical'), re);
    const hr = ref.hausman;
    expect(relErr(h.statistic, num(hr, 'statistic'))).toBeLessThan(RTOL);
    expect(h.df).toBe(num(hr, 'df'));
    expect(relErr(h.p, num(hr, 'p'))).toBeLessThan(RTOL);
  });
});

describe('unbalanced panel (rows with index %% 13 == 7 dropped)', () => {
  it.each(['projections', 'exact'] as const)('two-way FE (%s): plm(f, U, model="within", effect="twoways")', (twoWayMethod) => {
    const r = ref.fe_twoways_unbalanced;
    const f = fitPanel(unbalanced, { model: 'fe', effects: 'twoways', se: 'classical', twoWayMethod });
    expect(f.balanced).toBe(false);
    expect(f.nObs).toBe(num(r, 'n_obs'));
    expect(maxRelErr(est(f), r.beta)).toBeLessThan(RTOL);
    expect(maxRelErr(ses(f), arr(r, 'se_classical'))).toBeLessThan(RTOL);
    expect(f.dfResid).toBe(num(r, 'df_resid'));
    expect(relErr(f.r2Transformed, num(r, 'r2_within_plm'))).toBeLessThan(RTOL);
  });
  it('two-way FE HC1 and Driscoll–Kraay: vcovHC(method="white1", type="HC1"), vcovSCC(type="HC0", maxlag=2) on U', () => {
    const r = ref.fe_twoways_unbalanced;
    expect(maxRelErr(ses(fe('twoways', 'hc1', unbalanced)), arr(r, 'se_hc1'))).toBeLessThan(RTOL);
    expect(maxRelErr(ses(fe('twoways', 'driscoll-kraay', unbalanced)), arr(r, 'se_dk'))).toBeLessThan(RTOL);
  });
  it('two-way FE cluster SEs: xtreg y x i.year, fe vce(cluster state) formula on U', () => {
    const x = ref.fe_twoways_unbalanced.xtreg as XtregRef;
    const f = fe('twoways', 'cluster', unbalanced);
    expect(maxRelErr(est(f), x.beta)).toBeLessThan(RTOL);
    expect(maxRelErr(ses(f), x.se_cluster_stata)).toBeLessThan(RTOL);
    expect(relErr(f.r2Within as number, x.r2_within_stata)).toBeLessThan(RTOL);
  });
  it('individual FE: plm(f, U, model="within", effect="individual")', () => {
    const r = ref.fe_individual_unbalanced;
    const f = fe('individual', 'classical', unbalanced);
    expect(maxRelErr(est(f), r.beta)).toBeLessThan(RTOL);
    expect(maxRelErr(ses(f), arr(r, 'se_classical'))).toBeLessThan(RTOL);
    expect(relErr(f.r2Within as number, num(r, 'r2_within'))).toBeLessThan(RTOL);
  });
  it('random effects Swamy–Arora: plm(f, U, model="random", random.method="swar")', () => {
    const r = ref.re_swar_unbalanced;
    const f = fitPanel(unbalanced, { model: 're', effects: 'individual', se: 'classical' });
    expect(maxRelErr(est(f), r.beta)).toBeLessThan(RTOL);
    expect(maxRelErr(ses(f), arr(r, 'se_classical'))).toBeLessThan(RTOL);
    expect(relErr(f.sigma2, num(r, 'sigma2_idios'))).toBeLessThan(RTOL);
    expect(relErr(f.sigma2Individual as number, num(r, 'sigma2_individual'))).toBeLessThan(RTOL);
    expect(new Set(f.thetaByGroup).size).toBeGreaterThan(1); // θᵢ differs with Tᵢ
  });
});
