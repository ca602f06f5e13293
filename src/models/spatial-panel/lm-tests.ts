/**
 * Lagrange multiplier tests for a spatial lag or a spatial error on the non-spatial
 * fixed-effects (within) model, in the convention of Elhorst's `LMsarsem_panel` (the panel
 * versions of Anselin 1988 and Anselin, Bera, Florax & Yoon 1996; Debarsy & Ertur 2010):
 * with ỹ, X̃ the within-transformed data, e the OLS residuals of ỹ on X̃, σ² = e'e/NT,
 * W applied period by period to the transformed data (I_T ⊗ W), tw = tr(WW + W'W),
 *   LM_err  = (e'We/σ²)² / (T·tw),
 *   LM_lag  = (e'Wỹ/σ²)² / J,   J = [(WX̃b)' M (WX̃b) + T·tw·σ²] / σ²,
 *   robust LM_lag = (e'Wỹ/σ² − e'We/σ²)² / (J − T·tw),
 *   robust LM_err = (e'We/σ² − (T·tw/J)·e'Wỹ/σ²)² / (T·tw·(1 − T·tw/J)),
 * each χ²(1). M is, as in Elhorst's code, the block-diagonal projector with one block
 * M_t = I − X̃_t(X̃_t'X̃_t)⁻¹X̃_t' per period (`projection: 'per-period'`, the default), or the
 * full M = I − X̃(X̃'X̃)⁻¹X̃' of Anselin (1988) and Debarsy & Ertur (2010) (`projection: 'full'`).
 */
import { InputError } from '../../core/errors';
import { HouseholderQr } from '../../linalg/qr';
import { chisqUpperP } from '../../stats/distributions';
import { demeanPanel, panelLag, validatePanelInput } from './panel-data';
import type { LmTests, SpatialEffectsKind, SpatialPanelInput, TestStatistic } from './types';

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function chi1(statistic: number): TestStatistic {
  return { statistic, df: 1, p: chisqUpperP(statistic, 1) };
}

/**
 * LM lag, LM error and their robust forms on the within model of `input` (see the module comment;
 * Elhorst's per-period projector by default).
 * @throws InputError `spatial-panel-collinear`, `spatial-panel-lm-too-few-regions` (per-period projector
 *   with no more regions than regressors) and the checks of `validatePanelInput`.
 */
export function lmTests(input: SpatialPanelInput, effects: SpatialEffectsKind, opts: { projection?: 'per-period' | 'full' } = {}): LmTests {
  validatePanelInput(input);
  const { n, T, w } = input;
  const N = n * T;
  const yt = demeanPanel(input.y, n, T, effects);
  const xs = input.x.map((c) => demeanPanel(c.values, n, T, effects));
  const qr = new HouseholderQr(xs, { rhs: [yt] });
  if (qr.aliased.length > 0) {
    const bad = qr.aliased.map((j) => input.x[j].name);
    throw new InputError('spatial-panel-collinear', `After removing the fixed effects these columns are collinear with the others: ${bad.join(', ')}; drop them from the regressors or the Durbin terms.`, { columns: bad.join(', '), count: bad.length });
  }
  const b = qr.solve(yt);
  const e = qr.residuals(yt);
  const sigma2 = dot(e, e) / N;
  let tw = 0;
  for (let i = 0; i < n; i++) {
    for (let p = w.rowPtr[i]; p < w.rowPtr[i + 1]; p++) {
      const v = w.values[p];
      tw += v * v + v * w.get(w.colIndex[p], i);
    }
  }
  const Ttw = T * tw;
  const we = panelLag(w, e, T), wy = panelLag(w, yt, T);
  const xb = new Float64Array(N);
  xs.forEach((c, j) => { for (let r = 0; r < N; r++) xb[r] += b[j] * c[r]; });
  const wxb = panelLag(w, xb, T);
  if (opts.projection !== 'full' && n <= xs.length) {
    throw new InputError('spatial-panel-lm-too-few-regions', `The per-period LM projector needs more regions (${n}) than regressors (${xs.length}); use the full projector.`, { n, k: xs.length });
  }
  let mwxb: Float64Array; // M·WX̃b
  if (opts.projection === 'full') mwxb = qr.residuals(wxb);
  else {
    mwxb = new Float64Array(N);
    for (let t = 0; t < T; t++) {
      const rows = (v: Float64Array): Float64Array => v.subarray(t * n, (t + 1) * n);
      const q = new HouseholderQr(xs.map(rows), { rhs: [rows(wxb)] });
      mwxb.set(q.residuals(rows(wxb)), t * n);
    }
  }
  const J = (dot(wxb, mwxb) + Ttw * sigma2) / sigma2;
  const lerr = dot(e, we) / sigma2, llag = dot(e, wy) / sigma2;
  return Object.freeze({
    lmLag: chi1(llag * llag / J),
    lmError: chi1(lerr * lerr / Ttw),
    robustLmLag: chi1((llag - lerr) ** 2 / (J - Ttw)),
    robustLmError: chi1((lerr - (Ttw / J) * llag) ** 2 / (Ttw * (1 - Ttw / J))),
  });
}
