import { describe, expect, it } from 'vitest';
import { RTOL, maxRelErr, relErr } from '../../tolerances';
import { fitGtwr } from '../../../src/models/gwr/fit';
import { InputError } from '../../../src/core/errors';
import { problemOf, reference, type RefCase } from './produc-fixture';

// Reference: tests/fixtures/reference/gwr_gtwr_produc.json — an independent R implementation
// cross-checked against GWmodel::gwr.basic / gtwr (meta.script); Produc, log(gsp) ~ log(pcap) +
// log(pc) + log(emp) + unemp, state centroids, haversine km, adaptive k counts the focal point.
const ref = reference();

const CASES = ['gwr1986_bisquare_adaptive_k20', 'gwr1986_bisquare_adaptive_kopt', 'gwr1986_gaussian_fixed_h1000', 'gtwr_tau0.5_bisquare_adaptive_k60'];

describe('GTWR / GWR fit against the Produc reference (1e-6 relative)', () => {
  for (const id of CASES) {
    it(id, () => {
      const c: RefCase = ref.cases[id];
      const problem = problemOf(ref, c.obs_index);
      const f = fitGtwr(problem, { kernel: c.kernel, adaptive: c.adaptive, bandwidth: c.bw, tau: c.tau ?? 0 });
      const p = f.names.length;
      expect(f.n).toBe(c.n);
      const flat = (m: number[][]) => m.flat();
      expect(maxRelErr(f.beta, flat(c.beta))).toBeLessThan(RTOL);
      expect(maxRelErr(f.se, flat(c.se))).toBeLessThan(RTOL);
      expect(maxRelErr(f.sii, c.S_ii)).toBeLessThan(RTOL);
      expect(maxRelErr(f.bandwidthLocal, c.bw_local)).toBeLessThan(RTOL);
      expect(maxRelErr(f.yhat, c.yhat)).toBeLessThan(RTOL);
      // residuals are small differences: compare on the scale of y
      for (let i = 0; i < f.n; i++) expect(Math.abs(f.residual[i] - c.resid[i])).toBeLessThan(RTOL * Math.abs(c.yhat[i]));
      const d = f.diagnostics, r = c.diagnostics;
      const pairs: [number, number][] = [
        [d.rss, r.RSS], [d.traceS, r.trS], [d.traceSts, r.trStS], [d.enp, r.enp], [d.edf, r.edf],
        [d.sigma2, r.sigma2], [d.sigma2Ml, r.sigma2_ml], [d.aicc, r.AICc], [d.aic, r.AIC],
        [d.r2, r.R2], [d.adjR2, r.adjR2], [d.cv, r.CV],
      ];
      for (const [a, b] of pairs) expect(relErr(a, b)).toBeLessThan(RTOL);
      expect(p).toBe(5);
    });
  }

  it('the global OLS beside it equals the reference OLS of 1986 (data.ols_1986)', () => {
    const c = ref.cases.gwr1986_bisquare_adaptive_k20;
    const f = fitGtwr(problemOf(ref, c.obs_index), { kernel: 'bisquare', adaptive: true, bandwidth: 20, tau: 0 });
    const ols = (ref.data as unknown as { ols_1986: Record<string, number> }).ols_1986;
    expect(maxRelErr(f.ols.beta, ref.data.X_names.map((k) => ols[k]))).toBeLessThan(RTOL);
  });

  it('t = β/SE, p two-sided on edf, corrected p = min(1, p·trS/p_k) (da Silva & Fotheringham 2016)', () => {
    const c = ref.cases.gwr1986_bisquare_adaptive_kopt;
    const f = fitGtwr(problemOf(ref, c.obs_index), { kernel: 'bisquare', adaptive: true, bandwidth: 39, tau: 0 });
    const factor = f.diagnostics.traceS / 5;
    for (let q = 0; q < f.beta.length; q++) {
      expect(f.t[q]).toBeCloseTo(f.beta[q] / f.se[q], 12);
      expect(f.pCorrected[q]).toBeCloseTo(Math.min(1, f.p[q] * factor), 12);
    }
    expect(f.alphaCorrected).toBeCloseTo(0.05 / factor, 12);
    for (const v of f.localR2) { expect(v).toBeGreaterThan(0.9); expect(v).toBeLessThanOrEqual(1); }
  });

  it('a bandwidth below the workable minimum names the observation and the smallest workable k', () => {
    const c = ref.cases.gwr1986_bisquare_adaptive_k20;
    const problem = problemOf(ref, c.obs_index);
    let err: unknown;
    try { fitGtwr(problem, { kernel: 'bisquare', adaptive: true, bandwidth: 5, tau: 0 }); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(InputError);
    const e = err as InputError;
    expect(e.code).toBe('gwr-singular-local');
    expect(e.message).toMatch(/1986/);
    const minimum = e.details.minimum as number;
    expect(minimum).toBeGreaterThan(5);
    // the minimum works and one less does not
    expect(() => fitGtwr(problem, { kernel: 'bisquare', adaptive: true, bandwidth: minimum, tau: 0 })).not.toThrow();
    expect(() => fitGtwr(problem, { kernel: 'bisquare', adaptive: true, bandwidth: minimum - 1, tau: 0 })).toThrow(InputError);
  });

  it('too few observations for the adaptive kernel is a clear error', () => {
    const c = ref.cases.gwr1986_bisquare_adaptive_k20;
    expect(() => fitGtwr(problemOf(ref, c.obs_index), { kernel: 'bisquare', adaptive: true, bandwidth: 49, tau: 0 }))
      .toThrow(/asks for 49 nearest observations but there are only 48/);
  });
});
