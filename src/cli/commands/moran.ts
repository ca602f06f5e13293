/**
 * `rwb moran`: global spatial autocorrelation of a panel variable for every year (Moran's I,
 * Geary's C or General G; bivariate Moran with --with), and local statistics (LISA, local G)
 * for one year or every year, with LISA transitions. JSON keys follow docs/cli-contract.md.
 */
import type { GlobalResult } from '../../esda/global';
import { LISA_CODE, type LisaClass } from '../../esda/local';
import type { LongPanel } from '../../core/panel';
import {
  ESDA_STATS, globalByYear, localForYear, localOverYears, panelYears, type LocalStat, type LocalYear, type PanelVariable,
} from '../../services/esda/esda-service';
import { UsageError, optChoice, optNumber, optString, optFlag, reqString, resolvePath } from '../args';
import type { CliArgs, CliCommand, CliIo } from '../command';
import { GEOMETRY_OPTIONS, GEOMETRY_USAGE, PANEL_OPTIONS, PANEL_USAGE, panelFromArgs, variablesFromArgs } from '../inputs';
import { formatTable, printJson, warn } from '../output';
import { SUMMARIES } from './summaries';
import { WEIGHTS_OPTIONS, WEIGHTS_USAGE, weightsFromArgs } from './weights';

const USAGE = `Usage: rwb moran --panel FILE --id COL --time COL --var EXPR (--weights FILE | --geometry FILE --key K --weights-spec S)
                 [--years 1970..1986] [--stat moran|geary|getis] [--permutations 999] [--seed 1]
                 [--local YEAR|all] [--json]

Global spatial autocorrelation of EXPR in every year (one row per year), and with --local the
local statistics of one year (or of every year, with the LISA transitions between years).

Options:
${PANEL_USAGE}
${GEOMETRY_USAGE}
${WEIGHTS_USAGE}
  --var EXPR            the variable, e.g. "log(gsp)"
  --with EXPR           bivariate Moran: EXPR against the spatial lag of this variable
  --residuals-of RUN    instead of --var: the residuals of saved panel run RUN (with
                        --panel PROJECT.rwb), refitted from its stored spec, per year
  --years A..B          only these years (default: all)
  --stat S              moran (default), geary (as spdep::geary.test) or getis (General G, as
                        spdep::globalG.test; values must be >= 0; the W is used as given)
  --alternative A       greater (default, as spdep), less or two-sided for the global tests
  --permutations R      permutation test (global) and conditional permutations (local); default 0
  --seed S              seed of the permutations (default 1); each year is seeded from it
  --local YEAR|all      local Moran's I (LISA) of YEAR, or of every year with transitions
  --local-stat S        moran (default), getis (G_i), getis-star (G_i*) or bivariate (needs --with)
  --alpha A             significance of the cluster map (default 0.05)
  --correction C        none (default), bonferroni or fdr (Benjamini–Hochberg, as GeoDa)
  --json                one JSON document on stdout

Regions without a value in a year, and regions left without neighbours, are left out of that
year with a note on stderr (and in the JSON under "excluded").

Example:
  rwb moran --panel produc.csv --id state_name --time year --var "log(gsp)" \\
    --geometry us48.shp --key STATE_NAME --weights-spec queen --local 1986 --permutations 999 --seed 1 --json
`;

/** `--years 1970..1986` (or a single year). */
function parseYears(text: string | undefined): { from?: number; to?: number } | undefined {
  if (text === undefined) return undefined;
  const m = /^\s*(-?\d+)\s*(?:\.\.|-|:)\s*(-?\d+)\s*$/.exec(text) ?? /^\s*(-?\d+)\s*$/.exec(text);
  if (!m) throw new UsageError(`option --years must look like 1970..1986 (or one year), got "${text}"`);
  const from = Number(m[1]);
  const to = m[2] !== undefined ? Number(m[2]) : from;
  if (to < from) throw new UsageError(`option --years ends before it starts: "${text}"`);
  return { from, to };
}

const CLUSTER_CODE: Readonly<Record<LisaClass, string>> = LISA_CODE;

const pSim = (r: GlobalResult) => r.permutation?.p ?? null;

/** The contract's per-year JSON of one global statistic. */
function globalJson(year: number, r: GlobalResult, excluded: { missing: readonly string[]; islands: readonly string[] }, seed: number): Record<string, unknown> {
  const base = { year, n: r.n };
  const extra = {
    ...(r.permutation ? { permutations: r.permutation.permutations, seed, year_seed: r.permutation.seed, mean_sim: r.permutation.mean, var_sim: r.permutation.variance, z_sim: r.permutation.z } : {}),
    excluded: { missing: excluded.missing, islands: excluded.islands },
  };
  if (r.statistic === 'moran' || r.statistic === 'bivariate-moran') {
    return {
      ...base, I: r.value, EI: r.expected,
      VI_rand: r.randomisation?.variance ?? null, z_rand: r.randomisation?.z ?? null, p_rand: r.randomisation?.p ?? null,
      VI_norm: r.normal?.variance ?? null, z_norm: r.normal?.z ?? null, p_norm: r.normal?.p ?? null,
      p_sim: pSim(r), ...extra,
    };
  }
  if (r.statistic === 'geary') {
    return {
      ...base, C: r.value, EC: r.expected,
      VC_rand: r.randomisation?.variance ?? null, z_rand: r.randomisation?.z ?? null, p_rand: r.randomisation?.p ?? null,
      VC_norm: r.normal?.variance ?? null, z_norm: r.normal?.z ?? null, p_norm: r.normal?.p ?? null,
      p_sim: pSim(r), ...extra,
    };
  }
  return {
    ...base, G: r.value, EG: r.expected, VG: r.randomisation?.variance ?? null, z: r.randomisation?.z ?? null,
    p: r.randomisation?.p ?? null, p_sim: pSim(r), ...extra,
  };
}

/** The contract's JSON of one year's local statistics. */
function localJson(l: LocalYear, seed: number): Record<string, unknown> {
  return {
    year: l.year,
    stat: l.stat,
    significance: { by: l.significance.by, alpha: l.significance.alpha, correction: l.significance.rule === 'alpha' ? 'none' : l.significance.rule, cutoff: l.significance.cutoff },
    permutations: l.permutations,
    seed: l.permutations > 0 ? seed : null,
    year_seed: l.seed,
    counts: Object.fromEntries(Object.entries(l.counts).map(([k, v]) => [CLUSTER_CODE[k as LisaClass], v])),
    excluded: { missing: l.excluded.missing, islands: l.excluded.islands },
    regions: l.regions.map((r) => (l.stat === 'moran'
      ? { id: r.id, Ii: r.value, EIi: r.expected, VarIi: r.variance, ZIi: r.z, p: r.p, p_sim: r.pSim, quadrant: r.quadrant ? CLUSTER_CODE[r.quadrant] : null, cluster: CLUSTER_CODE[r.cluster], x_std: r.scatterX, lag_std: r.scatterY }
      : l.stat === 'bivariate'
        ? { id: r.id, Ii: r.value, p_sim: r.pSim, quadrant: r.quadrant ? CLUSTER_CODE[r.quadrant] : null, cluster: CLUSTER_CODE[r.cluster] }
        : { id: r.id, G: r.value, z: r.z, p: r.p, p_sim: r.pSim, cluster: CLUSTER_CODE[r.cluster] })),
  };
}

function transitionJson(t: { states: readonly string[]; counts: readonly (readonly number[])[]; probabilities: readonly (readonly number[])[]; moved: number; total: number }): Record<string, unknown> {
  return { states: t.states.map((s) => CLUSTER_CODE[s as LisaClass]), counts: t.counts, probabilities: t.probabilities, moved: t.moved, total: t.total };
}

async function run(args: CliArgs, io: CliIo): Promise<number> {
  const residualsOf = optNumber(args, 'residuals-of', { integer: true, min: 1 });
  const expr = residualsOf === undefined ? reqString(args, 'var', 'the variable expression, e.g. "log(gsp)"') : optString(args, 'var');
  if (residualsOf !== undefined && expr !== undefined) throw new UsageError('use either --var or --residuals-of, not both');
  const withExpr = optString(args, 'with');
  const stat = optChoice(args, 'stat', ESDA_STATS) ?? 'moran';
  if (withExpr !== undefined && stat !== 'moran') throw new UsageError('option --with (bivariate Moran) works with --stat moran only');
  const alternative = optChoice(args, 'alternative', ['greater', 'less', 'two-sided'] as const);
  const permutations = optNumber(args, 'permutations', { integer: true, min: 0 }) ?? 0;
  if (permutations > 99999) throw new UsageError(`option --permutations must be at most 99999, got ${permutations}`);
  const seed = optNumber(args, 'seed', { integer: true }) ?? 1;
  const localText = optString(args, 'local');
  const localStat = (optChoice(args, 'local-stat', ['moran', 'getis', 'getis-star', 'bivariate'] as const) ?? (withExpr !== undefined ? 'bivariate' : 'moran')) as LocalStat;
  if (localStat === 'bivariate' && withExpr === undefined) throw new UsageError('option --local-stat bivariate needs --with EXPR (the second variable)');
  const alpha = optNumber(args, 'alpha') ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) throw new UsageError(`option --alpha must be between 0 and 1, got ${alpha}`);
  const correction = optChoice(args, 'correction', ['none', 'bonferroni', 'fdr'] as const) ?? 'none';
  const rule = correction === 'none' ? 'alpha' as const : correction;
  const json = optFlag(args, 'json');
  const range = parseYears(optString(args, 'years'));

  let panel: LongPanel;
  let v: PanelVariable;
  let y: PanelVariable | undefined;
  if (residualsOf !== undefined) {
    const file = reqString(args, 'panel');
    if (!file.toLowerCase().endsWith('.rwb')) throw new UsageError('option --residuals-of needs --panel PROJECT.rwb (the project that holds the saved run)');
    if (withExpr !== undefined) throw new UsageError('use either --residuals-of or --with, not both');
    // Loaded on use: refitting a run pulls in the regression code, which plain `rwb moran` never needs.
    const { residualsFromProjectFile } = await import('../../services/esda/esda-job');
    const r = residualsFromProjectFile(resolvePath(io, file), residualsOf);
    for (const m of r.warnings) warn(io, m.message);
    panel = r.panel;
    v = r.variable;
  } else {
    panel = await panelFromArgs(args, io);
    const vars = variablesFromArgs(panel, withExpr !== undefined ? [expr as string, withExpr] : [expr as string], io);
    v = vars[0];
    y = vars[1];
  }
  const w = await weightsFromArgs(args, io, panel);
  const years = panelYears(panel, range);
  const progress = json || permutations === 0 ? undefined : (done: number, total: number) => io.stderr(`years: ${done}/${total}\r${done === total ? '\n' : ''}`);
  const g = globalByYear(panel, v, w.weights, years, stat, { permutations, seed, alternative, progress }, y);
  for (const m of g.warnings) warn(io, m.message);

  let local: Record<string, unknown> | undefined;
  let localAll: Record<string, unknown> | undefined;
  const localOpts = { permutations, seed, alpha, rule };
  if (localText !== undefined) {
    if (localText === 'all') {
      const l = localOverYears(panel, v, w.weights, years, localStat, localOpts, y);
      for (const m of l.warnings) if (!g.warnings.some((x) => x.message === m.message)) warn(io, m.message);
      localAll = {
        years: l.years.map((x) => localJson(x, seed)),
        transitions: { quadrants: transitionJson(l.quadrants), clusters: transitionJson(l.clusters) },
      };
    } else {
      const year = Number(localText);
      if (!Number.isInteger(year)) throw new UsageError(`option --local must be a year or "all", got "${localText}"`);
      panelYears(panel, { from: year, to: year });
      const l = localForYear(panel, v, w.weights, year, localStat, localOpts, y);
      for (const m of l.warnings) if (!g.warnings.some((x) => x.message === m.message)) warn(io, m.message);
      local = localJson(l.local, seed);
    }
  }

  if (json) {
    printJson(io, {
      var: v.name,
      ...(y ? { with: y.name } : {}),
      stat: y ? 'bivariate-moran' : stat,
      weights: w.specText,
      alternative: g.years[0]?.result.alternative ?? alternative ?? 'greater',
      results: g.years.map((r) => globalJson(r.year, r.result, r.excluded, seed)),
      ...(local ? { local } : {}),
      ...(localAll ? { local_all: localAll } : {}),
    });
    return 0;
  }
  const name = y ? `bivariate Moran's I (${v.name} vs W·${y.name})` : stat === 'moran' ? "Moran's I" : stat === 'geary' ? "Geary's C" : 'General G';
  io.stdout(`${name} of ${v.name}, W = ${w.specText}\n`);
  io.stdout(formatTable(['year', 'n', 'value', 'E', 'z (rand)', 'p (rand)', 'p (sim)'], g.years.map((r) => [
    r.year, r.result.n, r.result.value, r.result.expected, r.result.randomisation?.z ?? '', r.result.randomisation?.p ?? '', r.result.permutation?.p ?? '',
  ])));
  const printLocal = (l: Record<string, unknown>) => {
    const counts = l.counts as Record<string, number>;
    io.stdout(`\nLocal ${String(l.stat)} ${String(l.year)}: ${Object.entries(counts).map(([k, n]) => `${k} ${n}`).join(', ')}\n`);
  };
  if (local) printLocal(local);
  if (localAll) for (const l of localAll.years as Record<string, unknown>[]) printLocal(l);
  return 0;
}

/** The `rwb moran` command. */
export const command: CliCommand = {
  name: 'moran',
  summary: SUMMARIES.moran,
  usage: USAGE,
  options: {
    ...PANEL_OPTIONS,
    ...GEOMETRY_OPTIONS,
    ...WEIGHTS_OPTIONS,
    var: { type: 'string' },
    with: { type: 'string' },
    'residuals-of': { type: 'string' },
    years: { type: 'string' },
    stat: { type: 'string' },
    alternative: { type: 'string' },
    permutations: { type: 'string' },
    seed: { type: 'string' },
    local: { type: 'string' },
    'local-stat': { type: 'string' },
    alpha: { type: 'string' },
    correction: { type: 'string' },
    json: { type: 'boolean' },
  },
  run,
};
