/**
 * Tests beside a GWR / GTWR fit: the Leung, Mei & Zhang (2000) F test of improvement over the
 * global OLS, and the Monte Carlo test of non-stationarity of each local coefficient
 * (Brunsdon, Fotheringham & Charlton 1998; GWmodel::montecarlo.gwr) by permuting locations.
 */
import type { Rng } from '../../core/random';
import { fDistributionCdf } from '../../stats/beta-tail';
import { allRows, fitBlock, fitGtwr, type GtwrFit, type GtwrProblem, type GtwrSpec } from './fit';
import { createSpaceTimeIndex, type SpaceTimePoints } from './space-time';

/** Leung–Mei–Zhang F1 test. */
export interface LeungF {
  /** F1 = (RSS_GWR/δ₁)/(RSS_OLS/(n − p)). */
  readonly f: number;
  /** δ₁²/δ₂ and n − p. */
  readonly df1: number;
  readonly df2: number;
  /** P(F ≤ F1): small values mean the GWR improves significantly on OLS. */
  readonly p: number;
  readonly delta1: number;
  readonly delta2: number;
}

/** Work above which δ₂ is not computed (Σ over columns of nnz² of I − S). */
const F_TEST_WORK_LIMIT = 3e9;

/**
 * The F1 test of Leung, Mei & Zhang (2000, Environment and Planning A 32:9), as
 * GWmodel::gwr.f1234.test: δ₁ = tr((I − S)ᵀ(I − S)), δ₂ = tr([(I − S)ᵀ(I − S)]²), computed from
 * the hat rows kept sparse (δ₂ = ‖MMᵀ‖²_F with M = I − S, row pairs that share a column only);
 * null when that work is too large (a Gaussian kernel on many thousand observations).
 */
export function leungMeiZhangF(problem: GtwrProblem, spec: GtwrSpec, fit: GtwrFit, signal?: () => void): LeungF | null {
  const { n, p } = problem.design;
  const block = fitBlock(problem, spec, allRows(n), { keepHat: true, signal });
  const hat = block.hat;
  if (!hat) return null;
  // M = I − S in CSR (the diagonal is present: d_ii = 0 gives w_ii = 1)
  const val = new Float64Array(hat.value.length);
  for (let i = 0; i < n; i++) {
    for (let q = hat.start[i]; q < hat.start[i + 1]; q++) val[q] = (hat.col[q] === i ? 1 : 0) - hat.value[q];
  }
  // columns (CSC)
  const cStart = new Int32Array(n + 1);
  for (let q = 0; q < hat.col.length; q++) cStart[hat.col[q] + 1]++;
  let work = 0;
  for (let c = 0; c < n; c++) { work += cStart[c + 1] ** 2; cStart[c + 1] += cStart[c]; }
  if (work > F_TEST_WORK_LIMIT) return null;
  const cRow = new Int32Array(hat.col.length), cVal = new Float64Array(hat.col.length);
  const fill = cStart.slice(0, n);
  for (let i = 0; i < n; i++) {
    for (let q = hat.start[i]; q < hat.start[i + 1]; q++) { const c = hat.col[q]; cRow[fill[c]] = i; cVal[fill[c]++] = val[q]; }
  }
  const acc = new Float64Array(n);
  const touched = new Int32Array(n);
  const mark = new Uint8Array(n);
  let delta2 = 0, delta1 = 0;
  for (let i = 0; i < n; i++) {
    if (signal && (i & 63) === 0) signal();
    let nt = 0;
    for (let q = hat.start[i]; q < hat.start[i + 1]; q++) {
      const c = hat.col[q], v = val[q];
      delta1 += v * v;
      for (let e = cStart[c]; e < cStart[c + 1]; e++) {
        const j = cRow[e];
        if (!mark[j]) { mark[j] = 1; touched[nt++] = j; }
        acc[j] += v * cVal[e];
      }
    }
    for (let t = 0; t < nt; t++) { const j = touched[t]; delta2 += acc[j] * acc[j]; acc[j] = 0; mark[j] = 0; }
  }
  const df2 = n - p;
  const f = (fit.diagnostics.rss / delta1) / (fit.ols.rss / df2);
  const df1 = (delta1 * delta1) / delta2;
  return Object.freeze({ f, df1, df2, p: fDistributionCdf(f, df1, df2), delta1, delta2 });
}

/** Monte Carlo test of each coefficient. */
export interface MonteCarloTest {
  readonly replications: number;
  readonly seed: number;
  /** Per coefficient: observed variance of the local estimates and its permutation p value. */
  readonly coefficients: readonly { readonly name: string; readonly variance: number; readonly p: number }[];
}

/**
 * Permute the locations among regions (each region's observations move together, times kept),
 * refit at the same bandwidth, and compare the variance of each local coefficient:
 * p = (1 + #{var_sim ≥ var_obs}) / (R + 1). Permutations whose local designs are singular are
 * drawn again.
 */
export function monteCarloTest(problem: GtwrProblem, points: SpaceTimePoints, fit: GtwrFit, opts: { replications: number; rng: Rng; signal?: () => void; progress?: (done: number, total: number) => void }): MonteCarloTest {
  const { n, p, names } = problem.design;
  const variance = (beta: Float64Array, a: number): number => {
    let m = 0;
    for (let i = 0; i < n; i++) m += beta[i * p + a];
    m /= n;
    let s = 0;
    for (let i = 0; i < n; i++) s += (beta[i * p + a] - m) ** 2;
    return s / (n - 1);
  };
  const observed = names.map((_, a) => variance(fit.beta, a));
  const exceed = new Array<number>(p).fill(0);
  const L = points.x.length;
  const perm: number[] = [];
  for (let l = 0; l < L; l++) perm.push(l);
  let done = 0, tries = 0;
  while (done < opts.replications) {
    if (++tries > 10 * opts.replications + 10) break;
    opts.signal?.();
    opts.rng.shuffle(perm);
    const x = new Float64Array(L), y = new Float64Array(L);
    for (let l = 0; l < L; l++) { x[l] = points.x[perm[l]]; y[l] = points.y[perm[l]]; }
    const moved: SpaceTimePoints = { ...points, x, y };
    let sim: GtwrFit;
    try {
      sim = fitGtwr({ ...problem, index: createSpaceTimeIndex(moved) }, fit.spec, { signal: opts.signal });
    } catch (e) {
      if (e instanceof Error && 'code' in e && (e as { code: string }).code === 'gwr-singular-local') continue;
      throw e;
    }
    for (let a = 0; a < p; a++) if (variance(sim.beta, a) >= observed[a]) exceed[a]++;
    done++;
    opts.progress?.(done, opts.replications);
  }
  return Object.freeze({
    replications: done,
    seed: opts.rng.seed,
    coefficients: names.map((name, a) => ({ name, variance: observed[a], p: (1 + exceed[a]) / (done + 1) })),
  });
}
