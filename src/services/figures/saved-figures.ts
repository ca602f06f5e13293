/**
 * Figure specs saved in a project (store table figure_specs): read back through the contract's
 * schemas (defaults filled in, so an older spec still draws) and drawn by kind.
 */
import { InputError } from '../../core/errors';
import { groupChartSpecSchema, mapSpecSchema, type SavedFigure } from '../../contract/figures';
import type { ProjectStore } from '../../store/project-store';
import { drawChart } from './chart-figure';
import { drawMap } from './map-figure';
import type { DrawnFigure } from './report';

/**
 * The project's saved figures, oldest first.
 * @throws InputError `figure-saved-invalid` naming the figure and field when a stored spec no longer parses.
 */
export function listSavedFigures(store: ProjectStore): SavedFigure[] {
  return store.listFigures().map((row) => {
    const schema = row.kind === 'map' ? mapSpecSchema : groupChartSpecSchema;
    const r = schema.safeParse(row.spec);
    if (!r.success) {
      const issue = r.error.issues[0];
      const field = issue.path.map(String).join('.') || '(spec)';
      throw new InputError('figure-saved-invalid', `Saved figure ${row.id} ("${row.name}") has an invalid spec at ${field}: ${issue.message}.`, { id: row.id, name: row.name, field, reason: issue.message });
    }
    const figure = row.kind === 'map'
      ? { kind: 'map' as const, spec: mapSpecSchema.parse(row.spec) }
      : { kind: 'chart' as const, spec: groupChartSpecSchema.parse(row.spec) };
    return { id: row.id as number, name: row.name, createdAt: row.createdAt ?? '', figure };
  });
}

/** Draw a saved figure (map or group chart). @throws InputError as drawMap / drawChart. */
export function drawSavedFigure(store: ProjectStore, saved: SavedFigure): DrawnFigure {
  return saved.figure.kind === 'map' ? drawMap(store, saved.figure.spec) : drawChart(store, saved.figure.spec);
}
