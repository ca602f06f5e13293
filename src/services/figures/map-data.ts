/**
 * What a map figure draws, read from the open project by one rule for the app and `rwb map`:
 * the boundary layer (the default-layer rule of services/inputs/layers.ts), each region's names
 * and group, and the variable — an expression over the panel's columns — collapsed per period
 * by the spec's aggregation.
 *
 * Aggregation over the years of a period [from, to] (only years the region has a value for
 * count; a missing year is skipped, never filled):
 * - `mean`: arithmetic mean of the values present;
 * - `first` / `last`: the value of the earliest / latest year present in the range;
 * - `change`: last − first of those two years; missing when fewer than two years are present.
 * A region with no value in the range is drawn as "no data". Regions with some years missing
 * are counted in the warning `figure-missing-years`.
 */
import type { Geometry } from 'geojson';
import { InputError } from '../../core/errors';
import { compileExpression } from '../../core/expressions';
import { panelPeriods, type LongPanel } from '../../core/panel';
import type { MapSpec } from '../../contract/figures';
import type { ProjectStore } from '../../store/project-store';
import { expressionProblemKey } from '../inputs/design';
import { chooseLayer } from '../inputs/layers';
import { REGION_GROUP_COLUMN } from '../inputs/region-groups';
import type { InputWarning } from '../inputs/warnings';

/** One region of the map. */
export interface MapRegion {
  readonly id: string;
  /** Name in English (or the code when the project has none). */
  readonly name: string;
  readonly nameZh?: string;
  readonly group?: string;
  readonly geometry: Geometry;
}

/** One panel (period) of values, aligned with the regions. */
export interface MapPanelData {
  readonly label: string;
  readonly from: number;
  readonly to: number;
  /** Choropleth: one number or null (no data) per region. */
  readonly values?: (number | null)[];
  /** Categorical: one category or null per region. */
  readonly categories?: (string | null)[];
}

/** Everything read from the project for one map spec. */
export interface MapData {
  readonly layer: string;
  readonly regions: readonly MapRegion[];
  readonly panels: readonly MapPanelData[];
  /** Label of the variable (the stored label, else the expression). */
  readonly variableLabel: string;
  /** True when any variable the expression uses is simulated demonstration data. */
  readonly simulated: boolean;
  readonly warnings: readonly InputWarning[];
}

/** The categorical variable names that mean "the project's region groups". */
const GROUP_NAMES = new Set(['group', 'region_group', REGION_GROUP_COLUMN, 'regionGroup']);

/** A region's display fields from the layer's feature properties and the region table (also the ESDA maps'). */
export function readRegions(store: ProjectStore, layer: string): MapRegion[] {
  const fc = store.getGeometryCollection(layer);
  const table = new Map(store.listRegions().map((r) => [r.code, r]));
  const out: MapRegion[] = [];
  for (const f of fc.features) {
    if (!f.geometry || (f.geometry.type !== 'Polygon' && f.geometry.type !== 'MultiPolygon')) continue;
    const props = (f.properties ?? {}) as Record<string, unknown>;
    const id = String(props.code ?? f.id);
    const r = table.get(id);
    const nameEn = r?.nameEn ?? (typeof props.nameEn === 'string' ? props.nameEn : null);
    // Maps label provinces by their short names (北京, 内蒙古) where the project has them.
    const short = r?.attributes?.shortZh;
    const nameZh = (typeof short === 'string' && short) || r?.nameZh || (typeof props.nameZh === 'string' ? props.nameZh : null);
    const group = r?.regionGroup ?? (typeof props.regionGroup === 'string' ? props.regionGroup : null);
    out.push({ id, name: nameEn || id, ...(nameZh ? { nameZh } : {}), ...(group ? { group } : {}), geometry: f.geometry });
  }
  return out;
}

/** Default panel heading: "2010" or "2008–2012". */
export function periodLabel(from: number, to: number): string {
  return from === to ? String(from) : `${from}–${to}`;
}

/**
 * The periods of a spec checked against the panel's years (empty spec: the last year).
 * @throws InputError `figure-no-years` when the panel has no periods, `figure-period-outside`
 *   when a period holds none of the panel's years.
 */
export function resolvePeriods(spec: Pick<MapSpec, 'periods'>, years: readonly number[], source: string): { from: number; to: number; label: string }[] {
  if (years.length === 0) throw new InputError('figure-no-years', `${source} holds no panel periods to map.`, { source });
  if (spec.periods.length === 0) {
    const last = years[years.length - 1];
    return [{ from: last, to: last, label: String(last) }];
  }
  const first = years[0];
  const last = years[years.length - 1];
  return spec.periods.map((p) => {
    if (!years.some((y) => y >= p.from && y <= p.to)) {
      const period = periodLabel(p.from, p.to);
      throw new InputError('figure-period-outside', `The period ${period} holds none of the panel's years (${first}–${last}).`, { period, first, last });
    }
    return { from: p.from, to: p.to, label: p.label ?? periodLabel(p.from, p.to) };
  });
}

/**
 * Aggregate one region's (year, value) pairs over a period (see the module header).
 * `pairs` must be sorted by year and hold only finite values inside the period.
 */
export function aggregate(pairs: readonly (readonly [number, number])[], how: MapSpec['aggregation']): number | null {
  if (pairs.length === 0) return null;
  switch (how) {
    case 'mean': return pairs.reduce((s, [, v]) => s + v, 0) / pairs.length;
    case 'first': return pairs[0][1];
    case 'last': return pairs[pairs.length - 1][1];
    case 'change': return pairs.length < 2 ? null : pairs[pairs.length - 1][1] - pairs[0][1];
  }
}

/**
 * Check user breaks: `classes − 1` strictly ascending finite numbers.
 * @throws InputError `figure-breaks-count`, `figure-breaks-not-ascending`.
 */
export function checkUserBreaks(classification: MapSpec['classification']): void {
  if (classification.method !== 'user') return;
  const breaks = classification.breaks ?? [];
  const expected = classification.classes - 1;
  if (breaks.length !== expected) {
    throw new InputError('figure-breaks-count', `User breaks: ${classification.classes} classes need ${expected} inner thresholds, not ${breaks.length}.`, { classes: classification.classes, expected, given: breaks.length });
  }
  for (let i = 1; i < breaks.length; i++) {
    if (!(breaks[i] > breaks[i - 1])) {
      throw new InputError('figure-breaks-not-ascending', `User breaks must ascend: ${breaks[i]} follows ${breaks[i - 1]}.`, { previous: breaks[i - 1], value: breaks[i], position: i + 1 });
    }
  }
}

function numericPanels(panel: LongPanel, values: Float64Array, regions: readonly MapRegion[], periods: ReturnType<typeof resolvePeriods>, how: MapSpec['aggregation']): { panels: MapPanelData[]; partial: number } {
  const index = new Map(regions.map((r, i) => [r.id, i]));
  let partial = 0;
  const panels = periods.map((p) => {
    const pairs: [number, number][][] = regions.map(() => []);
    for (let row = 0; row < panel.ids.length; row++) {
      const t = panel.times[row];
      if (t < p.from || t > p.to) continue;
      const i = index.get(panel.ids[row]);
      const v = values[row];
      if (i === undefined || !Number.isFinite(v)) continue;
      pairs[i].push([t, v]);
    }
    const yearsIn = panelPeriods(panel).filter((y) => y >= p.from && y <= p.to).length;
    const out = pairs.map((ps) => {
      ps.sort((a, b) => a[0] - b[0]);
      if (ps.length > 0 && ps.length < yearsIn) partial++;
      return aggregate(ps, how);
    });
    return { label: p.label, from: p.from, to: p.to, values: out };
  });
  return { panels, partial };
}

/**
 * The variables to read for an expression's columns: the known ones; all of them when none is
 * known (so an unknown name fails in the evaluation with its "did you mean", and a constant
 * expression still has the panel's rows).
 */
function panelRequest(columns: readonly string[], known: ReadonlySet<string>): { variables: string[] } | undefined {
  const needed = columns.filter((c) => known.has(c));
  return needed.length > 0 ? { variables: needed } : undefined;
}

/**
 * Read what `spec` maps from the project.
 * @throws InputError from `chooseLayer` (`no-geometry`, `unknown-layer`), `figure-layer-no-polygons`
 *   (the layer has no polygons), the expression errors (`expr-unknown-column` with "did you
 *   mean", `bad-expression`, …), `figure-period-outside`, `figure-breaks-count`,
 *   `figure-breaks-not-ascending`, `figure-constant-variable` (one value everywhere, nothing to
 *   class), `figure-no-values` (no region has a value), `figure-no-groups` (categorical map of a
 *   project without region groups).
 */
export function readMapData(store: ProjectStore, spec: MapSpec): MapData {
  const layer = chooseLayer(store, spec.layer);
  const regions = readRegions(store, layer);
  if (regions.length === 0) throw new InputError('figure-layer-no-polygons', `The layer "${layer}" holds no polygons to draw.`, { layer });
  checkUserBreaks(spec.classification);
  const warnings: InputWarning[] = [];

  if (spec.kind === 'categorical' && GROUP_NAMES.has(spec.variable)) {
    if (!regions.some((r) => r.group)) throw new InputError('figure-no-groups', 'The project\'s regions have no region groups.', {});
    const categories = regions.map((r) => r.group ?? null);
    return { layer, regions, panels: [{ label: '', from: 0, to: 0, categories }], variableLabel: spec.variable, simulated: false, warnings };
  }

  const compiled = compileExpression(spec.variable);
  const variables = store.listVariables();
  const known = new Set(variables.map((v) => v.name));
  const panel = store.readPanel(panelRequest(compiled.columns, known));
  const years = panelPeriods(panel);
  const periods = resolvePeriods(spec, years, spec.variable);
  const { values, warnings: exprWarnings } = compiled.evaluate(panel);
  for (const w of exprWarnings) {
    warnings.push({ code: 'expression-missing', message: w.message, details: { expression: spec.variable, fn: w.fn, count: w.count, problem: expressionProblemKey(w.fn) } });
  }
  const simulated = variables.some((v) => v.simulated === true && compiled.columns.includes(v.name));
  const stored = variables.find((v) => v.name === spec.variable);
  const variableLabel = stored?.label || spec.variable;

  const { panels, partial } = numericPanels(panel, values, regions, periods, spec.aggregation);
  const all = panels.flatMap((p) => p.values ?? []).filter((v): v is number => v !== null);
  if (all.length === 0) throw new InputError('figure-no-values', `"${spec.variable}" has no value in the periods mapped.`, { variable: spec.variable });
  if (spec.classification.method !== 'user' && all.every((v) => v === all[0])) {
    throw new InputError('figure-constant-variable', `"${spec.variable}" is ${all[0]} in every region mapped; there is nothing to class (give user breaks to draw it anyway).`, { variable: spec.variable, value: all[0] });
  }
  if (partial > 0) {
    const message = `${partial} region-period${partial === 1 ? ' lacks' : 's lack'} some years of the range; the ${spec.aggregation} uses the years present.`;
    warnings.push({ code: 'figure-missing-years', message, details: { count: partial, aggregation: spec.aggregation } });
  }
  return { layer, regions, panels, variableLabel, simulated, warnings };
}
