/**
 * Lee–Yu (2010) bias correction as Elhorst's sar_panel_FE (info.bc = 1). Reference:
 * scripts/reference/spatial-panel-reference.R, `lee_yu` (tests/fixtures/reference/spatial_panel_reference.json).
 */
import { describe, expect, it } from 'vitest';
import { fitSpatialPanel, spatialEffects } from '../../../src/models/spatial-panel';
import { leeYuCorrection } from '../../../src/models/spatial-panel/lee-yu';
import type { SpatialEffectsKind, SpatialPanelFit } from '../../../src/models/spatial-panel/types';
import { REF, type RefFit, X_NAMES, engineName, expectRel, producInput } from './sp-re-fixture';

const input = producInput();
const cases: [string, 'sar' | 'sdm', SpatialEffectsKind][] = [
  ['sar_twoways', 'sar', 'twoways'], ['sdm_twoways', 'sdm', 'twoways'],
  ['sar_individual', 'sar', 'individual'], ['sdm_individual', 'sdm', 'individual'],
  ['sar_time', 'sar', 'time'], ['sdm_time', 'sdm', 'time'],
];

function checkCorrected(c: SpatialPanelFit, ly: RefFit, what: string): void {
  expect(c.biasCorrection).toBe('lee-yu');
  expect(c.coefficients.map((x) => x.name)).toEqual(ly.names.map(engineName));
  c.coefficients.forEach((x, j) => {
    expectRel(x.estimate, ly.beta[j], 1e-6, `${what} ${x.name}`);
    expectRel(x.se, ly.beta_se[j], 1e-6, `${what} se ${x.name}`);
  });
  expectRel(c.rho!.estimate, ly.rho!, 1e-6, `${what} rho`);
  expectRel(c.rho!.se, ly.rho_se!, 1e-6, `${what} rho se`);
  expectRel(c.sigma2, ly.sigma2, 1e-6, `${what} sigma2`);
  expectRel(c.sigma2Se, ly.sigma2_se!, 1e-6, `${what} sigma2 se`);
}

/** The uncorrected fit's estimates as R found them (the correction is a function of these and the data). */
function directFromReference(key: string, model: 'sar' | 'sdm', effects: SpatialEffectsKind): SpatialPanelFit {
  const r: RefFit = REF.fe[key];
  const est = (v: number) => ({ estimate: v, se: Number.NaN, z: Number.NaN, p: Number.NaN });
  return {
    model, effects, durbin: model === 'sdm' ? X_NAMES : [], xNames: X_NAMES,
    coefficients: r.names.map((nm, j) => ({ name: engineName(nm), ...est(r.beta[j]) })),
    rho: est(r.rho!), lambda: null, sigma2: r.sigma2, logLik: r.logLik!, biasCorrection: 'none',
  } as unknown as SpatialPanelFit;
}

describe('Lee–Yu correction formula, from the direct ML estimates of the R reference', () => {
  for (const [key, model, effects] of cases) {
    it(`${model.toUpperCase()} ${effects}`, () => {
      const c = leeYuCorrection(directFromReference(key, model, effects), input, { model, effects });
      checkCorrected(c, REF.lee_yu[key], key);
      expect(c.logLik).toBe(REF.fe[key].logLik);
    });
  }

  it('refuses the error models', () => {
    const semLike = { ...directFromReference('sar_twoways', 'sar', 'twoways'), model: 'sem', rho: null } as unknown as SpatialPanelFit;
    expect(() => leeYuCorrection(semLike, input, { model: 'sem', effects: 'twoways' })).toThrow('The Lee–Yu bias correction is available for the SAR and SDM models, not SEM.');
  });
});

describe('fitSpatialPanel(…, { leeYu: true }) end to end', () => {
  for (const [key, model, effects] of cases.slice(0, 2)) {
    it(`${model.toUpperCase()} ${effects}`, () => {
      const c = fitSpatialPanel(input, { model, effects, leeYu: true });
      checkCorrected(c, REF.lee_yu[key], key);
      expectRel(c.logLik, REF.lee_yu[key].logLik_uncorrected, 1e-9, 'logLik (uncorrected)');
    });
  }

  it('effects of the corrected SDM two-way (point values at the corrected β, θ, ρ)', () => {
    const c = fitSpatialPanel(input, { model: 'sdm', effects: 'twoways', leeYu: true });
    const eff = spatialEffects(c, input.w, { draws: 100, seed: 1 });
    for (const r of REF.lee_yu.sdm_twoways.effects as { name: string; direct: number; indirect: number; total: number }[]) {
      const e = eff.effects.find((x) => x.name === r.name)!;
      expectRel(e.direct.estimate, r.direct, 1e-6, `${r.name} direct`);
      expectRel(e.indirect.estimate, r.indirect, 1e-6, `${r.name} indirect`);
      expectRel(e.total.estimate, r.total, 1e-6, `${r.name} total`);
    }
  });
});
