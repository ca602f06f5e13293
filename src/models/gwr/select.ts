/**
 * Choosing the bandwidth (and τ) by AICc or CV.
 *
 * - Adaptive k: a coarse grid of k (geometric spacing; its upper part only while the best grid
 *   point is near the top of what was evaluated) first, then integer golden-section
 *   refinement inside the bracket of each of the best grid minima, with every evaluated k cached;
 *   `exhaustive` evaluates every k. The profile has several local minima on real panels
 *   (reference meta.search_note), which is why a pure golden section (GWmodel bw.gtwr) is not used.
 * - Fixed h: a log-spaced grid, then golden section in the best bracket.
 * - τ: an outer search on log τ (grid, then Brent's method) with the bandwidth chosen again
 *   inside for every τ (warm-started from the neighbouring τ during the refinement).
 * Bandwidths with a singular local design, or with n − 2 − tr S ≤ 0 (AICc), are skipped
 * (reference meta.aicc_search_validity). For bisquare, tricube and box-car every k of a batch is
 * scored in one pass over sorted neighbour lists with running moment sums (./sweep.ts).
 * The sums over observations come from a RowScorer (./row-scorer.ts: this thread by default, or
 * injected to split the rows over threads); they are taken in fixed row blocks, so the profile
 * and the choice are the same however many threads computed them.
 */
import { InputError } from '../../core/errors';
import { aiccOf } from './diagnostics';
import { metricOf, type GtwrProblem, type GtwrSpec } from './fit';
import type { GwrKernel } from './kernels';
import { localScorer, type RowScorer } from './row-scorer';
import { sweepable, sweepScores } from './sweep';

/** Selection criterion. */
export type GwrCriterion = 'aicc' | 'cv';

/** One evaluated bandwidth. */
export interface ProfilePoint {
  readonly bandwidth: number;
  /** The criterion (NaN when the bandwidth is not valid). */
  readonly score: number;
  readonly traceS: number;
  readonly valid: boolean;
}

/** Result of a bandwidth search at one τ. */
export interface BandwidthSearch {
  readonly adaptive: boolean;
  readonly criterion: GwrCriterion;
  readonly bandwidth: number;
  readonly score: number;
  readonly method: 'grid+refine' | 'exhaustive' | 'grid+golden' | 'window';
  /** Every evaluated bandwidth, sorted by bandwidth. */
  readonly profile: readonly ProfilePoint[];
  readonly evaluations: number;
}

/** One τ of the outer search. */
export interface TauPoint {
  readonly tau: number;
  readonly bandwidth: number;
  readonly score: number;
}

/** Result of the τ search. */
export interface TauSearch {
  readonly tau: number;
  readonly search: BandwidthSearch;
  readonly profile: readonly TauPoint[];
}

/** What stays fixed in a search. */
export interface SearchBase {
  readonly kernel: GwrKernel;
  readonly tau: number;
  readonly pastOnly?: boolean;
}

/** Search options. */
export interface SearchOptions {
  readonly criterion?: GwrCriterion;
  /** Adaptive: smallest and largest k (default max(p + 2, 10) … n). */
  readonly kMin?: number;
  readonly kMax?: number;
  /** Fixed: search range in km (default from the data). */
  readonly hMin?: number;
  readonly hMax?: number;
  /** Evaluate every k. */
  readonly exhaustive?: boolean;
  /** Adaptive: how many of the best grid minima are refined (default 3; the τ search's inner searches use 1). */
  readonly refineMinima?: number;
  /**
   * Adaptive warm start (used inside the τ search): score every k of this window in one pass,
   * moving it outwards while the best k is on its edge, instead of the grid.
   */
  readonly window?: { readonly from: number; readonly to: number };
  /** Number of coarse grid points (default 24). */
  readonly grid?: number;
  /** Called now and then; throw from it to cancel. */
  readonly signal?: () => void;
  /** Progress: evaluations done (total unknown in advance: an estimate). */
  readonly progress?: (done: number, estimate: number) => void;
  /**
   * Who computes the sums over observations (default: this thread, `localScorer(problem,
   * signal)`); it must be built on the same problem. An injected scorer does its own
   * cancellation checks (e.g. with the same `signal`).
   */
  readonly scorer?: RowScorer;
}

/** Largest neighbour cache a search keeps (entries of n·k_max; about 12 bytes each). */
const CACHE_LIMIT = 8_000_000;

/**
 * Score one bandwidth by the criterion (NaN when invalid) from direct local fits: AICc of
 * (RSS, tr S) (diagnostics.ts aiccOf) or CV = Σ (e_i/(1 − S_ii))² (cvOf), summed in row blocks.
 */
export function scoreBandwidth(problem: GtwrProblem, spec: GtwrSpec, criterion: GwrCriterion, opts: { signal?: () => void; scorer?: RowScorer } = {}): ProfilePoint {
  const s = (opts.scorer ?? localScorer(problem, opts.signal)).fit(spec);
  if (s.singular) return { bandwidth: spec.bandwidth, score: NaN, traceS: NaN, valid: false };
  const score = criterion === 'aicc' ? aiccOf(s.rss, problem.design.n, s.traceS) : s.cv;
  return { bandwidth: spec.bandwidth, score, traceS: s.traceS, valid: Number.isFinite(score) };
}

const better = (a: ProfilePoint | undefined, b: ProfilePoint | undefined): boolean =>
  a !== undefined && a.valid && (b === undefined || !b.valid || a.score < b.score || (a.score === b.score && a.bandwidth < b.bandwidth));

/**
 * Choose k for an adaptive kernel.
 * @throws InputError `gwr-no-valid-bandwidth` when no k in the range gives a valid fit.
 */
export function searchAdaptive(problem: GtwrProblem, base: SearchBase, opts: SearchOptions = {}): BandwidthSearch {
  const { n, p } = problem.design;
  const criterion = opts.criterion ?? 'aicc';
  const kMax = Math.min(n, Math.floor(opts.kMax ?? n));
  const kMin = Math.max(1, Math.min(kMax, Math.ceil(opts.kMin ?? Math.max(p + 2, 10))));
  const spec = (k: number): GtwrSpec => ({ ...base, adaptive: true, bandwidth: k });
  const seen = new Map<number, ProfilePoint>();
  const estimate = opts.exhaustive ? kMax - kMin + 1 : Math.min(kMax - kMin + 1, (opts.grid ?? 24) + 30);
  const metric = metricOf(spec(kMin));
  const scorer = opts.scorer ?? localScorer(problem, opts.signal);
  /** k_max of the sweep's neighbour cache (none yet). */
  let cacheK: number | undefined;
  const sweeper = sweepable(base.kernel) ? scorer.sweeper(base.kernel, metric) : undefined;
  /** Evaluate the k not seen yet: one sweep for polynomial kernels, one fit each otherwise. */
  const evalMany = (list: readonly number[]): void => {
    const pending = [...new Set(list.filter((k) => k >= kMin && k <= kMax && !seen.has(k)))].sort((a, b) => a - b);
    if (pending.length === 0) return;
    if (sweeper) {
      const top = pending[pending.length - 1];
      // sorted lists kept for the next passes at this τ (a cache too large for memory is
      // skipped), with room for the next grid doubling so that it is rarely gathered twice
      // (a window search makes one pass: its lists are gathered by the pass itself)
      if (!opts.window && (cacheK === undefined || cacheK < top) && n * top <= CACHE_LIMIT) {
        cacheK = Math.min(kMax, Math.max(top, Math.min(Math.ceil(1.7 * top), Math.floor(CACHE_LIMIT / n))));
      }
      const sw = sweeper.score(pending, cacheK);
      const scores = sweepScores(sw, n, criterion);
      pending.forEach((k, q) => {
        const score = scores[q];
        seen.set(k, { bandwidth: k, score, traceS: sw.singular[q] ? NaN : sw.traceS[q], valid: Number.isFinite(score) });
      });
    } else {
      for (const k of pending) seen.set(k, scoreBandwidth(problem, spec(k), criterion, { scorer }));
    }
    opts.progress?.(seen.size, Math.max(estimate, seen.size));
  };
  const key = (k: number): number => { evalMany([k]); const r = seen.get(k) as ProfilePoint; return r.valid ? r.score : Infinity; };
  const range = (a: number, b: number): number[] => Array.from({ length: Math.max(0, b - a + 1) }, (_, t) => a + t);
  const bestSeen = (): number => {
    let best = -1, bs = Infinity;
    for (const [k, r] of seen) if (r.valid && (best < 0 || r.score < bs || (r.score === bs && k < best))) { best = k; bs = r.score; }
    return best;
  };
  /** Integer descent from the best k so far: its ±w window until nothing nearby is better. */
  const descend = (w: number): void => {
    let best = bestSeen();
    for (let moved = best >= 0; moved;) {
      moved = false;
      evalMany(range(best - w, best + w));
      const b2 = bestSeen();
      if (b2 !== best) { best = b2; moved = true; }
    }
  };
  const win = opts.window;
  if (win && !opts.exhaustive && sweeper) {
    // warm start (τ search): every k of the window in one pass, the window moved outwards
    // while the best k lies on its edge
    let a = Math.max(kMin, Math.floor(win.from)), b = Math.min(kMax, Math.ceil(win.to));
    evalMany(range(a, b));
    for (;;) {
      const best = bestSeen();
      if (best < 0) { a = kMin; b = kMax; evalMany(range(kMin, kMax)); break; }
      const w = Math.max(4, b - a);
      if (best >= b - 1 && b < kMax) { const nb = Math.min(kMax, b + w); evalMany(range(b + 1, nb)); b = nb; continue; }
      if (best <= a + 1 && a > kMin) { const na = Math.max(kMin, a - w); evalMany(range(na, a - 1)); a = na; continue; }
      break;
    }
    return finish(seen, true, criterion, 'window');
  }
  if (opts.exhaustive || kMax - kMin + 1 <= (opts.grid ?? 24)) {
    evalMany(range(kMin, kMax));
  } else {
    const g = opts.grid ?? 24;
    const grid = new Set<number>();
    for (let q = 0; q < g; q++) grid.add(Math.round(kMin * (kMax / kMin) ** (q / (g - 1))));
    const all = [...grid].sort((a, b) => a - b);
    // Grid points in growing ranges: up to max(200, 4·k_min) first, then one grid point more
    // while the best grid point is among the two largest evaluated (so a profile whose minimum
    // is at small k never pays for k near n; `exhaustive` evaluates everything). Each step
    // only adds larger k, so the sweep continues its running sums instead of starting again.
    const cap = Math.max(200, 4 * kMin);
    let pts = all.filter((k) => k <= cap);
    if (pts.length < 3) pts = all.slice(0, Math.min(all.length, 3));
    for (;;) {
      evalMany(pts);
      if (pts.length === all.length) break;
      let qb = 0;
      for (let q = 1; q < pts.length; q++) if (key(pts[q]) < key(pts[qb])) qb = q;
      if (Number.isFinite(key(pts[qb])) && qb < pts.length - 2) break;
      pts = all.slice(0, pts.length + 1);
    }
    // local minima of the grid, best first; refine up to three
    const minima = pts.map((k, q) => ({ k, q })).filter(({ q }) => {
      const s = key(pts[q]);
      return Number.isFinite(s) && (q === 0 || s <= key(pts[q - 1])) && (q === pts.length - 1 || s <= key(pts[q + 1]));
    }).sort((a, b) => key(a.k) - key(b.k)).slice(0, opts.refineMinima ?? 3);
    if (sweeper) {
      // one pass scores every integer k of the brackets at once
      const ks: number[] = [];
      for (const { q } of minima) ks.push(...range(pts[Math.max(0, q - 1)], pts[Math.min(pts.length - 1, q + 1)]));
      evalMany(ks);
    } else {
      for (const { q } of minima) {
        let a = pts[Math.max(0, q - 1)], b = pts[Math.min(pts.length - 1, q + 1)];
        while (b - a > 4) {
          const c = a + Math.round(0.381966 * (b - a)), d = a + Math.round(0.618034 * (b - a));
          if (c === d) break;
          evalMany([c, d]);
          if (key(c) <= key(d)) b = d; else a = c;
        }
        evalMany(range(a, b));
      }
    }
    descend(sweeper ? 6 : 2);
  }
  return finish(seen, true, criterion, opts.exhaustive ? 'exhaustive' : 'grid+refine');
}

function finish(seen: Map<number, ProfilePoint>, adaptive: boolean, criterion: GwrCriterion, method: BandwidthSearch['method']): BandwidthSearch {
  const profile = [...seen.values()].sort((a, b) => a.bandwidth - b.bandwidth);
  let best: ProfilePoint | undefined;
  for (const r of profile) if (better(r, best)) best = r;
  if (!best || !best.valid) {
    const d = { from: profile[0]?.bandwidth ?? null, to: profile[profile.length - 1]?.bandwidth ?? null, criterion: criterion === 'aicc' ? 'AICc' : 'CV' };
    throw new InputError('gwr-no-valid-bandwidth', `No bandwidth in the searched range (${d.from} to ${d.to}) gives a valid ${d.criterion}: every local design is singular or the model has too many effective parameters.`, d);
  }
  return Object.freeze({ adaptive, criterion, bandwidth: best.bandwidth, score: best.score, method, profile, evaluations: profile.length });
}

/** Largest space–time distance bound of the data at τ. */
function maxDistance(problem: GtwrProblem, tau: number): number {
  const span = problem.index.timeSpan();
  return Math.sqrt(problem.index.maxSpatial() ** 2 + tau * span * span);
}

/**
 * Choose a fixed bandwidth h by a log-spaced grid and golden section.
 * @throws InputError `gwr-no-valid-bandwidth`
 */
export function searchFixed(problem: GtwrProblem, base: SearchBase, opts: SearchOptions = {}): BandwidthSearch {
  const criterion = opts.criterion ?? 'aicc';
  const hMax = opts.hMax ?? maxDistance(problem, base.tau);
  const hMin = opts.hMin ?? hMax / 500;
  const seen = new Map<number, ProfilePoint>();
  const g = opts.grid ?? 24;
  const scorer = opts.scorer ?? localScorer(problem, opts.signal);
  const f = (h: number): number => {
    let r = seen.get(h);
    if (r === undefined) {
      r = scoreBandwidth(problem, { ...base, adaptive: false, bandwidth: h }, criterion, { scorer });
      seen.set(h, r);
      opts.progress?.(seen.size, g + 30);
    }
    return r.valid ? r.score : Infinity;
  };
  const pts: number[] = [];
  for (let q = 0; q < g; q++) pts.push(hMin * (hMax / hMin) ** (q / (g - 1)));
  const vals = pts.map(f);
  let qb = 0;
  for (let q = 1; q < g; q++) if (vals[q] < vals[qb]) qb = q;
  if (Number.isFinite(vals[qb])) {
    let a = pts[Math.max(0, qb - 1)], b = pts[Math.min(g - 1, qb + 1)];
    const R = 0.618033988749895;
    let c = b - R * (b - a), d = a + R * (b - a);
    let fc = f(c), fd = f(d);
    while (b - a > 1e-5 * b) {
      if (fc <= fd) { b = d; d = c; fd = fc; c = b - R * (b - a); fc = f(c); } else { a = c; c = d; fc = fd; d = a + R * (b - a); fd = f(d); }
    }
  }
  return finish(seen, false, criterion, 'grid+golden');
}

/** The median nearest-neighbour spatial distance between locations (km): the natural scale of one year. */
export function medianNearestDistance(problem: GtwrProblem): number {
  const L = problem.index.locations;
  const d: number[] = [];
  for (let l = 0; l < L; l++) d.push(problem.index.nearestLocationDistance(l));
  d.sort((a, b) => a - b);
  return d.length === 0 ? 1 : d[(d.length - 1) >> 1];
}

/**
 * Brent's minimisation on [a, b] (golden section with parabolic steps; Brent 1973, as
 * Numerical Recipes `brent`) from an evaluated x, to an absolute tolerance `tol`. `w`/`v`
 * seed the first parabola with two evaluated points of the bracket (e.g. its ends).
 */
function brentMin(f: (x: number) => number, a: number, b: number, x: number, fx: number, tol: number, seed?: { w: number; fw: number; v: number; fv: number }): void {
  const C = 0.3819660112501051;
  let w = seed?.w ?? x, fw = seed?.fw ?? fx, v = seed?.v ?? x, fv = seed?.fv ?? fx;
  let d = 0, e = seed ? b - a : 0;
  for (let it = 0; it < 100; it++) {
    const xm = 0.5 * (a + b), tol2 = 2 * tol;
    if (Math.abs(x - xm) <= tol2 - 0.5 * (b - a)) return;
    let golden = true;
    if (Math.abs(e) > tol && Number.isFinite(fx) && Number.isFinite(fw) && Number.isFinite(fv) && w !== x && v !== x && v !== w) {
      const r = (x - w) * (fx - fv);
      let q = (x - v) * (fx - fw);
      let pp = (x - v) * q - (x - w) * r;
      q = 2 * (q - r);
      if (q > 0) pp = -pp;
      q = Math.abs(q);
      const etemp = e;
      if (q > 0 && Math.abs(pp) < Math.abs(0.5 * q * etemp) && pp > q * (a - x) && pp < q * (b - x)) {
        e = d;
        d = pp / q;
        const u = x + d;
        if (u - a < tol2 || b - u < tol2) d = xm >= x ? tol : -tol;
        golden = false;
      }
    }
    if (golden) { e = x >= xm ? a - x : b - x; d = C * e; }
    const u = Math.abs(d) >= tol ? x + d : x + (d >= 0 ? tol : -tol);
    const fu = f(u);
    if (fu <= fx) {
      if (u >= x) a = x; else b = x;
      v = w; fv = fw; w = x; fw = fx; x = u; fx = fu;
    } else {
      if (u < x) a = u; else b = u;
      if (fu <= fw || w === x) { v = w; fv = fw; w = u; fw = fu; } else if (fu <= fv || v === x || v === w) { v = u; fv = fu; }
    }
  }
}

/**
 * Choose τ (and the bandwidth inside) on a log scale: a grid over τ₀·10^[−3, 3] with
 * τ₀ = (median nearest-neighbour distance)² per year² (one year ≈ one neighbour step), each
 * with a full bandwidth search; then Brent's method on log τ in the best bracket (to ±0.005 in
 * log₁₀ τ, about 1.2 %: the warm-started inner searches are cheap), each inner search warm-started from the bandwidths of the evaluated τ
 * on either side (adaptive: every k of a window around them in one pass, moved while the best k
 * is on its edge; fixed: a short grid + golden section between them). The chosen τ gets a full
 * bandwidth search again when it came from a warm start.
 * @throws InputError `gwr-tau-single-period` when the data have one period.
 */
export function searchTau(problem: GtwrProblem, base: { kernel: GwrKernel; adaptive: boolean; pastOnly?: boolean; bandwidth?: number }, opts: SearchOptions & { tauMin?: number; tauMax?: number; tauGrid?: number } = {}): TauSearch {
  if (problem.periods < 2) {
    throw new InputError('gwr-tau-single-period', 'τ cannot be searched: the data have a single period, so time distances are all zero (fit GWR with --tau 0).', { periods: problem.periods });
  }
  const tau0 = medianNearestDistance(problem) ** 2;
  const lo = Math.log10(opts.tauMin ?? tau0 * 1e-3), hi = Math.log10(opts.tauMax ?? tau0 * 1e3);
  const g = opts.tauGrid ?? 7;
  const criterion = opts.criterion ?? 'aicc';
  const inner = new Map<number, BandwidthSearch | null>();
  const scorer = opts.scorer ?? localScorer(problem, opts.signal);
  const innerOpts = { refineMinima: 1, ...opts, scorer, progress: undefined };
  /** The full (unhinted) search at log τ. */
  const full = (lt: number): BandwidthSearch | null => {
    const b: SearchBase = { kernel: base.kernel, tau: 10 ** lt, pastOnly: base.pastOnly };
    try {
      if (base.bandwidth !== undefined) {
        const pt = scoreBandwidth(problem, { ...b, adaptive: base.adaptive, bandwidth: base.bandwidth }, criterion, { scorer });
        return pt.valid ? { adaptive: base.adaptive, criterion, bandwidth: base.bandwidth, score: pt.score, method: 'grid+refine', profile: [pt], evaluations: 1 } : null;
      }
      return base.adaptive ? searchAdaptive(problem, b, innerOpts) : searchFixed(problem, b, innerOpts);
    } catch (e) {
      if (e instanceof InputError && e.code === 'gwr-no-valid-bandwidth') return null;
      throw e;
    }
  };
  /** The search at log τ warm-started from the bandwidths of the nearest evaluated τ on either side. */
  const warm = (lt: number): BandwidthSearch | null => {
    if (base.bandwidth !== undefined) return full(lt);
    let below: BandwidthSearch | null = null, above: BandwidthSearch | null = null, lb = -Infinity, la = Infinity;
    for (const [t, r] of inner) {
      if (!r) continue;
      if (t < lt && t > lb) { lb = t; below = r; }
      if (t > lt && t < la) { la = t; above = r; }
    }
    const bws = [below?.bandwidth, above?.bandwidth].filter((x): x is number => x !== undefined);
    if (bws.length === 0) return full(lt);
    const from = Math.min(...bws), to = Math.max(...bws);
    const b: SearchBase = { kernel: base.kernel, tau: 10 ** lt, pastOnly: base.pastOnly };
    try {
      if (base.adaptive) {
        if (!sweepable(base.kernel)) return full(lt);
        return searchAdaptive(problem, b, { ...innerOpts, window: { from: Math.floor(from / 1.15), to: Math.ceil(to * 1.15) } });
      }
      const hMin = from / 1.3, hMax = to * 1.3;
      const r = searchFixed(problem, b, { ...innerOpts, hMin, hMax, grid: 6 });
      // the optimum at an end of the window: search the whole range instead
      return r.bandwidth < hMin * 1.05 || r.bandwidth > hMax / 1.05 ? full(lt) : r;
    } catch (e) {
      if (e instanceof InputError && e.code === 'gwr-no-valid-bandwidth') return full(lt);
      throw e;
    }
  };
  const search = (lt: number, how: 'full' | 'warm'): BandwidthSearch | null => {
    let r = inner.get(lt);
    if (r === undefined) {
      r = how === 'full' ? full(lt) : warm(lt);
      inner.set(lt, r);
      opts.progress?.(inner.size, g + 8);
    }
    return r;
  };
  const key = (lt: number, how: 'full' | 'warm' = 'warm'): number => search(lt, how)?.score ?? Infinity;
  const pts: number[] = [];
  for (let q = 0; q < g; q++) pts.push(lo + ((hi - lo) * q) / (g - 1));
  let qb = 0;
  for (let q = 0; q < g; q++) if (key(pts[q], 'full') < key(pts[qb], 'full')) qb = q;
  if (Number.isFinite(key(pts[qb])) && g > 1) {
    const qa = Math.max(0, qb - 1), qc = Math.min(g - 1, qb + 1);
    const seed = qa < qb && qc > qb
      ? (key(pts[qa]) <= key(pts[qc]) ? { w: pts[qa], fw: key(pts[qa]), v: pts[qc], fv: key(pts[qc]) } : { w: pts[qc], fw: key(pts[qc]), v: pts[qa], fv: key(pts[qa]) })
      : undefined;
    brentMin((lt) => key(lt), pts[qa], pts[qc], pts[qb], key(pts[qb]), 0.005, seed);
  }
  let bestLt = NaN;
  for (const [lt, r] of inner) if (r && (Number.isNaN(bestLt) || r.score < (inner.get(bestLt)?.score ?? Infinity))) bestLt = lt;
  let best = Number.isNaN(bestLt) ? null : inner.get(bestLt) ?? null;
  if (best && best.method === 'window') {
    // the chosen τ: its bandwidth from a full search (the warm start looked near the neighbours only)
    const f = full(bestLt);
    if (f && f.score <= best.score) { best = f; inner.set(bestLt, f); }
  }
  const profile: TauPoint[] = [...inner.entries()].sort((a, b) => a[0] - b[0])
    .map(([lt, r]) => ({ tau: 10 ** lt, bandwidth: r?.bandwidth ?? NaN, score: r?.score ?? NaN }));
  if (!best) {
    const d = { from: Number((10 ** lo).toPrecision(4)), to: Number((10 ** hi).toPrecision(4)) };
    throw new InputError('gwr-no-valid-tau', `No τ in the searched range (${d.from} to ${d.to}) gives a valid fit.`, d);
  }
  return Object.freeze({ tau: 10 ** bestLt, search: best, profile });
}
