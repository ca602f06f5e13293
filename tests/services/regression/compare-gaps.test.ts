/**
 * Issue 13, defect 3: the group comparison showed the pooled interaction (Chow) gap next to
 * the permutation p of a different gap, the one between the separate group fits. On the China
 * sample (the app's default specification: resilience on digital, fin_dev, industry, open, gov,
 * urban, log(pgdp); two-way FE, clustered SE; East vs West, 499 permutations, seed 1) the row
 * read "Gap 0.000, p(Chow) 0.991, p(permutation) 0.794" while the East and West columns give
 * `digital` 0.248 and 0.263. Now each gap sits beside its own test: `diff` / `pChow` from the
 * pooled model, `diffSeparate` / `pPermutation` from the separate fits.
 *
 * Reference values: the numbers (East 0.248, West 0.263 in the by-group table; the
 * pooled gap 0.000 with p(Chow) 0.991), and the by-group regression columns themselves.
 */
import { describe, expect, it } from 'vitest';
import { useAppService } from '../../helpers/app-service-harness';

const app = useAppService({ prefix: 'rwb-compare-gaps-' });
const { call } = app;

const spec = { y: 'resilience', x: ['digital', 'fin_dev', 'industry', 'open', 'gov', 'urban', 'log(pgdp)'], model: 'fe' as const, se: 'cluster' as const };

describe('group comparison: each gap beside its own test', () => {
  it('the separate-fit gap is East − West of the sub-sample columns, and the permutation test tests that gap', async () => {
    await call('project:openSample', { name: 'china-provinces' });
    const byGroup = await call('regression:run', { ...spec, byGroup: true });
    const titles = byGroup.table.columnTitles;
    const row = byGroup.table.coefficients.find((r) => r.name === 'digital');
    const est = (title: string) => row?.estimates[titles.findIndex((t) => t.includes(title))]?.value ?? NaN;
    const east = est('East');
    const west = est('West');
    const r = await call('regression:compare', { ...spec, a: 'East', b: 'West', permutations: 499, seed: 1 });
    const digital = r.gaps.find((g) => g.name === 'digital');
    // The numbers: East 0.248, West 0.263; pooled gap 0.000, p(Chow) 0.991, p(permutation) 0.794.
    expect(east).toBeCloseTo(0.248, 3);
    expect(west).toBeCloseTo(0.263, 3);
    expect(digital).toBeDefined();
    expect(digital!.diff!).toBeCloseTo(0.000, 3);
    expect(digital!.pChow!).toBeCloseTo(0.991, 3);
    expect(digital!.pPermutation!).toBeCloseTo(0.794, 3);
    // The gap the permutation p belongs to: 0.248 − 0.263 = −0.015, not the pooled 0.000.
    expect(digital!.diffSeparate!).toBeCloseTo(-0.015, 3);
    expect(digital!.diffSeparate).not.toBeNull();
    expect(digital!.diffSeparate!).toBeCloseTo(east - west, 2);
    const none = await call('regression:compare', { ...spec, a: 'East', b: 'West', permutations: 0, seed: 1 });
    expect(none.gaps.map((g) => g.diffSeparate)).toEqual(r.gaps.map((g) => g.diffSeparate));
  }, 180_000);
});
