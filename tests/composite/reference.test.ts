/**
 * The composite-index engine against our R reference (scripts/reference/composite-reference.R,
 * written out from the textbook formulas in base R; tests/fixtures/reference/composite_reference.json)
 * on the fixed indicator table Produc 1970–1974 (48 states, 240 rows): matched to 1e-9.
 */
import { describe, expect, it } from 'vitest';
import {
  buildIndex, couplingCoordination, cvWeights, criticWeights, entropyWeights, g1Weights, indicatorWeights, martinSensitivity,
  normaliseColumn, obstacleDegree, pcaSummary, pcaWeights, rankCorrelationTable, relativeGrowthResilience, scopeGroups, sdG1Weights,
  topsis, weightedSum, coordinationLevel,
} from '../../src/composite';
import { readProducRows } from '../helpers/produc';
import { indicatorTable, reference } from './composite-fixture';

/** Tolerance of the issue: the reference is matched to 1e-9 (absolute, values are O(1)). */
const TOL = 1e-9;
const ref = reference();
const t = indicatorTable();
const names = t.indicators.map((i) => i.name);
const pooled = scopeGroups(t.times, 'pooled');
const X = t.indicators.map((i) => normaliseColumn(i.values, i.direction, pooled, { method: 'minmax', name: i.name }));

function close(a: ArrayLike<number>, b: readonly (number | null)[], tol = TOL): void {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < b.length; i++) {
    const want = b[i];
    if (want === null) { expect(Number.isNaN(a[i])).toBe(true); continue; }
    worst = Math.max(worst, Math.abs(a[i] - want));
  }
  expect(worst).toBeLessThan(tol);
}

describe('normalisation (R: (x − min)/(max − min), scale(), x/√Σx²)', () => {
  it('min–max, z-score and vector columns match R', () => {
    t.indicators.forEach((ind, j) => {
      close(X[j], ref.minmax[j]);
      close(normaliseColumn(ind.values, ind.direction, pooled, { method: 'zscore' }), ref.zscore[j]);
      close(normaliseColumn(ind.values, ind.direction, pooled, { method: 'vector' }), ref.vector[j]);
    });
  });
});

describe('indicator weights (R reference)', () => {
  it('entropy: e_j and w_j', () => {
    const r = entropyWeights(X, names);
    close(r.weights, ref.entropy.weights);
    close(r.entropy as number[], ref.entropy.e);
  });
  it('CRITIC and coefficient of variation', () => {
    close(criticWeights(X).weights, ref.critic);
    close(cvWeights(X, names).weights, ref.cv);
  });
  it('PCA: first component, variance-explained over λ > 1 (2 retained), KMO and Bartlett', () => {
    close(pcaWeights(X, 'first').weights, ref.pca_first);
    const v = pcaWeights(X, 'variance');
    close(v.weights, ref.pca_variance.weights);
    expect(v.pca?.retained).toBe(ref.pca_variance.retained);
    const s = pcaSummary(X);
    close(s.eigenvalues, ref.pca_variance.eigenvalues);
    expect(Math.abs(s.kmo - ref.kmo)).toBeLessThan(TOL); // KMO by hand as psych::KMO: 0.5707146
    expect(Math.abs(s.bartlett.chisq - ref.bartlett.chisq)).toBeLessThan(1e-9 * ref.bartlett.chisq);
    expect(s.bartlett.df).toBe(10);
    // pchisq(333.27, 10, lower = FALSE) = 1.41e-65; stats/chisqUpperP is 1 − cdf, exact to ~1e-16 absolute
    expect(Math.abs(s.bartlett.p - ref.bartlett.p)).toBeLessThan(1e-15);
  });
  it('G1 (order unemp ≻ gsp/emp ≻ hwy/pcap ≻ pcap/emp ≻ water/pcap, r = 1.2, 1.4, 1.0, 1.6) and its SD-modified form', () => {
    close(g1Weights(names, ref.g1.order, ref.g1.ratios).weights, ref.g1.weights);
    close(sdG1Weights(X, names, ref.g1_sd.order).weights, ref.g1_sd.weights);
  });
  it('subjective × objective: multiplicative and linear (α = 0.4 on G1)', () => {
    const g1 = { method: 'g1', order: ref.g1.order, ratios: ref.g1.ratios } as const;
    close(indicatorWeights({ method: 'combined', subjective: g1, objective: { method: 'entropy' }, rule: 'multiplicative' }, X, names).weights, ref.combined_mult);
    close(indicatorWeights({ method: 'combined', subjective: g1, objective: { method: 'entropy' }, rule: 'linear', alpha: 0.4 }, X, names).weights, ref.combined_lin.weights);
  });
});

describe('aggregation and the two-level index', () => {
  const w = ref.entropy.weights as number[];
  it('TOPSIS closeness and the weighted sum with entropy weights (pooled ideal)', () => {
    close(topsis(X, w, pooled).closeness, ref.topsis_entropy);
    close(weightedSum(X, w), ref.sum_entropy);
  });
  it('buildIndex: entropy-TOPSIS pooled and per year', () => {
    const a = buildIndex(t.ids, t.times, t.indicators, { normalisation: 'minmax', scope: 'pooled', weights: { method: 'entropy' }, aggregate: 'topsis' });
    close(a.values, ref.topsis_entropy);
    close(a.table.map((r) => r.weight), w);
    const y = buildIndex(t.ids, t.times, t.indicators, { normalisation: 'minmax', scope: 'year', weights: { method: 'entropy' }, aggregate: 'topsis' });
    close(y.table.map((r) => r.weight), ref.topsis_entropy_year.weights);
    close(y.values, ref.topsis_entropy_year.values);
  });
  it('two-level: entropy within dimensions, dimension weights economy 0.6, infrastructure 0.4', () => {
    const r = buildIndex(t.ids, t.times, t.indicators, { normalisation: 'minmax', scope: 'pooled', weights: { method: 'entropy' }, aggregate: 'sum', dimensionWeights: ref.two_level.dimension_weights });
    close(r.table.map((x) => x.localWeight), ref.two_level.local);
    close(r.table.map((x) => x.weight), ref.two_level.overall);
    close(r.values, ref.two_level.values);
    expect(r.dimensions.map((d) => [d.name, d.weight])).toEqual([['economy', 0.6], ['infrastructure', 0.4]]);
  });
  it('obstacle degree with entropy weights', () => {
    obstacleDegree(X, w).forEach((c, j) => close(c, ref.obstacle[j]));
  });
  it('Spearman table of entropy-TOPSIS, CRITIC-TOPSIS and equal-sum (R cor(method = "spearman"))', () => {
    const crit = topsis(X, criticWeights(X).weights, pooled).closeness;
    const eq = weightedSum(X, names.map(() => 0.2));
    const tab = rankCorrelationTable(ref.spearman.labels, [topsis(X, w, pooled).closeness, crit, eq]);
    tab.rho.forEach((row, j) => close(row, ref.spearman.rho[j]));
  });
});

describe('coupling coordination and shock measures', () => {
  it('C, T, D of two and three indices', () => {
    const c2 = couplingCoordination([X[0], X[2]]);
    close(c2.C, ref.coupling2.C); close(c2.T, ref.coupling2.T); close(c2.D, ref.coupling2.D);
    const c3 = couplingCoordination([X[0], X[2], X[1]]);
    close(c3.C, ref.coupling3.C); close(c3.D, ref.coupling3.D);
  });
  it('D levels: [0.5, 0.6) barely coordinated, 1 is quality coordination', () => {
    expect(coordinationLevel(0.55)).toBe('barely-coordinated');
    expect(coordinationLevel(0.0)).toBe('extreme-disorder');
    expect(coordinationLevel(1)).toBe('quality-coordination');
    expect(coordinationLevel(0.3)).toBe('mild-disorder');
  });
  const all = readProducRows();
  it('relative-growth resilience of gsp, base 1970, reference = Σ gsp', () => {
    const r = relativeGrowthResilience(all.map((x) => x.state), all.map((x) => x.year), Float64Array.from(all, (x) => x.gsp), 1970);
    close(r.re, ref.shock_relative.re);
    close(r.gr, ref.shock_relative.gr);
    close(r.resilience, ref.shock_relative.resilience);
  });
  it("Martin's sensitivity of emp, 1979 → 1982 → 1986", () => {
    const m = martinSensitivity(all.map((x) => x.state), all.map((x) => x.year), Float64Array.from(all, (x) => x.emp), 1979, 1982, 1986);
    expect(m.map((x) => x.id)).toEqual(ref.martin.id);
    close(m.map((x) => x.resistance), ref.martin.resistance, 1e-8);
    close(m.map((x) => x.recovery), ref.martin.recovery, 1e-9);
  });
});
