/**
 * The Index tab (issue 14): compose a composite index — indicators with directions grouped into
 * criterion layers, normalisation, weights (entropy, CRITIC, CV, PCA, equal, user, G1, SD-G1,
 * subjective × objective) and aggregation (weighted sum, TOPSIS) — build it as a background job
 * (`index-build`), read the weights table (exportable like the regression tables), descriptive
 * statistics and robustness, save it as a project variable with its recipe (`index-save`), and
 * map it for three periods (small multiples, shared breaks) beside its region-group chart.
 * Recipes are saved in the project, re-opened and edited.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobInputOf, JobResultOf, MapSpecInput, ProjectSummary, ResponseOf } from '../../../src/contract';
import { TABLE_EXPORT_FORMATS } from '../../../src/contract/constants';
import { api } from '../api';
import { toProblem, type Problem } from '../i18n/problem';
import { saveDownload } from '../lib/download';
import { formatCount } from '../lib/format';
import { useJob } from '../lib/use-job';
import { DEFAULT_FORM, specFromForm } from '../lib/map-spec-form';
import { ErrorBanner } from './error-banner';
import { GroupCharts } from './group-charts';
import { DEFAULT_WEIGHT_FIELDS, IndexEditor, fieldsOf, parsePairs, weightsOf, type Recipe, type WeightFields } from './index-editor';
import { IndexDescribe, IndexDiagnostics, IndexWeightsTable } from './index-results';
import { IndexMeasures } from './index-measures';
import { SmallMultiples } from './small-multiples';

type View = JobResultOf<'index-build'>;
type Saved = ResponseOf<'index:recipes'>[number];

/** Props of the tab. */
export interface IndexPanelProps {
  readonly project: ProjectSummary;
  readonly layer: string | null;
  readonly selected: string | null;
  readonly onSelect: (code: string | null) => void;
  /** The project changed (a variable was written): reload its summary. */
  readonly onSaved: (variable: string) => void;
}

/** A first recipe from the project's variables: two layers of the first six measured ones. */
function starterRecipe(project: ProjectSummary): Recipe {
  const names = project.variables.filter((v) => !v.expression && v.source !== 'composite index').map((v) => v.name).slice(1, 7);
  return {
    indicators: names.map((n, k) => ({ expr: n, direction: '+', dimension: k < names.length / 2 ? 'A' : 'B' })),
    normalisation: 'minmax', scope: 'pooled', shift: 0, weights: { method: 'entropy' }, aggregate: 'topsis', dimensionWeights: null,
  };
}

/** Three periods spread over the project's years: first, middle, last. */
function threePeriods(years: readonly number[]): string {
  if (years.length === 0) return '';
  const pick = [years[0], years[Math.floor((years.length - 1) / 2)], years[years.length - 1]];
  return [...new Set(pick)].join(', ');
}

/** The tab. */
export function IndexPanel({ project, layer, selected, onSelect, onSaved }: IndexPanelProps) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language.startsWith('zh');
  const variables = project.variables.map((v) => v.name);
  const [recipe, setRecipe] = useState<Recipe>(() => starterRecipe(project));
  const [fields, setFields] = useState<WeightFields>(DEFAULT_WEIGHT_FIELDS);
  const [view, setView] = useState<View | null>(null);
  const { busy, progress, jobId, error, setError, run: job, cancel } = useJob({ failed: 'index-failed', cancelled: 'index-cancelled' });
  const [saved, setSaved] = useState<Saved[]>([]);
  const [recipeName, setRecipeName] = useState('');
  const [variable, setVariable] = useState('resilience_index');
  const [written, setWritten] = useState<string | null>(null);
  const [periodsText, setPeriodsText] = useState(() => threePeriods(project.periods));

  useEffect(() => {
    let live = true;
    api['index:recipes']({}).then((r) => live && setSaved(r)).catch((e: unknown) => live && setError(toProblem(e)));
    return () => { live = false; };
  }, [project.path]);

  /** The recipe with the weighting fields applied. */
  const full = (): JobInputOf<'index-build'>['recipe'] => {
    const dw = fields.dimensionWeights.trim();
    return { ...recipe, weights: weightsOf(fields), dimensionWeights: dw === '' ? null : parsePairs(dw) };
  };

  const build = async () => {
    setView(null);
    const r = await job('index-build', { recipe: full() });
    if (r) setView(r);
  };
  const saveVariable = async () => {
    const replace = project.variables.some((v) => v.name === variable.trim());
    const label = `${t('index.indexRow')} (${t(`index.methods.${fields.method}`)})`;
    const r = await job('index-save', { name: variable.trim(), recipe: full(), replace, label });
    if (!r) return;
    setView((v) => (v ? { ...r.view, robustness: v.robustness } : r.view));
    setWritten(r.name);
    onSaved(r.name);
    api['index:recipes']({}).then(setSaved).catch(() => undefined);
  };
  const saveRecipe = async () => {
    try {
      setSaved(await api['index:saveRecipe']({ name: recipeName.trim() || variable.trim(), recipe: full() }));
    } catch (e) {
      setError(toProblem(e));
    }
  };
  const openRecipe = (name: string) => {
    const s = saved.find((x) => x.name === name);
    if (!s) return;
    const r = s.recipe;
    setRecipe({ ...r, indicators: r.indicators.map((i) => ({ ...i })), weights: r.weights });
    setFields(fieldsOf(r.weights, r.dimensionWeights));
    setRecipeName(s.name);
    if (s.variable) setVariable(s.variable);
  };
  const deleteRecipe = async () => {
    try {
      setSaved(await api['index:deleteRecipe']({ name: recipeName.trim() }));
    } catch (e) {
      setError(toProblem(e));
    }
  };
  const exportTable = async (format: (typeof TABLE_EXPORT_FORMATS)[number]) => {
    if (!view) return;
    try {
      saveDownload(await api['index:tableExport']({ view, format, language: zh ? 'zh' : 'en' }));
    } catch (e) {
      setError(toProblem(e));
    }
  };

  const multiples = useMemo((): { spec: MapSpecInput | null; problem: Problem | null } => {
    if (!written) return { spec: null, problem: null };
    try {
      const spec = specFromForm({ ...DEFAULT_FORM, periodsText, lang: zh ? 'zh' : 'en', title: '' }, { variable: written, layer, years: project.periods });
      return { spec: { ...spec, size: { ...spec.size, widthMm: 270, heightMm: 110 } }, problem: null };
    } catch (e) {
      return { spec: null, problem: toProblem(e) };
    }
  }, [written, periodsText, zh, layer, project.periods]);

  return (
    <section className="index-panel" data-testid="index-panel">
      <ErrorBanner error={error} onClose={() => setError(null)} />
      <h3>{t('index.title')}</h3>
      <div className="inline">
        <label className="muted small" htmlFor="index-recipe">{t('index.savedRecipes')}</label>
        <select id="index-recipe" value={saved.some((s) => s.name === recipeName) ? recipeName : ''} onChange={(e) => openRecipe(e.target.value)}>
          <option value="">{t('index.chooseRecipe')}</option>
          {saved.map((s) => <option key={s.name} value={s.name}>{s.variable ? t('index.recipeWithVariable', { name: s.name, variable: s.variable }) : s.name}</option>)}
        </select>
        <label className="muted small" htmlFor="index-recipe-name">{t('index.recipeName')}</label>
        <input id="index-recipe-name" value={recipeName} onChange={(e) => setRecipeName(e.target.value)} />
        <button type="button" onClick={saveRecipe} disabled={busy}>{t('index.saveRecipe')}</button>
        <button type="button" onClick={deleteRecipe} disabled={busy || !saved.some((s) => s.name === recipeName.trim())}>{t('index.deleteRecipe')}</button>
      </div>
      <IndexEditor recipe={recipe} fields={fields} variables={variables} onRecipe={setRecipe} onFields={setFields} />
      <div className="inline">
        <button type="button" className="primary" onClick={build} disabled={busy || recipe.indicators.length === 0}>{t('index.build')}</button>
        <label className="muted small" htmlFor="index-variable">{t('index.variableName')}</label>
        <input id="index-variable" value={variable} onChange={(e) => setVariable(e.target.value)} />
        <button type="button" data-testid="index-save-variable" onClick={saveVariable} disabled={busy || recipe.indicators.length === 0 || variable.trim() === ''}>{t('index.saveVariable')}</button>
      </div>
      {busy && progress && (
        <div className="regression-progress" data-testid="index-progress">
          <progress max={Math.max(1, progress.total)} value={progress.done} />
          <span className="muted small"> {t('esda.progress', { done: formatCount(progress.done), total: formatCount(progress.total) })}</span>
          <button type="button" onClick={cancel} disabled={!jobId}>{t('common.cancel')}</button>
        </div>
      )}
      {view && (
        <div className="index-results" data-testid="index-results">
          {view.warnings.length > 0 && (
            <ul className="muted small index-warnings">{view.warnings.map((w, k) => <li key={k}>{t(`errors.${w.code}`, { ...w.details, defaultValue: w.message })}</li>)}</ul>
          )}
          <h4>{t('index.weightsTitle')}</h4>
          <IndexWeightsTable view={view} />
          <div className="inline">
            <span className="muted small">{t('index.exportTable')}</span>
            {TABLE_EXPORT_FORMATS.map((f) => <button key={f} type="button" onClick={() => exportTable(f)} data-format={f}>.{f}</button>)}
          </div>
          <h4>{t('index.describeTitle')}</h4>
          <IndexDescribe view={view} />
          <IndexDiagnostics view={view} />
        </div>
      )}
      {written && (
        <div className="index-maps" data-testid="index-maps">
          <h4>{t('index.mapsTitle', { variable: written })}</h4>
          <div className="inline">
            <label className="muted small" htmlFor="index-periods">{t('index.periods')}</label>
            <input id="index-periods" value={periodsText} onChange={(e) => setPeriodsText(e.target.value)} />
          </div>
          <SmallMultiples project={project} spec={multiples.spec} problem={multiples.problem} unit={null} selected={selected} onSelect={onSelect} />
          <GroupCharts project={project} variable={written} period={project.periods[project.periods.length - 1] ?? null} selected={selected} onSelect={onSelect} />
        </div>
      )}
      <IndexMeasures project={project} onSaved={onSaved} />
    </section>
  );
}
