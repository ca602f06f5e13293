import { describe, expect, test } from 'vitest';
import { createRng } from '../../src/core/random';
import { bivariateMoran, gearyC, generalG, moranI } from '../../src/esda/global';
import { esdaSample, weightSums } from '../../src/esda/sample';
import { SpatialWeights } from '../../src/weights/spatial-weights';
import { producReference } from '../helpers/paths';
import { RTOL, relErr } from '../tolerances';
import { esdaReference, mexico, producYear, us48Queen } from './esda-fixtures';

interface MoranRef { year: number; I: number; EI: number; VI_rand: number; z_rand: number; VI_norm: number; z_norm: number }
interface GearyRef { C: number; EC: number; VC: number; z: number; p: number }
interface EsdaRef {
  us48_1986: { order: string[]; geary_rand: GearyRef; geary_norm: GearyRef; globalG: { G: number; EG: number; VG: number; z: number }; bivariate: number };
  mexico: { order: string[]; moran_rand: { I: number; EI: number; VI: number; z: number }; moran_norm: { VI: number; z: number }; geary_rand: GearyRef };
}

const ref = esdaReference<EsdaRef>();

describe("global Moran's I (spdep::moran.test, produc_reference.json moran_log_gsp)", () => {
  test('every year of Produc log(gsp) on us48 queen W: I, E[I], variances and z under both assumptions', async () => {
    const w = await us48Queen();
    const years = producReference<{ moran_log_gsp: MoranRef[] }>().moran_log_gsp;
    expect(years).toHaveLength(17);
    for (const r of years) {
      const x = Float64Array.from(producYear(r.year, w.ids).gsp, Math.log);
      const m = moranI(esdaSample(x, w, `log(gsp) ${r.year}`));
      expect(relErr(m.value, r.I)).toBeLessThan(RTOL);
      expect(relErr(m.expected, r.EI)).toBeLessThan(RTOL);
      expect(relErr(m.randomisation!.variance, r.VI_rand)).toBeLessThan(RTOL);
      expect(relErr(m.randomisation!.z, r.z_rand)).toBeLessThan(RTOL);
      expect(relErr(m.normal!.variance, r.VI_norm)).toBeLessThan(RTOL);
      expect(relErr(m.normal!.z, r.z_norm)).toBeLessThan(RTOL);
    }
  });

  test('a second dataset: Mexico PCGDP1940 (esda_reference.json mexico)', async () => {
    const { w, pcgdp1940 } = await mexico();
    const m = moranI(esdaSample(pcgdp1940, w, 'PCGDP1940'));
    const r = ref.mexico;
    expect(relErr(m.value, r.moran_rand.I)).toBeLessThan(RTOL);
    expect(relErr(m.randomisation!.variance, r.moran_rand.VI)).toBeLessThan(RTOL);
    expect(relErr(m.randomisation!.z, r.moran_rand.z)).toBeLessThan(RTOL);
    expect(relErr(m.normal!.variance, r.moran_norm.VI)).toBeLessThan(RTOL);
    const g = gearyC(esdaSample(pcgdp1940, w, 'PCGDP1940'));
    expect(relErr(g.value, r.geary_rand.C)).toBeLessThan(RTOL);
    expect(relErr(g.randomisation!.variance, r.geary_rand.VC)).toBeLessThan(RTOL);
    expect(relErr(g.randomisation!.z, r.geary_rand.z)).toBeLessThan(RTOL);
  });

  test('S0, S1, S2 of an asymmetric W by hand', () => {
    // w: 0→1 = 1, 1→0 = 2, 1→2 = 3 ; S0 = 6, S1 = ½[(1+2)²·2 + 3²·2] = 18, S2 = (1+2)² + (5+1)² + (0+3)² = 54
    const w = SpatialWeights.fromTriplets(['a', 'b', 'c'], [0, 1, 1], [1, 0, 2], [1, 2, 3]);
    expect(weightSums(w)).toEqual({ n: 3, s0: 6, s1: 18, s2: 54 });
  });
});

describe("Geary's C and General G (spdep::geary.test, globalG.test — esda_reference.json us48_1986)", () => {
  test('Geary under randomisation and normality', async () => {
    const w = await us48Queen();
    const x = Float64Array.from(producYear(1986, w.ids).gsp, Math.log);
    const g = gearyC(esdaSample(x, w, 'log(gsp) 1986'));
    for (const [ours, r] of [[g.randomisation!, ref.us48_1986.geary_rand], [g.normal!, ref.us48_1986.geary_norm]] as const) {
      expect(relErr(g.value, r.C)).toBeLessThan(RTOL);
      expect(relErr(ours.variance, r.VC)).toBeLessThan(RTOL);
      expect(relErr(ours.z, r.z)).toBeLessThan(RTOL);
      expect(relErr(ours.p, r.p)).toBeLessThan(RTOL);
    }
  });

  test('General G with binary weights on gsp / 1000', async () => {
    const w = (await us48Queen()).transform('B');
    const x = Float64Array.from(producYear(1986, w.ids).gsp, (v) => v / 1000);
    const g = generalG(esdaSample(x, w, 'gsp 1986'));
    const r = ref.us48_1986.globalG;
    expect(relErr(g.value, r.G)).toBeLessThan(RTOL);
    expect(relErr(g.expected, r.EG)).toBeLessThan(RTOL);
    expect(relErr(g.randomisation!.variance, r.VG)).toBeLessThan(RTOL);
    expect(relErr(g.randomisation!.z, r.z)).toBeLessThan(RTOL);
  });

  test('bivariate Moran equals spdep::moran_bv (log gsp vs lag of log pcap, 1986)', async () => {
    const w = await us48Queen();
    const c = producYear(1986, w.ids);
    const s = esdaSample(Float64Array.from(c.gsp, Math.log), w, 'log(gsp) 1986', Float64Array.from(c.pcap, Math.log));
    expect(relErr(bivariateMoran(s).value, ref.us48_1986.bivariate)).toBeLessThan(RTOL);
  });
});

describe('permutation inference', () => {
  test('a fixed seed reproduces exactly; another seed differs; pseudo p = (M+1)/(R+1)', async () => {
    const w = await us48Queen();
    const s = esdaSample(Float64Array.from(producYear(1986, w.ids).gsp, Math.log), w, 'log(gsp) 1986');
    const a = moranI(s, { permutations: 999, rng: createRng(1) }).permutation!;
    const b = moranI(s, { permutations: 999, rng: createRng(1) }).permutation!;
    const c = moranI(s, { permutations: 999, rng: createRng(2) }).permutation!;
    expect(a).toEqual(b);
    expect(a.mean).not.toBe(c.mean);
    expect(Number.isInteger(a.p * 1000 - 1 + 1e-9) || Math.abs(a.p * 1000 - Math.round(a.p * 1000)) < 1e-9).toBe(true);
    expect(a.p).toBeGreaterThanOrEqual(1 / 1000);
    expect(a.seed).toBe(1);
  });

  test('the permutation statistic is zᵀWz for every draw, on an asymmetric W with a diagonal (naive loop, same generator)', () => {
    // 30 regions, each linked to 3 pseudo-random others (asymmetric pattern, some links in one
    // direction only) plus a self-weight on every fifth: the half-storage quadratic form must
    // give the plain double loop's values.
    const n = 30, R = 200;
    const ids = Array.from({ length: n }, (_, i) => `r${i}`);
    const rows: number[] = [], cols: number[] = [], vals: number[] = [];
    const g = createRng(11);
    for (let i = 0; i < n; i++) {
      const seen = new Set<number>();
      while (seen.size < 3) { const j = g.below(n); if (j !== i) seen.add(j); }
      for (const j of seen) { rows.push(i); cols.push(j); vals.push(0.5 + g.uniform()); }
      if (i % 5 === 0) { rows.push(i); cols.push(i); vals.push(0.25); }
    }
    const w = SpatialWeights.fromTriplets(ids, rows, cols, vals);
    const x = Float64Array.from({ length: n }, (_, i) => Math.sin(i) + i / 10);
    const s = esdaSample(x, w, 'x');
    const m = moranI(s, { permutations: R, rng: createRng(3) });
    // Naive: the same Fisher–Yates draws, I = (n/S0)·zᵀWz/Σz².
    const mean = x.reduce((a, b) => a + b, 0) / n;
    const v = Float64Array.from(x, (xi) => xi - mean);
    const m2 = v.reduce((a, b) => a + b * b, 0);
    const s0 = vals.reduce((a, b) => a + b, 0);
    const rng = createRng(3);
    const sims: number[] = [];
    for (let p = 0; p < R; p++) {
      for (let i = n - 1; i > 0; i--) { const j = rng.below(i + 1); const t = v[i]; v[i] = v[j]; v[j] = t; }
      let q = 0;
      for (let k = 0; k < rows.length; k++) q += vals[k] * v[rows[k]] * v[cols[k]];
      sims.push((n / s0) * q / m2);
    }
    const simMean = sims.reduce((a, b) => a + b, 0) / R;
    const simVar = sims.reduce((a, b) => a + (b - simMean) ** 2, 0) / (R - 1);
    expect(relErr(m.permutation!.mean, simMean)).toBeLessThan(1e-10);
    expect(relErr(m.permutation!.variance, simVar)).toBeLessThan(1e-10);
    const above = sims.filter((t) => t >= m.value - 1e-12).length;
    expect(m.permutation!.p).toBeCloseTo((above + 1) / (R + 1), 12);
  });

  test('as permutations grow, their mean and variance approach E[I] and Var[I] under randomisation', async () => {
    const w = await us48Queen();
    const s = esdaSample(Float64Array.from(producYear(1986, w.ids).gsp, Math.log), w, 'log(gsp) 1986');
    const m = moranI(s, { permutations: 20000, rng: createRng(7) });
    const p = m.permutation!;
    // Monte-Carlo error of the mean ≈ sd/√R ≈ 0.1/141 ≈ 7e-4; of the variance ≈ Var·√(2/R) ≈ 1%.
    expect(Math.abs(p.mean - m.expected)).toBeLessThan(4 * Math.sqrt(m.randomisation!.variance / 20000));
    expect(relErr(p.variance, m.randomisation!.variance)).toBeLessThan(0.05);
    const small = moranI(s, { permutations: 200, rng: createRng(7) }).permutation!;
    expect(Math.abs(small.variance - m.randomisation!.variance)).toBeGreaterThan(Math.abs(p.variance - m.randomisation!.variance) / 50);
  });
});

describe('the sample: missing values, islands, constants', () => {
  test('missing values and the islands they leave are excluded and named', () => {
    // a path a–b–c–d–e plus f–g; f's value is missing, so g is left without neighbours.
    const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const links = [[0, 1], [1, 2], [2, 3], [3, 4], [5, 6]];
    const rows = links.flatMap(([i, j]) => [i, j]);
    const cols = links.flatMap(([i, j]) => [j, i]);
    const w = SpatialWeights.fromTriplets(ids, rows, cols, rows.map(() => 1)).transform('R');
    const s = esdaSample([1, 2, 3, 4, 5, Number.NaN, 7], w, 'x 2000');
    expect(s.missing).toEqual(['f']);
    expect(s.islands).toEqual(['g']);
    expect(s.w.ids).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(Number.isFinite(moranI(s).value)).toBe(true);
  });

  test('a constant variable is an error naming it', async () => {
    const w = await us48Queen();
    expect(() => esdaSample(new Float64Array(48).fill(3), w, 'x 1990')).toThrow(/x 1990 takes the same value \(3\) in every region/);
  });
});
