/** The Map tab: map, classification toolbar, legend and hover tooltip. */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AreaCollection, ProjectSummary } from '../../../src/contract';
import { api } from '../api';
import { toProblem, type Problem } from '../i18n/problem';
import { useLabels } from '../i18n/labels';
import { classOf, classify, type ClassMethod } from '../../../src/stats/class-breaks';
import { paletteFor } from '../lib/palette';
import { ErrorBanner } from './error-banner';
import { MapLegend } from './map-legend';
import { MapTooltip } from './map-tooltip';
import { MapView } from './map-view';

/** Props of the map tab. */
export interface MapPanelProps {
  readonly project: ProjectSummary;
  readonly layer: string | null;
  readonly variable: string | null;
  readonly period: number | null;
  /** Codes in the selected region group, or null for all. */
  readonly groupCodes: ReadonlySet<string> | null;
  /** Label of the selected group, for the legend. */
  readonly group: string | null;
}

/** Map with data for the selected variable and period. */
export function MapPanel({ project, layer, variable, period, groupCodes, group }: MapPanelProps) {
  const { t } = useTranslation();
  const labels = useLabels(project);
  const [geometry, setGeometry] = useState<AreaCollection | null>(null);
  const [values, setValues] = useState<Map<string, number | null>>(new Map());
  const [method, setMethod] = useState<ClassMethod>('quantile');
  const [k, setK] = useState(5);
  const [hover, setHover] = useState<{ code: string; x: number; y: number } | null>(null);
  const [error, setError] = useState<Problem | null>(null);

  useEffect(() => {
    let live = true;
    setError(null);
    api['geometry:get'](layer ? { layer } : {})
      .then((g) => live && setGeometry(g))
      .catch((e: unknown) => live && setError(toProblem(e)));
    return () => {
      live = false;
    };
  }, [project.path, layer]);

  useEffect(() => {
    let live = true;
    if (!variable || period === null) {
      setValues(new Map());
      return;
    }
    api['panel:values']({ variable, period })
      .then((rows) => live && setValues(new Map(rows.map((r) => [r.region, r.value]))))
      .catch((e: unknown) => live && setError(toProblem(e)));
    return () => {
      live = false;
    };
  }, [project, variable, period]);

  const codes = useMemo(() => new Set(geometry?.features.map((f) => String(f.properties?.code ?? '')) ?? []), [geometry]);
  const shown = useMemo(() => {
    const out: number[] = [];
    for (const [code, v] of values) if (v !== null && codes.has(code) && (!groupCodes || groupCodes.has(code))) out.push(v);
    return out;
  }, [values, codes, groupCodes]);
  const classes = useMemo(() => classify(shown, k, method), [shown, k, method]);
  const palette = useMemo(() => paletteFor(classes ? classes.breaks.length + 1 : 0), [classes]);
  const colors = useMemo(() => {
    const m = new Map<string, string>();
    if (!classes) return m;
    for (const [code, v] of values) {
      const c = classOf(v, classes);
      if (c >= 0) m.set(code, palette[c]);
    }
    return m;
  }, [values, classes, palette]);
  const faded = useMemo(() => {
    if (!groupCodes) return new Set<string>();
    return new Set([...codes].filter((c) => !groupCodes.has(c)));
  }, [codes, groupCodes]);
  const hasMissing = useMemo(() => [...codes].some((c) => !faded.has(c) && (values.get(c) ?? null) === null), [codes, faded, values]);

  const v = project.variables.find((x) => x.name === variable);
  const vText = variable ? labels.variable(v, variable) : null;
  const regions = useMemo(() => new Map(project.regions.map((r) => [r.code, r])), [project.regions]);

  return (
    <div className="map-panel">
      <div className="map-toolbar">
        <div className="map-title">
          <strong>{vText?.label ?? t('map.noVariable')}</strong>
          {period !== null && <span className="muted"> · {period}</span>}
        </div>
        <div className="toolbar-controls">
          <label htmlFor="class-method" className="muted">
            {t('map.classes')}
          </label>
          <select id="class-method" value={method} onChange={(e) => setMethod(e.target.value as ClassMethod)}>
            <option value="quantile">{t('map.quantile')}</option>
            <option value="jenks">{t('map.jenks')}</option>
          </select>
          <select aria-label={t('map.classCount')} value={k} onChange={(e) => setK(Number(e.target.value))}>
            {[3, 4, 5, 6, 7].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ErrorBanner error={error} onClose={() => setError(null)} />
      <div className="map-stage">
        <MapView geometry={geometry} colors={colors} faded={faded} onHover={setHover} />
        <MapLegend title={variable ?? ''} unit={vText?.unit ?? null} classes={classes} palette={palette} hasMissing={hasMissing} group={group === null ? null : labels.group(group)} />
        {hover && variable && (
          <MapTooltip
            x={hover.x}
            y={hover.y}
            code={hover.code}
            region={regions.get(hover.code)}
            variable={variable}
            unit={vText?.unit ?? null}
            value={values.get(hover.code)}
          />
        )}
      </div>
    </div>
  );
}
