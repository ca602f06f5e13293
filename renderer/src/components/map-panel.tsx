/**
 * The Map tab in three modes: the interactive map (classification toolbar, legend, hover
 * tooltip, click to select, region names), Small multiples (one figure over several periods),
 * and Groups (region-group charts, group-charts.tsx); the Export dialog saves a map as PNG, SVG
 * or PDF.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AreaCollection, MapSpecInput, ProjectSummary } from '../../../src/contract';
import { MAP_AGGREGATIONS, type MapAggregation } from '../../../src/contract/constants';
import { api } from '../api';
import { toProblem, type Problem } from '../i18n/problem';
import { useLabels } from '../i18n/labels';
import { classOf, classify, type ClassMethod } from '../../../src/stats/class-breaks';
import { labelPoints } from '../lib/label-points';
import { DEFAULT_FORM, specFromForm, type MapForm } from '../lib/map-spec-form';
import { formatNumber } from '../lib/format';
import { paletteFor } from '../lib/palette';
import { formatPeriods, splitYears } from '../lib/periods';
import { ErrorBanner } from './error-banner';
import { GroupCharts } from './group-charts';
import { MapExportDialog } from './map-export-dialog';
import { MapLabels } from './map-labels';
import { MapLegend } from './map-legend';
import { MapTooltip } from './map-tooltip';
import { MapView, type GroupOutlines } from './map-view';
import { SmallMultiples } from './small-multiples';

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
  /** The selected region (shared with the Data and Groups tabs), or null. */
  readonly selected: string | null;
  readonly onSelect: (code: string | null) => void;
  /** Moves the shared period (the map moves it into the variable's years when it has no data). */
  readonly onPeriod?: (period: number) => void;
}

/** The period of `covered` (ascending, not empty) nearest to `period` (the later one on a tie). */
export function nearestPeriod(covered: readonly number[], period: number): number {
  let best = covered[0];
  for (const c of covered) if (Math.abs(c - period) <= Math.abs(best - period)) best = c;
  return best;
}

type Mode = 'interactive' | 'multiples' | 'groups';
const MODES: readonly Mode[] = ['interactive', 'multiples', 'groups'];

/** Height of a small-multiples figure on screen: 70 mm per row of three panels plus the legend and margins. */
function multiplesSize(count: number): { widthMm: number; heightMm: number } {
  const rows = Math.ceil(Math.max(1, count) / 3);
  return { widthMm: 270, heightMm: Math.min(600, 40 + 70 * rows) };
}

/** Map with data for the selected variable and period. */
export function MapPanel({ project, layer, variable, period, groupCodes, group, selected, onSelect, onPeriod }: MapPanelProps) {
  const { t, i18n } = useTranslation();
  const labels = useLabels(project);
  const [geometry, setGeometry] = useState<AreaCollection | null>(null);
  const [values, setValues] = useState<Map<string, number | null>>(new Map());
  const [method, setMethod] = useState<ClassMethod>('quantile');
  const [k, setK] = useState(5);
  const [mode, setMode] = useState<Mode>('interactive');
  const [showLabels, setShowLabels] = useState(false);
  const [showOutlines, setShowOutlines] = useState(false);
  const [outlines, setOutlines] = useState<GroupOutlines | null>(null);
  const [periodsText, setPeriodsText] = useState(() => formatPeriods(splitYears(project.periods, 3)));
  const [aggregation, setAggregation] = useState<MapAggregation>('mean');
  const [exporting, setExporting] = useState(false);
  const [hover, setHover] = useState<{ code: string; x: number; y: number } | null>(null);
  const [error, setError] = useState<Problem | null>(null);
  /** Issue 13, defect 9: the variable's years, and the hint when the chosen period had none. */
  const [coverage, setCoverage] = useState<{ variable: string; periods: number[] } | null>(null);
  const [noData, setNoData] = useState<{ variable: string; period: number; first: number; last: number; shown: number } | null>(null);
  const figureLang = i18n.language.startsWith('zh') ? 'zh' : 'en';

  useEffect(() => setPeriodsText(formatPeriods(splitYears(project.periods, 3))), [project.periods]);

  const noBoundaries = project.layers.length === 0;
  useEffect(() => {
    let live = true;
    setError(null);
    if (noBoundaries) {
      // A new, empty project: nothing to draw, and nothing wrong (said below, not as an error).
      setGeometry(null);
      return;
    }
    api['geometry:get'](layer ? { layer } : {})
      .then((g) => live && setGeometry(g))
      .catch((e: unknown) => {
        if (!live) return;
        // A project without boundaries (or a layer gone): not the previous project's regions.
        setGeometry(null);
        setError(toProblem(e));
      });
    return () => {
      live = false;
    };
  }, [project.path, layer, noBoundaries]);

  // Dissolved region-group outlines: shown when a group is chosen or asked for.
  const wantOutlines = group !== null || showOutlines;
  useEffect(() => {
    setOutlines(null);
  }, [project.path, layer]);
  useEffect(() => {
    if (!wantOutlines || outlines || project.regionGroups.length === 0) return;
    let live = true;
    api['geometry:groupOutlines'](layer ? { layer } : {})
      .then((o) => live && setOutlines(o))
      .catch((e: unknown) => live && setError(toProblem(e)));
    return () => {
      live = false;
    };
  }, [wantOutlines, outlines, project.regionGroups.length, layer]);

  useEffect(() => {
    let live = true;
    setNoData(null);
    setCoverage(null);
    if (!variable) return;
    api['panel:coverage']({ variable })
      .then((c) => live && setCoverage({ variable, periods: c.periods }))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [project, variable]);

  useEffect(() => {
    if (!coverage || coverage.variable !== variable || period === null || coverage.periods.length === 0) return;
    if (coverage.periods.includes(period)) return;
    const shown = nearestPeriod(coverage.periods, period);
    setNoData({ variable: coverage.variable, period, first: coverage.periods[0], last: coverage.periods[coverage.periods.length - 1], shown });
    onPeriod?.(shown);
  }, [coverage, variable, period, onPeriod]);

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
  const points = useMemo(() => (geometry ? labelPoints(geometry) : []), [geometry]);
  const labelText = useMemo(() => {
    const m = new Map<string, string>();
    const zh = labels.language.startsWith('zh');
    for (const p of points) {
      const r = regions.get(p.code);
      m.set(p.code, zh ? labels.regionShort(r, p.code) : (r?.nameEn ?? r?.nameZh ?? p.code));
    }
    return m;
  }, [points, regions, labels]);

  // The figure settings both the Small multiples and the Export dialog start from.
  const baseForm: MapForm = useMemo(() => ({
    ...DEFAULT_FORM,
    lang: figureLang,
    method,
    classes: k,
    aggregation,
    periodsText: mode === 'multiples' ? periodsText : period !== null ? String(period) : periodsText,
    title: vText?.label ?? '',
    labels: showLabels,
  }), [figureLang, method, k, aggregation, mode, periodsText, period, vText?.label, showLabels]);
  const multiples = useMemo((): { spec: MapSpecInput | null; problem: Problem | null } => {
    if (mode !== 'multiples' || !variable) return { spec: null, problem: null };
    try {
      const spec = specFromForm({ ...baseForm, title: '' }, { variable, layer, years: project.periods });
      return { spec: { ...spec, size: { ...spec.size, ...multiplesSize(spec.periods?.length ?? 1) } }, problem: null };
    } catch (e) {
      return { spec: null, problem: toProblem(e) };
    }
  }, [mode, variable, baseForm, layer, project.periods]);

  const sel = selected ? regions.get(selected) : undefined;

  return (
    <div className="map-panel">
      <div className="map-toolbar">
        <div className="map-title">
          <strong>{vText?.label ?? t('map.noVariable')}</strong>
          {mode === 'interactive' && period !== null && <span className="muted"> · {period}</span>}
        </div>
        <div className="toolbar-controls">
          <div className="segmented" role="group" aria-label={t('map.mode')}>
            {MODES.map((m) => (
              <button key={m} type="button" aria-pressed={mode === m} className={mode === m ? 'active' : ''} data-testid={`map-mode-${m}`} onClick={() => setMode(m)}>
                {t(`map.modes.${m}`)}
              </button>
            ))}
          </div>
          {mode !== 'groups' && (
            <>
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
            </>
          )}
          {mode === 'interactive' && (
            <label className="inline">
              <input type="checkbox" checked={showLabels} data-testid="map-labels-toggle" onChange={(e) => setShowLabels(e.target.checked)} /> {t('map.names')}
            </label>
          )}
          {mode === 'interactive' && project.regionGroups.length > 0 && (
            <label className="inline">
              <input type="checkbox" checked={showOutlines} data-testid="map-outlines-toggle" onChange={(e) => setShowOutlines(e.target.checked)} /> {t('map.groupOutlines')}
            </label>
          )}
          {mode !== 'groups' && (
            <button type="button" data-testid="map-export" disabled={!variable} onClick={() => setExporting(true)}>
              {t('figure.exportButton')}
            </button>
          )}
        </div>
      </div>
      {mode === 'multiples' && (
        <div className="map-toolbar secondary">
          <label htmlFor="multiples-periods" className="muted">
            {t('figure.periods')}
          </label>
          <input id="multiples-periods" className="mono periods-input" value={periodsText} title={t('figure.periodsHint')} onChange={(e) => setPeriodsText(e.target.value)} />
          <label htmlFor="multiples-aggregation" className="muted">
            {t('figure.aggregation')}
          </label>
          <select id="multiples-aggregation" value={aggregation} onChange={(e) => setAggregation(e.target.value as MapAggregation)}>
            {MAP_AGGREGATIONS.map((a) => (
              <option key={a} value={a}>
                {t(`figure.aggregations.${a}`)}
              </option>
            ))}
          </select>
          <span className="muted small">{t('map.sharedBreaks')}</span>
        </div>
      )}
      {sel || selected ? (
        <div className="selection-bar" data-testid="selection-bar">
          <span>{t('map.selected', { name: labels.regionName(sel, selected ?? '') })}</span>
          {mode === 'interactive' && variable && <span className="muted"> · {variable}: {formatNumber(values.get(selected ?? '') ?? null)}</span>}
          {sel?.regionGroup && <span className="muted"> · {labels.group(sel.regionGroup)}</span>}
          <button type="button" className="link" onClick={() => onSelect(null)}>
            {t('map.clearSelection')}
          </button>
        </div>
      ) : null}
      <ErrorBanner error={error} onClose={() => setError(null)} />
      {mode === 'interactive' && noBoundaries && (
        <p className="map-no-data" role="status" data-testid="map-no-boundaries">{t('mapNoData.noBoundaries')}</p>
      )}
      {mode === 'interactive' && noData && noData.variable === variable && (
        <p className="map-no-data" role="status" data-testid="map-no-data">{t('mapNoData.outside', noData)}</p>
      )}
      {mode === 'interactive' && coverage && coverage.variable === variable && coverage.periods.length === 0 && (
        <p className="map-no-data" role="status" data-testid="map-no-data">{t('mapNoData.none', { variable })}</p>
      )}
      {mode === 'groups' && <GroupCharts project={project} variable={variable} period={period} selected={selected} onSelect={onSelect} />}
      {mode === 'interactive' && (
        <div className="map-stage">
          <MapView
            geometry={geometry}
            noBoundaries={noBoundaries}
            colors={colors}
            faded={faded}
            onHover={setHover}
            selected={selected}
            onSelect={onSelect}
            outlines={wantOutlines ? outlines : null}
            outlineGroup={group}
            overlay={(map) => (showLabels ? <MapLabels map={map} points={points} text={labelText} /> : null)}
          />
          <MapLegend title={variable ?? ''} unit={vText?.unit ?? null} classes={classes} palette={palette} hasMissing={hasMissing} group={group === null ? null : labels.group(group)} />
          {hover && variable && (
            <MapTooltip x={hover.x} y={hover.y} code={hover.code} region={regions.get(hover.code)} variable={variable} unit={vText?.unit ?? null} value={values.get(hover.code)} />
          )}
        </div>
      )}
      {mode === 'multiples' && (
        <SmallMultiples project={project} spec={multiples.spec} problem={multiples.problem} unit={vText?.unit ?? null} selected={selected} onSelect={onSelect} />
      )}
      {exporting && variable && (
        <MapExportDialog variable={variable} layer={layer} years={project.periods} initial={baseForm} onClose={() => setExporting(false)} />
      )}
    </div>
  );
}
