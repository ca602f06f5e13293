/**
 * The map figure use case, one for the app's `figure:map` / `figure:mapExport`, `rwb map` and
 * reports: validate the spec, read the project's data for it (./map-data.ts), add the China
 * reference areas and South China Sea inset for a national China layer, draw with the engine's
 * `buildMapFigure` and write the SVG with `toSvg`.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { InputError } from '../../core/errors';
import { mapSpecSchema, type FigureSummary, type MapSpec } from '../../contract/figures';
import type { Figure } from '../../figures/figure';
import { buildMapFigure } from '../../figures/map';
import { isChinaNational } from '../../figures/map';
import { toSvg } from '../../figures/svg';
import type { ProjectStore } from '../../store/project-store';
import { chinaReference } from './china-reference';
import { groupLabel } from './group-labels';
import { readMapData } from './map-data';

/** A drawn map: display list, SVG document, summary, the spec after defaults. */
export interface DrawnMap {
  readonly figure: Figure;
  readonly svg: string;
  readonly summary: FigureSummary;
  readonly spec: MapSpec;
  readonly simulated: boolean;
}

/**
 * A map spec from JSON (defaults filled in).
 * @throws InputError `figure-bad-spec` naming the first bad field.
 */
export function parseMapSpec(raw: unknown, source: string): MapSpec {
  const r = mapSpecSchema.safeParse(raw);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = issue.path.map(String).join('.') || '(spec)';
  throw new InputError('figure-bad-spec', `${source}: the map spec is invalid at ${field}: ${issue.message}.`, { source, field, reason: issue.message });
}

/**
 * Draw `spec` over the open project.
 * @throws InputError as `readMapData` (unknown variable, no geometry layer, period outside the
 *   panel's years, user breaks, constant variable, …) and the engine's drawing errors.
 */
export function drawMap(store: ProjectStore, spec: MapSpec): DrawnMap {
  const data = readMapData(store, spec);
  const regions = data.regions.map((r) => ({ id: r.id, name: r.name, nameZh: r.nameZh, group: r.group ?? null, geometry: r.geometry as Polygon | MultiPolygon }));
  const ids = regions.map((r) => r.id);
  const national = spec.chinaFrame === 'on' || (spec.chinaFrame === 'auto' && isChinaNational(ids));
  const china = national ? chinaReference() : null;
  const panels = data.panels.map((p) => {
    const rec: Record<string, number | string | null> = {};
    regions.forEach((r, i) => {
      rec[r.id] = p.values ? p.values[i] : (p.categories?.[i] ?? null);
    });
    return p.values
      ? { label: p.label, values: rec as Record<string, number | null> }
      : { ...(p.label ? { label: p.label } : {}), categories: rec as Record<string, string | null> };
  });
  const order = [...new Set(data.panels.flatMap((p) => p.categories ?? []).filter((c): c is string => c !== null))];
  const categories = spec.kind === 'categorical'
    ? { order, labels: Object.fromEntries(order.map((c) => [c, groupLabel(c, spec.lang)])) }
    : undefined;
  const { figure, summary } = buildMapFigure({
    spec,
    regions,
    panels,
    variableLabel: data.variableLabel,
    ...(categories ? { categories } : {}),
    ...(china ? { china } : {}),
    simulated: data.simulated,
  });
  const warnings = [...data.warnings, ...summary.warnings].map((w) => ({ code: w.code, message: w.message, ...(w.details ? { details: { ...w.details } } : {}) }));
  const out: FigureSummary = {
    widthPt: summary.widthPt, heightPt: summary.heightPt, widthPx: summary.widthPx, heightPx: summary.heightPx,
    breaks: summary.breaks, legend: summary.legend, missing: summary.missing, panels: summary.panels, warnings,
  };
  return { figure, svg: toSvg(figure), summary: out, spec, simulated: data.simulated };
}
