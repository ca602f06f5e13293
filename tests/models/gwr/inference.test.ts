import { describe, expect, it } from 'vitest';
import { ALGEBRA_TOL } from '../../tolerances';
import { allRows, fitBlock, fitGtwr } from '../../../src/models/gwr/fit';
import { leungMeiZhangF, monteCarloTest } from '../../../src/models/gwr/inference';
import { createRng } from '../../../src/core/random';
import { fCdf } from '../../../src/stats/distributions';
import { problemOf, reference } from './produc-fixture';

const ref = reference();
const c = ref.cases.gwr1986_bisquare_adaptive_kopt;
const problem = problemOf(ref, c.obs_index);
const spec = { kernel: 'bisquare' as const, adaptive: true, bandwidth: 39, tau: 0 };

describe('Leung–Mei–Zhang F1 test', () => {
  it('δ₁ = edf and δ₂ = tr(R²), R = (I − S)ᵀ(I − S), equal a dense computation on n = 48', () => {
    const fit = fitGtwr(problem, spec);
    const t = leungMeiZhangF(problem, spec, fit);
    expect(t).not.toBeNull();
    const n = problem.design.n;
    // dense S from the kept hat rows, then R and tr(R²) by definition
    const hat = fitBlock(problem, spec, allRows(n), { keepHat: true }).hat!;
    const M = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
    for (let i = 0; i < n; i++) for (let q = hat.start[i]; q < hat.start[i + 1]; q++) M[i][hat.col[q]] -= hat.value[q];
    const R = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => { let s = 0; for (let k = 0; k < n; k++) s += M[k][i] * M[k][j]; return s; }));
    let d1 = 0, d2 = 0;
    for (let i = 0; i < n; i++) { d1 += R[i][i]; for (let j = 0; j < n; j++) d2 += R[i][j] * R[j][i]; }
    expect(Math.abs(t!.delta1 - d1) / d1).toBeLessThan(ALGEBRA_TOL);
    expect(Math.abs(t!.delta1 - fit.diagnostics.edf) / d1).toBeLessThan(ALGEBRA_TOL);
    expect(Math.abs(t!.delta2 - d2) / d2).toBeLessThan(ALGEBRA_TOL);
    expect(t!.f).toBeCloseTo((fit.diagnostics.rss / d1) / (fit.ols.rss / (n - 5)), 12);
    expect(t!.p).toBeCloseTo(fCdf(t!.f, d1 * d1 / d2, n - 5), 12);
    // the GWR clearly improves on OLS on Produc 1986: F1 < 1
    expect(t!.f).toBeLessThan(1);
  });
});

describe('Monte Carlo non-stationarity test', () => {
  it('is reproducible from its seed and gives p in (0, 1]', () => {
    const fit = fitGtwr(problem, spec);
    const a = monteCarloTest(problem, problemPoints(), fit, { replications: 19, rng: createRng(7) });
    const b = monteCarloTest(problem, problemPoints(), fit, { replications: 19, rng: createRng(7) });
    expect(a.coefficients.map((x) => x.p)).toEqual(b.coefficients.map((x) => x.p));
    expect(a.replications).toBe(19);
    for (const x of a.coefficients) { expect(x.p).toBeGreaterThanOrEqual(1 / 20); expect(x.p).toBeLessThanOrEqual(1); }
  });
});

function problemPoints() {
  const D = ref.data;
  const location = Int32Array.from(c.obs_index.map((k) => D.states.indexOf(D.obs.state[k - 1])));
  const time = Float64Array.from(c.obs_index.map((k) => D.obs.year[k - 1]));
  return { location, time, x: Float64Array.from(D.centroid_lon), y: Float64Array.from(D.centroid_lat), lonLat: true };
}
