/** The left panel: project, its contents (the explorer), notice banner, variables, period, region group and layer. */
import { useTranslation } from 'react-i18next';
import type { ProjectSummary } from '../../../src/contract';
import { formatCount } from '../lib/format';
import { GroupFilter } from './group-filter';
import { NoticeBanner } from './notice-banner';
import { PeriodSlider } from './period-slider';
import { ProjectExplorer } from './project-explorer';
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
  /** Changes when the explorer should refetch besides summary changes (the active tab). */
  readonly refresh?: unknown;
}

/** Left panel of the main window. */
export function Sidebar(p: SidebarProps) {
  const { t } = useTranslation();
  const { project } = p;
  const periods = project.periods;
  return (
    <aside className="sidebar">
      <section className="project-card">
        <div className="eyebrow">{project.sample ? t('sidebar.sampleProject') : t('sidebar.project')}</div>
        <div className="project-name">{project.name}</div>
        <div className="muted small" title={project.path}>
          {t('sidebar.stats', {
            // Provinces of the China sample, not its cities too; a cities-only project counts its cities.
            regions: formatCount(project.regions.filter((r) => r.level !== 'prefecture').length || project.regions.length),
            periods: formatCount(periods.length),
            range: periods.length ? t('sidebar.range', { from: periods[0], to: periods[periods.length - 1] }) : '',
            variables: formatCount(project.variables.length),
          })}
        </div>
      </section>
      <ProjectExplorer project={project} refresh={p.refresh} variable={p.variable} onVariable={p.onVariable} />
      <NoticeBanner notice={project.notice} />
      <section>
        <h3>{t('sidebar.variables')}</h3>
        <VariableList project={project} selected={p.variable} onSelect={p.onVariable} />
      </section>
      <section>
        <PeriodSlider periods={periods} value={p.period} onChange={p.onPeriod} />
      </section>
      {project.regionGroups.length > 0 && (
        <section>
          <h3>{t('sidebar.regionGroup')}</h3>
          <GroupFilter groups={project.regionGroups} value={p.group} onChange={p.onGroup} />
        </section>
      )}
      {project.layers.length > 1 && (
        <section>
          <h3>{t('sidebar.boundaries')}</h3>
          <select value={p.layer ?? ''} onChange={(e) => p.onLayer(e.target.value)} aria-label={t('sidebar.boundaryLayer')}>
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
