/**
 * `rwb sdm`: spatial panel models with fixed effects (SDM by default; SAR, SEM, SDEM, SLX) or
 * random effects (SAR, SDM) on a balanced panel under one W, with the LM / LR / Wald / Hausman
 * test ladder, the model-choice sentence and
 * the LeSage–Pace direct / indirect / total effects from seeded simulation draws; with
 * `--region-effects X` also each region's direct, received and emitted effect of X and their
 * means by region group. JSON keys follow docs/cli-contract.md.
 */
import type { LongPanel } from '../../core/panel';
import { SPATIAL_PANEL_EFFECTS, SPATIAL_PANEL_MODELS } from '../../contract/constants';
import { findRegionGroups } from '../../services/inputs/region-groups';
import { runSpatialColumn } from '../../services/spatial-panel/fit';
import { stackForW } from '../../services/spatial-panel/panel-data';
import type { SpatialWeights } from '../../weights/spatial-weights';
import { UsageError, optChoice, optFlag, optNumber, optString, optStrings, reqString, resolvePath } from '../args';
import type { CliArgs, CliCommand, CliIo } from '../command';
import { GEOMETRY_OPTIONS, GEOMETRY_USAGE, PANEL_OPTIONS, PANEL_USAGE, panelFromArgs, variablesFromArgs } from '../inputs';
import { formatTable, printJson, warn } from '../output';
import { SUMMARIES } from './summaries';
import { WEIGHTS_OPTIONS, WEIGHTS_USAGE, weightsFromArgs } from './weights';

const USAGE = `Usage: rwb sdm --panel FILE --id COL --time COL --y EXPR --x EXPR [--x EXPR ...]
               (--weights FILE | --geometry FILE --key K --weights-spec S | --project P.rwb --weights-saved NAME)
               [--model sdm|sar|sem|sdem|slx] [--effects twoways|individual|time] [--durbin X1,X2]
               [--lee-yu] [--random-effects] [--[no-]hausman] [--draws 1000] [--seed 1] [--region-effects X] [--json]

Spatial panel model with fixed effects (or, for SAR and SDM, random effects) by maximum
likelihood (Elhorst 2014), on a balanced panel stacked by period then region: the estimates,
LM lag / error and their robust forms, LR and Wald tests of the SDM against SAR and SEM, the
spatial Hausman test FE vs RE (SAR, SDM), which model the tests support, and the direct,
indirect and total effects (LeSage & Pace 2009) with standard errors from seeded draws.

Options:
${PANEL_USAGE}
${GEOMETRY_USAGE}
${WEIGHTS_USAGE}
  --project P.rwb       take the panel (and the boundaries of --weights-spec) from a project
  --weights-saved NAME  with --project: a weights matrix saved in the project
  --y EXPR              dependent variable, e.g. "log(gsp)"
  --x EXPR              a regressor (repeat)
  --model M             sdm (default), sar, sem, sdem or slx
  --effects E           fixed effects: twoways (default), individual or time
  --durbin X1,X2        regressors that get a spatial lag W*x (SDM, SDEM, SLX; default all)
  --lee-yu              Lee–Yu (2010) bias correction of the fixed-effects estimates
  --random-effects      random individual effects instead of fixed effects (SAR, SDM; Elhorst's
                        sar_panel_RE); --effects then sets the fixed effects of the tests' models
  --hausman             the spatial Hausman test FE vs RE (SAR, SDM) even for n > 1000 (by
                        default it runs for n <= 1000 or with --random-effects: it costs an RE fit)
  --no-hausman          skip the spatial Hausman test
  --draws R             simulation draws of the effects (default 1000; 0: delta method)
  --seed S              seed of the draws (default 1)
  --region-effects X    also each region's direct, received and emitted effect of regressor X,
                        and their means by region group (JSON key "region_effects")
  --no-lr               skip the SAR and SEM fits behind the LR tests (the Wald tests remain)
  --json                one JSON document on stdout

Example:
  rwb sdm --panel produc.csv --id state_name --time year --y "log(gsp)" --x "log(pcap)" \\
    --x "log(pc)" --x "log(emp)" --x unemp --geometry us48.shp --key STATE_NAME \\
    --weights-spec queen --effects twoways --draws 1000 --seed 1 --json
`;

type Est = { estimate: number; se: number | null; z: number | null; p: number | null };
const e4 = (x: Est) => ({ estimate: x.estimate, se: x.se, z: x.z, p: x.p });

/** W from the command line: a file, a spec over --geometry, or a matrix saved in --project. */
async function weightsFor(args: CliArgs, io: CliIo, panel: LongPanel): Promise<{ weights: SpatialWeights; specText: string; name: string }> {
  const saved = optString(args, 'weights-saved');
  if (saved !== undefined) {
    const project = optString(args, 'project');
    if (project === undefined) throw new UsageError('option --weights-saved needs --project P.rwb (the project that holds the matrix)');
    if (optString(args, 'weights') !== undefined || optString(args, 'weights-spec') !== undefined) throw new UsageError('use one of --weights, --weights-spec and --weights-saved');
    // Loaded on use: only a saved matrix needs the project store.
    const { openProject } = await import('../../services/io/project-file');
    const { loadWeightsFromProject } = await import('../../services/weights/weights-service');
    const store = openProject(resolvePath(io, project), { readonly: true });
    try {
      const w = loadWeightsFromProject(store, saved);
      return { weights: w.weights, specText: w.specText ?? `saved:${saved}`, name: saved };
    } finally {
      store.close();
    }
  }
  const w = await weightsFromArgs(args, io, panel);
  return { weights: w.weights, specText: w.specText, name: w.specText };
}

async function run(args: CliArgs, io: CliIo): Promise<number> {
  const project = optString(args, 'project');
  if (project !== undefined) {
    if (optString(args, 'panel') !== undefined) throw new UsageError('use either --panel or --project, not both');
    // The project is the panel, and the boundaries of a --weights-spec.
    const values: Record<string, unknown> = { ...args.values, panel: project };
    if (optString(args, 'weights-spec') !== undefined && optString(args, 'geometry') === undefined) values.geometry = project;
    args = { ...args, values: values as CliArgs['values'] };
  }
  const yExpr = reqString(args, 'y', 'the dependent variable, e.g. "log(gsp)"');
  const xExprs = optStrings(args, 'x');
  if (xExprs.length === 0) throw new UsageError('missing required option --x (at least one regressor; repeat --x)');
  const model = optChoice(args, 'model', SPATIAL_PANEL_MODELS) ?? 'sdm';
  const effects = optChoice(args, 'effects', SPATIAL_PANEL_EFFECTS) ?? 'twoways';
  const durbinText = optString(args, 'durbin');
  const durbin = durbinText === undefined ? undefined : durbinText.split(',').map((s) => s.trim()).filter(Boolean);
  if (durbin !== undefined) {
    const unknown = durbin.filter((d) => !xExprs.map((x) => x.trim()).includes(d));
    if (unknown.length > 0) throw new UsageError(`option --durbin names ${unknown.map((u) => `"${u}"`).join(', ')}, which ${unknown.length === 1 ? 'is not' : 'are not'} among the --x regressors`);
    if (model === 'sar' || model === 'sem') throw new UsageError(`option --durbin applies to sdm, sdem and slx, not ${model}`);
  }
  const draws = optNumber(args, 'draws', { integer: true, min: 0 }) ?? 1000;
  if (draws > 100000) throw new UsageError(`option --draws must be at most 100000, got ${draws}`);
  const seed = optNumber(args, 'seed', { integer: true }) ?? 1;
  const leeYu = optFlag(args, 'lee-yu');
  const randomEffects = optFlag(args, 'random-effects');
  const regionOf = optString(args, 'region-effects');
  const json = optFlag(args, 'json');

  const panel = await panelFromArgs(args, io);
  const [y, ...x] = variablesFromArgs(panel, [yExpr, ...xExprs], io);
  const w = await weightsFor(args, io, panel);
  const input = stackForW(panel, y, x, w.weights);
  const found = findRegionGroups(panel);
  const groups: Record<string, string> = {};
  if (found) panel.ids.forEach((id, r) => { if (found.labels[r]) groups[id] = found.labels[r]; });
  const progress = json ? undefined : (done: number, total: number) => io.stderr(`sdm: ${done}/${total}\r${done === total ? '\n' : ''}`);
  const c = runSpatialColumn(input, { name: w.name, specText: w.specText }, {
    model, effects, durbin, leeYu, randomEffects, draws, seed, regionEffectsOf: regionOf?.trim(), groups, lrTests: !optFlag(args, 'no-lr'),
    hausman: optFlag(args, 'no-hausman') ? false : optFlag(args, 'hausman') ? true : undefined,
  }, progress);
  for (const m of c.warnings) warn(io, m.message);

  const spatial = c.spatial ? { [c.spatial.name]: e4(c.spatial) } : {};
  const durbinNames = c.coefficients.filter((k) => k.name.startsWith('W*')).map((k) => k.name.slice(2));
  if (json) {
    printJson(io, {
      model,
      // The contract's example has "effects" twice (the fixed effects, then the effects list); a
      // JSON reader keeps the last, so "effects" is the list and the fixed effects are "fixed_effects".
      // Under --random-effects the model has no fixed effects (null); those of the tests' models
      // are in random_effects.tests_fixed_effects.
      fixed_effects: randomEffects ? null : effects,
      n: input.n, T: input.T,
      ...spatial,
      coefficients: c.coefficients.map((k) => ({ name: k.name, ...e4(k) })),
      sigma2: c.sigma2, logLik: c.logLik,
      effects: c.effects.map((k) => ({ name: k.name, direct: e4(k.direct), indirect: e4(k.indirect), total: e4(k.total) })),
      tests: c.tests,
      // additions to the contract
      weights: w.specText, durbin: durbinNames, r2: c.r2, aic: c.aic, bic: c.bic,
      draws, seed, lee_yu: leeYu,
      random_effects: c.randomEffects ? {
        theta: e4(c.randomEffects.theta), sigma2_mu: c.randomEffects.sigma2Mu, sigma2_se: c.randomEffects.sigma2Se, tests_fixed_effects: effects,
      } : null,
      model_choice: c.modelChoice ? { model: c.modelChoice.model, code: c.modelChoice.code, message: c.modelChoice.message } : null,
      notes: c.notes.map((m) => m.message),
      warnings: c.warnings.map((m) => ({ code: m.code, message: m.message })),
      ...(c.regionEffects ? {
        region_effects: {
          variable: c.regionEffects.variable,
          regions: c.regionEffects.regions.map((r) => ({ id: r.id, group: r.group, direct: e4(r.direct), received: e4(r.received), emitted: e4(r.emitted) })),
          groups: c.regionEffects.groups,
        },
      } : {}),
    });
    return 0;
  }
  io.stdout(`${model.toUpperCase()} (${randomEffects ? 'random effects' : `${effects} fixed effects`}) of ${y.name}, W = ${w.specText}, n = ${input.n}, T = ${input.T}\n`);
  const rows = [...(c.spatial ? [c.spatial.name] : []), ...c.coefficients.map((k) => k.name)];
  const ests: Est[] = [...(c.spatial ? [c.spatial] : []), ...c.coefficients];
  io.stdout(formatTable(['', 'estimate', 'se', 'z', 'p'], rows.map((r, i) => [r, ests[i].estimate, ests[i].se ?? '', ests[i].z ?? '', ests[i].p ?? ''])));
  if (c.randomEffects) io.stdout(`theta (RE weight) = ${c.randomEffects.theta.estimate} (se ${c.randomEffects.theta.se}), sigma2_mu = ${c.randomEffects.sigma2Mu}\n`);
  io.stdout(`sigma2 = ${c.sigma2}, logLik = ${c.logLik}\n\nEffects (${draws > 0 ? `${draws} draws, seed ${seed}` : 'delta method'}):\n`);
  io.stdout(formatTable(['', 'direct', 'se', 'indirect', 'se', 'total', 'se'], c.effects.map((k) => [
    k.name, k.direct.estimate, k.direct.se ?? '', k.indirect.estimate, k.indirect.se ?? '', k.total.estimate, k.total.se ?? '',
  ])));
  io.stdout('\nTests:\n');
  io.stdout(formatTable(['test', 'statistic', 'df', 'p'], Object.entries(c.tests).map(([k, t]) => [k, t.statistic, t.df, t.p])));
  if (c.modelChoice) io.stdout(`\n${c.modelChoice.message}\n`);
  return 0;
}

/** The `rwb sdm` command. */
export const command: CliCommand = {
  name: 'sdm',
  summary: SUMMARIES.sdm,
  usage: USAGE,
  options: {
    ...PANEL_OPTIONS,
    ...GEOMETRY_OPTIONS,
    ...WEIGHTS_OPTIONS,
    project: { type: 'string' },
    'weights-saved': { type: 'string' },
    y: { type: 'string' },
    x: { type: 'string', multiple: true },
    model: { type: 'string' },
    effects: { type: 'string' },
    durbin: { type: 'string' },
    'lee-yu': { type: 'boolean' },
    'random-effects': { type: 'boolean' },
    draws: { type: 'string' },
    seed: { type: 'string' },
    'region-effects': { type: 'string' },
    'no-lr': { type: 'boolean' },
    'no-hausman': { type: 'boolean' },
    hausman: { type: 'boolean' },
    json: { type: 'boolean' },
  },
  run,
};
