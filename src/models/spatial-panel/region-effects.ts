/**
 * Region-level effects of one regressor: with S(W) = (I − ρW)⁻¹(βI + θW) (LeSage & Pace 2009,
 * eq. 2.13), region i's direct effect is S_ii, the spillover it receives is Σ_j S_ij − S_ii (row
 * sum minus diagonal: a unit change of x in every other region, on region i) and the spillover it
 * emits is Σ_j S_ji − S_ii (column sum minus diagonal: a unit change of x in region i, on all
 * the others). Their averages over regions are the direct and indirect effects of
 * `spatialEffects`. Standard errors by simulation from N(θ̂, V̂) as there; group means with
 * central 95 % intervals of the simulated group means.
 *
 * Computation, never an inverse per draw:
 * - `eigen` (W = D⁻¹C with C symmetric, eigen-decomposed as W = D^{-1/2}VΩVᵀD^{1/2}):
 *   diag((I − ρW)⁻¹) = Σ_k V_ik²/(1 − ρω_k), diag((I − ρW)⁻¹W) = Σ_k V_ik²ω_k/(1 − ρω_k),
 *   row sums (I − ρW)⁻¹(βι + θWι) and column sums from (I − ρW)⁻ᵀι, O(n²) per draw;
 * - `series` otherwise (no eigenvectors: n > 400 or W not symmetric-similar; n ≤ 2000): the
 *   power series Σ_k ρᵏ of diag(Wᵏ), Wᵏι and ιᵀWᵏ, exact
 *   powers, truncated when |ρ|ᵏ‖W‖ᵏ falls below 1e-12 (at most 2000 terms).
 * SEM: S = βI (no spillover); SDEM/SLX: S = βI + θW.
 */
import { InputError } from '../../core/errors';
import { createRng } from '../../core/random';
import type { CsrMatrix } from '../../linalg/sparse';
import { effectParameters, normalSampler } from './draws';
import { checkSameW } from './fit';
import { logDetFor } from './log-determinant';
import type { GroupMean, RegionEffects, RegionEffectsOptions, SpatialPanelFit } from './types';

/** Largest n for the series route of region effects. */
export const REGION_SERIES_MAX_N = 2000;
const MAX_TERMS = 2000;

interface RegionKernel {
  /** Fill direct, received, emitted (length n each) for (β, θ, ρ). */
  (beta: number, theta: number, rho: number, direct: Float64Array, received: Float64Array, emitted: Float64Array): void;
}

function kernelFor(fit: SpatialPanelFit, w: CsrMatrix, rhoMax: number): RegionKernel {
  const n = w.rows;
  const ones = new Float64Array(n).fill(1);
  const wRow = w.matVec(ones), wCol = w.transposeMatVec(ones);
  const wDiag = Float64Array.from({ length: n }, (_, i) => w.get(i, i));
  if (fit.model !== 'sar' && fit.model !== 'sdm') {
    return (b, th, _r, d, rec, em) => {
      for (let i = 0; i < n; i++) {
        d[i] = b + th * wDiag[i];
        rec[i] = b + th * wRow[i] - d[i];
        em[i] = b + th * wCol[i] - d[i];
      }
    };
  }
  const ld = logDetFor(w, { method: fit.logDet?.method });
  const sym = ld.symmetric, full = ld.eigenvectors();
  if (sym && full) {
    const vec = full.vectors, om = full.values;
    const sq = sym.d.map(Math.sqrt);
    // V² (row-major n×n), c0 = VᵀD^{1/2}ι, c1 = VᵀD^{1/2}Wι, e0 = VᵀD^{-1/2}ι
    const v2 = new Float64Array(n * n);
    const c0 = new Float64Array(n), c1 = new Float64Array(n), e0 = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      let a = 0, b = 0, c = 0;
      for (let i = 0; i < n; i++) {
        const v = vec.data[i + k * n];
        v2[i * n + k] = v * v;
        a += v * sq[i]; b += v * sq[i] * wRow[i]; c += v / sq[i];
      }
      c0[k] = a; c1[k] = b; e0[k] = c;
    }
    const f = new Float64Array(n), g = new Float64Array(n), h = new Float64Array(n), u = new Float64Array(n);
    return (b, th, r, d, rec, em) => {
      for (let k = 0; k < n; k++) { f[k] = 1 / (1 - r * om[k]); g[k] = f[k] * (b * c0[k] + th * c1[k]); h[k] = f[k] * e0[k]; }
      for (let i = 0; i < n; i++) {
        let dd = 0, rs = 0, cs = 0;
        const off = i * n;
        for (let k = 0; k < n; k++) {
          const fk = f[k];
          dd += v2[off + k] * fk * (b + th * om[k]);
          const v = vec.data[i + k * n];
          rs += v * g[k]; cs += v * h[k];
        }
        d[i] = dd;
        rec[i] = rs / sq[i] - dd;
        u[i] = cs * sq[i]; // u = (I − ρW)⁻ᵀι
      }
      // column sums of S: uᵀ(βI + θW)
      const uw = w.transposeMatVec(u);
      for (let i = 0; i < n; i++) em[i] = b * u[i] + th * uw[i] - d[i];
    };
  }
  if (n > REGION_SERIES_MAX_N) {
    throw new InputError('spatial-panel-region-effects-too-large', `Region-level effects are computed for at most ${REGION_SERIES_MAX_N} regions; this W has ${n}.`, { n, max: REGION_SERIES_MAX_N });
  }
  // series: diag(W^k), W^k ι, ιᵀW^k for k = 0..K (+1 for θ)
  let norm = 0;
  const rs = w.rowSums();
  for (let i = 0; i < n; i++) norm = Math.max(norm, Math.abs(rs[i]));
  const q = Math.min(rhoMax * norm, 0.999999);
  const K = Math.min(MAX_TERMS, Math.max(10, Math.ceil(Math.log(1e-12) / Math.log(Math.max(q, 1e-3)))));
  const diag: Float64Array[] = [], rows: Float64Array[] = [], cols: Float64Array[] = [];
  let p = new Float64Array(n * n); // W^k row-major
  for (let i = 0; i < n; i++) p[i * n + i] = 1;
  let rv: Float64Array = ones.slice(), cv: Float64Array = ones.slice();
  for (let k = 0; k <= K + 1; k++) {
    diag.push(Float64Array.from({ length: n }, (_, i) => p[i * n + i]));
    rows.push(rv); cols.push(cv);
    rv = w.matVec(rv); cv = w.transposeMatVec(cv);
    if (k <= K) {
      const next = new Float64Array(n * n); // P·W
      for (let i = 0; i < n; i++) {
        const off = i * n;
        for (let j = 0; j < n; j++) {
          const pij = p[off + j];
          if (pij === 0) continue;
          for (let t = w.rowPtr[j]; t < w.rowPtr[j + 1]; t++) next[off + w.colIndex[t]] += pij * w.values[t];
        }
      }
      p = next;
    }
  }
  return (b, th, r, d, rec, em) => {
    d.fill(0); rec.fill(0); em.fill(0);
    let pw = 1;
    for (let k = 0; k <= K; k++) {
      const dk = diag[k], dk1 = diag[k + 1], rk = rows[k], rk1 = rows[k + 1], ck = cols[k], ck1 = cols[k + 1];
      for (let i = 0; i < n; i++) {
        d[i] += pw * (b * dk[i] + th * dk1[i]);
        rec[i] += pw * (b * rk[i] + th * rk1[i]);
        em[i] += pw * (b * ck[i] + th * ck1[i]);
      }
      pw *= r;
    }
    for (let i = 0; i < n; i++) { rec[i] -= d[i]; em[i] -= d[i]; }
  };
}

function sd(samples: Float64Array, draws: number, n: number, i: number): number {
  let m = 0, m2 = 0;
  for (let r = 0; r < draws; r++) { const x = samples[r * n + i]; const dlt = x - m; m += dlt / (r + 1); m2 += dlt * (x - m); }
  return Math.sqrt(m2 / (draws - 1));
}

/**
 * Per-region direct, received and emitted effects of `variable` with simulated SEs (see the
 * module comment); the draws are kept for `groupMeans`.
 * @throws InputError `spatial-panel-unknown-variable`, `spatial-panel-bad-draws`, `spatial-panel-bad-seed`,
 *   `spatial-panel-region-effects-too-large`, `spatial-panel-weights-size`.
 */
export function regionEffects(fit: SpatialPanelFit, w: CsrMatrix, variable: string, options: RegionEffectsOptions = {}): RegionEffects {
  checkSameW(fit, w);
  const j = fit.xNames.indexOf(variable);
  if (j < 0) throw new InputError('spatial-panel-unknown-variable', `"${variable}" is not a regressor of the model (${fit.xNames.join(', ')}).`, { variable, regressors: fit.xNames.join(', ') });
  const draws = options.draws ?? 1000;
  const seed = options.seed ?? 1;
  if (!(Number.isInteger(draws) && draws >= 2)) throw new InputError('spatial-panel-bad-draws', `The number of draws must be an integer of at least 2, got ${draws}.`, { draws });
  if (!Number.isInteger(seed)) throw new InputError('spatial-panel-bad-seed', `The seed must be an integer, got ${seed}.`, { seed });
  const par = effectParameters(fit);
  const n = fit.n;
  const bi = par.betaIndex[j], ti = par.thetaIndex[j], ri = par.rhoIndex;
  const rhoHat = ri >= 0 ? par.mean[ri] : 0;
  const rhoSe = ri >= 0 ? Math.sqrt(par.vcov[ri * par.mean.length + ri]) : 0;
  const kernel = kernelFor(fit, w, Math.abs(rhoHat) + 6 * rhoSe);
  const direct = new Float64Array(n), received = new Float64Array(n), emitted = new Float64Array(n);
  kernel(par.mean[bi], ti >= 0 ? par.mean[ti] : 0, rhoHat, direct, received, emitted);
  const sampler = normalSampler(par.mean, par.vcov);
  const rng = createRng(seed);
  const sD = new Float64Array(draws * n), sR = new Float64Array(draws * n), sE = new Float64Array(draws * n);
  const p = new Float64Array(par.mean.length);
  for (let r = 0; r < draws; r++) {
    sampler.draw(rng, p);
    kernel(p[bi], ti >= 0 ? p[ti] : 0, ri >= 0 ? p[ri] : 0,
      sD.subarray(r * n, (r + 1) * n), sR.subarray(r * n, (r + 1) * n), sE.subarray(r * n, (r + 1) * n));
  }
  const se = (s: Float64Array): Float64Array => Float64Array.from({ length: n }, (_, i) => sd(s, draws, n, i));
  return Object.freeze({
    variable, regionIds: fit.regionIds, draws, seed,
    direct, directSe: se(sD), received, receivedSe: se(sR), emitted, emittedSe: se(sE),
    samples: Object.freeze({ direct: sD, received: sR, emitted: sE }),
    covarianceRepair: sampler.repair,
  });
}

function quantile(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h), hi = Math.ceil(h);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Means of the region effects by group (region id → group label; regions without a label are
 * left out), each with the SD of the simulated group means as SE and their central 95 %
 * interval (R's `quantile` type 7). Groups in order of first appearance in W's order.
 * @throws InputError `spatial-panel-no-groups` when no region has a group.
 */
export function groupMeans(effects: RegionEffects, groups: Readonly<Record<string, string>>): GroupMean[] {
  const n = effects.regionIds.length;
  const order: string[] = [];
  const members = new Map<string, number[]>();
  effects.regionIds.forEach((id, i) => {
    const g = groups[id];
    if (g === undefined) return;
    if (!members.has(g)) { members.set(g, []); order.push(g); }
    (members.get(g) as number[]).push(i);
  });
  if (order.length === 0) throw new InputError('spatial-panel-no-groups', 'None of the regions has a group, so no group means can be formed.', {});
  const out: GroupMean[] = [];
  const draws = effects.draws;
  for (const measure of ['direct', 'received', 'emitted'] as const) {
    const point = effects[measure], samples = effects.samples[measure];
    for (const g of order) {
      const idx = members.get(g) as number[];
      let mean = 0;
      for (const i of idx) mean += point[i];
      mean /= idx.length;
      const gm = new Float64Array(draws);
      for (let r = 0; r < draws; r++) { let s = 0; for (const i of idx) s += samples[r * n + i]; gm[r] = s / idx.length; }
      let mu = 0;
      for (let r = 0; r < draws; r++) mu += gm[r];
      mu /= draws;
      let v = 0;
      for (let r = 0; r < draws; r++) v += (gm[r] - mu) ** 2;
      gm.sort();
      out.push(Object.freeze({ group: g, regions: idx.length, measure, mean, se: Math.sqrt(v / (draws - 1)), lower: quantile(gm, 0.025), upper: quantile(gm, 0.975) }));
    }
  }
  return out;
}
