/**
 * The Spatial autocorrelation tab (issue 10): the per-year global statistic under one to three
 * saved matrices (Moran's I, Geary's C, General G) in the published table layout with exports,
 * and the local view — LISA cluster map (or significance map) with a year slider, the Moran
 * scatterplot linked to the map, and the cluster-transition table. Both run as background jobs
 * (`esda-global`, `esda-local`) with progress and Cancel.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AreaCollection, JobInputOf, JobResultOf, ProjectSummary } from '../../../src/contract';
import { ESDA_GLOBAL_STATS, TABLE_EXPORT_FORMATS } from '../../../src/contract/constants';
import { api } from '../api';
import { toProblem, uiProblem, type Problem } from '../i18n/problem';
import { useLabels } from '../i18n/labels';
import { saveDownload } from '../lib/download';
import { describeWeightsSpec, specTooltip } from '../lib/weights-spec-text';
import { formatCount } from '../lib/format';
import { useJob } from '../lib/use-job';
import { ErrorBanner } from './error-banner';
import { EsdaGlobalTable } from './esda-global-table';
import { EsdaScatter } from './esda-scatter';
import { EsdaTransitions } from './esda-transitions';
import { LISA_CLASS_COLORS, LISA_CODES, significanceColor, SIGNIFICANCE_LEVELS } from '../lib/lisa';
import { MapView } from './map-view';

type GlobalResult = JobResultOf<'esda-global'>;
type LocalResult = JobResultOf<'esda-local'>;
type Task = 'esda-global' | 'esda-local';

const NO_FADE: ReadonlySet<string> = new Set();

/** Props of the tab. */
export interface EsdaPanelProps {
  readonly project: ProjectSummary;
  readonly layer: string | null;
  readonly variable: string | null;
  readonly selected: string | null;
  readonly onSelect: (code: string | null) => void;
}

/** A running ESDA job of one task: progress, cancel, result (the shared job state, task bound). */
function useEsdaJob<T extends Task>(task: T) {
  const job = useJob({ failed: 'esda-failed', cancelled: 'esda-cancelled' });
  return { ...job, run: (input: JobInputOf<T>) => job.run(task, input) };
}

/** Progress bar and Cancel of a job. */
function JobProgress({ job, testId }: { job: { busy: boolean; progress: { done: number; total: number } | null; jobId: string | null; cancel: () => void }; testId: string }) {
  const { t } = useTranslation();
  if (!job.busy || !job.progress) return null;
  return (
    <div className="regression-progress" data-testid={testId}>
      <progress max={Math.max(1, job.progress.total)} value={job.progress.done} />
      <span className="muted small"> {t('esda.progress', { done: formatCount(job.progress.done), total: formatCount(job.progress.total) })}</span>
      <button type="button" onClick={job.cancel} disabled={!job.jobId}>{t('common.cancel')}</button>
    </div>
  );
}

/** The tab. */
export function EsdaPanel({ project, layer, variable: sidebarVariable, selected, onSelect }: EsdaPanelProps) {
  const { t, i18n } = useTranslation();
  const labels = useLabels(project);
  const zh = i18n.language.startsWith('zh');
  const numeric = project.variables.map((v) => v.name);
  const [variable, setVariable] = useState<string>(sidebarVariable ?? numeric[0] ?? '');
  const [matrices, setMatrices] = useState<{ name: string; specText: string }[]>([]);
  const [chosen, setChosen] = useState<string[]>([]);
  const [stat, setStat] = useState<(typeof ESDA_GLOBAL_STATS)[number]>('moran');
  const [permutations, setPermutations] = useState(999);
  const [seed, setSeed] = useState(1);
  const [global, setGlobal] = useState<GlobalResult | null>(null);
  const [localW, setLocalW] = useState<string>('');
  const [alpha, setAlpha] = useState(0.05);
  const [correction, setCorrection] = useState<'none' | 'bonferroni' | 'fdr'>('none');
  const [localStat, setLocalStat] = useState<'moran' | 'getis' | 'getis-star' | 'bivariate'>('moran');
  const [second, setSecond] = useState<string>('');
  const [local, setLocal] = useState<LocalResult | null>(null);
  const [year, setYear] = useState<number | null>(null);
  const [mapKind, setMapKind] = useState<'cluster' | 'significance'>('cluster');
  const [geometry, setGeometry] = useState<AreaCollection | null>(null);
  const [hover, setHover] = useState<string | null>(null);
  const [listError, setListError] = useState<Problem | null>(null);
  const [runs, setRuns] = useState<{ id: number; heading: string }[]>([]);
  const globalJob = useEsdaJob('esda-global');
  const localJob = useEsdaJob('esda-local');

  useEffect(() => {
    let live = true;
    api['weights:list']({}).then((list) => {
      if (!live) return;
      setMatrices(list);
      setChosen(list.slice(0, 2).map((m) => m.name));
      setLocalW(list[0]?.name ?? '');
    }).catch((e: unknown) => live && setListError(toProblem(e)));
    api['figure:reportItems']({ lang: zh ? 'zh' : 'en' }).then((r) => live && setRuns(r.runs.filter((x) => x.kind !== 'panel.compare'))).catch(() => undefined);
    api['geometry:get'](layer ? { layer } : {}).then((g) => live && setGeometry(g)).catch((e: unknown) => live && setListError(toProblem(e)));
    return () => { live = false; };
  }, [project.path, layer]);

  /** The chosen variable: a panel variable, or `run:ID` for the residuals of a saved run. */
  const residualsOf = variable.startsWith('run:') ? Number(variable.slice(4)) : undefined;
  const source = residualsOf !== undefined ? { variable: 'residuals', residualsOf } : { variable };
  const runGlobal = async () => {
    setGlobal(null);
    const r = await globalJob.run({ ...source, weights: chosen, stat, permutations, seed });
    if (r) setGlobal(r);
  };
  const runLocal = async () => {
    setLocal(null);
    const bivariate = localStat === 'bivariate' && second !== '' ? { with: second } : {};
    const r = await localJob.run({ ...source, ...bivariate, stat: localStat, weights: localW, permutations: localStat === 'bivariate' ? Math.max(99, permutations) : permutations, seed, alpha, correction });
    if (r) {
      setLocal(r);
      setYear(r.years[r.years.length - 1]?.year ?? null);
    }
  };
  const exportTable = async (format: (typeof TABLE_EXPORT_FORMATS)[number]) => {
    if (!global) return;
    try {
      saveDownload(await api['esda:tableExport']({ result: global, format, language: zh ? 'zh' : 'en' }));
    } catch (e) {
      globalJob.setError(toProblem(e));
    }
  };

  const [figureYears, setFigureYears] = useState('');
  const [figureFormat, setFigureFormat] = useState<'png' | 'svg' | 'pdf'>('png');
  const [exporting, setExporting] = useState(false);
  const exportFigure = async (kind: 'lisa-map' | 'significance-map' | 'scatter') => {
    if (!local) return;
    const text = figureYears.trim();
    const years = text === '' ? (year === null ? [] : [year]) : text.split(/[,，\s]+/).filter(Boolean).map(Number);
    if (years.some((y) => !Number.isInteger(y))) {
      localJob.setError(uiProblem('esda-figure-years-syntax', { text }));
      return;
    }
    setExporting(true);
    try {
      saveDownload(await api['esda:figureExport']({ result: local, kind, years: kind === 'scatter' ? years.slice(0, 1) : years, format: figureFormat, lang: zh ? 'zh' : 'en', ...(layer ? { layer } : {}) }));
    } catch (e) {
      localJob.setError(toProblem(e));
    } finally {
      setExporting(false);
    }
  };

  const hotCold = local !== null && (local.stat === 'getis' || local.stat === 'getis-star');
  const clusterLabel = (c: 'HH' | 'LL' | 'LH' | 'HL' | 'ns') => (hotCold && c === 'HH' ? t('esda.hotSpot') : hotCold && c === 'LL' ? t('esda.coldSpot') : t(`esda.clusters.${c}`));

  const yearData = useMemo(() => local?.years.find((y) => y.year === year) ?? null, [local, year]);
  const colors = useMemo(() => {
    const m = new Map<string, string>();
    for (const r of yearData?.regions ?? []) {
      m.set(r.id, mapKind === 'cluster' ? LISA_CLASS_COLORS[r.cluster] : significanceColor(r.pSim ?? r.p));
    }
    return m;
  }, [yearData, mapKind]);
  const regionInfo = (code: string) => project.regions.find((r) => r.code === code);
  const hoverRow = hover ? yearData?.regions.find((r) => r.id === hover) : undefined;
  const varLabel = residualsOf !== undefined ? t('esda.residuals') : labels.variable(project.variables.find((v) => v.name === variable), variable).label;

  if (matrices.length === 0) {
    return (
      <section className="esda-panel" data-testid="esda-panel">
        <ErrorBanner error={listError} onClose={() => setListError(null)} />
        <p className="muted">{t('esda.noMatrices')}</p>
      </section>
    );
  }

  return (
    <section className="esda-panel" data-testid="esda-panel">
      <ErrorBanner error={listError} onClose={() => setListError(null)} />
      <h3>{t('esda.globalTitle')}</h3>
      <div className="inline">
        <label className="muted small" htmlFor="esda-var">{t('esda.variable')}</label>
        <select id="esda-var" value={variable} onChange={(e) => setVariable(e.target.value)}>
          {numeric.map((n) => <option key={n} value={n}>{labels.variable(project.variables.find((v) => v.name === n), n).label}</option>)}
          {runs.length > 0 && (
            <optgroup label={t('esda.residualsGroup')}>
              {runs.map((r) => <option key={r.id} value={`run:${r.id}`}>{t('esda.residualsOf', { heading: r.heading })}</option>)}
            </optgroup>
          )}
        </select>
        <label className="muted small" htmlFor="esda-stat">{t('esda.statistic')}</label>
        <select id="esda-stat" value={stat} onChange={(e) => setStat(e.target.value as typeof stat)}>
          {ESDA_GLOBAL_STATS.map((s) => <option key={s} value={s}>{t(`esda.stat.${s}`)}</option>)}
        </select>
        <label className="muted small" htmlFor="esda-perm">{t('esda.permutations')}</label>
        <input id="esda-perm" type="number" min={0} max={99999} step={100} value={permutations} onChange={(e) => setPermutations(Number(e.target.value))} />
        <label className="muted small" htmlFor="esda-seed">{t('esda.seed')}</label>
        <input id="esda-seed" type="number" value={seed} onChange={(e) => setSeed(Number(e.target.value))} />
      </div>
      <fieldset className="inline esda-matrices">
        <legend className="muted small">{t('esda.matrices')}</legend>
        {matrices.map((m) => (
          <label key={m.name} className="small" title={specTooltip(m.specText)}>
            <input
              type="checkbox"
              checked={chosen.includes(m.name)}
              disabled={!chosen.includes(m.name) && chosen.length >= 3}
              onChange={(e) => setChosen(e.target.checked ? [...chosen, m.name] : chosen.filter((c) => c !== m.name))}
            />
            {' '}{m.name} <span className="muted">({describeWeightsSpec(m.specText, t)})</span>
          </label>
        ))}
        <button type="button" disabled={globalJob.busy || chosen.length === 0 || !variable} onClick={() => void runGlobal()} data-testid="esda-run-global">
          {t('esda.runGlobal')}
        </button>
      </fieldset>
      <JobProgress job={globalJob} testId="esda-global-progress" />
      <ErrorBanner error={globalJob.error} onClose={() => globalJob.setError(null)} />
      {global && (
        <>
          <EsdaGlobalTable result={global} />
          <div className="inline">
            <span className="muted small">{t('esda.exportTable')}</span>
            {(['docx', 'xlsx', 'tex', 'csv'] as const).map((f) => (
              <button key={f} type="button" onClick={() => void exportTable(f)} data-testid={`esda-export-${f}`}>.{f}</button>
            ))}
          </div>
        </>
      )}

      <h3>{t('esda.localTitle')}</h3>
      <div className="inline">
        <label className="muted small" htmlFor="esda-localw">{t('esda.matrix')}</label>
        <select id="esda-localw" value={localW} onChange={(e) => setLocalW(e.target.value)}>
          {matrices.map((m) => <option key={m.name} value={m.name}>{m.name}</option>)}
        </select>
        <label className="muted small" htmlFor="esda-localstat">{t('esda.localStat')}</label>
        <select id="esda-localstat" value={localStat} onChange={(e) => setLocalStat(e.target.value as typeof localStat)}>
          {(['moran', 'getis', 'getis-star', 'bivariate'] as const).filter((k) => k !== 'bivariate' || residualsOf === undefined).map((k) => <option key={k} value={k}>{t(`esda.localStats.${k}`)}</option>)}
        </select>
        {localStat === 'bivariate' && (
          <>
            <label className="muted small" htmlFor="esda-second">{t('esda.secondVariable')}</label>
            <select id="esda-second" value={second} onChange={(e) => setSecond(e.target.value)}>
              <option value="">—</option>
              {numeric.filter((n) => n !== variable).map((n) => <option key={n} value={n}>{labels.variable(project.variables.find((v) => v.name === n), n).label}</option>)}
            </select>
          </>
        )}
        <label className="muted small" htmlFor="esda-alpha">{t('esda.alpha')}</label>
        <select id="esda-alpha" value={alpha} onChange={(e) => setAlpha(Number(e.target.value))}>
          {[0.1, 0.05, 0.01, 0.001].map((a) => <option key={a} value={a}>{a}</option>)}
        </select>
        <label className="muted small" htmlFor="esda-corr">{t('esda.correction')}</label>
        <select id="esda-corr" value={correction} onChange={(e) => setCorrection(e.target.value as typeof correction)}>
          {(['none', 'bonferroni', 'fdr'] as const).map((c) => <option key={c} value={c}>{t(`esda.corrections.${c}`)}</option>)}
        </select>
        <button type="button" disabled={localJob.busy || !localW || !variable || (localStat === 'bivariate' && second === '')} onClick={() => void runLocal()} data-testid="esda-run-local">{t('esda.runLocal')}</button>
      </div>
      <JobProgress job={localJob} testId="esda-local-progress" />
      <ErrorBanner error={localJob.error} onClose={() => localJob.setError(null)} />
      {local && yearData && (
        <>
          <div className="inline">
            <label className="muted small" htmlFor="esda-year">{t('esda.year')}</label>
            <input
              id="esda-year" type="range" min={0} max={local.years.length - 1}
              value={local.years.findIndex((y) => y.year === year)}
              onChange={(e) => setYear(local.years[Number(e.target.value)].year)}
            />
            <strong data-testid="esda-year">{year}</strong>
            <span className="segmented">
              {(['cluster', 'significance'] as const).map((k) => (
                <button key={k} type="button" className={mapKind === k ? 'active' : ''} onClick={() => setMapKind(k)}>{t(`esda.maps.${k}`)}</button>
              ))}
            </span>
            {yearData.moranI !== null && <span className="muted small">{t('esda.moranOfYear', { value: yearData.moranI.toFixed(3) })}</span>}
          </div>
          <div className="esda-local">
            <div className="esda-map-box">
            <div className="esda-map" data-testid="lisa-map">
              <MapView geometry={geometry} colors={colors} faded={NO_FADE} selected={selected} onSelect={onSelect}
                onHover={(h) => setHover(h?.code ?? null)} />
              {hoverRow && (
                <div className="map-tooltip" style={{ left: 8, top: 8 }}>
                  <strong>{labels.regionName(regionInfo(hoverRow.id), hoverRow.id)}</strong>
                  <div>{clusterLabel(hoverRow.cluster)} · {hotCold ? 'z' : 'I'} = {(hotCold ? (hoverRow.z ?? NaN) : hoverRow.value).toFixed(3)} · p = {(hoverRow.pSim ?? hoverRow.p ?? NaN).toFixed(3)}</div>
                </div>
              )}
            </div>
              <div className="map-legend esda-legend" aria-label={t('map.legend')}>
                <div className="map-legend-title">{mapKind === 'cluster' ? t('esda.maps.cluster') : t('esda.maps.significance')}</div>
                {mapKind === 'cluster'
                  ? LISA_CODES.filter((c) => !hotCold || c === 'HH' || c === 'LL' || c === 'ns').map((c) => (
                    <div className="map-legend-row" key={c} data-testid={`lisa-legend-${c}`}>
                      <span className="swatch" style={{ background: LISA_CLASS_COLORS[c] }} />
                      <span>{clusterLabel(c)} ({yearData.counts[c] ?? 0})</span>
                    </div>
                  ))
                  : SIGNIFICANCE_LEVELS.map((s) => (
                    <div className="map-legend-row" key={s.label}>
                      <span className="swatch" style={{ background: s.color }} />
                      <span>{s.label === 'ns' ? t('esda.clusters.ns') : `p ≤ ${s.label}`}</span>
                    </div>
                  ))}
                <div className="map-legend-foot">
                  {t(yearData.by === 'p_sim' ? 'esda.byPseudo' : 'esda.byAnalytic', { alpha, cutoff: yearData.cutoff.toPrecision(3), permutations: formatCount(local.permutations) })}
                </div>
              </div>
            </div>
            {local.stat === 'moran' && yearData.moranI !== null && (
              <EsdaScatter
                regions={yearData.regions} slope={yearData.moranI} variableLabel={varLabel}
                selected={selected} hover={hover} onHover={setHover} onSelect={onSelect}
                nameOf={(code) => labels.regionName(regionInfo(code), code)}
              />
            )}
          </div>
          <div className="inline esda-figure-export">
            <span className="muted small">{t('esda.exportFigure')}</span>
            <label className="muted small" htmlFor="esda-fig-years">{t('esda.figureYears')}</label>
            <input id="esda-fig-years" type="text" value={figureYears} placeholder={String(year ?? '')} onChange={(e) => setFigureYears(e.target.value)} />
            <select aria-label={t('esda.figureFormat')} value={figureFormat} onChange={(e) => setFigureFormat(e.target.value as typeof figureFormat)}>
              {(['png', 'svg', 'pdf'] as const).map((f) => <option key={f} value={f}>{f.toUpperCase()}</option>)}
            </select>
            <button type="button" disabled={exporting} onClick={() => void exportFigure('lisa-map')} data-testid="esda-export-lisa">{t('esda.maps.cluster')}</button>
            <button type="button" disabled={exporting} onClick={() => void exportFigure('significance-map')}>{t('esda.maps.significance')}</button>
            {local.stat === 'moran' && <button type="button" disabled={exporting} onClick={() => void exportFigure('scatter')} data-testid="esda-export-scatter">{t('esda.scatterTitle')}</button>}
          </div>
          {(yearData.missing.length > 0 || yearData.islands.length > 0) && (
            <p className="muted small" data-testid="esda-excluded">
              {yearData.missing.length > 0 && t('esda.missing', { count: yearData.missing.length, regions: yearData.missing.map((c) => labels.regionName(regionInfo(c), c)).join(zh ? '、' : ', ') })}
              {' '}
              {yearData.islands.length > 0 && t('esda.islands', { count: yearData.islands.length, regions: yearData.islands.map((c) => labels.regionName(regionInfo(c), c)).join(zh ? '、' : ', ') })}
            </p>
          )}
          {local.years.length > 1 && <EsdaTransitions result={local} />}
        </>
      )}
    </section>
  );
}
