import { describe, expect, it } from 'vitest';
import { fitRandomEffects } from '../../../src/models/spatial-panel/random-effects';
import { InputError } from '../../../src/core/errors';
import { REF, type RefFit, engineName, expectRel, producInput } from './sp-re-fixture';

// Reference: scripts/reference/spatial-panel-reference.R, `re` block (own R code of Elhorst's
// sar_panel_RE likelihood, exact ML; checked there against a direct maximisation of the full
// random-effects likelihood).
function check(model: 'sar' | 'sdm', ref: RefFit): void {
  const fit = fitRandomEffects(producInput(), { model });
  expect(fit.coefficients.map((c) => c.name)).toEqual(ref.names.map(engineName));
  fit.coefficients.forEach((c, j) => {
    expectRel(c.estimate, ref.beta[j], 1e-6, `${model} ${c.name}`);
    expectRel(c.se, ref.beta_se[j], 1e-6, `${model} se ${c.name}`);
  });
  expectRel(fit.rho.estimate, ref.rho!, 1e-6, 'rho');
  expectRel(fit.rho.se, ref.rho_se!, 1e-6, 'rho se');
  expectRel(fit.theta.estimate, ref.theta!, 1e-6, 'theta');
  expectRel(fit.theta.se, ref.theta_se!, 1e-6, 'theta se');
  expectRel(fit.sigma2, ref.sigma2, 1e-6, 'sigma2');
  expectRel(fit.sigma2Se, ref.sigma2_se!, 1e-6, 'sigma2 se');
  expectRel(fit.sigma2Mu, ref.sigma2_mu!, 1e-6, 'sigma2_mu');
  expectRel(fit.logLik, ref.logLik!, 1e-9, 'logLik');
  expect(fit.search.theta.converged && fit.search.rho.converged).toBe(true);
  expect(fit.warnings).toEqual([]);
}

describe('random-effects spatial panel (Elhorst sar_panel_RE)', () => {
  it('SAR RE on Produc / queen matches the R reference to 1e-6', () => check('sar', REF.re.sar));
  it('SDM RE on Produc / queen matches the R reference to 1e-6', () => check('sdm', REF.re.sdm));

  it('Durbin terms can be chosen', () => {
    const fit = fitRandomEffects(producInput(), { model: 'sdm', durbin: ['unemp', 'log_pc'] });
    expect(fit.coefficients.map((c) => c.name)).toEqual(['(Intercept)', 'log_pcap', 'log_pc', 'log_emp', 'unemp', 'W*unemp', 'W*log_pc']);
    expect(fit.vcovNames.slice(-3)).toEqual(['rho', 'theta', 'sigma2']);
  });

  it('names an unknown Durbin term', () => {
    expect(() => fitRandomEffects(producInput(), { model: 'sdm', durbin: ['gsp'] })).toThrow(InputError);
    expect(() => fitRandomEffects(producInput(), { model: 'sdm', durbin: ['gsp'] })).toThrow('Durbin term "gsp" is not one of the regressors (log_pcap, log_pc, log_emp, unemp).');
  });

  it('names collinear columns of [1, X, WX]', () => {
    const inp = producInput();
    const twice = Float64Array.from(inp.x[0].values, (v) => 2 * v);
    const bad = { ...inp, x: [...inp.x, { name: 'twice_pcap', values: twice }] };
    expect(() => fitRandomEffects(bad, { model: 'sar' })).toThrow(/collinear: .*pcap/);
  });
});
