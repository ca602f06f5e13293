/**
 * Spatial Hausman test FE (individual effects) vs RE. Reference: scripts/reference/spatial-panel-reference.R,
 * `hausman` (tests/fixtures/reference/spatial_panel_reference.json).
 */
import { describe, expect, it } from 'vitest';
import { fitSpatialPanel } from '../../../src/models/spatial-panel';
import { spatialHausman } from '../../../src/models/spatial-panel/hausman';
import { lagInformation } from '../../../src/models/spatial-panel/lee-yu';
import { demeanPanel, panelLag } from '../../../src/models/spatial-panel/panel-data';
import { fitRandomEffects, invertSmall } from '../../../src/models/spatial-panel/random-effects';
import type { SpatialPanelFit } from '../../../src/models/spatial-panel/types';
import { InputError } from '../../../src/core/errors';
import { REF, type RefFit, X_NAMES, engineName, expectRel, producInput } from './sp-re-fixture';

const input = producInput();

/** The FE individual fit from R's estimates, its covariance from Elhorst's information matrix there. */
function feFromReference(model: 'sar' | 'sdm'): SpatialPanelFit {
  const r: RefFit = REF.fe[`${model}_individual`];
  const xw = input.x.map((c) => demeanPanel(c.values, input.n, input.T, 'individual'));
  if (model === 'sdm') for (const c of input.x) xw.push(demeanPanel(panelLag(input.w, c.values, input.T), input.n, input.T, 'individual'));
  const vcov = invertSmall(lagInformation(xw, r.beta, r.rho!, r.sigma2, input.w, input.T), xw.length + 2);
  const names = r.names.map(engineName);
  return {
    model, effects: 'individual', durbin: model === 'sdm' ? X_NAMES : [], xNames: X_NAMES,
    coefficients: names.map((name, j) => ({ name, estimate: r.beta[j] })), rho: { estimate: r.rho },
    vcovNames: [...names, 'rho', 'sigma2'], vcov,
  } as unknown as SpatialPanelFit;
}

describe('spatial Hausman statistic from the R FE estimates and our RE fit', () => {
  for (const model of ['sar', 'sdm'] as const) {
    it(`${model.toUpperCase()}: H, df, p and the smallest eigenvalue of V_FE − V_RE`, () => {
      const h = spatialHausman(feFromReference(model), fitRandomEffects(input, { model }));
      const ref = REF.hausman[model];
      expectRel(h.statistic, ref.stat, 1e-6, 'H');
      expect(h.df).toBe(ref.df);
      expect(h.names).toEqual(ref.names.map(engineName));
      h.difference.forEach((d, i) => expectRel(d, ref.difference[i], 1e-5, `d ${h.names[i]}`));
      expectRel(h.minEigenvalue, ref.min_eigen_vdiff, 1e-5, 'min eigenvalue');
      // R: V_FE − V_RE has a negative eigenvalue here, so the warning is given
      expect(h.warnings.map((w) => w.code)).toEqual(['spatial-hausman-not-positive-definite']);
    });
  }

  it('needs the same model on both sides', () => {
    const err = (() => { try { spatialHausman(feFromReference('sar'), fitRandomEffects(input, { model: 'sdm' })); } catch (e) { return e; } })();
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).code).toBe('spatial-hausman-model');
  });

  it('needs individual fixed effects', () => {
    const fe = { ...feFromReference('sar'), effects: 'twoways' } as SpatialPanelFit;
    expect(() => spatialHausman(fe, fitRandomEffects(input, { model: 'sar' }))).toThrow('The Hausman test needs the fixed-effects model with individual effects only, got twoways effects.');
  });
});

describe('spatial Hausman end to end (fitSpatialPanel individual vs fitRandomEffects)', () => {
  for (const model of ['sar', 'sdm'] as const) {
    it(model.toUpperCase(), () => {
      const h = spatialHausman(fitSpatialPanel(input, { model, effects: 'individual' }), fitRandomEffects(input, { model }));
      expectRel(h.statistic, REF.hausman[model].stat, 1e-6, 'H');
    });
  }
});
