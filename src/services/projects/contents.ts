/**
 * The project explorer's view of the open project (`project:contents`): datasets (boundary
 * layers and import sources), variables with source, expression and cell counts, weight
 * matrices, analysis runs with a one-line summary of their spec, and the saved figures.
 * Everything comes from SQL aggregates (`ProjectStore.contents`): no panel is loaded.
 */
import type { ResponseOf } from '../../contract';
import type { ProjectStore } from '../../store/project-store';
import { storedSpecText } from '../weights/project-weights';

/** What `project:contents` answers. */
export type ProjectContents = ResponseOf<'project:contents'>;

/** Builds the explorer's lists from one pass of counting statements. */
export function projectContents(store: ProjectStore): ProjectContents {
  const c = store.contents();
  const counts = new Map(c.variables.map((v) => [v.name, v]));
  return {
    datasets: { layers: c.layers, sources: c.sources },
    variables: store.listVariables().map((v) => {
      const k = counts.get(v.name);
      const n = k?.n ?? 0;
      return {
        name: v.name, label: v.label ?? null, unit: v.unit ?? null, source: v.source ?? null,
        expression: v.expression ?? null, simulated: v.simulated ?? false, createdAt: k?.createdAt ?? '', n, missing: Math.max(0, c.panelRows - n) };
    }),
    panelRows: c.panelRows,
    weights: c.weights.map((w) => ({ name: w.name, specText: storedSpecText(w.spec), n: w.n, createdAt: w.createdAt })),
    runs: c.runs.map((r) => ({ id: r.id, kind: r.kind, createdAt: r.createdAt, appVersion: r.appVersion, seed: r.seed, summary: runSummary(r.spec) })),
    figures: c.figures,
  };
}

/**
 * One line from a run's stored spec: `y ~ x1 + x2` with the model and effects, the grouping
 * column of a comparison (`by region_group`); the spec's plain fields for a kind without y/x.
 */
export function runSummary(spec: unknown): string {
  if (spec === null || typeof spec !== 'object') return '';
  const o = spec as Record<string, unknown>;
  const text = (k: string): string | null => (typeof o[k] === 'string' && o[k] !== '' ? (o[k] as string) : null);
  const parts: string[] = [];
  const x = Array.isArray(o.x) ? o.x.filter((v): v is string => typeof v === 'string') : [];
  const y = text('y');
  if (y !== null) parts.push(x.length ? `${y} ~ ${x.join(' + ')}` : y);
  const model = [text('model'), text('effects') === 'none' ? null : text('effects')].filter((v) => v !== null).join(', ');
  if (model) parts.push(model);
  const by = text('groupColumn');
  if (by !== null) parts.push(`by ${by}`);
  if (parts.length === 0) {
    for (const [k, v] of Object.entries(o)) if (typeof v === 'string' || typeof v === 'number') parts.push(`${k}=${String(v)}`);
  }
  return parts.join(' · ');
}
