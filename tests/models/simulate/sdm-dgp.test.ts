import { describe, expect, test } from 'vitest';
import { simulateSdm } from '../../../src/models/simulate/sdm-dgp';
import { CHINA_DEMO_DGP, CHINA_DEMO_VARIABLES, simulateChinaDemoPanel } from '../../../src/samples/china-demo';
import { denseMatVec, knnRowStandardised } from '../../../src/models/simulate/dense';
import { createRng } from '../../../src/core/random';
import { PROVINCES } from '../../../src/samples/china/provinces';

describe('simulateSdm', () => {
  const n = 6, T = 3;
  const w = knnRowStandardised([0, 1, 2, 3, 4, 5], [0, 0.5, 0, 0.5, 0, 0.5], 2).data;
  const x1 = Float64Array.from({ length: n * T }, (_, k) => Math.sin(k));
  const base = {
    w, n, T, rho: 0.4, x: { x1 }, beta: { x1: 1.5 }, theta: { x1: -0.5 },
    mu: Float64Array.from([1, 2, 3, 4, 5, 6]), lambda: Float64Array.from([0.1, 0.2, 0.3]), sigma: 0.1,
  };
  test('b = Xβ + WXθ + μ + λ + ε exactly and (I − ρW) y = b to 1e-10', () => {
    const out = simulateSdm({ ...base, rng: createRng(1) });
    for (let t = 0; t < T; t++) {
      const xt = Float64Array.from({ length: n }, (_, i) => x1[i * T + t]);
      const yt = Float64Array.from({ length: n }, (_, i) => out.y[i * T + t]);
      const wx = denseMatVec(w, n, xt), wy = denseMatVec(w, n, yt);
      for (let i = 0; i < n; i++) {
        const k = i * T + t;
        expect(out.b[k]).toBeCloseTo(1.5 * xt[i] - 0.5 * wx[i] + base.mu[i] + base.lambda[t] + out.eps[k], 12);
        expect(Math.abs(yt[i] - 0.4 * wy[i] - out.b[k])).toBeLessThan(1e-10);
      }
    }
  });
  test('σ = 0 gives ε = 0', () => {
    const out = simulateSdm({ ...base, sigma: 0, rng: createRng(1) });
    expect(Array.from(out.eps).every((e) => e === 0)).toBe(true);
  });
  test('bad parameters are refused with clear messages', () => {
    const rng = createRng(1);
    expect(() => simulateSdm({ ...base, rho: 1, rng })).toThrow('rho must lie in (−1, 1), got 1.');
    expect(() => simulateSdm({ ...base, sigma: -1, rng })).toThrow('sigma must be non-negative, got -1.');
    expect(() => simulateSdm({ ...base, mu: new Float64Array(2), rng })).toThrow('mu has 2 values, expected 6.');
    expect(() => simulateSdm({ ...base, lambda: new Float64Array(2), rng })).toThrow('lambda has 2 values, expected 3.');
    expect(() => simulateSdm({ ...base, x: { x1: new Float64Array(3) }, rng })).toThrow('Regressor x1 has 3 values, expected 18.');
    expect(() => simulateSdm({ ...base, beta: { x2: 1 }, rng })).toThrow('Coefficient given for unknown regressor x2.');
  });
});

describe('simulateChinaDemoPanel', () => {
  const a = simulateChinaDemoPanel();
  const n = 31, T = 15;
  test('31 provinces × 2008–2022, region-major sorted by adcode then year', () => {
    expect(a.ids).toEqual(PROVINCES.map((p) => p.adcode));
    expect(a.years).toEqual(Array.from({ length: 15 }, (_, t) => 2008 + t));
    expect(a.panel.ids).toHaveLength(465);
    expect(a.panel.ids[0]).toBe('110000'); expect(a.panel.times[0]).toBe(2008);
    expect(a.panel.ids[15]).toBe('120000'); expect(a.panel.times[464]).toBe(2022);
    expect(a.panel.variables).toEqual([...CHINA_DEMO_VARIABLES]);
  });
  test('deterministic for a seed; another seed gives other numbers', () => {
    const b = simulateChinaDemoPanel();
    for (const v of CHINA_DEMO_VARIABLES) expect(Array.from(b.panel.values[v])).toEqual(Array.from(a.panel.values[v]));
    const c = simulateChinaDemoPanel({ ...CHINA_DEMO_DGP, seed: 7 });
    expect(Array.from(c.panel.values.resilience)).not.toEqual(Array.from(a.panel.values.resilience));
  });
  test('resilience solves (I − ρW) y_t = b_t to 1e-10, and b − Xβ − WXθ − μ − λ has SD ≈ σ', () => {
    const v = a.panel.values, rho = CHINA_DEMO_DGP.rho;
    const regs: Record<string, (k: number) => number> = {
      digital: (k) => v.digital[k], fin_dev: (k) => v.fin_dev[k], industry: (k) => v.industry[k], open: (k) => v.open[k],
      gov: (k) => v.gov[k], urban: (k) => v.urban[k], 'log(pgdp)': (k) => Math.log(v.pgdp[k]),
    };
    let ss = 0;
    for (let t = 0; t < T; t++) {
      const yt = Float64Array.from({ length: n }, (_, i) => v.resilience[i * T + t]);
      const wy = denseMatVec(a.w, n, yt);
      const xb = new Float64Array(n);
      for (const [name, f] of Object.entries(regs)) {
        const xt = Float64Array.from({ length: n }, (_, i) => f(i * T + t));
        const wx = denseMatVec(a.w, n, xt);
        for (let i = 0; i < n; i++) xb[i] += CHINA_DEMO_DGP.beta[name] * xt[i] + CHINA_DEMO_DGP.theta[name] * wx[i];
      }
      for (let i = 0; i < n; i++) {
        expect(Math.abs(yt[i] - rho * wy[i] - a.b[i * T + t])).toBeLessThan(1e-10);
        const e = a.b[i * T + t] - xb[i] - a.mu[i] - a.lambda[t];
        ss += e * e;
      }
    }
    // Simulated: the SD of 465 N(0, σ²) draws is within ±15% of σ = 0.015 (±4.5 standard errors).
    expect(Math.abs(Math.sqrt(ss / (n * T)) / CHINA_DEMO_DGP.sigma - 1)).toBeLessThan(0.15);
  });
  test('every value finite and in a plausible range; pgdp positive and rising on average', () => {
    for (const name of CHINA_DEMO_VARIABLES) for (const x of a.panel.values[name]) expect(Number.isFinite(x)).toBe(true);
    const range = (name: (typeof CHINA_DEMO_VARIABLES)[number]): [number, number] => {
      const s = Array.from(a.panel.values[name]); return [Math.min(...s), Math.max(...s)];
    };
    expect(range('digital')[0]).toBeGreaterThan(0); expect(range('digital')[1]).toBeLessThan(1);
    expect(range('industry')[0]).toBeGreaterThanOrEqual(0.1); expect(range('industry')[1]).toBeLessThanOrEqual(0.7);
    expect(range('urban')[0]).toBeGreaterThanOrEqual(0.2); expect(range('urban')[1]).toBeLessThanOrEqual(0.95);
    expect(range('pgdp')[0]).toBeGreaterThan(5000); expect(range('pgdp')[1]).toBeLessThan(300000);
    expect(range('pop')[0]).toBeGreaterThan(200); expect(range('pop')[1]).toBeLessThan(20000);
    const meanYear = (t: number): number => { let s = 0; for (let i = 0; i < n; i++) s += a.panel.values.pgdp[i * T + t]; return s / n; };
    for (let t = 1; t < T; t++) expect(meanYear(t)).toBeGreaterThan(meanYear(t - 1));
  });
  test('W: Hainan still has 4 neighbours', () => {
    expect(a.neighbors[a.ids.indexOf('460000')]).toHaveLength(4);
  });
});
