/**
 * Small multiples on the Map tab: the same variable over several years or periods with one
 * legend and one set of breaks, drawn by `figure:map` — the very SVG the Export dialog saves.
 * Hover shows the region and its value in that panel; a click selects the region.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FigureSummary, MapSpecInput, ProjectSummary } from '../../../src/contract';
import { api } from '../api';
import { toProblem, type Problem } from '../i18n/problem';
import { aggregateValue, type ValuesByYear } from '../lib/aggregate';
import type { MapPeriod } from '../lib/periods';
import { ErrorBanner } from './error-banner';
import { FigureView, type FigureHover } from './figure-view';
import { MapTooltip } from './map-tooltip';

/** Props of the small multiples. */
export interface SmallMultiplesProps {
  readonly project: ProjectSummary;
  /** The spec to draw (built by the Map tab from its settings), or null with `problem` saying why. */
  readonly spec: MapSpecInput | null;
  readonly problem: Problem | null;
  readonly unit: string | null;
  readonly selected: string | null;
  readonly onSelect: (code: string | null) => void;
}

/** The years of the periods, each once. */
function yearsOf(periods: readonly MapPeriod[], available: readonly number[]): number[] {
  return available.filter((y) => periods.some((p) => y >= p.from && y <= p.to));
}

/** The small-multiples figure with its tooltip. */
export function SmallMultiples({ project, spec, problem, unit, selected, onSelect }: SmallMultiplesProps) {
  const { t } = useTranslation();
  const [figure, setFigure] = useState<{ svg: string; summary: FigureSummary; key: string } | null>(null);
  const [error, setError] = useState<Problem | null>(null);
  const [drawing, setDrawing] = useState(false);
  const [values, setValues] = useState<ValuesByYear>(new Map());
  const [hover, setHover] = useState<FigureHover | null>(null);
  const key = useMemo(() => (spec ? JSON.stringify(spec) : ''), [spec]);
  const regions = useMemo(() => new Map(project.regions.map((r) => [r.code, r])), [project.regions]);

  useEffect(() => {
    if (!spec) return;
    let live = true;
    setDrawing(true);
    setError(null);
    api['figure:map']({ spec })
      .then((r) => live && setFigure({ svg: r.svg, summary: r.summary, key }))
      .catch((e: unknown) => live && setError(toProblem(e)))
      .finally(() => live && setDrawing(false));
    return () => {
      live = false;
    };
  }, [spec, key]);

  // The values behind the tooltip (the figure's paths carry the region, not always the value).
  useEffect(() => {
    if (!spec) return;
    let live = true;
    const years = yearsOf(spec.periods ?? [], project.periods);
    Promise.all(years.map((y) => api['panel:values']({ variable: spec.variable, period: y }).then((rows) => [y, new Map(rows.map((r) => [r.region, r.value]))] as const)))
      .then((pairs) => live && setValues(new Map(pairs)))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [spec, project.periods]);

  const periods = spec?.periods ?? [];
  const hovered = hover ? periods[Math.min(hover.panel, periods.length - 1)] : undefined;
  const hoverValue = hover
    ? (hover.value ?? (hovered ? aggregateValue(values, hover.code, hovered.from, hovered.to, spec?.aggregation ?? 'mean') : null))
    : null;
  const panelName = hover && figure ? (figure.summary.panels[hover.panel] ?? '') : '';

  return (
    <div className="multiples-stage" data-testid="multiples" data-ready={figure && figure.key === key && !drawing ? 'true' : 'false'} data-panels={figure?.summary.panels.length ?? 0}>
      <ErrorBanner error={problem ?? error} />
      {drawing && <div className="muted small multiples-drawing">{t('figure.drawing')}</div>}
      {figure && (
        <div className="multiples-figure">
          <FigureView svg={figure.svg} label={spec?.title ?? spec?.variable ?? ''} selected={selected} onHover={setHover} onSelect={onSelect} testId="multiples-figure" />
          {hover && spec && (
            <MapTooltip x={hover.x} y={hover.y} code={hover.code} region={regions.get(hover.code)} variable={panelName ? `${spec.variable} · ${panelName}` : spec.variable} unit={unit} value={hoverValue} />
          )}
        </div>
      )}
    </div>
  );
}
