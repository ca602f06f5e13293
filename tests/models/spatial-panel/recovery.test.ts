/**
 * Recovery (property test): panels simulated from a known two-way FE spatial Durbin process
 * (models/simulate/sdm-dgp.ts) on the China geometry — the 31 mainland provinces' capitals
 * (src/samples/china/provinces.ts) with the sample's row-standardised 4-nearest-neighbour W
 * (knnRowStandardised, not symmetric: the general eigen route) and its symmetrised,
 * row-standardised version (the symmetric eigen route) — are fitted back; every estimate of
 * ρ, β, θ must lie within 4.5 standard errors of the truth, for several seeds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/random';
import { CsrMatrix } from '../../../src/linalg/sparse';
import { fitSpatialPanel, spatialEffects } from '../../../src/models/spatial-panel';
import type { SpatialPanelInput } from '../../../src/models/spatial-panel';
import { knnRowStandardised } from '../../../src/models/simulate/dense';
import { simulateSdm } from '../../../src/models/simulate/sdm-dgp';
import { PROVINCES } from '../../../src/samples/china/provinces';

const n = PROVINCES.length;
const T = 15;
const knn = knnRowStandardised(PROVINCES.map((p) => p.capitalLon), PROVINCES.map((p) => p.capitalLat), 4);
/** Symmetrised kNN (i ~ j when either is among the other's 4 nearest), row-standardised. */
const symDense = (() => {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (const j of knn.neighbors[i]) { c[i * n + j] = 1; c[j * n + i] = 1; }
  for (let i = 0; i < n; i++) { let s = 0; for (let j = 0; j < n; j++) s += c[i * n + j]; for (let j = 0; j < n; j++) c[i * n + j] /= s; }
  return c;
})();
const TRUE = { rho: 0.35, beta: { x1: 1, x2: -0.5 }, theta: { x1: 0.6, x2: 0.3 } };

function csr(dense: Float64Array): CsrMatrix {
  const I: number[] = [], J: number[] = [], V: number[] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (dense[i * n + j] !== 0) { I.push(i); J.push(j); V.push(dense[i * n + j]); }
  return CsrMatrix.fromTriplets(n, n, I, J, V);
}

/** One simulated panel, converted from the DGP's region-major layout to time-major. */
function simulate(dense: Float64Array, seed: number): SpatialPanelInput {
  const rng = createRng(seed);
  const x1 = Float64Array.from({ length: n * T }, () => rng.normal());
  const x2 = Float64Array.from({ length: n * T }, () => rng.normal());
  const mu = Float64Array.from({ length: n }, () => 2 * rng.normal());
  const lambda = Float64Array.from({ length: T }, () => rng.normal());
  const out = simulateSdm({ w: dense, n, T, rho: TRUE.rho, x: { x1, x2 }, beta: TRUE.beta, theta: TRUE.theta, mu, lambda, sigma: 0.5, rng });
  const tm = (v: Float64Array): Float64Array => Float64Array.from({ length: n * T }, (_, k) => v[(k % n) * T + Math.floor(k / n)]);
  return {
    n, T, regionIds: PROVINCES.map((p) => p.adcode), times: Array.from({ length: T }, (_, t) => 2008 + t), yName: 'y',
    y: tm(out.y), x: [{ name: 'x1', values: tm(x1) }, { name: 'x2', values: tm(x2) }], w: csr(dense),
  };
}

describe('SDM two-way FE recovers the parameters of simulated China panels', () => {
  for (const [label, dense, method] of [['kNN (general eigen)', knn.data, 'eigen-general'], ['symmetrised kNN (symmetric eigen)', symDense, 'eigen-symmetric']] as const) {
    it(`${label}: ρ, β, θ within 4.5 SE over seeds`, () => {
      fc.assert(fc.property(fc.integer({ min: 1, max: 2 ** 30 }), (seed) => {
        const inp = simulate(dense, seed);
        const f = fitSpatialPanel(inp, { model: 'sdm', effects: 'twoways' });
        expect(f.logDet?.method).toBe(method);
        expect(Math.abs(f.rho!.estimate - TRUE.rho)).toBeLessThan(4.5 * f.rho!.se);
        const truth = [TRUE.beta.x1, TRUE.beta.x2, TRUE.theta.x1, TRUE.theta.x2];
        f.coefficients.forEach((c, j) => expect(Math.abs(c.estimate - truth[j])).toBeLessThan(4.5 * c.se));
        expect(f.coefficients.map((c) => c.name)).toEqual(['x1', 'x2', 'W*x1', 'W*x2']);
        // σ² = e'e/NT is biased down by the absorbed effects (Lee & Yu 2010): about (n−1)(T−1)/(nT) of 0.25
        expect(f.sigma2).toBeGreaterThan(0.25 * 0.6);
        expect(f.sigma2).toBeLessThan(0.25 * 1.4);
      }), { numRuns: 6, seed: 2024 });
    });
  }

  it('average effects equal their true values within sampling error (row-standardised W: total = (β + θ)/(1 − ρ))', () => {
    const inp = simulate(symDense, 99);
    const f = fitSpatialPanel(inp, { model: 'sdm', effects: 'twoways' });
    const e = spatialEffects(f, inp.w, { draws: 1000, seed: 1 });
    const totalTrue = (TRUE.beta.x1 + TRUE.theta.x1) / (1 - TRUE.rho);
    expect(Math.abs(e.effects[0].total.estimate - totalTrue)).toBeLessThan(4.5 * e.effects[0].total.se);
  });
});
