import { describe, expect, it } from 'vitest';
import { RTOL, relErr } from '../../tolerances';
import { scoreBandwidth, searchAdaptive, searchTau } from '../../../src/models/gwr/select';
import { sweepAdaptive } from '../../../src/models/gwr/sweep';
import { problemOf, reference } from './produc-fixture';

// Reference: tests/fixtures/reference/gwr_gtwr_produc.json → searches.gwr1986_bisquare_adaptive
// (exhaustive AICc over k = 10…48 in R: k_opt = 39; CV: k_opt_CV = 38).
const ref = reference();
const s = ref.searches.gwr1986_bisquare_adaptive;
const problem1986 = problemOf(ref, ref.cases.gwr1986_bisquare_adaptive_k20.obs_index);

describe('bandwidth search', () => {
  it('exhaustive AICc over k = 10…48 finds k = 39 and reproduces the AICc profile', () => {
    const r = searchAdaptive(problem1986, { kernel: 'bisquare', tau: 0 }, { kMin: 10, kMax: 48, exhaustive: true });
    expect(r.bandwidth).toBe(s.k_opt);
    expect(r.profile.map((p) => p.bandwidth)).toEqual(s.profile.k);
    s.profile.k.forEach((k, q) => {
      expect(relErr(r.profile[q].score, s.profile.AICc[q])).toBeLessThan(RTOL);
      expect(relErr(r.profile[q].traceS, s.profile.trS[q])).toBeLessThan(RTOL);
    });
  });

  it('the default grid + refinement search finds k = 39 too (fewer evaluations)', () => {
    const r = searchAdaptive(problem1986, { kernel: 'bisquare', tau: 0 }, { grid: 8 });
    expect(r.bandwidth).toBe(39);
    expect(r.evaluations).toBeLessThan(39);
  });

  it('CV finds k = 38 as the reference', () => {
    const r = searchAdaptive(problem1986, { kernel: 'bisquare', tau: 0 }, { kMin: 10, kMax: 48, exhaustive: true, criterion: 'cv' });
    expect(r.bandwidth).toBe(s.k_opt_CV);
    s.profile.k.forEach((k, q) => expect(relErr(r.profile[q].score, s.profile.CV[q])).toBeLessThan(RTOL));
  });

  it('the one-pass sweep (running moment sums) equals direct fits for bisquare, tricube and box-car GTWR', () => {
    const obs = ref.data.obs.year.map((y, i) => ({ y, i })).filter(({ y }) => y >= 1982).map(({ i }) => i + 1);
    const problem = problemOf(ref, obs);
    const ks = [12, 13, 30, 61, 100, 240];
    for (const kernel of ['bisquare', 'tricube', 'boxcar'] as const) {
      const sw = sweepAdaptive(problem, kernel, { tau: 40000 }, ks);
      ks.forEach((k, q) => {
        const direct = scoreBandwidth(problem, { kernel, adaptive: true, bandwidth: k, tau: 40000 }, 'aicc');
        expect(relErr(sw.traceS[q], direct.traceS), `${kernel} k=${k}`).toBeLessThan(1e-9);
        expect(sw.singular[q]).toBe(0);
        const cv = scoreBandwidth(problem, { kernel, adaptive: true, bandwidth: k, tau: 40000 }, 'cv');
        expect(relErr(sw.cv[q], cv.score)).toBeLessThan(1e-9);
      });
    }
  });

  it('τ searched on one period is refused', () => {
    expect(() => searchTau(problem1986, { kernel: 'bisquare', adaptive: true })).toThrow(/single period/);
  });

  it('τ search on Produc 1983–1986 returns its profile and a τ no worse than the grid', () => {
    const obs = ref.data.obs.year.map((y, i) => ({ y, i })).filter(({ y }) => y >= 1983).map(({ i }) => i + 1);
    const problem = problemOf(ref, obs);
    const r = searchTau(problem, { kernel: 'bisquare', adaptive: true }, { tauGrid: 5, grid: 10 });
    expect(r.profile.length).toBeGreaterThan(5);
    for (const p of r.profile) if (Number.isFinite(p.score)) expect(r.search.score).toBeLessThanOrEqual(p.score);
    expect(r.tau).toBeGreaterThan(0);
    // the refinement's inner searches are warm-started; the chosen τ's bandwidth is the full search's
    const full = searchAdaptive(problem, { kernel: 'bisquare', tau: r.tau }, { grid: 10, refineMinima: 1 });
    expect(r.search.bandwidth).toBe(full.bandwidth);
    expect(relErr(r.search.score, full.score)).toBeLessThan(1e-12); // summation order only
    // fixed bandwidths: the warm-started golden sections give a τ no worse than any evaluated one
    const f = searchTau(problem, { kernel: 'bisquare', adaptive: false }, { tauGrid: 5, grid: 10 });
    for (const p of f.profile) if (Number.isFinite(p.score)) expect(f.search.score).toBeLessThanOrEqual(p.score);
    expect(f.profile.length).toBeGreaterThan(5);
  });
});
