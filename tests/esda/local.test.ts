import { describe, expect, test } from 'vitest';
import { createRng } from '../../src/core/random';
import { bivariateLocalMoran, cutoffs, drawTable, lisaClusters, localG, localMoran, quadrantOf } from '../../src/esda/local';
import { esdaSample } from '../../src/esda/sample';
import { clusterTransitions, quadrantTransitions, transitionsBetween, QUADRANT_ORDER } from '../../src/esda/transitions';
import { producReference } from '../helpers/paths';
import { RTOL, maxRelErr } from '../tolerances';
import { esdaReference, mexico, producYear, us48Queen } from './esda-fixtures';

interface LocalRef { name: string; Ii: number; EIi: number; VarIi: number; ZIi: number }
interface Moments { Ii: number[]; E: number[]; Var: number[]; Z: number[] }
interface EsdaRef {
  us48_1986: {
    order: string[]; localmoran_total: Moments; localmoran_cond_p2: number[];
    localG: number[]; localGstar: number[]; localGstar_W: number[]; localmoran_bv_Ii: number[];
    fdr_unemp: { alpha: number; p: number[]; cutoff: number; significant: number; bonferroni: number };
  };
  mexico: { order: string[]; localmoran: Moments };
}
const ref = esdaReference<EsdaRef>();

async function logGsp1986() {
  const w = await us48Queen();
  expect(w.ids).toEqual(ref.us48_1986.order);
  const c = producYear(1986, w.ids);
  return { w, x: Float64Array.from(c.gsp, Math.log), y: Float64Array.from(c.pcap, Math.log), unemp: c.unemp };
}

describe('local Moran (spdep::localmoran)', () => {
  test('conditional moments: produc_reference.json local_moran_log_gsp_1986 (Ii, E, Var, Z)', async () => {
    const { w, x } = await logGsp1986();
    const r = producReference<{ local_moran_log_gsp_1986: LocalRef[] }>().local_moran_log_gsp_1986;
    expect(r.map((e) => e.name)).toEqual(w.ids);
    const l = localMoran(esdaSample(x, w, 'log(gsp) 1986'));
    expect(maxRelErr(l.ii, r.map((e) => e.Ii))).toBeLessThan(RTOL);
    expect(maxRelErr(l.expected, r.map((e) => e.EIi))).toBeLessThan(RTOL);
    expect(maxRelErr(l.variance, r.map((e) => e.VarIi))).toBeLessThan(RTOL);
    expect(maxRelErr(l.z, r.map((e) => e.ZIi))).toBeLessThan(RTOL);
    expect(maxRelErr(l.p, ref.us48_1986.localmoran_cond_p2)).toBeLessThan(RTOL);
  });

  test('total randomisation moments (conditional = FALSE) and a second dataset (Mexico PCGDP1940)', async () => {
    const { w, x } = await logGsp1986();
    const t = localMoran(esdaSample(x, w, 'log(gsp) 1986'), { conditional: false });
    const r = ref.us48_1986.localmoran_total;
    expect(maxRelErr(t.ii, r.Ii)).toBeLessThan(RTOL);
    expect(maxRelErr(t.expected, r.E)).toBeLessThan(RTOL);
    expect(maxRelErr(t.variance, r.Var)).toBeLessThan(RTOL);
    expect(maxRelErr(t.z, r.Z)).toBeLessThan(RTOL);

    const mx = await mexico();
    const order = ref.mexico.order;
    const pos = order.map((id) => mx.w.indexOf(id));
    const m = localMoran(esdaSample(mx.pcgdp1940, mx.w, 'PCGDP1940'));
    const pick = (a: Float64Array) => pos.map((i) => a[i]);
    expect(maxRelErr(pick(m.ii), ref.mexico.localmoran.Ii)).toBeLessThan(RTOL);
    expect(maxRelErr(pick(m.variance), ref.mexico.localmoran.Var)).toBeLessThan(RTOL);
    expect(maxRelErr(pick(m.z), ref.mexico.localmoran.Z)).toBeLessThan(RTOL);
  });

  test('quadrants by the mean and the Moran scatterplot (slope of Wz on z = I for row-standardised W)', async () => {
    const { w, x } = await logGsp1986();
    const l = localMoran(esdaSample(x, w, 'log(gsp) 1986'));
    let sxy = 0, sxx = 0;
    for (let i = 0; i < l.scatterX.length; i++) { sxy += l.scatterX[i] * l.scatterY[i]; sxx += l.scatterX[i] ** 2; }
    const moranI = producReference<{ moran_log_gsp: { year: number; I: number }[] }>().moran_log_gsp.find((m) => m.year === 1986)!.I;
    expect(Math.abs(sxy / sxx - moranI) / moranI).toBeLessThan(RTOL);
    expect(quadrantOf(1, 2)).toBe('high-high');
    expect(quadrantOf(-1, -2)).toBe('low-low');
    expect(quadrantOf(-1, 2)).toBe('low-high');
    expect(quadrantOf(1, -2)).toBe('high-low');
    l.quadrant.forEach((q, i) => expect(q).toBe(quadrantOf(l.scatterX[i], l.scatterY[i])));
  });

  test('conditional permutations: seeded and reproducible, pseudo p in [1/(R+1), 1], agree with the analytical p in rank', async () => {
    const { w, x } = await logGsp1986();
    const s = esdaSample(x, w, 'log(gsp) 1986');
    const a = localMoran(s, { permutations: 999, rng: createRng(1) });
    const b = localMoran(s, { permutations: 999, rng: createRng(1) });
    expect(a.pseudoP).toEqual(b.pseudoP);
    const p = a.pseudoP!;
    expect(Math.min(...p)).toBeGreaterThanOrEqual(1 / 1000);
    expect(Math.max(...p)).toBeLessThanOrEqual(0.5 + 1e-12);
    // The most significant region analytically is among the five smallest pseudo p.
    const best = a.p.indexOf(Math.min(...a.p));
    const order = Array.from(p).map((v, i) => [v, i]).sort((u, v) => u[0] - v[0]).slice(0, 5).map((e) => e[1]);
    expect(order).toContain(best);
  });

  test('the draw table holds distinct positions in range on every row', () => {
    const t = drawTable(createRng(3), 50, 6, 10);
    for (let r = 0; r < 50; r++) {
      const row = Array.from(t.subarray(r * 6, r * 6 + 6));
      expect(new Set(row).size).toBe(6);
      expect(row.every((v) => v >= 0 && v < 10)).toBe(true);
    }
  });
});

describe('local Getis–Ord and bivariate LISA (spdep::localG, localmoran_bv)', () => {
  test('G_i with binary W, G_i* with self included (binary and row-standardised)', async () => {
    const { w, x } = await logGsp1986();
    const s = esdaSample(x, w.transform('B'), 'log(gsp) 1986');
    expect(maxRelErr(localG(s, false).z, ref.us48_1986.localG)).toBeLessThan(RTOL);
    expect(maxRelErr(localG(s, true).z, ref.us48_1986.localGstar)).toBeLessThan(RTOL);
    const sw = esdaSample(x, w, 'log(gsp) 1986');
    expect(maxRelErr(localG(sw, true).z, ref.us48_1986.localGstar_W)).toBeLessThan(RTOL);
    const perm = localG(s, true, { permutations: 499, rng: createRng(5) });
    expect(perm.pseudoP).toHaveLength(48);
  });

  test('bivariate LISA statistic equals spdep::localmoran_bv Ibvi', async () => {
    const { w, x, y } = await logGsp1986();
    const b = bivariateLocalMoran(esdaSample(x, w, '1986', y), { permutations: 99, rng: createRng(1) });
    expect(maxRelErr(b.ii, ref.us48_1986.localmoran_bv_Ii)).toBeLessThan(RTOL);
  });
});

describe('multiple testing and cluster classes', () => {
  test('FDR (Benjamini–Hochberg, as GeoDa) and Bonferroni on unemp 1986 local Moran p (R: p.adjust "BH")', async () => {
    const { w, unemp } = await logGsp1986();
    const l = localMoran(esdaSample(unemp, w, 'unemp 1986'));
    const r = ref.us48_1986.fdr_unemp;
    expect(maxRelErr(l.p, r.p)).toBeLessThan(RTOL);
    const c = cutoffs(l.p, r.alpha);
    expect(Math.abs(c.fdr - r.cutoff) / r.cutoff).toBeLessThan(RTOL);
    expect(c.bonferroni).toBeCloseTo(r.bonferroni, 15);
    const classes = lisaClusters(l.quadrant, l.p, r.alpha, 'fdr');
    expect(classes.filter((k) => k !== 'not-significant')).toHaveLength(r.significant);
    expect(lisaClusters(l.quadrant, l.p, r.alpha, 'bonferroni').filter((k) => k !== 'not-significant').length)
      .toBeLessThanOrEqual(r.significant);
  });

  test('transition tables count moves between consecutive years and between chosen years', () => {
    const h = {
      ids: ['a', 'b', 'c'], years: [2000, 2001, 2002],
      states: [
        ['high-high', 'low-low', 'low-high'],
        ['high-high', 'low-high', null],
        ['high-low', 'low-high', 'low-high'],
      ] as const,
    };
    const q = quadrantTransitions({ ...h, states: h.states.map((s) => [...s]) });
    const at = (a: string, b: string) => q.counts[QUADRANT_ORDER.indexOf(a as never)][QUADRANT_ORDER.indexOf(b as never)];
    expect(q.total).toBe(4); // c is missing in 2001: 2000→2001 counts a, b; 2001→2002 counts a, b
    expect(at('high-high', 'high-high')).toBe(1);
    expect(at('low-low', 'low-high')).toBe(1);
    expect(at('high-high', 'high-low')).toBe(1);
    expect(at('low-high', 'low-high')).toBe(1);
    expect(q.moved).toBe(2);
    expect(q.probabilities[0]).toEqual([0.5, 0, 0, 0.5]);
    const ends = transitionsBetween({ ...h, states: h.states.map((s) => [...s]) }, QUADRANT_ORDER, 2000, 2002);
    expect(ends.total).toBe(3);
    const c = clusterTransitions({ ...h, states: h.states.map((s) => [...s]) });
    expect(c.states[0]).toBe('not-significant');
  });
});
