/** Invariants of the composite-index engine (fast-check), as issue 14 lists them. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildIndex, indicatorWeights, normaliseColumn, scopeGroups, topsis, type WeightSpec } from '../../src/composite';

/** A table of m indicator columns over n rows, values in [1, 1000] and not constant. */
const table = (m: number) => fc.integer({ min: 4, max: 30 }).chain((n) =>
  fc.array(fc.array(fc.double({ min: 1, max: 1000, noNaN: true }), { minLength: n, maxLength: n }), { minLength: m, maxLength: m })
    .filter((cols) => cols.every((c) => Math.max(...c) - Math.min(...c) > 1e-6)));

const times = (n: number) => Array.from({ length: n }, (_, i) => 2000 + (i % 2));
const ids = (n: number) => Array.from({ length: n }, (_, i) => `r${Math.floor(i / 2)}`);

describe('composite properties', () => {
  it('weights of every method sum to 1', () => {
    const specs: WeightSpec[] = [
      { method: 'entropy' }, { method: 'critic' }, { method: 'cv' }, { method: 'pca' }, { method: 'pca', mode: 'variance' }, { method: 'equal' },
      { method: 'g1', order: ['c', 'a', 'b'], ratios: [1.2, 1.5] }, { method: 'g1-sd', order: ['b', 'c', 'a'] },
      { method: 'combined', subjective: { method: 'g1', order: ['a', 'b', 'c'], ratios: [1.4, 1.1] }, objective: { method: 'critic' }, rule: 'linear', alpha: 0.3 },
    ];
    fc.assert(fc.property(table(3), (cols) => {
      const g = scopeGroups(times(cols[0].length), 'pooled');
      const X = cols.map((c) => normaliseColumn(c, '+', g, { method: 'minmax', shift: 0.0001 }));
      for (const s of specs) {
        const w = indicatorWeights(s, X, ['a', 'b', 'c']).weights;
        expect(Math.abs(w.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
        for (const x of w) expect(x).toBeGreaterThanOrEqual(0);
      }
    }), { numRuns: 60 });
  });

  it('min–max columns are unchanged when an indicator is rescaled (x → a·x, a > 0)', () => {
    fc.assert(fc.property(table(1), fc.double({ min: 1e-3, max: 1e3, noNaN: true }), fc.constantFrom<'pooled' | 'year'>('pooled', 'year'), ([c], a, scope) => {
      const g = scopeGroups(times(c.length), scope);
      fc.pre(scope === 'pooled' || [0, 1].every((k) => { const v = c.filter((_, i) => i % 2 === k); return Math.max(...v) - Math.min(...v) > 1e-6; }));
      const x = normaliseColumn(c, '-', g, { method: 'minmax' });
      const y = normaliseColumn(c.map((v) => a * v), '-', g, { method: 'minmax' });
      for (let i = 0; i < x.length; i++) expect(Math.abs(x[i] - y[i])).toBeLessThan(1e-9);
    }), { numRuns: 100 });
  });

  it('flipping a direction mirrors the min–max column: x⁺ + x⁻ = 1 + 2·shift', () => {
    fc.assert(fc.property(table(1), fc.double({ min: 0, max: 0.01, noNaN: true }), ([c], shift) => {
      const g = scopeGroups(times(c.length), 'pooled');
      const p = normaliseColumn(c, '+', g, { method: 'minmax', shift });
      const m = normaliseColumn(c, '-', g, { method: 'minmax', shift });
      for (let i = 0; i < p.length; i++) expect(Math.abs(p[i] + m[i] - 1 - 2 * shift)).toBeLessThan(1e-12);
    }), { numRuns: 100 });
  });

  it('TOPSIS closeness lies in [0, 1], pooled and per year', () => {
    fc.assert(fc.property(table(4), fc.constantFrom<'pooled' | 'year'>('pooled', 'year'), (cols, scope) => {
      const n = cols[0].length;
      const g = scopeGroups(times(n), scope);
      const X = cols.map((c) => normaliseColumn(c, '+', scopeGroups(times(n), 'pooled'), { method: 'minmax' }));
      const c = topsis(X, [0.1, 0.2, 0.3, 0.4], g).closeness;
      for (const v of c) if (!Number.isNaN(v)) { expect(v).toBeGreaterThanOrEqual(0); expect(v).toBeLessThanOrEqual(1); }
      const r = buildIndex(ids(n), times(n), cols.map((v, j) => ({ name: `x${j}`, direction: j % 2 ? '-' : '+', values: v })), { normalisation: 'minmax', scope: 'pooled', weights: { method: 'entropy' }, aggregate: 'topsis' });
      for (const v of r.values) { expect(v).toBeGreaterThanOrEqual(0); expect(v).toBeLessThanOrEqual(1); }
    }), { numRuns: 60 });
  });
});
