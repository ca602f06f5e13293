/**
 * `rwb fe`: panel regression (fixed effects by default) with classical, HC1, cluster-robust or
 * Driscoll–Kraay standard errors, a sub-sample (`--group COL=VALUE`), a baseline-plus-groups
 * table (`--by COL`), group-gap tests (`--compare A,B`) and publication-table export
 * (`--table out.docx|.xlsx|.tex|.csv|.html`). JSON keys follow docs/cli-contract.md.
 */
import {
  clusterLabelOf, runHausman, runHeterogeneityTable, runRegression, type GroupSelector, type HeterogeneityInput,
  type RegressionResult,
} from '../../services/regression/regression-service';
import type { MedianBasis } from '../../models/heterogeneity/groups';
import { tableFormatOf, writeTable } from '../../services/export/write-table';
import { buildRegressionTable, tableGrid } from '../../report/regression-table';
import type { Effects, PanelFit, SeType } from '../../models/panel/types';
import type { ChowTest } from '../../models/heterogeneity/chow';
import type { PermutationTest } from '../../models/heterogeneity/permutation';
import {
  UsageError, optChoice, optFlag, optNumber, optString, optStrings, reqString, resolvePath,
} from '../args';
import type { CliArgs, CliCommand, CliIo } from '../command';
import { PANEL_OPTIONS, PANEL_USAGE, panelFromArgs } from '../inputs';
import { formatTable, printJson, warn } from '../output';
import { SUMMARIES } from './summaries';

const USAGE = `Usage: rwb fe --panel FILE --id COL --time COL --y EXPR --x EXPR [--x EXPR ...] [options] [--json]

Panel regression of y on the x's: two-way fixed effects by default.

Options:
${PANEL_USAGE}
  --y EXPR              dependent variable expression, e.g. "log(gsp)"
  --x EXPR              regressor expression (repeat); its text is the coefficient name
  --model M             fe (default), re (Swamy–Arora random effects) or pooled
  --effects E           twoways, individual, time or none (default: twoways for fe,
                        individual for re, none for pooled)
  --se S                classical, hc1, cluster, dk (Driscoll–Kraay); default cluster when
                        --cluster is given, else classical
  --cluster COL         cluster variable: id (the region id) or any column; Stata's
                        xtreg, fe vce(cluster) small-sample factor G/(G-1)(N-1)/(N-K)
  --dk-lag L            Driscoll–Kraay maximum lag (default floor(4(T/100)^(2/9)))
  --group COL=VALUE     fit the sub-sample whose COL equals VALUE, e.g. region_group=East;
                        median:EXPR=High (or =Low) fits one half of a median split of EXPR
  --by COL|auto         baseline plus one column per value of COL (or median:EXPR for the
                        High/Low halves of a median split); auto finds a
                        region_group-like column (East/Central/West/Northeast)
  --split-basis B       median split by region-mean (default: each region's mean, so a
                        region stays in one half) or pooled (every region-year)
  --compare A,B         with --by: Chow test (interactions) of groups A and B, and the
                        Fisher permutation test with --permutations N (default 0) --seed S
  --hausman             add the Hausman test of FE against RE (one-way, classical, as
                        plm::phtest) on the same sample
  --table FILE          write the regression table: .docx, .xlsx, .tex, .csv or .html
  --paren se|t          statistic in parentheses in the table (default se)
  --digits D            decimals in the table (default 3)
  --lang en|zh          table wording: English (default) or Chinese (控制变量, 是/否, 括号内为…)
  --json                one JSON document on stdout

Example:
  rwb fe --panel produc.csv --id state_name --time year --y "log(gsp)" --x "log(pcap)" \\
    --x "log(pc)" --x "log(emp)" --x "unemp" --effects twoways --cluster state_name --json
`;

const SE_CHOICES = ['classical', 'hc1', 'cluster', 'dk', 'driscoll-kraay'] as const;

function seType(s: (typeof SE_CHOICES)[number] | undefined): SeType | undefined {
  if (s === undefined) return undefined;
  return s === 'dk' ? 'driscoll-kraay' : s;
}

const MEDIAN = 'median:';

function parseGroup(text: string | undefined, basis: MedianBasis | undefined): GroupSelector | undefined {
  if (text === undefined) return undefined;
  if (text.startsWith(MEDIAN)) {
    const eq = text.lastIndexOf('=');
    const value = text.slice(eq + 1);
    const split = text.slice(MEDIAN.length, eq);
    if (eq < 0 || split === '' || (value !== 'High' && value !== 'Low')) {
      throw new UsageError(`option --group median:EXPR must end with =High or =Low (e.g. median:unemp=High), got "${text}"`);
    }
    return { split, value, basis };
  }
  const eq = text.indexOf('=');
  if (eq <= 0 || eq === text.length - 1) {
    throw new UsageError(`option --group must look like COLUMN=VALUE (e.g. region_group=East), got "${text}"`);
  }
  return { column: text.slice(0, eq), value: text.slice(eq + 1) };
}

function parseBy(by: string, basis: MedianBasis | undefined): HeterogeneityInput['groups'] {
  if (by === 'auto') return undefined;
  if (by.startsWith(MEDIAN)) {
    const split = by.slice(MEDIAN.length);
    if (split === '') throw new UsageError('option --by median:EXPR needs an expression after "median:"');
    return { split, basis };
  }
  return { column: by };
}

/** The contract's JSON of one fit (snake_case keys). */
function fitJson(fit: PanelFit, r: RegressionResult): Record<string, unknown> {
  return {
    model: fit.model,
    effects: fit.effects,
    se_type: fit.seType,
    n_obs: fit.nObs,
    n_groups: fit.nGroups,
    n_periods: fit.nPeriods,
    ...(fit.nClusters !== undefined ? { n_clusters: fit.nClusters } : {}),
    r2_within: fit.r2Within,
    r2_overall: fit.r2Overall,
    df_resid: fit.dfResid,
    sigma2: fit.sigma2,
    f_test: { statistic: fit.fTest.statistic, df1: fit.fTest.df1, df2: fit.fTest.df2, p: fit.fTest.p },
    ...(fit.theta !== undefined ? { theta: fit.theta } : {}),
    dropped_rows: r.nDropped,
    coefficients: fit.coefficients.map((c) => ({ name: c.name, estimate: c.estimate, se: c.se, t: c.t, p: c.p })),
  };
}

function chowJson(c: ChowTest): Record<string, unknown> {
  return {
    group_a: c.groupA, group_b: c.groupB, statistic: c.statistic, df1: c.df1, df2: c.df2, p: c.p,
    dummy_included: c.dummyIncluded,
    gaps: c.gaps.map((g) => ({ name: g.name, diff: g.diff, se: g.se, t: g.t, p: g.p })),
  };
}

function permutationJson(p: PermutationTest): Record<string, unknown> {
  return {
    group_a: p.groupA, group_b: p.groupB, seed: p.seed, permutations: p.permutations, valid: p.valid,
    gaps: p.gaps.map((g) => ({ name: g.name, gap: g.gap, extreme: g.extreme, p: g.p })),
  };
}

function printFit(io: CliIo, title: string, fit: PanelFit): void {
  io.stdout(`${title}: ${fit.model} (${fit.effects}), ${fit.seType} SEs; N = ${fit.nObs}, groups = ${fit.nGroups}, `
    + `periods = ${fit.nPeriods}${fit.nClusters !== undefined ? `, clusters = ${fit.nClusters}` : ''}\n`);
  io.stdout(formatTable(['term', 'estimate', 'se', 't', 'p'], fit.coefficients.map((c) => [c.name, c.estimate, c.se, c.t, c.p])));
  io.stdout(`R² within = ${fit.r2Within ?? 'NA'}, R² overall = ${fit.r2Overall}\n\n`);
}

async function run(args: CliArgs, io: CliIo): Promise<number> {
  const y = reqString(args, 'y', 'the dependent variable expression');
  const x = optStrings(args, 'x');
  if (x.length === 0) throw new UsageError('missing required option --x (at least one regressor expression)');
  const model = optChoice(args, 'model', ['fe', 're', 'pooled'] as const);
  const effects = optChoice(args, 'effects', ['twoways', 'individual', 'time', 'none'] as const) as Effects | undefined;
  const se = seType(optChoice(args, 'se', SE_CHOICES));
  const cluster = optString(args, 'cluster');
  const dkLag = optNumber(args, 'dk-lag', { integer: true, min: 0 });
  const basis = optChoice(args, 'split-basis', ['region-mean', 'pooled'] as const);
  const group = parseGroup(optString(args, 'group'), basis);
  const by = optString(args, 'by');
  const compareText = optString(args, 'compare');
  const permutations = optNumber(args, 'permutations', { integer: true, min: 0 }) ?? 0;
  const seed = optNumber(args, 'seed', { integer: true }) ?? 1;
  const tablePath = optString(args, 'table');
  const paren = optChoice(args, 'paren', ['se', 't'] as const);
  const digits = optNumber(args, 'digits', { integer: true, min: 0 });
  const lang = optChoice(args, 'lang', ['en', 'zh'] as const);
  const json = optFlag(args, 'json');
  const hausman = optFlag(args, 'hausman');
  if (tablePath !== undefined) tableFormatOf(tablePath); // refuse an unknown extension before any work
  if (hausman && by !== undefined) throw new UsageError('option --hausman works on one sample: use it with --group or alone, not with --by');
  if (by !== undefined && group !== undefined) throw new UsageError('use either --group (one sub-sample) or --by (a column per group), not both');
  if (compareText !== undefined && by === undefined) throw new UsageError('option --compare needs --by (the grouping column)');
  if (permutations > 0 && compareText === undefined) throw new UsageError('option --permutations needs --compare A,B (the two groups to test)');
  let compare: { a: string; b: string } | undefined;
  if (compareText !== undefined) {
    const parts = compareText.split(',');
    if (parts.length !== 2 || parts.some((p) => p.trim() === '')) throw new UsageError(`option --compare must look like A,B (two group values), got "${compareText}"`);
    compare = { a: parts[0].trim(), b: parts[1].trim() };
  }

  // A project panel comes with its regions' groups as `region_group` (services/inputs).
  const panel = await panelFromArgs(args, io);
  const tableOptions = { ...(paren ? { paren } : {}), ...(digits !== undefined ? { digits } : {}), ...(lang ? { language: lang } : {}) };
  const base = {
    panel, y, x, effects, se, cluster, model, ...(dkLag !== undefined ? { dkLag } : {}),
  };

  if (by !== undefined) {
    const het = runHeterogeneityTable({
      ...base,
      groups: parseBy(by, basis),
      table: tableOptions,
      compare: compare ? {
        ...compare, permutations, seed,
        onProgress: json ? undefined : (done, total) => { if (done % 100 === 0 || done === total) io.stderr(`permutations: ${done}/${total}\r${done === total ? '\n' : ''}`); },
      } : undefined,
    });
    for (const n of het.notes) warn(io, n);
    for (const c of het.columns) for (const w of c.result.warnings) warn(io, `${c.title}: ${w}`);
    if (tablePath) await writeTable(het.table, resolvePath(io, tablePath));
    const first = het.columns[0];
    if (json) {
      printJson(io, {
        ...fitJson(first.result.fit, first.result),
        group_column: het.groupColumn,
        columns: het.columns.map((c) => ({ title: c.title, group: c.group, ...fitJson(c.result.fit, c.result) })),
        ...(het.chow ? { chow: chowJson(het.chow) } : {}),
        ...(het.permutation ? { permutation: permutationJson(het.permutation) } : {}),
        ...(tablePath ? { table: resolvePath(io, tablePath) } : {}),
      });
    } else {
      const grid = tableGrid(het.table);
      io.stdout(`${het.table.dependent ?? y} by ${het.groupColumn}\n`);
      io.stdout(formatTable(grid.rows[grid.headerRows - 1], grid.rows.slice(grid.headerRows)));
      io.stdout(`${het.table.notes}\n\n`);
      // Each gap beside its own test (issue 13, defect 3): the pooled interaction gap with p(Chow),
      // the gap between the separate group fits with p(permutation).
      if (het.chow) {
        io.stdout(`Chow test (interactions) ${het.chow.groupA} vs ${het.chow.groupB}: F(${het.chow.df1}, ${het.chow.df2}) = ${het.chow.statistic}, p = ${het.chow.p}\n`);
        io.stdout(formatTable(['term', 'gap (pooled interaction)', 'p (Chow)'], het.chow.gaps.map((g) => [g.name, g.diff, g.p])));
      }
      if (het.permutation) {
        io.stdout(`Fisher permutation test (${het.permutation.permutations} permutations, seed ${het.permutation.seed}):\n`);
        io.stdout(formatTable(['term', 'gap (separate fits)', 'p (permutation)'], het.permutation.gaps.map((g) => [g.name, g.gap, g.p])));
      }
      if (tablePath) io.stdout(`Table written to ${resolvePath(io, tablePath)}\n`);
    }
    return 0;
  }

  const r = runRegression({ ...base, group });
  for (const w of r.warnings) warn(io, w);
  const h = hausman ? runHausman({ panel, y, x, group }) : undefined;
  if (tablePath) {
    const title = group ? `(1) ${group.value}` : '(1)';
    const table = buildRegressionTable([{ title, fit: r.fit }], { dependent: y, clusterLabel: clusterLabelOf(panel, cluster), ...tableOptions });
    await writeTable(table, resolvePath(io, tablePath));
  }
  if (json) {
    printJson(io, {
      ...fitJson(r.fit, r),
      ...(h ? { hausman: { statistic: h.statistic, df: h.df, p: h.p } } : {}),
      ...(tablePath ? { table: resolvePath(io, tablePath) } : {}),
    });
  } else {
    printFit(io, group ? ('column' in group ? `${group.column} = ${group.value}` : `${group.value} ${group.split}`) : 'Full sample', r.fit);
    if (h) io.stdout(`Hausman test (FE vs RE): chi2(${h.df}) = ${h.statistic}, p = ${h.p}\n`);
    if (tablePath) io.stdout(`Table written to ${resolvePath(io, tablePath)}\n`);
  }
  return 0;
}

/** The `rwb fe` command. */
export const command: CliCommand = {
  name: 'fe',
  summary: SUMMARIES.fe,
  usage: USAGE,
  options: {
    ...PANEL_OPTIONS,
    y: { type: 'string' },
    x: { type: 'string', multiple: true },
    model: { type: 'string' },
    effects: { type: 'string' },
    se: { type: 'string' },
    cluster: { type: 'string' },
    'dk-lag': { type: 'string' },
    group: { type: 'string' },
    by: { type: 'string' },
    'split-basis': { type: 'string' },
    compare: { type: 'string' },
    permutations: { type: 'string' },
    seed: { type: 'string' },
    table: { type: 'string' },
    hausman: { type: 'boolean' },
    paren: { type: 'string' },
    digits: { type: 'string' },
    lang: { type: 'string' },
  },
  run,
};
