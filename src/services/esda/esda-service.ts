/**
 * ESDA over a panel (issue 10): a global statistic (Moran's I, Geary's C, General G) for every
 * year in one call, local statistics (LISA, local G) for one or every year, and how LISA
 * clusters move between years. One use case for the CLI (`rwb moran`) and the app: the panel's
 * values are aligned with W by region id per year; missing values and the islands they leave
 * are excluded per year and reported (how many, which regions), never a NaN statistic.
 */
import { InputError } from '../../core/errors';
import { quoteList } from '../../core/ids';
import type { LongPanel } from '../../core/panel';
import { createRng } from '../../core/random';
import { bivariateMoran, gearyC, generalG, moranI, type Alternative, type GlobalResult } from '../../esda/global';
import {
  bivariateLocalMoran, cutoffs, lisaClusters, localG, localMoran, type LisaClass, type Quadrant, type SignificanceRule,
} from '../../esda/local';
import { esdaSample, type EsdaSample } from '../../esda/sample';
import { clusterTransitions, quadrantTransitions, type StateHistory, type TransitionTable } from '../../esda/transitions';
import type { SpatialWeights } from '../../weights/spatial-weights';
import type { InputWarning } from '../inputs/warnings';
import { ESDA_GLOBAL_STATS, ESDA_LOCAL_STATS, type EsdaGlobalStat, type EsdaLocalStat } from '../../contract/constants';

/** Global statistics the service computes (the contract's closed set). */
export const ESDA_STATS = ESDA_GLOBAL_STATS;
export type EsdaStat = EsdaGlobalStat;

/** A variable over the panel's rows (e.g. an evaluated expression), with its name for messages. */
export interface PanelVariable {
  readonly name: string;
  /** One value per panel row (NaN = missing). */
  readonly values: Float64Array;
}

/** Common options. */
export interface EsdaOptions {
  readonly permutations?: number;
  readonly seed?: number;
  readonly alternative?: Alternative;
  /** Called with (done, total) as years (or regions) are finished. */
  readonly progress?: (done: number, total: number) => void;
}

/** What was left out of one year's sample. */
export interface YearExclusions {
  readonly missing: readonly string[];
  readonly islands: readonly string[];
}

/** One year's global statistic. */
export interface GlobalYear {
  readonly year: number;
  readonly result: GlobalResult;
  readonly excluded: YearExclusions;
}

/** Years of the panel, ascending, optionally restricted to [from, to]. @throws InputError `esda-no-years`. */
export function panelYears(panel: LongPanel, range?: { from?: number; to?: number }): number[] {
  const all = [...new Set(panel.times)].sort((a, b) => a - b);
  const years = all.filter((t) => (range?.from === undefined || t >= range.from) && (range?.to === undefined || t <= range.to));
  if (years.length === 0) {
    throw new InputError('esda-no-years', `The panel has no year between ${range?.from ?? all[0]} and ${range?.to ?? all[all.length - 1]} (it covers ${all[0]}–${all[all.length - 1]}).`,
      { from: range?.from ?? all[0], to: range?.to ?? all[all.length - 1], first: all[0], last: all[all.length - 1] });
  }
  return years;
}

/**
 * Values of `v` in `year` in the order of W's ids (NaN where the panel has no row).
 * @throws InputError `esda-weights-regions` when no region of the panel is in W.
 */
export function valuesForYear(panel: LongPanel, v: PanelVariable, w: SpatialWeights, year: number): Float64Array {
  const out = new Float64Array(w.n).fill(Number.NaN);
  let matched = 0;
  for (let r = 0; r < panel.ids.length; r++) {
    if (panel.times[r] !== year) continue;
    const i = w.indexOf(panel.ids[r]);
    if (i >= 0) { out[i] = v.values[r]; matched++; }
  }
  if (matched === 0 && panel.times.includes(year)) {
    throw new InputError('esda-weights-regions', `None of the panel's regions in ${year} is a region of the weights matrix (W has ${quoteList(w.ids.slice(0, 3))}…); check that the ids match.`,
      { year, example: quoteList(w.ids.slice(0, 3)) });
  }
  return out;
}

/** Warnings for the regions a year's sample left out. */
export function exclusionWarnings(label: string, ex: YearExclusions): InputWarning[] {
  const out: InputWarning[] = [];
  if (ex.missing.length > 0) {
    out.push({ code: 'esda-missing-dropped', message: `${label}: ${ex.missing.length} region(s) without a value were left out: ${quoteList(ex.missing)}.`,
      details: { label, count: ex.missing.length, regions: quoteList(ex.missing), ids: ex.missing } });
  }
  if (ex.islands.length > 0) {
    out.push({ code: 'esda-islands-dropped', message: `${label}: ${ex.islands.length} region(s) without neighbours (islands) were left out: ${quoteList(ex.islands)}.`,
      details: { label, count: ex.islands.length, regions: quoteList(ex.islands), ids: ex.islands } });
  }
  return out;
}

function sampleFor(panel: LongPanel, v: PanelVariable, w: SpatialWeights, year: number, y?: PanelVariable): EsdaSample & { y?: Float64Array } {
  const label = `${v.name} ${year}`;
  const x = valuesForYear(panel, v, w, year);
  return esdaSample(x, w, label, y ? valuesForYear(panel, y, w, year) : undefined);
}

/**
 * A global statistic for every year (Moran's I, Geary's C or General G; with `y`, the bivariate
 * Moran's I of v against the lag of y). Each year's permutations use a generator seeded from the
 * seed and the year (`yearSeed`), so a year's result depends only on the seed, not on which other
 * years were asked for.
 * @throws InputError from `esdaSample` (a constant year, too few regions) and `esda-getis-negative`.
 */
export function globalByYear(panel: LongPanel, v: PanelVariable, w: SpatialWeights, years: readonly number[], stat: EsdaStat,
  opts: EsdaOptions = {}, y?: PanelVariable): { years: GlobalYear[]; warnings: InputWarning[] } {
  const warnings: InputWarning[] = [];
  const out: GlobalYear[] = [];
  years.forEach((year, k) => {
    const s = sampleFor(panel, v, w, year, y);
    const g = {
      alternative: opts.alternative, permutations: opts.permutations ?? 0,
      rng: (opts.permutations ?? 0) > 0 ? createRng(yearSeed(opts.seed ?? 1, year)) : undefined,
    };
    let result: GlobalResult;
    if (y) result = bivariateMoran(s, g);
    else if (stat === 'moran') result = moranI(s, g);
    else if (stat === 'geary') result = gearyC(s, g);
    else {
      const neg = s.w.ids.filter((_, i) => s.x[i] < 0);
      if (neg.length > 0) {
        throw new InputError('esda-getis-negative', `${v.name} ${year}: General G needs values of at least 0, but ${quoteList(neg)} ${neg.length === 1 ? 'is' : 'are'} negative.`,
          { label: `${v.name} ${year}`, regions: quoteList(neg), count: neg.length });
      }
      result = generalG(s, g);
    }
    const excluded = { missing: s.missing, islands: s.islands };
    warnings.push(...exclusionWarnings(`${v.name} ${year}`, excluded));
    out.push({ year, result, excluded });
    opts.progress?.(k + 1, years.length);
  });
  return { years: out, warnings };
}

/** The permutation seed of one year: the user's seed mixed with the year, so years are independent. */
export function yearSeed(seed: number, year: number): number {
  return (Math.imul(seed | 0, 1000003) + year) | 0;
}

/** Local statistics the service computes (the contract's closed set). */
export const LOCAL_STATS = ESDA_LOCAL_STATS;
export type LocalStat = EsdaLocalStat;

/** One region's local result. */
export interface LocalRegion {
  readonly id: string;
  readonly value: number;
  /** E, Var, z (analytical; Getis: the z-value only). */
  readonly expected: number | null;
  readonly variance: number | null;
  readonly z: number | null;
  readonly p: number | null;
  readonly pSim: number | null;
  readonly quadrant: Quadrant | null;
  /** Cluster class at `alpha` by the chosen p (pseudo p when permutations were run). */
  readonly cluster: LisaClass;
  /** Standardised value and its lag (the Moran scatterplot), local Moran only. */
  readonly scatterX: number | null;
  readonly scatterY: number | null;
}

/** One year's local statistics. */
export interface LocalYear {
  readonly year: number;
  readonly stat: LocalStat;
  readonly regions: readonly LocalRegion[];
  readonly excluded: YearExclusions;
  /** Which p decides the clusters, and its cut-off. */
  readonly significance: { readonly by: 'p_sim' | 'p'; readonly alpha: number; readonly rule: SignificanceRule; readonly cutoff: number };
  readonly counts: Readonly<Record<LisaClass, number>>;
  readonly permutations: number;
  readonly seed: number | null;
  /** Global Moran's I of the same sample (local Moran only): the scatterplot's reference slope. */
  readonly moranI: number | null;
}

/** Options of local statistics. */
export interface LocalOptions extends EsdaOptions {
  readonly alpha?: number;
  readonly rule?: SignificanceRule;
}

/**
 * Local statistics of one year. Local Moran uses spdep's conditional moments (two-sided p) and,
 * with permutations, the folded conditional-permutation pseudo p; clusters are decided by the
 * pseudo p when there is one, else by the analytical p. Local G: hot spots are High-High, cold
 * spots Low-Low in the cluster classes.
 */
export function localForYear(panel: LongPanel, v: PanelVariable, w: SpatialWeights, year: number, stat: LocalStat,
  opts: LocalOptions = {}, y?: PanelVariable): { local: LocalYear; warnings: InputWarning[] } {
  if (stat === 'bivariate' && !y) throw new RangeError('bivariate local statistics need a second variable');
  const s = sampleFor(panel, v, w, year, stat === 'bivariate' ? y : undefined);
  const permutations = opts.permutations ?? 0;
  const rng = permutations > 0 ? createRng(yearSeed(opts.seed ?? 1, year)) : undefined;
  const o = { permutations, rng, alternative: opts.alternative ?? 'two-sided' as Alternative };
  const alpha = opts.alpha ?? 0.05;
  const rule = opts.rule ?? 'alpha';
  let value: Float64Array, expected: Float64Array | null = null, variance: Float64Array | null = null;
  let z: Float64Array | null = null, p: Float64Array | null = null, pSim: Float64Array | null, quadrant: readonly Quadrant[];
  let scatterX: Float64Array | null = null, scatterY: Float64Array | null = null;
  if (stat === 'moran') {
    const l = localMoran(s, o);
    ({ ii: value, expected, variance, z, p, pseudoP: pSim, quadrant, scatterX, scatterY } = l);
  } else if (stat === 'bivariate') {
    const b = bivariateLocalMoran(s, o);
    ({ ii: value, pseudoP: pSim, quadrant } = b);
  } else {
    const g = localG(s, stat === 'getis-star', o);
    value = g.g; z = g.z; p = g.p; pSim = g.pseudoP;
    quadrant = Array.from(g.z, (zi) => (zi > 0 ? 'high-high' : 'low-low'));
  }
  const decide = pSim ?? p;
  if (!decide) {
    throw new InputError('esda-bivariate-needs-permutations', `${v.name} ${year}: the bivariate LISA has no analytical p-value; ask for permutations (e.g. 999).`,
      { label: `${v.name} ${year}` });
  }
  const clusters = lisaClusters(quadrant, decide, alpha, rule);
  const c = cutoffs(decide, alpha);
  const counts = { 'not-significant': 0, 'high-high': 0, 'low-low': 0, 'low-high': 0, 'high-low': 0 } as Record<LisaClass, number>;
  for (const k of clusters) counts[k]++;
  const at = (a: Float64Array | null, i: number) => (a ? a[i] : null);
  const regions: LocalRegion[] = s.w.ids.map((id, i) => ({
    id, value: value[i], expected: at(expected, i), variance: at(variance, i), z: at(z, i), p: at(p, i), pSim: at(pSim, i),
    quadrant: quadrant[i], cluster: clusters[i], scatterX: at(scatterX, i), scatterY: at(scatterY, i),
  }));
  const excluded = { missing: s.missing, islands: s.islands };
  return {
    local: {
      year, stat, regions, excluded,
      significance: { by: pSim ? 'p_sim' : 'p', alpha, rule, cutoff: rule === 'alpha' ? alpha : rule === 'bonferroni' ? c.bonferroni : c.fdr },
      counts, permutations: pSim ? permutations : 0, seed: pSim ? (rng?.seed ?? null) : null,
      moranI: stat === 'moran' ? moranI(s).value : null,
    },
    warnings: exclusionWarnings(`${v.name} ${year}`, excluded),
  };
}

/** Local statistics for several years, and the LISA transitions between them. */
export function localOverYears(panel: LongPanel, v: PanelVariable, w: SpatialWeights, years: readonly number[], stat: LocalStat,
  opts: LocalOptions = {}, y?: PanelVariable): {
  years: LocalYear[]; quadrants: TransitionTable<Quadrant>; clusters: TransitionTable<LisaClass>; history: StateHistory<LisaClass>;
  warnings: InputWarning[];
} {
  const warnings: InputWarning[] = [];
  const out: LocalYear[] = [];
  years.forEach((year, k) => {
    const r = localForYear(panel, v, w, year, stat, { ...opts, progress: undefined }, y);
    out.push(r.local);
    warnings.push(...r.warnings);
    opts.progress?.(k + 1, years.length);
  });
  const state = <S extends string>(pick: (r: LocalRegion) => S | null): StateHistory<S> => ({
    ids: w.ids, years,
    states: out.map((yr) => {
      const by = new Map(yr.regions.map((r) => [r.id, pick(r)]));
      return w.ids.map((id) => by.get(id) ?? null);
    }),
  });
  const history = state((r) => r.cluster);
  return {
    years: out,
    quadrants: quadrantTransitions(state((r) => r.quadrant)),
    clusters: clusterTransitions(history),
    history,
    warnings,
  };
}
