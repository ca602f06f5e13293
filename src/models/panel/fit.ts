/**
 * Linear panel estimators: pooled OLS, fixed effects (individual, time, two-way) by the within
 * transformation, and one-way random effects (Swamy–Arora), with classical, HC1,
 * cluster-robust and Driscoll–Kraay standard errors.
 */
import { InputError } from '../../core/errors';
import { cholesky } from '../../linalg/cholesky';
import type { Matrix } from '../../linalg/matrix';
import { createMatrix } from '../../linalg/matrix';
import { HouseholderQr } from '../../linalg/qr';
import { fUpperP, normalTwoSidedP, tTwoSidedP } from '../../stats/distributions';
import { absorbedColumns, assertNoAliasing, assertNotAbsorbed } from './collinearity';
import type { IndexedPanel } from './panel-index';
import { indexPanel } from './panel-index';
import { quasiDemean, swamyArora } from './random-effects';
import type { SwamyArora } from './random-effects';
import type { Coefficient, Effects, FitOptions, PanelDesign, PanelFit } from './types';
import { clusteredMeat, defaultDkLag, driscollKraayMeat, sandwich, whiteMeat } from './vcov';
import { createWithinTransform, groupMeans, withinTransform } from './within';

/** Name of the intercept coefficient. */
export const INTERCEPT = '(Intercept)';

function checkOptions(o: FitOptions): void {
  if (o.model === 'pooled' && o.effects !== 'none') {
    throw new InputError('panel-pooled-with-effects', `Pooled OLS has no effects (got effects "${o.effects}"); use model "fe" for fixed effects.`, { effects: o.effects });
  }
  if (o.model === 'fe' && o.effects === 'none') {
    throw new InputError('panel-fe-needs-effects', 'A fixed-effects model needs effects "individual", "time" or "twoways"; use model "pooled" for none.');
  }
  if (o.model === 're' && o.effects !== 'individual') {
    throw new InputError('panel-re-individual-only', `Random effects are implemented for individual (region) effects only, not "${o.effects}".`, { effects: o.effects });
  }
  if (o.dkLag !== undefined && !(Number.isInteger(o.dkLag) && o.dkLag >= 0)) {
    throw new InputError('panel-bad-dk-lag', `The Driscoll–Kraay lag must be a non-negative integer (got ${o.dkLag}).`, { dkLag: o.dkLag });
  }
}

function sumSq(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return s;
}

function centeredSumSq(v: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m += v[i];
  m /= v.length;
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i] - m) * (v[i] - m);
  return s;
}

/** Squared Pearson correlation; 0 when either side is constant. */
function corr2(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) { ma += a[i]; mb += b[i]; }
  ma /= n; mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i] - ma;
    const db = b[i] - mb;
    sab += da * db; saa += da * da; sbb += db * db;
  }
  return saa > 0 && sbb > 0 ? (sab * sab) / (saa * sbb) : 0;
}

/** Number of effect parameters absorbed by the within transformation. */
function absorbedCount(effects: Effects, p: IndexedPanel): number {
  const G = p.group.levels.length;
  const T = p.period.levels.length;
  switch (effects) {
    case 'individual': return G;
    case 'time': return T;
    case 'twoways': return G + T - p.components;
    default: return 0;
  }
}

/**
 * Fit a linear panel model.
 *
 * - pooled: OLS of y on [1, X].
 * - fe: OLS of ỹ on X̃ after the within transformation (`withinTransform`); two-way on an
 *   unbalanced panel by alternating projections to 1e-12. Matches `plm(model = "within")`.
 * - re: OLS of y − θᵢȳᵢ on [1 − θᵢ, X − θᵢX̄ᵢ] with Swamy–Arora θᵢ; matches
 *   `plm(model = "random", random.method = "swar")` (balanced and unbalanced).
 *
 * Standard errors (`o.se`): classical σ²(X̃'X̃)⁻¹ with σ² = RSS/dfResid; `hc1` as
 * `plm::vcovHC(method = "white1", type = "HC1")`; `cluster` by `d.cluster` (default: ids) with
 * Stata's G/(G−1)·(N−1)/(N−K), where K counts the regressors plus the constant that
 * `xtreg, fe` reports and, with time effects, the T − 1 year dummies (`xtreg y x i.year, fe
 * vce(cluster id)`; the region effects are not counted, being nested in the clusters); and
 * `driscoll-kraay` as `plm::vcovSCC(type = "HC0", maxlag = L)` with L = `o.dkLag` or
 * floor(4(T/100)^(2/9)).
 *
 * p values: t with dfResid degrees of freedom; t with G − 1 for cluster SEs (Stata); standard
 * normal for RE (plm, Stata). F: Wald test of all slopes, F = b'V⁻¹b/q with the chosen V;
 * df2 = dfResid (G − 1 for cluster SEs); for classical SEs it equals plm's F statistic.
 *
 * R²: `r2Within` = 1 − RSS/Σ(yᵢₜ − ȳᵢ)² for individual and two-way FE (Stata's within R²;
 * for two-way FE as `xtreg y x i.year, fe`), 1 − RSS/Σ(yᵢₜ − ȳₜ)² for time FE, and
 * corr(yᵢₜ − ȳᵢ, (xᵢₜ − x̄ᵢ)b)² for RE (Stata), null for pooled. `r2Overall` = corr(y, Xb)²;
 * `r2Between` = corr(ȳᵢ, x̄ᵢb)².
 *
 * @throws InputError `panel-bad-dk-lag` / `panel-fe-needs-effects` / `panel-pooled-with-effects` / `panel-unknown-se`/`panel-re-individual-only` for inconsistent options, `panel-no-regressors`,
 *   `panel-cluster-too-few-observations` / `panel-too-few-observations` / `panel-too-few-observations-one` (fewer observations than parameters, naming the regressors),
 *   `panel-too-few-clusters`, `panel-dk-too-few-periods`, `panel-constant-outcome` / `panel-constant-outcome-fe`, and those of `indexPanel`.
 * @throws SingularDesignError naming regressors absorbed by the fixed effects, constant next to
 *   the intercept, or perfectly collinear.
 */
export function fitPanel(d: PanelDesign, o: FitOptions): PanelFit {
  checkOptions(o);
  if (d.names.length === 0) {
    throw new InputError('panel-no-regressors', 'The model has no regressors; choose at least one explanatory variable.');
  }
  const p = indexPanel(d);
  const N = p.y.length;
  const G = p.group.levels.length;
  const T = p.period.levels.length;
  const fe = o.model === 'fe';
  const intercept = !fe && (o.intercept ?? true);
  const effects: Effects = o.model === 'pooled' ? 'none' : o.effects;
  const absorbed = fe ? absorbedCount(effects, p) : 0;
  const names = [...(intercept ? [INTERCEPT] : []), ...p.names];
  const k = names.length;
  const dfResid = N - k - absorbed;
  if (dfResid <= 0) {
    const fx = absorbed > 0 ? ` plus ${absorbed} absorbed fixed effect${absorbed === 1 ? '' : 's'}` : '';
    throw new InputError(N === 1 ? 'panel-too-few-observations-one' : 'panel-too-few-observations',
      `Only ${N} complete observation${N === 1 ? '' : 's'} for ${k + absorbed} parameters (coefficients of ${names.join(', ')}${fx}); the model needs more observations than parameters.`,
      { variables: p.names, nObs: N, parameters: k + absorbed, coefficients: names.join(', '), absorbedEffects: fx });
  }

  // transformed design
  let yt: Float64Array;
  let Xt: Float64Array[];
  let re: SwamyArora | undefined;
  if (fe) {
    const within = createWithinTransform(effects, p.group, p.period, p.balanced, o.twoWayMethod);
    yt = within(p.y);
    Xt = p.X.map((x) => within(x));
    assertNotAbsorbed(p.names, absorbedColumns(p.X, Xt), effects);
  } else {
    if (intercept) {
      assertNotAbsorbed(p.names, p.X.map((x, j) => (constantColumn(x) ? j : -1)).filter((j) => j >= 0), 'intercept');
    } else {
      assertNotAbsorbed(p.names, p.X.map((x, j) => (sumSq(x) === 0 ? j : -1)).filter((j) => j >= 0), 'none');
    }
    if (o.model === 're') {
      re = swamyArora(p, intercept);
      const theta = re.thetaByGroup;
      yt = quasiDemean(p.y, p, theta);
      Xt = p.X.map((x) => quasiDemean(x, p, theta));
      if (intercept) {
        const one = new Float64Array(N);
        for (let r = 0; r < N; r++) one[r] = 1 - theta[p.group.codes[r]];
        Xt.unshift(one);
      }
    } else {
      yt = p.y.slice();
      Xt = p.X.map((x) => x.slice());
      if (intercept) Xt.unshift(new Float64Array(N).fill(1));
    }
  }
  const tssT = fe || !intercept ? sumSq(yt) : centeredSumSq(yt);
  if (!(tssT > 1e-20 * sumSq(p.y))) {
    throw new InputError(fe ? 'panel-constant-outcome-fe' : 'panel-constant-outcome',
      fe ? 'The dependent variable does not vary after removing the fixed effects; there is nothing to explain.'
        : 'The dependent variable is constant; there is nothing to explain.');
  }

  const qr = new HouseholderQr(Xt, { rhs: [yt] });
  assertNoAliasing(names, Xt, qr);
  const beta = qr.solve(yt);
  const e = qr.residuals(yt);
  const rss = sumSq(e);
  const fitted = new Float64Array(N);
  for (let r = 0; r < N; r++) fitted[r] = yt[r] - e[r];
  const bread = qr.unscaledCovariance();
  const sigma2 = rss / dfResid;

  // covariance
  let V: Matrix;
  let pValueDf: number | null = o.model === 're' ? null : dfResid;
  let fDf2 = dfResid;
  let nClusters: number | undefined;
  let dkLag: number | undefined;
  let clusterK: number | undefined;
  switch (o.se) {
    case 'classical':
      V = scale(bread, sigma2); // RE: RSS*/(N − k) of the quasi-demeaned regression, as plm
      break;
    case 'hc1':
      V = sandwich(bread, whiteMeat(Xt, e), N / (N - k));
      break;
    case 'cluster': {
      const cf = p.cluster ?? p.group;
      nClusters = cf.levels.length;
      if (nClusters < 2) {
        throw new InputError('panel-too-few-clusters', `Cluster-robust standard errors need at least 2 clusters (found ${nClusters}).`, { nClusters });
      }
      clusterK = k + (fe ? (effects === 'individual' ? 1 : T) : 0);
      if (N - clusterK <= 0) {
        throw new InputError('panel-cluster-too-few-observations', `Only ${N} observation(s) for ${clusterK} parameters in the cluster-robust correction.`, { variables: p.names, observations: N, parameters: clusterK });
      }
      const c = (nClusters / (nClusters - 1)) * ((N - 1) / (N - clusterK));
      V = sandwich(bread, clusteredMeat(Xt, e, cf.codes, nClusters), c);
      if (o.model !== 're') pValueDf = nClusters - 1;
      fDf2 = nClusters - 1;
      break;
    }
    case 'driscoll-kraay': {
      if (T < 2) throw new InputError('panel-dk-too-few-periods', 'Driscoll–Kraay standard errors need at least 2 periods.');
      dkLag = o.dkLag ?? defaultDkLag(T);
      V = sandwich(bread, driscollKraayMeat(Xt, e, p.period.codes, T, dkLag), 1);
      break;
    }
    default:
      throw new InputError('panel-unknown-se', `Unknown standard-error type "${String(o.se)}".`, { se: String(o.se) });
  }
  if (o.model === 're' && o.se === 'classical') pValueDf = null;

  const coefficients: Coefficient[] = names.map((name, j) => {
    const se = Math.sqrt(V.data[j + j * k]);
    const t = beta[j] / se;
    return { name, estimate: beta[j], se, t, p: pValueDf === null ? normalTwoSidedP(t) : tTwoSidedP(t, pValueDf) };
  });

  // Wald F on the slopes
  const slopeIdx = names.map((_, j) => j).filter((j) => names[j] !== INTERCEPT);
  const fTest = waldF(beta, V, slopeIdx, fDf2);

  // R²
  const slopes = Float64Array.from(p.X.map((_, j) => beta[j + (intercept ? 1 : 0)]));
  const xb = new Float64Array(N);
  p.X.forEach((x, j) => { for (let r = 0; r < N; r++) xb[r] += slopes[j] * x[r]; });
  const r2Overall = corr2(p.y, xb);
  const ybarG = groupMeans(p.y, p.group);
  const xbbarG = groupMeans(xb, p.group);
  const r2Between = G > 1 ? corr2(ybarG, xbbarG) : null;
  let r2Within: number | null = null;
  if (fe) {
    const base = withinTransform(p.y, effects === 'time' ? 'time' : 'individual', p.group, p.period, p.balanced);
    r2Within = 1 - rss / sumSq(base);
  } else if (o.model === 're') {
    r2Within = corr2(withinTransform(p.y, 'individual', p.group, p.period, p.balanced),
      withinTransform(xb, 'individual', p.group, p.period, p.balanced));
  }
  const r2Transformed = 1 - rss / tssT;

  const fit: PanelFit = {
    model: o.model, effects, seType: o.se, nObs: N, nGroups: G, nPeriods: T, k, dfResid,
    coefficients, vcov: toRowMajor(V), r2Within, r2Overall, r2Between, fTest,
    sigma2: re ? re.sigma2Idios : sigma2, rss, residuals: e, fitted,
    rowsUsed: p.rowsUsed, groups: p.group.levels, periods: p.period.levels, balanced: p.balanced,
    absorbed, r2Transformed, pValueDf,
  };
  if (nClusters !== undefined) fit.nClusters = nClusters;
  if (clusterK !== undefined) fit.clusterK = clusterK;
  if (dkLag !== undefined) fit.dkLag = dkLag;
  if (re) {
    const th = re.thetaByGroup;
    fit.theta = th.reduce((a, b) => a + b, 0) / th.length;
    fit.thetaByGroup = th;
    fit.sigma2Individual = re.sigma2Individual;
  }
  return Object.freeze(fit);
}

function constantColumn(x: Float64Array): boolean {
  for (let r = 1; r < x.length; r++) if (x[r] !== x[0]) return false;
  return true;
}

function scale(m: Matrix, c: number): Matrix {
  return createMatrix(m.rows, m.cols, Float64Array.from(m.data, (v) => v * c));
}

function toRowMajor(m: Matrix): Float64Array {
  const out = new Float64Array(m.rows * m.cols);
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.cols; j++) out[i * m.cols + j] = m.data[i + j * m.rows];
  return out;
}

/**
 * Wald F = b_S' V_SS⁻¹ b_S / q over the coefficient subset S; NaN statistic when V_SS is
 * singular (e.g. fewer clusters than slopes, where Stata also reports no F).
 */
function waldF(beta: Float64Array, V: Matrix, idx: number[], df2: number): PanelFit['fTest'] {
  const q = idx.length;
  const k = V.rows;
  const sub = createMatrix(q, q);
  for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) sub.data[a + b * q] = V.data[idx[a] + idx[b] * k];
  const bs = Float64Array.from(idx, (j) => beta[j]);
  let statistic = Number.NaN;
  try {
    const x = cholesky(sub).solve(bs);
    let s = 0;
    for (let a = 0; a < q; a++) s += bs[a] * x[a];
    statistic = s / q;
  } catch {
    statistic = Number.NaN;
  }
  return { statistic, df1: q, df2, p: Number.isNaN(statistic) ? Number.NaN : fUpperP(statistic, q, df2) };
}
