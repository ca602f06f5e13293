/**
 * Bad input to the spatial panel engine: every problem of issue 11 (ρ at the boundary, islands,
 * a non-row-standardised W, an unbalanced panel, collinear Durbin terms, a non-converging
 * search) and the other checks give a clear error code and sentence, or a warning.
 */
import { describe, expect, it } from 'vitest';
import { CsrMatrix } from '../../../src/linalg/sparse';
import {
  fitSpatialPanel, lmTests, lrWaldTests, regionEffects, spatialEffects, stackPanel, groupMeans,
} from '../../../src/models/spatial-panel';
import type { SpatialPanelFit, SpatialPanelInput } from '../../../src/models/spatial-panel';
import { normalSampler } from '../../../src/models/spatial-panel/draws';
import { createRng } from '../../../src/core/random';
import { inputError } from '../../helpers/input-error';
import { readProducRows } from '../../helpers/produc';
import { producInput, producW } from './produc-data';

const input = producInput();
const rows = readProducRows();
const { ids, w } = producW();
const long = (keep: (i: number) => boolean = () => true) => {
  const idx = rows.map((_, i) => i).filter(keep);
  return {
    regionIds: ids, ids: idx.map((i) => rows[i].state), times: idx.map((i) => rows[i].year), yName: 'log_gsp',
    y: idx.map((i) => Math.log(rows[i].gsp)), x: [{ name: 'log_pc', values: idx.map((i) => Math.log(rows[i].pc)) }], w,
  };
};

/** W with the links of `drop` removed, rows re-standardised (the dropped region becomes an island). */
function withIsland(drop: number): CsrMatrix {
  const I: number[] = [], J: number[] = [], V: number[] = [];
  for (let i = 0; i < w.rows; i++) {
    if (i === drop) continue;
    const nb = [...w.row(i).cols].filter((j) => j !== drop);
    for (const j of nb) { I.push(i); J.push(j); V.push(1 / nb.length); }
  }
  return CsrMatrix.fromTriplets(w.rows, w.cols, I, J, V);
}

describe('panel shape', () => {
  it('an unbalanced panel names the missing region-years', () => {
    const e = inputError(() => stackPanel(long((i) => !(rows[i].state === 'Alabama' && rows[i].year === 1975) && !(rows[i].state === 'Utah' && rows[i].year === 1970))));
    expect(e.code).toBe('spatial-panel-unbalanced');
    expect(e.message).toBe('The panel is not balanced; spatial panel models need every region in every period. Missing region-years: 2 ("Utah 1970", "Alabama 1975").');
    expect(e.details.missingList).toEqual(['Utah 1970', 'Alabama 1975']);
  });
  it('a region that W does not have', () => {
    const l = long();
    const e = inputError(() => stackPanel({ ...l, ids: l.ids.map((s) => (s === 'Ohio' ? 'Ohio (old)' : s)) }));
    expect(e.code).toBe('spatial-panel-unknown-region');
    expect(e.message).toBe('The panel has regions that the weights matrix does not: "Ohio (old)".');
  });
  it('a duplicate region-year', () => {
    const l = long();
    const e = inputError(() => stackPanel({ ...l, times: l.times.map((t, i) => (l.ids[i] === 'Iowa' && t === 1971 ? 1970 : t)) }));
    expect(e.code).toBe('spatial-panel-duplicate-observation');
    expect(e.message).toBe('Region "Iowa" has more than one row for period 1970.');
  });
  it('a non-finite value names column, region and period', () => {
    const l = long();
    const e = inputError(() => stackPanel({ ...l, y: l.y.map((v, i) => (l.ids[i] === 'Texas' && l.times[i] === 1980 ? Math.log(0) : v)) }));
    expect(e.code).toBe('spatial-panel-non-finite');
    expect(e.message).toBe('Column "log_gsp" has no finite value for region "Texas" in period 1980.');
  });
  it('W of the wrong size', () => {
    const e = inputError(() => fitSpatialPanel({ ...input, w: CsrMatrix.fromTriplets(3, 3, [0], [1], [1]) }, { model: 'sar', effects: 'twoways' }));
    expect(e.code).toBe('spatial-panel-weights-size');
    expect(e.message).toBe('The weights matrix is 3×3 but the panel has 48 regions.');
  });
});

describe('weights', () => {
  it('islands: a warning naming them, and the fit still runs', () => {
    const f = fitSpatialPanel({ ...input, w: withIsland(0) }, { model: 'sdm', effects: 'twoways' });
    const warn = f.warnings.find((x) => x.code === 'spatial-panel-islands');
    expect(warn?.message).toBe('1 region(s) have no neighbours in W ("Alabama"); their spatial lags are zero.');
    expect(f.logDet?.method).toBe('eigen-symmetric');
    // effects with islands use the exact multipliers, not 1/(1 − ρ)
    const e = spatialEffects(f, withIsland(0), { draws: 50 });
    expect(Number.isFinite(e.effects[0].total.estimate)).toBe(true);
  });
  it('a W that is not row-standardised: a warning', () => {
    const binary = w.map(() => 1);
    const f = fitSpatialPanel({ ...input, w: binary }, { model: 'sar', effects: 'twoways' });
    expect(f.warnings.map((x) => x.code)).toContain('spatial-panel-not-row-standardised');
    expect(f.rho!.estimate).toBeLessThan(1 / f.logDet!.omegaMax);
  });
  it('a symmetric method asked for a W that is not similar to a symmetric matrix', () => {
    // W with one asymmetric link weight: w_12 doubled
    const v = Float64Array.from(w.values);
    v[w.find(0, w.row(0).cols[0])] *= 2;
    const e = inputError(() => fitSpatialPanel({ ...input, w: w.withValues(v), symmetricSimilar: true }, { model: 'sar', effects: 'twoways' }));
    expect(e.code).toBe('spatial-panel-not-symmetric-similar');
  });
  it('a W without links', () => {
    const e = inputError(() => fitSpatialPanel({ ...input, w: CsrMatrix.fromTriplets(48, 48, [], [], []) }, { model: 'sar', effects: 'twoways' }));
    expect(e.code).toBe('spatial-panel-weights-empty');
  });
});

describe('model specification', () => {
  it('collinear Durbin terms name the columns', () => {
    // a regressor that equals the spatial lag of another: W*log_pc duplicates it
    const x0 = input.x[1].values;
    const lagged = new Float64Array(x0.length);
    for (let t = 0; t < input.T; t++) lagged.set(w.matVec(x0.subarray(t * input.n, (t + 1) * input.n)), t * input.n);
    const inp: SpatialPanelInput = { ...input, x: [...input.x, { name: 'neighbours_pc', values: lagged }] };
    const e = inputError(() => fitSpatialPanel(inp, { model: 'sdm', effects: 'twoways', durbin: ['log_pc'] }));
    expect(e.code).toBe('spatial-panel-collinear');
    expect(e.message).toBe('After removing the fixed effects these columns are collinear with the others: W*log_pc; drop them from the regressors or the Durbin terms.');
  });
  it('a Durbin name that is not a regressor', () => {
    const e = inputError(() => fitSpatialPanel(input, { model: 'sdm', effects: 'twoways', durbin: ['gdp'] }));
    expect(e.message).toBe('Durbin term "gdp" is not one of the regressors (log_pcap, log_pc, log_emp, unemp).');
  });
  it('unknown model and effects', () => {
    expect(inputError(() => fitSpatialPanel(input, { model: 'gns' as 'sar', effects: 'twoways' })).code).toBe('spatial-panel-unknown-model');
    expect(inputError(() => fitSpatialPanel(input, { model: 'sar', effects: 'none' as 'time' })).code).toBe('spatial-panel-unknown-effects');
  });
  it('Lee–Yu without a registered correction', () => {
    expect(inputError(() => fitSpatialPanel(input, { model: 'sdm', effects: 'twoways', leeYu: true })).code).toBe('spatial-panel-lee-yu-unavailable');
  });
});

describe('LM tests', () => {
  it('the per-period projector needs more regions than regressors', () => {
    // the first three states on a ring W, four regressors
    const take = (v: Float64Array): Float64Array => Float64Array.from({ length: 3 * input.T }, (_, k) => v[Math.floor(k / 3) * input.n + (k % 3)]);
    const ring = CsrMatrix.fromTriplets(3, 3, [0, 0, 1, 1, 2, 2], [1, 2, 0, 2, 0, 1], [0.5, 0.5, 0.5, 0.5, 0.5, 0.5]);
    const small: SpatialPanelInput = { ...input, n: 3, regionIds: input.regionIds.slice(0, 3), y: take(input.y), x: input.x.map((c) => ({ name: c.name, values: take(c.values) })), w: ring };
    const e = inputError(() => lmTests(small, 'twoways'));
    expect(e.message).toBe('The per-period LM projector needs more regions (3) than regressors (4); use the full projector.');
    expect(lmTests(small, 'twoways', { projection: 'full' }).lmError.df).toBe(1);
  });
});

describe('the search', () => {
  it('ρ at the boundary: y common to all regions in each year (individual effects) pushes ρ to 1', () => {
    const y = Float64Array.from(input.y, (_, k) => Math.sin(Math.floor(k / input.n)) + 1e-9 * Math.cos(k));
    const f = fitSpatialPanel({ ...input, y }, { model: 'sar', effects: 'individual' });
    expect(f.search.atBoundary).toBe(true);
    const warn = f.warnings.find((x) => x.code === 'spatial-panel-parameter-boundary');
    expect(warn?.message).toMatch(/^The estimate of rho \(0\.99999.*\) lies at the boundary of its interval \(-1\.39.*, 0\.99.*\); the model may be misspecified and its standard errors are unreliable\.$/);
  });
  it('a search stopped by its iteration limit is reported', () => {
    const f = fitSpatialPanel(input, { model: 'sem', effects: 'twoways', maxIterations: 2 });
    expect(f.search.converged).toBe(false);
    expect(f.warnings.map((x) => x.code)).toContain('spatial-panel-search-not-converged');
  });
});

describe('effects', () => {
  const f = fitSpatialPanel(input, { model: 'sdm', effects: 'twoways' });
  it('bad draws and seed', () => {
    expect(inputError(() => spatialEffects(f, w, { draws: 1 })).message).toBe('The number of draws must be an integer of at least 2, got 1.');
    expect(inputError(() => spatialEffects(f, w, { seed: 0.5 })).code).toBe('spatial-panel-bad-seed');
  });
  it('a non-positive-definite covariance is repaired and reported', () => {
    // make the (β, θ, ρ) covariance singular: copy row/column of β₁ onto β₂
    const m = f.vcovNames.length;
    const v = Float64Array.from(f.vcov);
    for (let j = 0; j < m; j++) { v[1 * m + j] = v[0 * m + j]; v[j * m + 1] = v[j * m + 0]; }
    v[1 * m + 1] = v[0];
    const bad: SpatialPanelFit = { ...f, vcov: v };
    const e = spatialEffects(bad, w, { draws: 100 });
    expect(e.covarianceRepair.repaired).toBe(true);
    expect(e.warnings.map((x) => x.code)).toEqual(['spatial-panel-covariance-repaired']);
    expect(e.warnings[0].message).toMatch(/^The covariance of the estimates was not positive definite \(smallest eigenvalue .*\); its eigenvalues were floored at .* before drawing\.$/);
  });
  it('the repaired sampler draws from the floored covariance', () => {
    const s = normalSampler(Float64Array.of(0, 0), Float64Array.of(1, 1, 1, 1));
    expect(s.repair.repaired).toBe(true);
    const rng = createRng(3), out = new Float64Array(2);
    let c = 0;
    for (let r = 0; r < 2000; r++) { s.draw(rng, out); c += (out[0] - out[1]) ** 2; }
    expect(c / 2000).toBeLessThan(1e-8); // the two coordinates move together: rank one
  });
  it('region effects of an unknown variable; group means without groups', () => {
    expect(inputError(() => regionEffects(f, w, 'gdp')).message).toBe('"gdp" is not a regressor of the model (log_pcap, log_pc, log_emp, unemp).');
    const r = regionEffects(f, w, 'log_pc', { draws: 20 });
    expect(inputError(() => groupMeans(r, {})).code).toBe('spatial-panel-no-groups');
  });
  it('LR/Wald need an SDM and matching restricted fits', () => {
    const sar = fitSpatialPanel(input, { model: 'sar', effects: 'twoways' });
    expect(inputError(() => lrWaldTests(sar)).code).toBe('spatial-panel-lr-not-sdm');
    const sarInd = fitSpatialPanel(input, { model: 'sar', effects: 'individual' });
    expect(inputError(() => lrWaldTests(f, { sar: sarInd })).message).toBe('The SAR fit given for the LR test is not the same data, regressors and fixed effects as the SDM.');
  });
});
