import { describe, expect, test } from 'vitest';
import { Matrix, inverse } from 'ml-matrix';
import { CHINA_DEMO_DGP, simulateChinaDemoPanel } from '../../src/samples/china-demo';
import { denseMatVec } from '../../src/models/simulate/dense';

/**
 * The demonstration panel must let an analyst see its parameters: with the true ρ,
 * (I − ρW)y = Xβ + WXθ + μ + λ + ε, so two-way demeaned OLS of (I − ρW)y on [X, WX] is an
 * unbiased estimator of (β, θ). Each estimate must lie within 4 standard errors of the truth
 * (simulated: a 4-SE band fails with probability ≈ 1e-4 per coefficient), and the digital
 * effect must be clearly visible (t > 4).
 */
describe('China demo panel identifies its parameters', () => {
  test('two-way within OLS on (I − ρW)y recovers β and θ', () => {
    const a = simulateChinaDemoPanel();
    const n = 31, T = 15, v = a.panel.values, rho = CHINA_DEMO_DGP.rho;
    const names = Object.keys(CHINA_DEMO_DGP.beta);
    const col = (name: string, k: number): number => (name === 'log(pgdp)' ? Math.log(v.pgdp[k]) : v[name][k]);
    // Columns per period, then W-lags, stacked region-major like the panel.
    const cols: Float64Array[] = [];
    const wcols: Float64Array[] = [];
    for (const name of names) {
      const x = new Float64Array(n * T), wx = new Float64Array(n * T);
      for (let t = 0; t < T; t++) {
        const xt = Float64Array.from({ length: n }, (_, i) => col(name, i * T + t));
        const l = denseMatVec(a.w, n, xt);
        for (let i = 0; i < n; i++) { x[i * T + t] = xt[i]; wx[i * T + t] = l[i]; }
      }
      cols.push(x); wcols.push(wx);
    }
    const ystar = new Float64Array(n * T);
    for (let t = 0; t < T; t++) {
      const yt = Float64Array.from({ length: n }, (_, i) => v.resilience[i * T + t]);
      const wy = denseMatVec(a.w, n, yt);
      for (let i = 0; i < n; i++) ystar[i * T + t] = yt[i] - rho * wy[i];
    }
    const demean = (x: Float64Array): number[] => {
      const ri = new Float64Array(n), ct = new Float64Array(T);
      let all = 0;
      for (let i = 0; i < n; i++) for (let t = 0; t < T; t++) { const z = x[i * T + t]; ri[i] += z / T; ct[t] += z / n; all += z / (n * T); }
      return Array.from(x, (z, k) => z - ri[Math.floor(k / T)] - ct[k % T] + all);
    };
    const Xd = [...cols, ...wcols].map(demean);
    const X = new Matrix(n * T, Xd.length);
    Xd.forEach((c, j) => c.forEach((z, r) => X.set(r, j, z)));
    const y = Matrix.columnVector(demean(ystar));
    const xtxInv = inverse(X.transpose().mmul(X));
    const b = xtxInv.mmul(X.transpose().mmul(y));
    const resid = y.clone().sub(X.mmul(b));
    const dof = n * T - n - T + 1 - Xd.length;
    const s2 = resid.transpose().mmul(resid).get(0, 0) / dof;
    const truth = [...names.map((k) => CHINA_DEMO_DGP.beta[k]), ...names.map((k) => CHINA_DEMO_DGP.theta[k])];
    truth.forEach((beta, j) => {
      const se = Math.sqrt(s2 * xtxInv.get(j, j));
      const label = j < names.length ? names[j] : `W*${names[j - names.length]}`;
      expect(Math.abs(b.get(j, 0) - beta) / se, label).toBeLessThan(4);
    });
    expect(b.get(0, 0) / Math.sqrt(s2 * xtxInv.get(0, 0))).toBeGreaterThan(4); // digital
    expect(Math.abs(Math.sqrt(s2) / CHINA_DEMO_DGP.sigma - 1)).toBeLessThan(0.15);
  });
});
