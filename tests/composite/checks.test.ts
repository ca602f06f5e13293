/** The composite-index checks: each clear sentence, naming the indicator and region-year. */
import { describe, expect, it } from 'vitest';
import { buildIndex, couplingCoordination, g1Weights, relativeGrowthResilience } from '../../src/composite';
import { inputError } from '../helpers/input-error';

const ids = ['A', 'A', 'B', 'B', 'C', 'C'];
const times = [2000, 2001, 2000, 2001, 2000, 2001];
const spec = { normalisation: 'minmax', scope: 'pooled', weights: { method: 'entropy' }, aggregate: 'topsis' } as const;
const col = (...v: number[]) => Float64Array.from(v);

describe('composite checks', () => {
  it('a constant indicator is refused, naming it and the scope', () => {
    const e = inputError(() => buildIndex(ids, times, [{ name: 'x', direction: '+', values: col(1, 2, 3, 4, 5, 6) }, { name: 'k', direction: '+', values: col(3, 3, 3, 3, 3, 3) }], spec));
    expect(e.code).toBe('composite-constant-indicator');
    expect(e.message).toBe('indicator "k" is constant over all region-years (6 values): it cannot be normalised; leave it out or change the scope');
    const y = inputError(() => buildIndex(ids, times, [{ name: 'x', direction: '+', values: col(1, 1, 1, 4, 1, 6) }], { ...spec, scope: 'year' }));
    expect(y.message).toContain('constant over 2000');
  });
  it('an indicator marked both + and − is refused', () => {
    const e = inputError(() => buildIndex(ids, times, [{ name: 'x', direction: '+', values: col(1, 2, 3, 4, 5, 6) }, { name: 'x', direction: '-', values: col(1, 2, 3, 4, 5, 6) }], spec));
    expect(e.code).toBe('composite-both-directions');
    expect(e.message).toBe('indicator "x" is marked both + and −: give it one direction');
  });
  it('missing values leave the region-year out with a warning naming indicator and region-year', () => {
    const r = buildIndex(ids, times, [{ name: 'x', direction: '+', values: col(1, 2, Number.NaN, 4, 5, 6) }, { name: 'y', direction: '-', values: col(6, 2, 3, 1, 5, 2) }], spec);
    expect(Number.isNaN(r.values[2])).toBe(true);
    expect(r.warnings.map((w) => w.message)).toEqual(['1 region-year is left out of the index for a missing indicator value ("x" at B 2000)']);
  });
  it('an absent region-year (unbalanced panel) is named', () => {
    const r = buildIndex(ids.slice(0, 5), times.slice(0, 5), [{ name: 'x', direction: '+', values: col(1, 2, 3, 4, 5) }], spec);
    expect(r.warnings[0].code).toBe('composite-unbalanced');
    expect(r.warnings[0].message).toContain('C 2001');
  });
  it('z-scores cannot feed the entropy method: the negative value is named with its region-year', () => {
    const e = inputError(() => buildIndex(ids, times, [{ name: 'x', direction: '+', values: col(1, 2, 3, 4, 5, 6) }], { ...spec, normalisation: 'zscore' }));
    expect(e.code).toBe('composite-entropy-negative');
    expect(e.message).toMatch(/^indicator "x" has a negative normalised value at A 2000: the entropy method needs values ≥ 0/);
  });
  it('non-positive base values in the shock measure name region and year', () => {
    const e = inputError(() => relativeGrowthResilience(['A', 'A', 'B', 'B'], [2000, 2001, 2000, 2001], col(0, 2, 3, 4), 2000));
    expect(e.code).toBe('composite-shock-base-missing');
    expect(e.message).toBe('region "A" has no positive value in the base year 2000 (0): its growth cannot be measured');
  });
  it('G1 needs m − 1 ratios; coupling needs 2 or 3 indices in [0, 1]', () => {
    expect(inputError(() => g1Weights(['a', 'b'], ['a', 'b'], [1, 2])).code).toBe('composite-g1-ratios');
    expect(inputError(() => g1Weights(['a', 'b'], ['a', 'c'], [1])).code).toBe('composite-g1-order');
    expect(inputError(() => couplingCoordination([col(0.1)])).code).toBe('composite-coupling-count');
    expect(inputError(() => couplingCoordination([col(0.1), col(1.5)], undefined, ['U', 'V'])).message).toBe('V is 1.5 at row 1: coupling coordination needs indices in [0, 1]');
  });
});
