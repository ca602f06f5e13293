/** The left panel: project, notice banner, variables, period, region group and layer. */
import type { ProjectSummary } from '../../../src/contract';
import { GroupFilter } from './group-filter';
import { NoticeBanner } from './notice-banner';
import { PeriodSlider } from './period-slider';
import { VariableList } from './variable-list';

/** Props of the sidebar. */
export interface SidebarProps {
  readonly project: ProjectSummary;
  readonly variable: string | null;
  readonly period: number | null;
  readonly group: string | null;
  readonly layer: string | null;
  readonly onVariable: (name: string) => void;
  readonly onPeriod: (period: number) => void;
  readonly onGroup: (group: string | null) => void;
  readonly onLayer: (layer: string) => void;
}

/** Left panel of the main window. */
export function Sidebar(p: SidebarProps) {
  const { project } = p;
  const periods = project.periods;
  return (
    <aside className="sidebar">
      <section className="project-card">
        <div className="eyebrow">{project.sample ? 'Sample project' : 'Project'}</div>
        <div className="project-name">{project.name}</div>
        <div className="muted small" title={project.path}>
          {project.regions.filter((r) => r.level !== 'prefecture').length} regions · {periods.length} periods
          {periods.length ? ` (${periods[0]}–${periods[periods.length - 1]})` : ''} · {project.variables.length} variables
        </div>
      </section>
      <NoticeBanner notice={project.notice} />
      <section>
        <h3>Variables</h3>
        <VariableList variables={project.variables} selected={p.variable} onSelect={p.onVariable} />
      </section>
      <section>
        <PeriodSlider periods={periods} value={p.period} onChange={p.onPeriod} />
      </section>
      {project.regionGroups.length > 0 && (
        <section>
          <h3>Region group</h3>
          <GroupFilter groups={project.regionGroups} value={p.group} onChange={p.onGroup} />
        </section>
      )}
      {project.layers.length > 1 && (
        <section>
          <h3>Boundaries</h3>
          <select value={p.layer ?? ''} onChange={(e) => p.onLayer(e.target.value)} aria-label="Boundary layer">
            {project.layers.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </section>
      )}
    </aside>
  );
}
