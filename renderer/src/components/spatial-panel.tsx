/**
 * The Spatial panel tab (issue 11): a model builder (y, regressors, which of them get a spatial
 * lag, model, fixed effects, one to three W — saved in the project or built from a spec —, draws
 * and seed), the fit as a background job (`spatial-panel-fit`) with progress and Cancel, the
 * comparison table under the chosen matrices (coefficients, W*x, ρ/λ, effects, tests) with its
 * exports, the model-choice sentence per W, the maps of region-level direct / received /
 * emitted effects of one regressor and the bar chart of their group means — each figure exactly
 * the document its export writes, exportable as PNG / SVG / PDF.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobInputOf, JobResultOf, ProjectSummary, RegressionTableView } from '../../../src/contract';
import { REGION_EFFECT_MEASURES, SPATIAL_PANEL_EFFECTS, SPATIAL_PANEL_MODELS, TABLE_EXPORT_FORMATS } from '../../../src/contract/constants';
import { api } from '../api';
import { toProblem } from '../i18n/problem';
import { useLabels } from '../i18n/labels';
import { saveDownload } from '../lib/download';
import { formatCount } from '../lib/format';
import { useJob } from '../lib/use-job';
import { describeWeightsSpec, specTooltip } from '../lib/weights-spec-text';
import { ErrorBanner } from './error-banner';
import { FigureView } from './figure-view';
import { RegressionTableViewer } from './regression-table-view';
import { ServiceText } from './service-text';
import './spatial-panel.css';

type Result = JobResultOf<'spatial-panel-fit'>;
type Request = JobInputOf<'spatial-panel-fit'>;
type Measure = (typeof REGION_EFFECT_MEASURES)[number];
type Model = (typeof SPATIAL_PANEL_MODELS)[number];
type FigureKind = 'region-map' | 'group-chart';

/** Props of the tab. */
export interface SpatialPanelProps {
  readonly project: ProjectSummary;
  readonly layer: string | null;
  readonly selected: string | null;
  readonly onSelect: (code: string | null) => void;
}

const DURBIN_MODELS: readonly Model[] = ['sdm', 'sdem', 'slx'];

/** The text of an SVG download. */
function svgText(d: { dataBase64: string }): string {
  return new TextDecoder().decode(Uint8Array.from(atob(d.dataBase64), (c) => c.charCodeAt(0)));
}

/** The tab. */
export function SpatialPanel({ project, layer, selected, onSelect }: SpatialPanelProps) {
  const { t, i18n } = useTranslation();
  const labels = useLabels(project);
  const zh = i18n.language.startsWith('zh');
  const lang = zh ? 'zh' as const : 'en' as const;
  const numeric = project.variables.map((v) => v.name);
  const label = (n: string) => labels.variable(project.variables.find((v) => v.name === n), n).label;
  const [y, setY] = useState<string>(numeric[0] ?? '');
  const [x, setX] = useState<string[]>(numeric.slice(1, 4));
  const [durbin, setDurbin] = useState<string[] | null>(null);
  const [model, setModel] = useState<Model>('sdm');
  const [effects, setEffects] = useState<(typeof SPATIAL_PANEL_EFFECTS)[number]>('twoways');
  const [matrices, setMatrices] = useState<{ name: string; specText: string }[]>([]);
  const [chosen, setChosen] = useState<string[]>([]);
  const [specs, setSpecs] = useState<string[]>([]);
  const [specText, setSpecText] = useState('queen');
  const [draws, setDraws] = useState(1000);
  const [seed, setSeed] = useState(1);
  const [leeYu, setLeeYu] = useState(false);
  const [randomEffects, setRandomEffects] = useState(false);
  const [regionOf, setRegionOf] = useState<string>('');
  const [result, setResult] = useState<Result | null>(null);
  const [table, setTable] = useState<RegressionTableView | null>(null);
  const { busy, progress, jobId, error, setError, run: runTask, cancel } = useJob({ failed: 'spatial-failed', cancelled: 'spatial-cancelled' });
  const [mapW, setMapW] = useState<string>('');
  const [measure, setMeasure] = useState<Measure>('received');
  const [figures, setFigures] = useState<Partial<Record<FigureKind, string>>>({});
  const [figureFormat, setFigureFormat] = useState<'png' | 'svg' | 'pdf'>('png');
  /** Several W side by side need a wider map; the view and the export use the same size. */
  const mapSize = result && result.columns.length > 1 && !mapW ? { widthMm: 240, heightMm: 110 } : { widthMm: 160, heightMm: 120 };
  const sizeOf = (kind: FigureKind) => (kind === 'region-map' ? mapSize : { widthMm: 160, heightMm: 120 });

  useEffect(() => {
    let live = true;
    api['weights:list']({}).then((list) => {
      if (!live) return;
      setMatrices(list);
      setChosen(list.slice(0, 1).map((m) => m.name));
    }).catch((e: unknown) => live && setError(toProblem(e)));
    return () => { live = false; };
  }, [project.path]);

  // The defaults of the China sample's demonstration: resilience on its drivers.
  useEffect(() => {
    if (numeric.includes('resilience')) {
      setY('resilience');
      setX(['digital', 'fin_dev', 'industry', 'open'].filter((v) => numeric.includes(v)));
      setRegionOf(numeric.includes('digital') ? 'digital' : '');
    }
  }, [project.path]);

  const weights: Request['weights'] = [...chosen.map((saved) => ({ saved })), ...specs.map((spec) => ({ spec }))];
  const durbinChosen = durbin ?? x;
  const lagModel = model === 'sar' || model === 'sdm';
  const fit = async () => {
    setResult(null);
    setTable(null);
    setFigures({});
    const r = await runTask('spatial-panel-fit', {
      y, x, model, effects, weights, draws, seed,
      // Lee–Yu and random effects apply to SAR and SDM only, and not together.
      leeYu: leeYu && lagModel && !randomEffects, randomEffects: randomEffects && lagModel,
      ...(DURBIN_MODELS.includes(model) ? { durbin: durbinChosen.filter((d) => x.includes(d)) } : {}),
      ...(regionOf && x.includes(regionOf) ? { regionEffectsOf: regionOf } : {}),
      ...(layer ? { layer } : {}),
    });
    if (!r) return;
    setResult(r);
    setMapW(r.columns.length > 1 ? '' : (r.columns[0]?.weights ?? ''));
  };

  // The table model in the UI language, from the same builder as the exports.
  useEffect(() => {
    if (!result) return;
    let live = true;
    api['spatial:table']({ result, language: lang }).then((tb) => live && setTable(tb)).catch((e: unknown) => live && setError(toProblem(e)));
    return () => { live = false; };
  }, [result, lang]);

  // The map and the chart, drawn by the figure engine (the export's SVG, inline).
  const hasRegions = result?.columns.some((c) => c.regionEffects !== null) ?? false;
  useEffect(() => {
    if (!result || !hasRegions) return;
    let live = true;
    const draw = (kind: FigureKind, w?: string) => api['spatial:figureExport']({ result, kind, measure, format: 'svg', lang, size: sizeOf(kind), ...(w ? { weights: w } : {}), ...(layer ? { layer } : {}) })
      .then((d) => live && setFigures((f) => ({ ...f, [kind]: svgText(d) })))
      .catch((e: unknown) => live && setError(toProblem(e)));
    void draw('region-map', mapW || undefined);
    void draw('group-chart');
    return () => { live = false; };
  }, [result, hasRegions, measure, mapW, lang, layer]);

  const exportTable = async (format: (typeof TABLE_EXPORT_FORMATS)[number]) => {
    if (!result) return;
    try {
      saveDownload(await api['spatial:tableExport']({ result, format, language: lang }));
    } catch (e) {
      setError(toProblem(e));
    }
  };
  const exportFigure = async (kind: FigureKind) => {
    if (!result) return;
    try {
      saveDownload(await api['spatial:figureExport']({ result, kind, measure, format: figureFormat, lang, size: sizeOf(kind), ...(kind === 'region-map' && mapW ? { weights: mapW } : {}), ...(layer ? { layer } : {}) }));
    } catch (e) {
      setError(toProblem(e));
    }
  };
  const addSpec = () => {
    const s = specText.trim();
    if (s && !specs.includes(s) && weights.length < 3) setSpecs([...specs, s]);
  };
  const toggle = (list: string[], v: string, on: boolean) => (on ? [...list, v] : list.filter((k) => k !== v));

  return (
    <section className="spatial-panel" data-testid="spatial-panel">
      <h3>{t('spatial.builderTitle')}</h3>
      <div className="inline">
        <label className="muted small" htmlFor="sp-y">{t('spatial.y')}</label>
        <select id="sp-y" value={y} onChange={(e) => setY(e.target.value)}>
          {numeric.map((n) => <option key={n} value={n}>{label(n)}</option>)}
        </select>
        <label className="muted small" htmlFor="sp-model">{t('spatial.model')}</label>
        <select id="sp-model" value={model} onChange={(e) => setModel(e.target.value as Model)}>
          {SPATIAL_PANEL_MODELS.map((m) => <option key={m} value={m}>{t(`spatial.models.${m}`)}</option>)}
        </select>
        <label className="muted small" htmlFor="sp-effects">{t('spatial.effects')}</label>
        <select id="sp-effects" value={effects} onChange={(e) => setEffects(e.target.value as typeof effects)}>
          {SPATIAL_PANEL_EFFECTS.map((k) => <option key={k} value={k}>{t(`spatial.effectsKinds.${k}`)}</option>)}
        </select>
      </div>
      <fieldset className="inline" data-testid="spatial-x">
        <legend className="muted small">{t('spatial.x')}</legend>
        {numeric.filter((n) => n !== y).map((n) => (
          <label key={n} className="small">
            <input type="checkbox" checked={x.includes(n)} onChange={(e) => setX(toggle(x, n, e.target.checked))} /> {label(n)}
          </label>
        ))}
      </fieldset>
      {DURBIN_MODELS.includes(model) && (
        <fieldset className="inline" data-testid="spatial-durbin">
          <legend className="muted small">{t('spatial.durbin')}</legend>
          {x.map((n) => (
            <label key={n} className="small">
              <input type="checkbox" checked={durbinChosen.includes(n)} onChange={(e) => setDurbin(toggle(durbinChosen, n, e.target.checked))} /> W·{label(n)}
            </label>
          ))}
        </fieldset>
      )}
      <fieldset className="inline" data-testid="spatial-weights">
        <legend className="muted small">{t('spatial.matrices')}</legend>
        {matrices.map((m) => (
          <label key={m.name} className="small" title={specTooltip(m.specText)}>
            <input type="checkbox" checked={chosen.includes(m.name)} disabled={!chosen.includes(m.name) && weights.length >= 3}
              onChange={(e) => setChosen(toggle(chosen, m.name, e.target.checked))} />
            {' '}{m.name} <span className="muted">({describeWeightsSpec(m.specText, t)})</span>
          </label>
        ))}
        {specs.map((s) => (
          <span key={s} className="small chip" data-testid="spatial-spec-chip">
            {s} <button type="button" aria-label={t('spatial.removeSpec', { spec: s })} onClick={() => setSpecs(specs.filter((k) => k !== s))}>×</button>
          </span>
        ))}
        <label className="muted small" htmlFor="sp-spec">{t('spatial.buildSpec')}</label>
        <input id="sp-spec" type="text" value={specText} onChange={(e) => setSpecText(e.target.value)} placeholder={t('spatial.specPlaceholder')} />
        <button type="button" onClick={addSpec} disabled={weights.length >= 3 || specText.trim() === ''} data-testid="spatial-add-spec">{t('spatial.addSpec')}</button>
      </fieldset>
      <div className="inline">
        <label className="muted small" htmlFor="sp-draws">{t('spatial.draws')}</label>
        <input id="sp-draws" type="number" min={0} max={100000} step={100} value={draws} onChange={(e) => setDraws(Number(e.target.value))} />
        <label className="muted small" htmlFor="sp-seed">{t('spatial.seed')}</label>
        <input id="sp-seed" type="number" value={seed} onChange={(e) => setSeed(Number(e.target.value))} />
        <label className="small" title={t('spatial.leeYuHint')}>
          <input type="checkbox" checked={leeYu} onChange={(e) => setLeeYu(e.target.checked)} disabled={!lagModel || randomEffects} /> {t('spatial.leeYu')}
        </label>
        <label className="small" title={t('spatial.randomEffectsHint')}>
          <input type="checkbox" checked={randomEffects} onChange={(e) => setRandomEffects(e.target.checked)} disabled={!lagModel} data-testid="spatial-random-effects" /> {t('spatial.randomEffects')}
        </label>
        <label className="muted small" htmlFor="sp-region">{t('spatial.regionEffectsOf')}</label>
        <select id="sp-region" value={regionOf} onChange={(e) => setRegionOf(e.target.value)}>
          <option value="">{t('spatial.none')}</option>
          {x.map((n) => <option key={n} value={n}>{label(n)}</option>)}
        </select>
        <button type="button" disabled={busy || !y || x.length === 0 || weights.length === 0} onClick={() => void fit()} data-testid="spatial-run">{t('spatial.run')}</button>
      </div>
      {busy && progress && (
        <div className="regression-progress" data-testid="spatial-progress">
          <progress max={Math.max(1, progress.total)} value={progress.done} />
          <span className="muted small"> {t('spatial.progress', { done: formatCount(progress.done), total: formatCount(progress.total) })}</span>
          <button type="button" onClick={cancel} disabled={!jobId} data-testid="spatial-cancel">{t('common.cancel')}</button>
        </div>
      )}
      <ErrorBanner error={error} onClose={() => setError(null)} />

      {result && (
        <>
          <h3>{t('spatial.resultsTitle', { model: t(`spatial.models.${result.model}`), n: result.n, T: result.T })}</h3>
          {table && <div data-testid="spatial-table"><RegressionTableViewer table={table} language={lang} /></div>}
          <div className="inline">
            <span className="muted small">{t('spatial.exportTable')}</span>
            {TABLE_EXPORT_FORMATS.map((f) => (
              <button key={f} type="button" onClick={() => void exportTable(f)} data-testid={`spatial-export-${f}`}>.{f}</button>
            ))}
          </div>
          <ul className="spatial-choice" data-testid="spatial-choice">
            {result.columns.map((c) => (
              <li key={c.weights} className="small">
                <strong>{c.weights}</strong>: {c.modelChoice ? <ServiceText item={c.modelChoice} /> : t('spatial.noChoice')}
              </li>
            ))}
          </ul>
          <details className="small muted">
            <summary>{t('spatial.notes')}</summary>
            {result.columns.map((c) => <p key={c.weights}><strong>{c.weights}</strong>: {c.notes.map((n, i) => <span key={i}><ServiceText item={n} /> </span>)}</p>)}
          </details>
          {result.warnings.length > 0 && (
            <ul className="warnings small" data-testid="spatial-warnings">
              {result.warnings.map((w, i) => <li key={i}><ServiceText item={w} /></li>)}
            </ul>
          )}
          {hasRegions && (
            <>
              <h3>{t('spatial.regionTitle', { variable: label(result.columns[0].regionEffects?.variable ?? '') })}</h3>
              <div className="inline">
                <label className="muted small" htmlFor="sp-mapw">{t('spatial.matrix')}</label>
                <select id="sp-mapw" value={mapW} onChange={(e) => setMapW(e.target.value)}>
                  {result.columns.length > 1 && <option value="">{t('spatial.allMatrices')}</option>}
                  {result.columns.map((c) => <option key={c.weights} value={c.weights}>{c.weights}</option>)}
                </select>
                <span className="segmented" data-testid="spatial-measures">
                  {REGION_EFFECT_MEASURES.map((m) => (
                    <button key={m} type="button" className={measure === m ? 'active' : ''} onClick={() => setMeasure(m)}>{t(`spatial.measures.${m}`)}</button>
                  ))}
                </span>
              </div>
              <div className="spatial-figures">
                {figures['region-map'] && (
                  <FigureView svg={figures['region-map']} label={t('spatial.mapLabel')} selected={selected} onSelect={onSelect} testId="spatial-region-map" />
                )}
                {figures['group-chart'] && <FigureView svg={figures['group-chart']} label={t('spatial.chartLabel')} testId="spatial-group-chart" />}
              </div>
              <div className="inline">
                <span className="muted small">{t('spatial.exportFigure')}</span>
                <select aria-label={t('spatial.figureFormat')} value={figureFormat} onChange={(e) => setFigureFormat(e.target.value as typeof figureFormat)}>
                  {(['png', 'svg', 'pdf'] as const).map((f) => <option key={f} value={f}>{f.toUpperCase()}</option>)}
                </select>
                <button type="button" onClick={() => void exportFigure('region-map')} data-testid="spatial-export-map">{t('spatial.mapLabel')}</button>
                <button type="button" onClick={() => void exportFigure('group-chart')} data-testid="spatial-export-chart">{t('spatial.chartLabel')}</button>
              </div>
            </>
          )}
        </>
      )}
    </section>
  );
}
