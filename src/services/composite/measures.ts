/**
 * Shock-based resilience and coupling coordination over a panel (`rwb index --shock`,
 * `--martin`, `--coupling`): the expressions are evaluated here, the measures are the engine's
 * (src/composite/shock.ts, coupling.ts).
 */
import { InputError } from '../../core/errors';
import { compileExpression } from '../../core/expressions';
import type { LongPanel } from '../../core/panel';
import { couplingCoordination, martinSensitivity, relativeGrowthResilience, type CoordinationLevel, type MartinSensitivity } from '../../composite';
import { savedMeasureSchema, type indexMeasureRequestSchema } from '../../contract/composite';
import type { ProjectStore } from '../../store/project-store';
import { checkVariableName } from '../derive/derived-service';
import { projectPanel } from '../inputs/project-inputs';
import type { z } from 'zod';

const fin = (x: number) => (Number.isFinite(x) ? x : null);

function evaluate(panel: LongPanel, expr: string): { name: string; values: Float64Array } {
  const c = compileExpression(expr);
  return { name: c.expression, values: c.evaluate(panel).values };
}

/**
 * The reference series by year from an expression that is the same for every region in a year
 * (e.g. a national GDP column); undefined: Σ over the regions.
 * @throws InputError `composite-reference-varies` when it differs between regions of a year (naming both)
 */
function referenceOf(panel: LongPanel, expr: string | undefined): { name: string; series: Map<number, number> | undefined } {
  if (expr === undefined) return { name: 'sum over regions', series: undefined };
  const r = evaluate(panel, expr);
  const series = new Map<number, number>();
  const first = new Map<number, string>();
  panel.times.forEach((t, i) => {
    const v = r.values[i];
    if (Number.isNaN(v)) return;
    const had = series.get(t);
    if (had === undefined) { series.set(t, v); first.set(t, panel.ids[i]); return; }
    if (had !== v) {
      throw new InputError('composite-reference-varies', `reference series "${r.name}" is ${had} for ${first.get(t) as string} but ${v} for ${panel.ids[i]} in ${t}: it must be one national value per year`, { reference: r.name, year: t, first: first.get(t) as string, firstValue: had, region: panel.ids[i], value: v });
    }
  });
  return { name: r.name, series };
}

/** Relative-growth resilience per region-year. */
export interface ShockRows {
  readonly variable: string;
  readonly base: number;
  readonly reference: string;
  readonly rows: readonly { id: string; time: number; re: number | null; gr: number | null; value: number | null }[];
}

/**
 * RE_it = (Y_it − Y_i,b)/Y_i,b, GR_t of the reference, resilience = (RE_it − GR_t)/|GR_t|.
 * @throws the expression errors, `composite-reference-varies`, the engine's shock errors
 */
export function shockResilience(panel: LongPanel, expr: string, base: number, reference?: string): ShockRows {
  const y = evaluate(panel, expr);
  const ref = referenceOf(panel, reference);
  const r = relativeGrowthResilience(panel.ids, panel.times, y.values, base, ref.series);
  return {
    variable: y.name, base, reference: ref.name,
    rows: panel.ids.map((id, i) => ({ id, time: panel.times[i], re: fin(r.re[i]), gr: fin(r.gr[i]), value: fin(r.resilience[i]) })),
  };
}

/**
 * Martin's sensitivity indices of each region for [start, trough] and [trough, end].
 * @throws the expression errors, `composite-reference-varies`, the engine's shock errors
 */
export function martinIndices(panel: LongPanel, expr: string, start: number, trough: number, end: number, reference?: string): { variable: string; reference: string; regions: MartinSensitivity[] } {
  const y = evaluate(panel, expr);
  const ref = referenceOf(panel, reference);
  return { variable: y.name, reference: ref.name, regions: martinSensitivity(panel.ids, panel.times, y.values, start, trough, end, ref.series) };
}

/** Coupling coordination per region-year. */
export interface CouplingRows {
  readonly indices: readonly string[];
  readonly alpha: readonly number[];
  readonly rows: readonly { id: string; time: number; C: number | null; T: number | null; D: number | null; level: CoordinationLevel | null }[];
}

/**
 * C, T, D and the level of D for 2 or 3 index expressions (values in [0, 1]).
 * @throws the expression errors and the engine's coupling errors
 */
export function couplingRows(panel: LongPanel, exprs: readonly string[], alpha?: readonly number[]): CouplingRows {
  const cols = exprs.map((e) => evaluate(panel, e));
  const r = couplingCoordination(cols.map((c) => c.values), alpha, cols.map((c) => c.name), (i) => `${panel.ids[i]} ${panel.times[i]}`);
  return {
    indices: cols.map((c) => c.name),
    alpha: alpha ? [...alpha] : cols.map(() => 1 / cols.length),
    rows: panel.ids.map((id, i) => ({ id, time: panel.times[i], C: fin(r.C[i]), T: fin(r.T[i]), D: fin(r.D[i]), level: r.level[i] })),
  };
}

/** A measure request as the contract parses it. */
export type MeasureRequest = z.output<typeof indexMeasureRequestSchema>;

/** The meta key of the measures saved with their variables. */
export const MEASURES_META_KEY = 'composite_measures';

/**
 * The per-row values a measure writes: relative-growth resilience, or coupling D (Martin's
 * indices are per region, not per region-year, and are not written).
 * @throws InputError `composite-measure-not-a-variable` for Martin; the measure's own errors
 */
export function measureValues(panel: LongPanel, req: MeasureRequest): { ids: readonly string[]; times: readonly number[]; values: (number | null)[] } {
  if (req.measure === 'martin') {
    throw new InputError('composite-measure-not-a-variable', "Martin's sensitivity indices are one value per region, not per region-year: they cannot be written as a panel variable", {});
  }
  const rows = req.measure === 'relative-growth'
    ? shockResilience(panel, req.variable, req.base, req.reference ?? undefined).rows.map((r) => r.value)
    : couplingRows(panel, req.indices, req.alpha).rows.map((r) => r.D);
  return { ids: panel.ids, times: panel.times, values: rows };
}

/**
 * The measures saved in the project.
 * @throws InputError `composite-recipes-unreadable` when the stored list is not valid
 */
export function listMeasures(store: ProjectStore): z.output<typeof savedMeasureSchema>[] {
  const raw = store.getMeta(MEASURES_META_KEY);
  if (raw === undefined) return [];
  let parsed: unknown;
  try { parsed = JSON.parse(raw); } catch { parsed = null; }
  const r = savedMeasureSchema.array().safeParse(parsed);
  if (!r.success) {
    const reason = r.error.issues[0]?.message ?? 'not a list';
    throw new InputError('composite-recipes-unreadable', `${store.path}: the saved composite-index recipes cannot be read (${reason})`, { file: store.path, reason });
  }
  return r.data;
}

/**
 * Write a relative-growth resilience or coupling D as variable `name`, with the measure saved
 * under that name (meta `composite_measures`), in one transaction.
 * @throws InputError `derive-bad-name`, `derive-reserved-name`, `composite-variable-exists` (unless `replace`),
 *   `composite-measure-not-a-variable`, the measure's errors
 */
export function saveMeasureVariable(store: ProjectStore, name: string, req: MeasureRequest, replace = false): { name: string; rows: number; n: number; missing: number; replaced: boolean } {
  checkVariableName(name);
  const exists = store.listVariables().some((v) => v.name === name);
  if (exists && !replace) {
    throw new InputError('composite-variable-exists', `variable "${name}" already exists in ${store.path}; choose another name or replace it`, { name, file: store.path });
  }
  const v = measureValues(projectPanel(store), req);
  const label = req.measure === 'relative-growth' ? `relative-growth resilience of ${req.variable} (base ${req.base})`
    : req.measure === 'coupling' ? `coupling coordination D (${req.indices.join(', ')})` : '';
  const rows = v.ids.map((region, i) => ({ region, period: v.times[i], value: v.values[i] }));
  const n = rows.filter((r) => r.value !== null).length;
  const list = listMeasures(store).filter((m) => m.name !== name);
  list.push({ name, request: req, savedAt: new Date().toISOString() });
  store.transaction(() => {
    if (exists) store.deleteVariable(name);
    store.upsertVariable({
      name,
      label,
      unit: null,
      source: req.measure === 'relative-growth' ? 'shock resilience' : 'coupling coordination',
      expression: null,
      simulated: false,
    });
    store.putObservations(name, rows);
    store.setMeta(MEASURES_META_KEY, JSON.stringify(list));
  });
  return { name, rows: rows.length, n, missing: rows.length - n, replaced: exists };
}
