import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { datasetPath, fixturePath, producReference, readJsonFile } from '../helpers/paths';
import { RTOL, relErr } from '../tolerances';
import { runCli, runCliProcess } from './run-cli';
import { ensureSampleProject } from '../../src/services/samples/ensure';

/**
 * References: tests/fixtures/reference/produc_reference.json `sdm_twoways` / `sar_twoways`
 * (Produc, us48 queen row-standardised, two-way fixed effects; ML estimates, information-matrix
 * SEs, σ², log-likelihood and LeSage–Pace effects with SEs from 20,000 draws). Point estimates
 * to RTOL; simulated effect SEs (1,000 draws here) within 5 %.
 */
interface EffectRef { name: string; direct: number; indirect: number; total: number; direct_se: number; indirect_se: number; total_se: number }
interface FitRef { rho: number; rho_se: number; names: string[]; beta: number[]; beta_se: number[]; sigma2: number; logLik: number; effects?: EffectRef[] }
const ref = producReference<{ sdm_twoways: FitRef; sar_twoways: FitRef; neighbors: Record<string, string[]> }>();

/**
 * Our R reference (scripts/reference/spatial-panel-reference.R, own likelihoods written out in R;
 * tests/fixtures/reference/spatial_panel_reference.json), same data and W: `re.sar` / `re.sdm`
 * (Elhorst's sar_panel_RE, exact ML), `hausman.sar` / `hausman.sdm` (FE individual vs RE, classic
 * form) and `lee_yu.sdm_twoways` (Elhorst's sar_panel_FE bias correction, info.bc = 1).
 */
interface ReRef { names: string[]; beta: number[]; beta_se: number[]; rho: number; rho_se: number; theta: number; theta_se: number; sigma2: number; sigma2_se: number; sigma2_mu: number; logLik: number }
interface HausmanRef { stat: number; df: number; p: number }
interface LeeYuRef { names: string[]; beta: number[]; beta_se: number[]; rho: number; rho_se: number; sigma2: number; logLik_uncorrected: number; effects: { name: string; direct: number; indirect: number; total: number }[] }
const spRef = readJsonFile<{ re: { sar: ReRef; sdm: ReRef }; hausman: { sar: HausmanRef; sdm: HausmanRef }; lee_yu: { sdm_twoways: LeeYuRef } }>(
  fixturePath('reference', 'spatial_panel_reference.json'));
const HAUSMAN_NOT_PD = 'spatial-hausman-not-positive-definite';

/** Simulated SEs: 1,000 draws against the reference's 20,000. */
const SE_TOL = 0.05;

const PRODUC = ['--panel', datasetPath('produc.csv'), '--id', 'state_name', '--time', 'year'];
const X = ['--x', 'log(pcap)', '--x', 'log(pc)', '--x', 'log(emp)', '--x', 'unemp'];
const XNAMES = ['log(pcap)', 'log(pc)', 'log(emp)', 'unemp'];
const W = ['--geometry', datasetPath('us48', 'us48.shp'), '--key', 'STATE_NAME', '--weights-spec', 'queen'];
const tmp = mkdtempSync(join(tmpdir(), 'rwb-cli-sdm-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

type Est = { estimate: number; se: number; z: number; p: number };

describe('rwb sdm', () => {
  it("the issue's command (whole process) matches sdm_twoways: rho, beta, theta, SEs, sigma2, logLik, effects", async () => {
    const r = await runCliProcess(['sdm', ...PRODUC, '--y', 'log(gsp)', ...X, ...W, '--effects', 'twoways', '--draws', '1000', '--seed', '1', '--json']);
    // The one warning: V_FE − V_RE of the Hausman test is not positive definite on Produc (the reference's min_eigen_vdiff < 0).
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringContaining('V_FE − V_RE is not positive definite')]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const e = ref.sdm_twoways;
    expect(out).toMatchObject({ model: 'sdm', fixed_effects: 'twoways', n: 48, T: 17 });
    expect(relErr(out.rho.estimate, e.rho)).toBeLessThan(RTOL);
    expect(relErr(out.rho.se, e.rho_se)).toBeLessThan(RTOL);
    expect(out.coefficients.map((c: { name: string }) => c.name)).toEqual([...XNAMES, ...XNAMES.map((x) => `W*${x}`)]);
    out.coefficients.forEach((c: Est, k: number) => {
      expect(relErr(c.estimate, e.beta[k]), `beta ${k}`).toBeLessThan(RTOL);
      expect(relErr(c.se, e.beta_se[k]), `se ${k}`).toBeLessThan(RTOL);
    });
    expect(relErr(out.sigma2, e.sigma2)).toBeLessThan(RTOL);
    expect(relErr(out.logLik, e.logLik)).toBeLessThan(RTOL);
    expect(out.effects.map((x: { name: string }) => x.name)).toEqual(XNAMES);
    (e.effects ?? []).forEach((er, k) => {
      const o = out.effects[k] as { direct: Est; indirect: Est; total: Est };
      for (const kind of ['direct', 'indirect', 'total'] as const) {
        expect(relErr(o[kind].estimate, er[kind]), `${er.name} ${kind}`).toBeLessThan(RTOL);
        expect(relErr(o[kind].se, er[`${kind}_se`]), `${er.name} ${kind} se`).toBeLessThan(SE_TOL);
      }
    });
    expect(Object.keys(out.tests).sort()).toEqual(['hausman', 'lm_error', 'lm_lag', 'lr_sar', 'lr_sem', 'robust_lm_error', 'robust_lm_lag', 'wald_sar', 'wald_sem']);
    // The Hausman test (FE individual vs RE SDM) does not depend on the reported fit's fixed effects.
    expect(relErr(out.tests.hausman.statistic, spRef.hausman.sdm.stat)).toBeLessThan(RTOL);
    expect(out.tests.hausman.df).toBe(spRef.hausman.sdm.df);
    expect(out.warnings.map((w: { code: string }) => w.code)).toEqual([HAUSMAN_NOT_PD]);
    expect(out.random_effects).toBeNull();
    for (const t of Object.values(out.tests) as { statistic: number; df: number; p: number }[]) {
      expect(t.statistic).toBeGreaterThanOrEqual(0);
      expect(t.p).toBeGreaterThanOrEqual(0);
      expect(t.p).toBeLessThanOrEqual(1);
    }
    // Wald of θ = 0 has one degree of freedom per Durbin term.
    expect(out.tests.wald_sar.df).toBe(4);
    expect(out.draws).toBe(1000);
    expect(out.seed).toBe(1);
    expect(typeof out.model_choice.message).toBe('string');
  });

  it('--model sar matches sar_twoways, and its logLik lies below the SDM\'s (LR against SAR = 2·difference)', async () => {
    const sar = JSON.parse((await runCli(['sdm', ...PRODUC, '--y', 'log(gsp)', ...X, ...W, '--model', 'sar', '--draws', '200', '--json'])).stdout);
    const e = ref.sar_twoways;
    expect(sar.model).toBe('sar');
    expect(relErr(sar.rho.estimate, e.rho)).toBeLessThan(RTOL);
    expect(relErr(sar.rho.se, e.rho_se)).toBeLessThan(RTOL);
    sar.coefficients.forEach((c: Est, k: number) => {
      expect(relErr(c.estimate, e.beta[k])).toBeLessThan(RTOL);
      expect(relErr(c.se, e.beta_se[k])).toBeLessThan(RTOL);
    });
    expect(relErr(sar.sigma2, e.sigma2)).toBeLessThan(RTOL);
    expect(relErr(sar.logLik, e.logLik)).toBeLessThan(RTOL);
    // LR(SDM vs SAR) = 2 (logLik_SDM − logLik_SAR), from the two references.
    expect(relErr(sar.tests.lr_sar.statistic, 2 * (ref.sdm_twoways.logLik - e.logLik))).toBeLessThan(1e-5);
  });

  it('a seed reproduces the draws exactly; another seed changes the simulated SEs but not the point estimates', async () => {
    const args = ['sdm', ...PRODUC, '--y', 'log(gsp)', ...X, ...W, '--draws', '300', '--json'];
    const a = JSON.parse((await runCli([...args, '--seed', '7'])).stdout);
    const b = JSON.parse((await runCli([...args, '--seed', '7'])).stdout);
    const c = JSON.parse((await runCli([...args, '--seed', '8'])).stdout);
    expect(a.effects).toEqual(b.effects);
    expect(c.effects.map((x: { direct: Est }) => x.direct.estimate)).toEqual(a.effects.map((x: { direct: Est }) => x.direct.estimate));
    expect(c.effects.map((x: { direct: Est }) => x.direct.se)).not.toEqual(a.effects.map((x: { direct: Est }) => x.direct.se));
  });

  it('--region-effects: the means of the region-level direct / received / emitted effects are the average direct and indirect effects', async () => {
    const out = JSON.parse((await runCli(['sdm', ...PRODUC, '--y', 'log(gsp)', ...X, ...W, '--draws', '200', '--region-effects', 'log(pc)', '--json'])).stdout);
    const re = out.region_effects as { variable: string; regions: { id: string; direct: Est; received: Est; emitted: Est }[] };
    expect(re.variable).toBe('log(pc)');
    expect(re.regions).toHaveLength(48);
    const mean = (k: 'direct' | 'received' | 'emitted') => re.regions.reduce((s, r) => s + r[k].estimate, 0) / re.regions.length;
    const eff = out.effects[1] as { direct: Est; indirect: Est };
    // LeSage & Pace (2009) §2.7: average direct = tr(S)/n, average indirect = (1'S1 − tr S)/n = mean row sum − diag = mean column sum − diag.
    expect(relErr(mean('direct'), eff.direct.estimate)).toBeLessThan(1e-9);
    expect(relErr(mean('received'), eff.indirect.estimate)).toBeLessThan(1e-9);
    expect(relErr(mean('emitted'), eff.indirect.estimate)).toBeLessThan(1e-9);
    for (const r of re.regions) expect(r.direct.se).toBeGreaterThan(0);
  });

  it('an unbalanced panel is refused naming the missing region-years', async () => {
    const lines = readFileSync(datasetPath('produc.csv'), 'utf8').split('\n');
    const file = join(tmp, 'unbalanced.csv');
    writeFileSync(file, lines.filter((l) => !l.startsWith('Alabama,ALABAMA,1975,') && !l.startsWith('Texas,TEXAS,1980,')).join('\n'));
    const r = await runCli(['sdm', '--panel', file, '--id', 'state_name', '--time', 'year', '--y', 'log(gsp)', ...X, ...W, '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('not balanced');
    expect(r.stderr).toContain('Alabama 1975');
    expect(r.stderr).toContain('Texas 1980');
  });

  it('a W with an island is refused naming the region', async () => {
    const gal = join(tmp, 'island.gal');
    const nb = Object.fromEntries(Object.entries(ref.neighbors).map(([k, v]) => [k, k === 'Maine' ? [] : v.filter((x) => x !== 'Maine')]));
    const ids = Object.keys(nb);
    writeFileSync(gal, `0 ${ids.length}\n${ids.map((id) => `${id} ${nb[id].length}\n${nb[id].join(' ')}`).join('\n')}\n`);
    const r = await runCli(['sdm', ...PRODUC, '--y', 'log(gsp)', ...X, '--weights', gal, '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('islands');
    expect(r.stderr).toContain('Maine');
  });

  it('bad flags are usage errors that say what is wrong', async () => {
    const base = ['sdm', ...PRODUC, '--y', 'log(gsp)', ...X, ...W];
    const durbin = await runCli([...base, '--durbin', 'log(pcap),log(hwy)']);
    expect(durbin.code).toBe(2);
    expect(durbin.stderr).toContain('"log(hwy)"');
    const model = await runCli([...base, '--model', 'sac']);
    expect(model.code).toBe(2);
    expect(model.stderr).toContain('sdm, sar, sem, sdem, slx');
    const noX = await runCli(['sdm', ...PRODUC, '--y', 'log(gsp)', ...W]);
    expect(noX.code).toBe(2);
    expect(noX.stderr).toContain('--x');
    const unknown = await runCli([...base, '--region-effects', 'hwy']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('"hwy" is not a regressor');
    const noDraws = await runCli([...base, '--draws', '0', '--region-effects', 'unemp']);
    expect(noDraws.code).toBe(2);
    expect(noDraws.stderr).toContain('ask for at least 2 draws');
  });

  it('--draws 0: delta-method effects, the same point estimates as the simulation', async () => {
    const base = ['sdm', ...PRODUC, '--y', 'log(gsp)', ...X, ...W, '--json'];
    const delta = JSON.parse((await runCli([...base, '--draws', '0'])).stdout);
    const sim = JSON.parse((await runCli([...base, '--draws', '100'])).stdout);
    expect(delta.notes).toContain('Effects: delta method.');
    delta.effects.forEach((e: { total: Est }, k: number) => {
      expect(relErr(e.total.estimate, sim.effects[k].total.estimate)).toBeLessThan(1e-12);
      expect(e.total.se).toBeGreaterThan(0);
    });
  });

  it('--project with a saved matrix or a spec over its boundaries; region effects averaged by the NBS groups', async () => {
    const path = await ensureSampleProject('china-provinces', mkdtempSync(join(tmp, 'china-')));
    const base = ['sdm', '--project', path, '--y', 'resilience', '--x', 'digital', '--x', 'fin_dev', '--draws', '200', '--json'];
    const saved = await runCli([...base, '--weights-saved', 'knn4_capitals', '--region-effects', 'digital']);
    // At most the Hausman test's warning (V_FE − V_RE not positive definite on this sample).
    expect(saved.stderr.split('\n').filter((l) => l && !l.includes('V_FE − V_RE is not positive definite'))).toEqual([]);
    const out = JSON.parse(saved.stdout);
    expect(out).toMatchObject({ n: 31, T: 15, weights: 'saved:knn4_capitals' });
    const groups = out.region_effects.groups as { group: string; measure: string; regions: number }[];
    expect(new Set(groups.map((g) => g.group))).toEqual(new Set(['East', 'Central', 'West', 'Northeast']));
    expect(groups.filter((g) => g.measure === 'direct').reduce((s, g) => s + g.regions, 0)).toBe(31);
    const spec = JSON.parse((await runCli([...base, '--weights-spec', 'queen:links=460000|440000'])).stdout);
    expect(spec.weights).toBe('queen:std=row:links=460000|440000');
    expect(spec.rho.estimate).not.toBe(out.rho.estimate);
    const bad = await runCli([...base, '--weights-saved', 'nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('no weights matrix "nope"');
  }, 60_000);

  it('--model sem reports lambda (no rho), zero indirect effects; --model slx has neither', async () => {
    const base = ['sdm', ...PRODUC, '--y', 'log(gsp)', ...X, ...W, '--draws', '100', '--json'];
    const sem = JSON.parse((await runCli([...base, '--model', 'sem'])).stdout);
    expect(sem.rho).toBeUndefined();
    expect(sem.lambda.estimate).toBeGreaterThan(0);
    expect(sem.coefficients.map((c: { name: string }) => c.name)).toEqual(XNAMES);
    for (const e of sem.effects as { direct: Est; indirect: Est }[]) expect(e.indirect.estimate).toBe(0);
    const slx = JSON.parse((await runCli([...base, '--model', 'slx'])).stdout);
    expect(slx.rho).toBeUndefined();
    expect(slx.lambda).toBeUndefined();
    expect(slx.coefficients).toHaveLength(8);
  });

  it('--random-effects (SDM) matches re.sdm: intercept, beta, theta, SEs, rho, theta_RE, sigma2, sigma2_mu, logLik; Hausman = hausman.sdm', async () => {
    const out = JSON.parse((await runCli(['sdm', ...PRODUC, '--y', 'log(gsp)', ...X, ...W, '--random-effects', '--draws', '200', '--json'])).stdout);
    const e = spRef.re.sdm;
    expect(out).toMatchObject({ model: 'sdm', fixed_effects: null, n: 48, T: 17 });
    expect(relErr(out.rho.estimate, e.rho)).toBeLessThan(RTOL);
    expect(relErr(out.rho.se, e.rho_se)).toBeLessThan(RTOL);
    // The reference's "const" is the engine's "(Intercept)"; then x's, then W*x's.
    expect(out.coefficients.map((c: { name: string }) => c.name)).toEqual(['(Intercept)', ...XNAMES, ...XNAMES.map((x) => `W*${x}`)]);
    expect(e.names[0]).toBe('const');
    out.coefficients.forEach((c: Est, k: number) => {
      expect(relErr(c.estimate, e.beta[k]), `beta ${k}`).toBeLessThan(RTOL);
      expect(relErr(c.se, e.beta_se[k]), `se ${k}`).toBeLessThan(RTOL);
    });
    expect(relErr(out.sigma2, e.sigma2)).toBeLessThan(RTOL);
    expect(relErr(out.logLik, e.logLik)).toBeLessThan(RTOL);
    expect(relErr(out.random_effects.theta.estimate, e.theta)).toBeLessThan(RTOL);
    expect(relErr(out.random_effects.theta.se, e.theta_se)).toBeLessThan(RTOL);
    expect(relErr(out.random_effects.sigma2_mu, e.sigma2_mu)).toBeLessThan(RTOL);
    expect(relErr(out.random_effects.sigma2_se, e.sigma2_se)).toBeLessThan(RTOL);
    expect(out.random_effects.tests_fixed_effects).toBe('twoways');
    // Effects of the RE fit: with a row-standardised W the total effect is (β_k + θ_k)/(1 − ρ)
    // (LeSage & Pace 2009, §2.7), here from the reference's estimates.
    XNAMES.forEach((x, k) => {
      expect(out.effects[k].name).toBe(x);
      expect(relErr(out.effects[k].total.estimate, (e.beta[1 + k] + e.beta[5 + k]) / (1 - e.rho)), x).toBeLessThan(RTOL);
    });
    expect(relErr(out.tests.hausman.statistic, spRef.hausman.sdm.stat)).toBeLessThan(RTOL);
    expect(out.tests.hausman.df).toBe(9);
    expect(relErr(out.tests.hausman.p, spRef.hausman.sdm.p)).toBeLessThan(1e-5);
    expect(out.warnings.map((w: { code: string }) => w.code)).toContain(HAUSMAN_NOT_PD);
    // The Hausman test rejects random effects (p ≈ 1.7e-6): the ladder's sentence says so.
    expect(out.model_choice.code).toMatch(/-fe$/);
    expect(out.r2).toBeNull();
  });

  it('--random-effects --model sar matches re.sar, Hausman = hausman.sar (df 5); SEM / Lee–Yu with RE are refused; --no-hausman drops the test', async () => {
    const base = ['sdm', ...PRODUC, '--y', 'log(gsp)', ...X, ...W, '--draws', '100', '--json'];
    const out = JSON.parse((await runCli([...base, '--random-effects', '--model', 'sar'])).stdout);
    const e = spRef.re.sar;
    expect(relErr(out.rho.estimate, e.rho)).toBeLessThan(RTOL);
    out.coefficients.forEach((c: Est, k: number) => expect(relErr(c.estimate, e.beta[k]), `beta ${k}`).toBeLessThan(RTOL));
    expect(relErr(out.logLik, e.logLik)).toBeLessThan(RTOL);
    expect(relErr(out.random_effects.theta.estimate, e.theta)).toBeLessThan(RTOL);
    expect(relErr(out.tests.hausman.statistic, spRef.hausman.sar.stat)).toBeLessThan(RTOL);
    expect(out.tests.hausman.df).toBe(5);
    const sem = await runCli([...base, '--random-effects', '--model', 'sem']);
    expect(sem.code).toBe(2);
    expect(sem.stderr).toContain('Random effects are available for the SAR and SDM models, not SEM');
    const ly = await runCli([...base, '--random-effects', '--lee-yu']);
    expect(ly.code).toBe(2);
    expect(ly.stderr).toContain('Lee–Yu bias correction applies to the fixed-effects models');
    const none = JSON.parse((await runCli([...base, '--no-hausman'])).stdout);
    expect(none.tests.hausman).toBeUndefined();
    expect(none.warnings).toEqual([]);
    // SEM has no Hausman test (it compares SAR / SDM fits).
    const semFe = JSON.parse((await runCli([...base, '--model', 'sem'])).stdout);
    expect(semFe.tests.hausman).toBeUndefined();
  });

  it('--lee-yu (SDM, two-way) matches lee_yu.sdm_twoways: corrected rho, beta, SEs, sigma2, effects; logLik uncorrected', async () => {
    const out = JSON.parse((await runCli(['sdm', ...PRODUC, '--y', 'log(gsp)', ...X, ...W, '--lee-yu', '--draws', '200', '--json'])).stdout);
    const e = spRef.lee_yu.sdm_twoways;
    expect(out.lee_yu).toBe(true);
    expect(relErr(out.rho.estimate, e.rho)).toBeLessThan(RTOL);
    expect(relErr(out.rho.se, e.rho_se)).toBeLessThan(RTOL);
    out.coefficients.forEach((c: Est, k: number) => {
      expect(relErr(c.estimate, e.beta[k]), `beta ${k}`).toBeLessThan(RTOL);
      expect(relErr(c.se, e.beta_se[k]), `se ${k}`).toBeLessThan(RTOL);
    });
    expect(relErr(out.sigma2, e.sigma2)).toBeLessThan(RTOL);
    expect(relErr(out.logLik, e.logLik_uncorrected)).toBeLessThan(RTOL);
    e.effects.forEach((er, k) => {
      for (const kind of ['direct', 'indirect', 'total'] as const) expect(relErr(out.effects[k][kind].estimate, er[kind]), `${er.name} ${kind}`).toBeLessThan(RTOL);
    });
    expect(out.notes).toContain('Lee–Yu (2010) bias correction applied.');
  });

  it('--durbin gives W-lags to the chosen regressors only', async () => {
    const out = JSON.parse((await runCli(['sdm', ...PRODUC, '--y', 'log(gsp)', ...X, ...W, '--durbin', 'log(pcap),unemp', '--draws', '100', '--json'])).stdout);
    expect(out.coefficients.map((c: { name: string }) => c.name)).toEqual([...XNAMES, 'W*log(pcap)', 'W*unemp']);
    expect(out.durbin).toEqual(['log(pcap)', 'unemp']);
    expect(out.tests.wald_sar.df).toBe(2);
  });
});
