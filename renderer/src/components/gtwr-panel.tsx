/**
 * The GTWR tab (issue 12): the model builder (y, regressors, kernel, adaptive k or fixed h given
 * or searched by AICc / CV, τ given or searched, periods), run as the `gtwr` job with progress
 * and Cancel; then the diagnostics beside the global OLS, the criterion profiles (bandwidth and
 * τ), the coefficient maps by period (small multiples, natural breaks shared by the periods), the
 * region-group comparison and the per-region table — every figure drawn by `gwr:figure`, the
 * very SVG `gwr:figureExport` writes as PNG / SVG / PDF.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobInputOf, JobResultOf, ProjectSummary, ResponseOf } from '../../../src/contract';
import { TABLE_EXPORT_FORMATS } from '../../../src/contract/constants';
import { api } from '../api';
import { toProblem } from '../i18n/problem';
import { useLabels } from '../i18n/labels';
import { saveDownload } from '../lib/download';
import { formatCount } from '../lib/format';
import { useJob } from '../lib/use-job';
import { formatPeriods, parsePeriods, splitYears } from '../lib/periods';
import { ErrorBanner } from './error-banner';
import { ServiceText } from './service-text';
import { GtwrFigure, type GtwrFigureKind } from './gtwr-figure';
import { GtwrDiagnostics, GtwrMonteCarlo, GtwrRegionTable } from './gtwr-tables';
import { GtwrOptions, defaultMoreOptions, type GtwrMoreOptions } from './gtwr-options';
import './gtwr-panel.css';

type Result = JobResultOf<'gtwr'>;
type Options = ResponseOf<'gwr:options'>;
type Kernel = Options['kernels'][number];
type Criterion = Options['criteria'][number];
type Significance = 'off' | 'uncorrected' | 'corrected';

/** Props of the tab. */
export interface GtwrPanelProps {
  readonly project: ProjectSummary;
  readonly layer: string | null;
  readonly selected: string | null;
  readonly onSelect: (code: string | null) => void;
}

/** The first variable whose name matches `re`, else the `i`-th. */
function pick(names: readonly string[], re: RegExp, i: number): string {
  return names.find((n) => re.test(n)) ?? names[i] ?? '';
}

/** The tab. */
export function GtwrPanel({ project, layer, selected, onSelect }: GtwrPanelProps) {
  const { t, i18n } = useTranslation();
  const labels = useLabels(project);
  const zh = i18n.language.startsWith('zh');
  const numeric = useMemo(() => project.variables.filter((v) => !/^(year|period)$/i.test(v.name)).map((v) => v.name), [project.variables]);
  const labelOf = (n: string) => labels.variable(project.variables.find((v) => v.name === n), n).label;
  const [options, setOptions] = useState<Options | null>(null);
  const [y, setY] = useState(() => pick(numeric, /resilien/i, 0));
  const [xs, setXs] = useState<string[]>(() => { const d = pick(numeric, /digital/i, 1); return d && d !== y ? [d] : []; });
  const [kernel, setKernel] = useState<Kernel>('bisquare');
  const [adaptive, setAdaptive] = useState(true);
  const [bwAuto, setBwAuto] = useState(true);
  const [bandwidth, setBandwidth] = useState(60);
  const [criterion, setCriterion] = useState<Criterion>('aicc');
  const [tauAuto, setTauAuto] = useState(true);
  const [tau, setTau] = useState(1);
  const [periodsText, setPeriodsText] = useState(() => formatPeriods(splitYears(project.periods, 3)));
  const [result, setResult] = useState<Result | null>(null);
  const [coefficient, setCoefficient] = useState('');
  const { busy, progress, jobId, error, setError, run: runTask, cancel } = useJob({ failed: 'gtwr-failed', cancelled: 'gtwr-cancelled' });
  const [format, setFormat] = useState<'png' | 'svg' | 'pdf'>('png');
  const [more, setMore] = useState<GtwrMoreOptions>(() => defaultMoreOptions(project.periods));
  const [significance, setSignificance] = useState<Significance>('corrected');

  useEffect(() => {
    let live = true;
    api['gwr:options']({ locations: more.locations, ...(layer ? { layer } : {}) }).then((o) => {
      if (!live) return;
      setOptions(o);
      setTau(Number(o.tau0.toPrecision(3)));
    }).catch((e: unknown) => live && setError(toProblem(e)));
    return () => { live = false; };
  }, [project.path, layer, more.locations]);

  const run = async () => {
    setError(null);
    let periods: { from: number; to: number }[];
    try {
      periods = periodsText.trim() === '' ? [] : parsePeriods(periodsText, project.periods);
    } catch (e) {
      setError(toProblem(e));
      return;
    }
    const input: JobInputOf<'gtwr'> = {
      y, x: xs, kernel, adaptive, criterion,
      bandwidth: bwAuto ? 'auto' : bandwidth,
      tau: tauAuto ? 'auto' : tau,
      periods: periods.map((p) => ({ from: p.from, to: p.to, label: p.from === p.to ? String(p.from) : `${p.from}–${p.to}` })),
      locations: more.locations, from: more.from, to: more.to, pastOnly: more.pastOnly,
      exhaustive: adaptive && bwAuto && more.exhaustive,
      ...(adaptive && bwAuto && more.kMin !== null ? { kMin: more.kMin } : {}),
      ...(adaptive && bwAuto && more.kMax !== null ? { kMax: more.kMax } : {}),
      alpha: more.alpha, fTest: more.fTest, monteCarlo: more.monteCarlo, seed: more.seed,
      ...(layer ? { layer } : {}),
    };
    setResult(null);
    const r = await runTask('gtwr', input);
    if (!r) return;
    setResult(r);
    const names = r.periods?.map((p) => p.coefficient) ?? [];
    setCoefficient(names.find((n) => n !== '(Intercept)') ?? names[0] ?? '');
  };
  const exportFigure = async (kind: GtwrFigureKind) => {
    if (!result) return;
    try {
      saveDownload(await api['gwr:figureExport']({ result, kind, coefficient, format, lang: zh ? 'zh' : 'en', ...(kind === 'coefficient-maps' ? { significance } : {}), ...(layer ? { layer } : {}) }));
    } catch (e) {
      setError(toProblem(e));
    }
  };
  const exportTable = async (f: (typeof TABLE_EXPORT_FORMATS)[number], table: 'regions' | 'diagnostics' = 'regions') => {
    if (!result) return;
    try {
      saveDownload(await api['gwr:tableExport']({ result, table, coefficient, format: f, language: zh ? 'zh' : 'en' }));
    } catch (e) {
      setError(toProblem(e));
    }
  };

  const coefficients = result?.periods?.map((p) => p.coefficient) ?? [];
  const unit = adaptive ? t('gtwr.unitK') : t('gtwr.unitKm');
  const figureProps = result ? { result, coefficient, layer, lang: zh ? 'zh' as const : 'en' as const } : null;
  const tabOptions = (
    <GtwrOptions value={more} onChange={setMore} pointRegions={options?.pointRegions ?? 0} periods={project.periods} adaptiveSearch={adaptive && bwAuto} />
  );

  return (
    <section className="esda-panel gtwr-panel" data-testid="gtwr-panel">
      <h3>{t('gtwr.builder')}</h3>
      <div className="inline">
        <label className="muted small" htmlFor="gtwr-y">{t('gtwr.y')}</label>
        <select id="gtwr-y" value={y} onChange={(e) => { setY(e.target.value); setXs(xs.filter((x) => x !== e.target.value)); }}>
          {numeric.map((n) => <option key={n} value={n}>{labelOf(n)}</option>)}
        </select>
      </div>
      <fieldset className="inline esda-matrices" data-testid="gtwr-x">
        <legend className="muted small">{t('gtwr.x')}</legend>
        {numeric.filter((n) => n !== y).map((n) => (
          <label key={n} className="small">
            <input type="checkbox" checked={xs.includes(n)} onChange={(e) => setXs(e.target.checked ? [...xs, n] : xs.filter((x) => x !== n))} />
            {' '}{labelOf(n)}
          </label>
        ))}
      </fieldset>
      <div className="inline">
        <label className="muted small" htmlFor="gtwr-kernel">{t('gtwr.kernel')}</label>
        <select id="gtwr-kernel" value={kernel} onChange={(e) => setKernel(e.target.value as Kernel)}>
          {(options?.kernels ?? ['bisquare']).map((k) => <option key={k} value={k}>{t(`gtwr.kernels.${k}`)}</option>)}
        </select>
        <label className="muted small" htmlFor="gtwr-bwtype">{t('gtwr.bandwidthType')}</label>
        <select id="gtwr-bwtype" value={adaptive ? 'adaptive' : 'fixed'} onChange={(e) => { const a = e.target.value === 'adaptive'; setAdaptive(a); setBandwidth(a ? 60 : 500); }}>
          <option value="adaptive">{t('gtwr.adaptive')}</option>
          <option value="fixed">{t('gtwr.fixed')}</option>
        </select>
        <label className="small"><input id="gtwr-bw-auto" type="checkbox" checked={bwAuto} onChange={(e) => setBwAuto(e.target.checked)} /> {t('gtwr.searchBandwidth')}</label>
        {!bwAuto && (
          <>
            <input id="gtwr-bw" aria-label={t('gtwr.bandwidth')} type="number" min={adaptive ? 2 : 1} step={adaptive ? 1 : 10} value={bandwidth} onChange={(e) => setBandwidth(Number(e.target.value))} />
            <span className="muted small">{unit}</span>
          </>
        )}
        <label className="muted small" htmlFor="gtwr-criterion">{t('gtwr.criterion')}</label>
        <select id="gtwr-criterion" value={criterion} onChange={(e) => setCriterion(e.target.value as Criterion)}>
          {(options?.criteria ?? ['aicc']).map((c) => <option key={c} value={c}>{t(`gtwr.criteria.${c}`)}</option>)}
        </select>
      </div>
      <div className="inline">
        <label className="small"><input id="gtwr-tau-auto" type="checkbox" checked={tauAuto} onChange={(e) => setTauAuto(e.target.checked)} /> {t('gtwr.searchTau')}</label>
        {!tauAuto && <input id="gtwr-tau" aria-label={t('gtwr.tau')} type="number" min={0} step="any" value={tau} onChange={(e) => setTau(Number(e.target.value))} />}
        {options && <span className="muted small">{t('gtwr.tauHint', { tau0: Number(options.tau0.toPrecision(3)).toLocaleString('en-US'), km: options.medianNearestKm.toFixed(0) })}</span>}
      </div>
      {tabOptions}
      <div className="inline">
        <label className="muted small" htmlFor="gtwr-periods">{t('gtwr.periods')}</label>
        <input id="gtwr-periods" type="text" value={periodsText} onChange={(e) => setPeriodsText(e.target.value)} placeholder="2008-2012,2013-2017,2018-2022" />
        <button type="button" disabled={busy || !y || xs.length === 0} onClick={() => void run()} data-testid="gtwr-run">{t('gtwr.run')}</button>
      </div>
      {busy && progress && (
        <div className="regression-progress" data-testid="gtwr-progress">
          <progress max={Math.max(1, progress.total)} value={progress.done} />
          <span className="muted small"> {t('gtwr.progress', { done: formatCount(progress.done), total: formatCount(progress.total) })}</span>
          <button type="button" onClick={cancel} disabled={!jobId}>{t('common.cancel')}</button>
        </div>
      )}
      <ErrorBanner error={error} onClose={() => setError(null)} />
      {result && figureProps && (
        <>
          <h3>{t('gtwr.resultsTitle')}</h3>
          <p className="small" data-testid="gtwr-summary">
            {t(result.model === 'gtwr' ? 'gtwr.summaryGtwr' : 'gtwr.summaryGwr', {
              n: formatCount(result.n_obs), kernel: t(`gtwr.kernels.${result.kernel}`),
              bandwidth: result.adaptive ? String(result.bandwidth) : result.bandwidth.toFixed(1),
              unit: result.adaptive ? t('gtwr.unitK') : t('gtwr.unitKm'),
              tau: Number(result.tau.toPrecision(4)).toLocaleString('en-US'), kmPerYear: result.km_per_year.toFixed(1),
            })}
          </p>
          <GtwrDiagnostics result={result} />
          {result.comparison && (
            <div className="gtwr-table-head">
              <span className="muted small">{t('gtwr.exportDiagnostics')}</span>
              {(['docx', 'xlsx', 'tex', 'csv'] as const).map((f) => (
                <button key={f} type="button" onClick={() => void exportTable(f, 'diagnostics')} data-testid={`gtwr-export-diagnostics-${f}`}>.{f}</button>
              ))}
            </div>
          )}
          {result.monte_carlo && <GtwrMonteCarlo result={result} labelOf={(c) => (c === '(Intercept)' ? t('gtwr.intercept') : labelOf(c))} />}
          <div className="inline gtwr-exports">
            <label className="muted small" htmlFor="gtwr-coef">{t('gtwr.coefficient')}</label>
            <select id="gtwr-coef" value={coefficient} onChange={(e) => setCoefficient(e.target.value)}>
              {coefficients.map((c) => <option key={c} value={c}>{c === '(Intercept)' ? t('gtwr.intercept') : labelOf(c)}</option>)}
            </select>
            <span className="muted small">{t('gtwr.exportFigure')}</span>
            <select aria-label={t('gtwr.figureFormat')} value={format} onChange={(e) => setFormat(e.target.value as typeof format)}>
              {(['png', 'svg', 'pdf'] as const).map((f) => <option key={f} value={f}>{f.toUpperCase()}</option>)}
            </select>
            {result.periods && <button type="button" onClick={() => void exportFigure('coefficient-maps')} data-testid="gtwr-export-maps">{t('gtwr.figures.maps')}</button>}
            {result.search && <button type="button" onClick={() => void exportFigure('profile')} data-testid="gtwr-export-profile">{t('gtwr.figures.profile')}</button>}
            {result.tau_search && <button type="button" onClick={() => void exportFigure('tau-profile')} data-testid="gtwr-export-tau-profile">{t('gtwr.figures.tauProfile')}</button>}
            {result.periods && <button type="button" onClick={() => void exportFigure('groups')} data-testid="gtwr-export-groups">{t('gtwr.figures.groups')}</button>}
          </div>
          {result.periods && coefficient && (
            <>
              <div className="inline">
                <label className="muted small" htmlFor="gtwr-significance">{t('gtwr.significance')}</label>
                <select id="gtwr-significance" value={significance} onChange={(e) => setSignificance(e.target.value as Significance)}>
                  {(['off', 'uncorrected', 'corrected'] as const).map((m) => <option key={m} value={m}>{t(`gtwr.significanceModes.${m}`)}</option>)}
                </select>
                <span className="muted small">{t('gtwr.significanceHint')}</span>
              </div>
              <GtwrFigure {...figureProps} kind="coefficient-maps" significance={significance} label={t('gtwr.figures.maps')} testId="gtwr-maps" selected={selected} onSelect={onSelect} wide />
            </>
          )}
          <div className="gtwr-charts">
            {result.search && <GtwrFigure {...figureProps} kind="profile" label={t('gtwr.figures.profile')} testId="gtwr-profile" />}
            {result.tau_search && <GtwrFigure {...figureProps} kind="tau-profile" label={t('gtwr.figures.tauProfile')} testId="gtwr-tau-profile" />}
            {result.periods && coefficient && <GtwrFigure {...figureProps} kind="groups" label={t('gtwr.figures.groups')} testId="gtwr-groups" />}
          </div>
          {result.periods && coefficient && (
            <>
              <div className="gtwr-table-head">
                <h4>{t('gtwr.regionTable')}</h4>
                {(['docx', 'xlsx', 'tex', 'csv'] as const).map((f) => (
                  <button key={f} type="button" onClick={() => void exportTable(f)} data-testid={`gtwr-export-${f}`}>.{f}</button>
                ))}
              </div>
              <GtwrRegionTable result={result} coefficient={coefficient} project={project} selected={selected} onSelect={onSelect} />
            </>
          )}
          {result.warnings.length > 0 && (
            <ul className="muted small" data-testid="gtwr-warnings">
              {result.warnings.map((w, i) => <li key={i}><ServiceText item={w} /></li>)}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
