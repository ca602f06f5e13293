/**
 * The Weights tab: build W from a spec over the project's boundary layer and save it, open
 * saved matrices, inspect the summary (islands in red, neighbour-count histogram), see the
 * connectivity on the map (click a region to highlight its neighbours), add manual links,
 * and import/export weights files.
 */
import { describeWeightsSpec, specTooltip } from '../lib/weights-spec-text';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AreaCollection, FileRef, ProjectSummary, WeightsBuildSpec, WeightsView } from '../../../src/contract';
import { api } from '../api';
import { toProblem, type Problem } from '../i18n/problem';
import { saveDownload } from '../lib/download';
import { useLabels } from '../i18n/labels';
import { ErrorBanner } from './error-banner';
import { WeightsBuilder } from './weights-builder';
import { ServiceText } from './service-text';
import { WeightsFiles } from './weights-files';
import { WeightsLinkForm } from './weights-link-form';
import { WeightsMap } from './weights-map';
import { WeightsSummary } from './weights-summary';
import './weights-panel.css';

/** Props of the tab. */
export interface WeightsPanelProps {
  readonly project: ProjectSummary;
  readonly layer: string | null;
}

type Saved = Awaited<ReturnType<(typeof api)['weights:list']>>;

/** The Weights tab. */
export function WeightsPanel({ project, layer }: WeightsPanelProps) {
  const [saved, setSaved] = useState<Saved>([]);
  const [view, setView] = useState<WeightsView | null>(null);
  const [geometry, setGeometry] = useState<AreaCollection | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Problem | null>(null);

  const { t, i18n } = useTranslation();
  const labels = useLabels(project);
  const regionsByCode = useMemo(() => new Map(project.regions.map((r) => [r.code, r])), [project.regions]);
  /** `Hainan (海南)` in English, `海南` in Chinese. */
  const label = useCallback((code: string) => labels.regionShort(regionsByCode.get(code), code), [regionsByCode, labels]);

  const act = useCallback(async <T,>(f: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await f();
    } catch (e) {
      setError(toProblem(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);

  const refresh = useCallback(async () => {
    const list = await api['weights:list']({});
    setSaved(list);
    return list;
  }, []);

  const open = useCallback((name: string) => act(async () => {
    setView(await api['weights:get'](layer ? { name, layer } : { name }));
    setSelected(null);
  }), [act, layer]);

  useEffect(() => {
    let live = true;
    setView(null);
    setSelected(null);
    api['geometry:get'](layer ? { layer } : {})
      .then((g) => live && setGeometry(g))
      .catch((e: unknown) => live && setError(toProblem(e)));
    refresh()
      .then((list) => {
        if (live && list.length > 0) void open(list[0].name);
      })
      .catch((e: unknown) => live && setError(toProblem(e)));
    return () => {
      live = false;
    };
  }, [project.path, layer, refresh, open]);

  const show = async (v: WeightsView | undefined) => {
    if (!v) return;
    setView(v);
    setSelected(null);
    await refresh();
  };

  const build = (name: string, spec: WeightsBuildSpec) => act(async () => show(await api['weights:build'](layer ? { name, spec, layer } : { name, spec })));
  const addLink = (a: string, b: string) => view && act(async () => show(await api['weights:addLink']({ name: view.name, a, b })));
  const importFile = (name: string, file: FileRef) => act(async () => show(await api['weights:import']({ name, file })));
  const [exportNotes, setExportNotes] = useState<readonly Problem[]>([]);
  const exportFile = (format: 'gal' | 'gwt' | 'json' | 'csv') => view && act(async () => {
    const file = await api['weights:export']({ name: view.name, format });
    saveDownload(file);
    setExportNotes(file.warnings);
  });

  const linkRegions = useMemo(
    () => (view ? view.ids.map((code) => ({ code, label: label(code) })).sort((a, b) => a.label.localeCompare(b.label, i18n.language)) : []),
    [view, label, i18n.language],
  );
  const neighbours = selected && view ? (view.neighbors[selected] ?? []) : [];

  return (
    <div className="weights-tab" data-testid="weights-tab">
      <div className="weights-side">
        <ErrorBanner error={error} onClose={() => setError(null)} />
        <WeightsBuilder variables={project.variables.map((v) => v.name)} busy={busy} onBuild={build} />
        <section className="weights-saved">
          <h3>{t('weights.saved')}</h3>
          {saved.length === 0 && <p className="muted small">{t('weights.noneSaved')}</p>}
          <ul className="weights-list" data-testid="weights-list">
            {saved.map((m) => (
              <li key={m.name} className={view?.name === m.name ? 'selected' : ''}>
                <button type="button" className="link" onClick={() => open(m.name)} title={specTooltip(m.specText)}>
                  {m.name}
                </button>
                <span className="muted small"> <span title={specTooltip(m.specText)}>{describeWeightsSpec(m.specText, t)}</span> · {t('weights.size', { n: m.n })}</span>
              </li>
            ))}
          </ul>
        </section>
        {view && <WeightsSummary view={view} label={label} />}
        {view && (
          <WeightsLinkForm regions={linkRegions} suggested={view.islands[0] ?? selected} busy={busy} onAdd={(a, b) => void addLink(a, b)} />
        )}
        <WeightsFiles current={view?.name ?? null} busy={busy} onImport={(n, f) => void importFile(n, f)} onExport={(f) => void exportFile(f)} onError={(e) => setError(toProblem(e))} />
        {exportNotes.map((w) => (
          <p key={w.code} className="muted small" data-testid="weights-export-note"><ServiceText item={w} /></p>
        ))}
      </div>
      <div className="weights-stage">
        {view && geometry && (() => {
          // Issue 13, defect 10: a matrix over other regions than the drawn layer says so.
          const onLayer = new Set(geometry.features.map((f) => String(f.properties?.code ?? f.id ?? '')));
          const missing = view.ids.filter((id) => !onLayer.has(id)).length;
          if (missing === 0) return null;
          const args = { name: view.name, n: view.ids.length, missing, layer: layer ?? '', regions: onLayer.size };
          return (
            <p className="map-no-data" role="status" data-testid="weights-layer-mismatch">
              {missing === view.ids.length ? t('weightsLayer.none', args) : t('weightsLayer.some', args)}
            </p>
          );
        })()}
        <div className="weights-map-stage">
          <WeightsMap geometry={geometry} view={view} selected={selected} onSelect={setSelected} />
        </div>
        <div className="weights-selected" data-testid="selected-region">
          {busy && <span className="muted">{t('app.working')}</span>}
          {!busy && !view && <span className="muted">{t('weights.noView')}</span>}
          {!busy && view && !selected && <span className="muted">{t('weights.clickRegion')}</span>}
          {!busy && view && selected && (
            <span>
              <strong>{label(selected)}</strong>:{' '}
              {neighbours.length === 0 ? <span className="weights-bad">{t('weights.noNeighbours')}</span> : t('weights.neighbours', { count: neighbours.length, list: neighbours.map(label).join(t('common.listSeparator')) })}
            </span>
          )}
        </div>
      </div>
    </div>
  );
}
