/** Bad input to the panel estimators: each error is typed and its message names the culprit. */
import { describe, expect, it } from 'vitest';
import { InputError, SingularDesignError } from '../../../src/core/errors';
import { fitPanel, hausmanTest } from '../../../src/models/panel/index';
import type { FitOptions, PanelDesign } from '../../../src/models/panel/types';
import { producDesign } from '../../helpers/produc';

const d = producDesign();
const FE1: FitOptions = { model: 'fe', effects: 'individual', se: 'classical' };

function caught(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

const withX = (extra: Float64Array, name: string): PanelDesign => ({ ...d, X: [...d.X, extra], names: [...d.names, name] });

describe('regressors absorbed by fixed effects', () => {
  it('a region-constant regressor inside individual FE', () => {
    const e = caught(() => fitPanel(withX(Float64Array.from(d.ids, (id) => id.length), 'name_length'), FE1));
    expect(e).toBeInstanceOf(SingularDesignError);
    expect(e.message).toBe('"name_length" does not vary within regions, so the region fixed effects absorb it; remove it from the model.');
    expect(e.details.variables).toEqual(['name_length']);
  });
  it('a linear trend inside two-way FE', () => {
    const e = caught(() => fitPanel(withX(Float64Array.from(d.times), 'year'), { ...FE1, effects: 'twoways' }));
    expect(e.message).toBe('"year" is absorbed by the region and period fixed effects (it varies only by region and by period); remove it from the model.');
  });
  it('a period-constant regressor inside time FE', () => {
    const e = caught(() => fitPanel(withX(Float64Array.from(d.times), 'year'), { ...FE1, effects: 'time' }));
    expect(e.message).toBe('"year" does not vary across regions within a period, so the period fixed effects absorb it; remove it from the model.');
  });
  it('a constant next to the intercept in pooled OLS', () => {
    const e = caught(() => fitPanel(withX(new Float64Array(816).fill(3), 'three'), { model: 'pooled', effects: 'none', se: 'classical' }));
    expect(e.message).toBe('"three" is constant, so it is collinear with the intercept; remove it from the model.');
  });
});

describe('perfect collinearity names the aliased regressor and its partners', () => {
  it('FE two-way with a linear combination', () => {
    const combo = Float64Array.from(d.X[0], (v, i) => 2 * v - d.X[1][i]);
    const e = caught(() => fitPanel(withX(combo, 'combo'), { model: 'fe', effects: 'twoways', se: 'cluster' }));
    expect(e).toBeInstanceOf(SingularDesignError);
    expect(e.message).toBe('Perfectly collinear regressors: "combo" is a linear combination of "log(pcap)", "log(pc)". Remove one of them.');
    expect(e.details.variables).toEqual(['combo', 'log(pcap)', 'log(pc)']);
    expect(e.details.aliased).toEqual(['combo']);
  });
  it('pooled with a duplicated column', () => {
    const e = caught(() => fitPanel({ ...d, X: [d.X[0], d.X[0]], names: ['a', 'b'] }, { model: 'pooled', effects: 'none', se: 'classical' }));
    expect(e.message).toBe('Perfectly collinear regressors: "b" is a linear combination of "a". Remove one of them.');
  });
  it('pooled with a column = intercept + another column', () => {
    const shifted = Float64Array.from(d.X[2], (v) => v + 1);
    const e = caught(() => fitPanel({ ...d, X: [d.X[2], shifted], names: ['x', 'x_plus_1'] }, { model: 'pooled', effects: 'none', se: 'classical' }));
    expect(e.message).toBe('Perfectly collinear regressors: "x_plus_1" is a linear combination of the intercept, "x". Remove one of them.');
  });
});

describe('too few observations', () => {
  it('a sub-sample with fewer observations than parameters', () => {
    const few: PanelDesign = { y: d.y.slice(0, 5), X: d.X.map((x) => x.slice(0, 5)), names: d.names, ids: d.ids.slice(0, 5), times: d.times.slice(0, 5) };
    const e = caught(() => fitPanel(few, FE1));
    expect(e.code).toBe('panel-too-few-observations');
    expect(e.message).toBe('Only 5 complete observations for 5 parameters (coefficients of log(pcap), log(pc), log(emp), unemp plus 1 absorbed fixed effect); the model needs more observations than parameters.');
    expect(e.details.variables).toEqual(d.names);
  });
  it('a single cluster', () => {
    const e = caught(() => fitPanel({ ...d, cluster: d.ids.map(() => 'all') }, { ...FE1, se: 'cluster' }));
    expect(e.code).toBe('panel-too-few-clusters');
    expect(e.message).toBe('Cluster-robust standard errors need at least 2 clusters (found 1).');
  });
});

describe('data problems', () => {
  it('duplicate (id, time)', () => {
    const e = caught(() => fitPanel({ ...d, times: d.times.map((t, i) => (i === 1 ? d.times[0] : t)) }, FE1));
    expect(e.code).toBe('panel-duplicate-row');
    expect(e.message).toBe('Region Alabama has more than one observation in period 1970 (design rows 1 and 2).');
  });
  it('infinite values (log of zero)', () => {
    const bad = Float64Array.from(d.X[0], (v, i) => (i === 20 ? -Infinity : v));
    const e = caught(() => fitPanel({ ...d, X: [bad, ...d.X.slice(1)] }, FE1));
    expect(e.code).toBe('panel-non-finite');
    expect(e.message).toBe('"log(pcap)" is infinite in 1 observation(s) (first: region Arizona, period 1973); check for log of zero or division by zero.');
  });
  it('an outcome without within variation', () => {
    const e = caught(() => fitPanel({ ...d, y: Float64Array.from(d.ids, (id) => id.length) }, FE1));
    expect(e.code).toBe('panel-constant-outcome-fe');
    expect(e.message).toBe('The dependent variable does not vary after removing the fixed effects; there is nothing to explain.');
  });
  it('no regressors', () => {
    const e = caught(() => fitPanel({ ...d, X: [], names: [] }, FE1));
    expect(e.code).toBe('panel-no-regressors');
    expect(e.message).toBe('The model has no regressors; choose at least one explanatory variable.');
  });
  it('names and columns disagree', () => {
    const e = caught(() => fitPanel({ ...d, names: d.names.slice(0, 3) }, FE1));
    expect(e.message).toBe('The design has 4 regressor columns but 3 names.');
  });
  it('missing values are dropped listwise and reported by rowsUsed', () => {
    const y = Float64Array.from(d.y, (v, i) => (i === 3 || i === 100 ? Number.NaN : v));
    const x0 = Float64Array.from(d.X[0], (v, i) => (i === 500 ? Number.NaN : v));
    const f = fitPanel({ ...d, y, X: [x0, ...d.X.slice(1)] }, FE1);
    expect(f.nObs).toBe(813);
    expect(f.balanced).toBe(false);
    expect(f.residuals.length).toBe(813);
    expect([...f.rowsUsed].includes(3) || [...f.rowsUsed].includes(100) || [...f.rowsUsed].includes(500)).toBe(false);
    f.coefficients.forEach((c) => expect(Number.isFinite(c.se)).toBe(true));
  });
});

describe('inconsistent options', () => {
  it('pooled with effects', () => {
    const e = caught(() => fitPanel(d, { model: 'pooled', effects: 'twoways', se: 'classical' }));
    expect(e.message).toBe('Pooled OLS has no effects (got effects "twoways"); use model "fe" for fixed effects.');
  });
  it('FE without effects', () => {
    const e = caught(() => fitPanel(d, { model: 'fe', effects: 'none', se: 'classical' }));
    expect(e.message).toBe('A fixed-effects model needs effects "individual", "time" or "twoways"; use model "pooled" for none.');
  });
  it('RE with time effects', () => {
    const e = caught(() => fitPanel(d, { model: 're', effects: 'time', se: 'classical' }));
    expect(e.code).toBe('panel-re-individual-only');
    expect(e.message).toBe('Random effects are implemented for individual (region) effects only, not "time".');
  });
  it('negative Driscoll–Kraay lag', () => {
    const e = caught(() => fitPanel(d, { ...FE1, se: 'driscoll-kraay', dkLag: -1 }));
    expect(e.message).toBe('The Driscoll–Kraay lag must be a non-negative integer (got -1).');
  });
});

describe('Hausman test input', () => {
  it('needs an FE fit and an RE fit', () => {
    const fe = fitPanel(d, FE1);
    const pooled = fitPanel(d, { model: 'pooled', effects: 'none', se: 'classical' });
    const e = caught(() => hausmanTest(fe, pooled));
    expect(e.code).toBe('panel-hausman-needs-fe-re');
    expect(e.message).toBe('The Hausman test compares a fixed-effects fit with a random-effects fit (got "fe" and "pooled").');
  });
  it('needs common slopes', () => {
    const fe = fitPanel({ ...d, X: [d.X[0]], names: ['a'] }, FE1);
    const re = fitPanel({ ...d, X: [d.X[1]], names: ['b'] }, { model: 're', effects: 'individual', se: 'classical' });
    const e = caught(() => hausmanTest(fe, re));
    expect(e.message).toBe('The fixed- and random-effects fits have no coefficient in common.');
  });
});

describe('F test with fewer clusters than slopes', () => {
  it('reports NaN for F (covariance of the slopes singular) but finite SEs', () => {
    const states = [...new Set(d.ids)];
    const cluster = d.ids.map((id) => `c${states.indexOf(id) % 3}`);
    const f = fitPanel({ ...d, cluster }, { model: 'fe', effects: 'individual', se: 'cluster' });
    expect(f.nClusters).toBe(3);
    expect(f.fTest.statistic).toBeNaN();
    expect(f.fTest.df2).toBe(2);
    f.coefficients.forEach((c) => expect(Number.isFinite(c.se) && c.se > 0).toBe(true));
  });
});
