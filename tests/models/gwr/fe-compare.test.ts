import { describe, expect, it } from 'vitest';
import { fitGtwr } from '../../../src/models/gwr/fit';
import { gtwrAndOlsSummaries, twoWayFe } from '../../../src/models/gwr/fe-compare';
import { fixturePath, readJsonFile } from '../../helpers/paths';
import { RTOL, maxRelErr, relErr } from '../../tolerances';
import { problemOf, reference } from './produc-fixture';

// The FE column of the GTWR comparison on Produc 1970–1986 (816 observations),
// log(gsp) ~ log(pcap) + log(pc) + log(emp) + unemp with state and year effects.
// References: tests/fixtures/plm/produc_panel.json `fe_twoways` (scripts/reference/panel_plm.R:
// plm(f, model = "within", effect = "twoways"); its `xtreg` block for Stata's within and
// overall R²), and scripts/reference/gtwr-fe-compare.R (R 4.2.2, plm 2.6.2) for the RSS, the
// dummy-variable R² and AIC/AICc with tr S = K = 68 (4 slopes + 48 + 17 − 1 effects).
interface PlmTwoWays {
  beta: number[]; se_classical: number[]; df_resid: number; r2_within_plm: number;
  xtreg: { r2_within_stata: number; r2_overall: number };
}
const plm = readJsonFile<{ fe_twoways: PlmTwoWays }>(fixturePath('plm', 'produc_panel.json')).fe_twoways;
const R = {
  rss: 0.879439996401622, // deviance(plm twoways) = deviance(lm with factor(state) + factor(year))
  K: 68, df: 748,
  r2: 0.998965132024841, // summary(lsdv)$r.squared
  adjR2: 0.998872436631344, // summary(lsdv)$adj.r.squared
  aic: -3191.9258999721, // n ln(RSS/n) + n ln 2π + n + K
  aicc: -3108.9768383099, // n ln(RSS/n) + n ln 2π + n(n + K)/(n − 2 − K)
  r2Within: 0.95357060817005, // 1 − RSS/Σ(y − ȳ_state)², = Stata xtreg y x i.year, fe
  r2Overall: 0.987918016289372, // cor(log(gsp), Xb)²
  olsR2Within: 0.667704720733782, // 1 − RSS_OLS/Σ(y − ȳ_state)²
};

const ref = reference();
const all = ref.cases['gtwr_tau0.5_bisquare_adaptive_k60'].obs_index;
const problem = problemOf(ref, all);
const ids = all.map((k) => ref.data.obs.state[k - 1]);
const times = all.map((k) => ref.data.obs.year[k - 1]);

describe('two-way FE beside GTWR (fe-compare)', () => {
  it('equals plm within twoways on Produc: β, classical SE, df, R² within / overall, RSS, AIC, AICc', () => {
    const r = twoWayFe(problem.design, ids, times);
    if (!r.ok) throw new Error(r.message);
    const { fe } = r;
    expect(fe.names).toEqual(['log_pcap', 'log_pc', 'log_emp', 'unemp']);
    expect(maxRelErr(fe.beta, plm.beta)).toBeLessThan(RTOL);
    expect(maxRelErr(fe.se, plm.se_classical)).toBeLessThan(RTOL);
    expect(fe.summary.edf).toBe(plm.df_resid);
    expect(fe.summary.parameters).toBe(R.K);
    expect(fe.absorbed).toBe(48 + 17 - 1);
    expect(relErr(fe.summary.r2Within, plm.xtreg.r2_within_stata)).toBeLessThan(RTOL);
    expect(relErr(fe.summary.r2Overall, plm.xtreg.r2_overall)).toBeLessThan(RTOL);
    expect(relErr(fe.summary.rss, R.rss)).toBeLessThan(RTOL);
    expect(relErr(fe.summary.sigma2, R.rss / R.df)).toBeLessThan(RTOL);
    expect(relErr(fe.summary.r2, R.r2)).toBeLessThan(RTOL);
    expect(relErr(fe.summary.adjR2, R.adjR2)).toBeLessThan(RTOL);
    expect(relErr(fe.summary.aic, R.aic)).toBeLessThan(RTOL);
    expect(relErr(fe.summary.aicc, R.aicc)).toBeLessThan(RTOL);
  });

  it('puts GTWR and OLS on the same footing: tr S, AICc and R² of the fit, within R² from the same denominator', () => {
    const fit = fitGtwr(problem, { kernel: 'bisquare', adaptive: true, bandwidth: 60, tau: 0.5 });
    const { gtwr, ols } = gtwrAndOlsSummaries(problem.design, ids, fit);
    const d = ref.cases['gtwr_tau0.5_bisquare_adaptive_k60'].diagnostics;
    expect(relErr(gtwr.aicc, d.AICc)).toBeLessThan(RTOL);
    expect(relErr(gtwr.parameters, d.trS)).toBeLessThan(RTOL);
    expect(relErr(ols.rss, 6.29415436395295)).toBeLessThan(RTOL); // plm pooled rss (produc_panel.json)
    expect(ols.parameters).toBe(5);
    expect(relErr(ols.r2Overall, ols.r2)).toBeLessThan(1e-12); // corr(y, Xb)² = R² with an intercept
    expect(relErr(ols.r2Within, R.olsR2Within)).toBeLessThan(RTOL);
    // the GTWR within R² uses the FE's denominator: 1 − RSS_GTWR/Σ(y − ȳ_state)²
    expect(relErr((1 - gtwr.r2Within) / (1 - R.r2Within), d.RSS / R.rss)).toBeLessThan(RTOL);
  });

  it('a cross-section (one year) has no FE comparison; a regressor that varies only by region is named', () => {
    const one = ref.cases['gwr1986_bisquare_adaptive_k20'].obs_index;
    const p1 = problemOf(ref, one);
    const r1 = twoWayFe(p1.design, one.map((k) => ref.data.obs.state[k - 1]), one.map((k) => ref.data.obs.year[k - 1]));
    expect(r1.ok).toBe(false);
    if (!r1.ok) {
      expect(r1.code).toBe('gwr-fe-single-period');
      expect(r1.message).toBe('The two-way fixed-effects comparison needs at least two periods and two regions (the data have periods: 1, regions: 48).');
    }
    // replace unemp by a state-level constant (its 1970 value): absorbed by the state effects
    const d = problem.design;
    const X = Float64Array.from(d.X);
    const first = new Map<string, number>();
    ids.forEach((id, i) => { if (!first.has(id)) first.set(id, d.X[i * d.p + 4]); X[i * d.p + 4] = first.get(id) as number; });
    const r2 = twoWayFe({ ...d, X }, ids, times);
    expect(r2.ok).toBe(false);
    if (!r2.ok) {
      expect(r2.code).toBe('gwr-fe-absorbed');
      expect(r2.message).toBe('The two-way fixed-effects comparison is not shown: "unemp" varies only by region and by period, so the effects absorb it.');
    }
  });
});
