/**
 * Tables of a GTWR result: the diagnostics beside the global OLS and the two-way FE (with the
 * Leung–Mei–Zhang F test of improvement), the Monte Carlo test of non-stationarity, and the per-region table of one coefficient — the mean, minimum,
 * maximum and share significant of its local estimates in each period (exported by
 * `gwr:tableExport`).
 */
import { useTranslation } from 'react-i18next';
import type { JobResultOf, ProjectSummary } from '../../../src/contract';
import { useLabels } from '../i18n/labels';

type Result = JobResultOf<'gtwr'>;
type Summary = NonNullable<Result['comparison']>['gtwr'];
type DiagKey = 'aicc' | 'aic' | 'r2' | 'adjR2' | 'rss' | 'sigma2' | 'traceS' | 'enp' | 'edf' | 'cv';

const fmt = (v: number | null | undefined, d = 3): string => (v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(d));

/** Rows of the three-model comparison: label key, field, decimals. */
type Label = 'gtwr.diag.aicc' | 'gtwr.diag.aic' | 'gtwr.diag.r2' | 'gtwr.diag.adjR2' | 'gtwr.diagExtra.r2Within' | 'gtwr.diagExtra.r2Overall'
  | 'gtwr.diag.rss' | 'gtwr.diag.sigma2' | 'gtwr.diagExtra.parameters' | 'gtwr.diag.enp' | 'gtwr.diag.edf' | 'gtwr.diagExtra.n';
const COMPARISON: readonly [Label, keyof Summary, number][] = [
  ['gtwr.diag.aicc', 'aicc', 3], ['gtwr.diag.aic', 'aic', 3], ['gtwr.diag.r2', 'r2', 4], ['gtwr.diag.adjR2', 'adj_r2', 4],
  ['gtwr.diagExtra.r2Within', 'r2_within', 4], ['gtwr.diagExtra.r2Overall', 'r2_overall', 4],
  ['gtwr.diag.rss', 'rss', 4], ['gtwr.diag.sigma2', 'sigma2', 5], ['gtwr.diagExtra.parameters', 'parameters', 3],
  ['gtwr.diag.enp', 'enp', 3], ['gtwr.diag.edf', 'edf', 3], ['gtwr.diagExtra.n', 'n', 0],
];

/**
 * Diagnostics of the local model beside the global OLS and the two-way FE (the result's
 * `comparison`, one footing for the three), one row each; results fitted before the comparison
 * existed show GTWR and OLS only.
 */
export function GtwrDiagnostics({ result }: { result: Result }) {
  const { t } = useTranslation();
  const d = result.diagnostics, o = result.ols;
  const model = result.model === 'gtwr' ? 'GTWR' : 'GWR';
  const c = result.comparison;
  const fTest = result.f_test && result.f_test.f1 !== null && (
    <p className="muted small" data-testid="gtwr-ftest">
      {t('gtwr.fTest', { f: fmt(result.f_test.f1, 4), df1: fmt(result.f_test.df1, 2), df2: fmt(result.f_test.df2, 2), p: result.f_test.p !== null && result.f_test.p < 0.0001 ? '< 0.0001' : `= ${fmt(result.f_test.p, 4)}` })}
    </p>
  );
  if (c) {
    return (
      <>
        <table className="gtwr-table" data-testid="gtwr-diagnostics">
          <thead><tr><th>{t('gtwr.diagnostic')}</th><th>{model}</th><th>{t('gtwr.ols')}</th><th>{t('gtwr.fe')}</th></tr></thead>
          <tbody>
            {COMPARISON.map(([label, k, dg]) => (
              <tr key={k}><td>{t(label)}</td><td>{fmt(c.gtwr[k], dg)}</td><td>{fmt(c.ols[k], dg)}</td><td>{c.fe ? fmt(c.fe[k], dg) : t('gtwr.feNone')}</td></tr>
            ))}
            <tr key="cv"><td>{t('gtwr.diag.cv')}</td><td>{fmt(d.cv, 5)}</td><td>—</td><td>—</td></tr>
          </tbody>
        </table>
        <p className="muted small gtwr-note">{t('gtwr.comparisonNote')}</p>
        {fTest}
      </>
    );
  }
  const rows: [DiagKey, number | null, number | null, number][] = [
    ['aicc', d.aicc, o.aicc, 3], ['aic', d.aic, o.aic, 3], ['r2', d.r2, o.r2, 4], ['adjR2', d.adj_r2, o.adj_r2, 4],
    ['rss', d.rss, o.rss, 4], ['sigma2', d.sigma2, o.sigma2, 5], ['traceS', d.trace_s, null, 3], ['enp', d.enp, null, 3],
    ['edf', d.edf, null, 3], ['cv', d.cv, null, 5],
  ];
  return (
    <>
      <table className="gtwr-table" data-testid="gtwr-diagnostics">
        <thead><tr><th>{t('gtwr.diagnostic')}</th><th>{model}</th><th>{t('gtwr.ols')}</th></tr></thead>
        <tbody>
          {rows.map(([k, a, b, dg]) => <tr key={k}><td>{t(`gtwr.diag.${k}`)}</td><td>{fmt(a, dg)}</td><td>{fmt(b, dg)}</td></tr>)}
        </tbody>
      </table>
      {fTest}
    </>
  );
}

/** The Monte Carlo test of non-stationarity: one row per coefficient (variance of its local estimates, p). */
export function GtwrMonteCarlo({ result, labelOf }: { result: Result; labelOf: (coefficient: string) => string }) {
  const { t } = useTranslation();
  const m = result.monte_carlo;
  if (!m) return null;
  return (
    <div data-testid="gtwr-monte-carlo">
      <h4>{t('gtwr.monteCarloTitle')}</h4>
      <table className="gtwr-table">
        <thead><tr><th>{t('gtwr.coefficient')}</th><th>{t('gtwr.variance')}</th><th>{t('gtwr.pValue')}</th></tr></thead>
        <tbody>
          {Object.entries(m.coefficients).map(([name, c]) => (
            <tr key={name} data-coefficient={name}><td className="text">{labelOf(name)}</td><td>{fmt(c.variance, 6)}</td><td>{fmt(c.p, 3)}</td></tr>
          ))}
        </tbody>
      </table>
      <p className="muted small gtwr-note">{t('gtwr.monteCarloCaption', { replications: m.replications, seed: m.seed })}</p>
    </div>
  );
}

/** The periods of the coefficient's summary and its rows by region. */
function periodRows(result: Result, coefficient: string) {
  const s = result.periods?.find((p) => p.coefficient === coefficient);
  if (!s) return { periods: [] as string[], ids: [] as string[], cell: () => undefined };
  const periods = s.overall.map((o) => o.period);
  const ids = [...new Set(s.by_region.map((r) => r.id))];
  const by = new Map(s.by_region.map((r) => [`${r.id}\u0000${r.period}`, r]));
  return { periods, ids, cell: (id: string, p: string) => by.get(`${id}\u0000${p}`) };
}

/** The per-region table of one coefficient: mean [min, max] and share significant by period; click selects. */
export function GtwrRegionTable({ result, coefficient, project, selected, onSelect }: { result: Result; coefficient: string; project: ProjectSummary; selected: string | null; onSelect: (code: string | null) => void }) {
  const { t } = useTranslation();
  const labels = useLabels(project);
  const { periods, ids, cell } = periodRows(result, coefficient);
  const regions = new Map(project.regions.map((r) => [r.code, r]));
  return (
    <div className="gtwr-region-table">
      <table className="gtwr-table" data-testid="gtwr-region-table">
        <thead>
          <tr><th>{t('gtwr.region')}</th><th>{t('gtwr.group')}</th>{periods.map((p) => <th key={p} colSpan={3}>{p}</th>)}</tr>
          <tr><th /><th />{periods.map((p) => [<th key={`${p}m`}>{t('gtwr.mean')}</th>, <th key={`${p}r`}>{t('gtwr.range')}</th>, <th key={`${p}s`}>{t('gtwr.shareSignificant')}</th>])}</tr>
        </thead>
        <tbody>
          {ids.map((id) => (
            <tr key={id} className={selected === id ? 'selected' : ''} onClick={() => onSelect(selected === id ? null : id)} data-region={id}>
              <td className="text">{labels.regionName(regions.get(id), id)}</td>
              <td className="text">{regions.get(id)?.regionGroup ? labels.group(regions.get(id)?.regionGroup as string) : '—'}</td>
              {periods.map((p) => {
                const c = cell(id, p);
                return [
                  <td key={`${p}m`}>{fmt(c?.mean, 4)}</td>,
                  <td key={`${p}r`}>{`[${fmt(c?.min, 3)}, ${fmt(c?.max, 3)}]`}</td>,
                  <td key={`${p}s`}>{c?.share_significant === null || c?.share_significant === undefined ? '—' : `${Math.round(c.share_significant * 100)}%`}</td>,
                ];
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
