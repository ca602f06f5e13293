/** The list of variables with labels and units; one is selected for the map. */
import { useTranslation } from 'react-i18next';
import type { ProjectSummary } from '../../../src/contract';
import { useLabels } from '../i18n/labels';

/** Props of the list. */
export interface VariableListProps {
  /** The project (its variables, and its sample name for the sample variables' translated labels). */
  readonly project: Pick<ProjectSummary, 'variables' | 'sample'>;
  readonly selected: string | null;
  readonly onSelect: (name: string) => void;
}

/** Radio-like list of variables. */
export function VariableList({ project, selected, onSelect }: VariableListProps) {
  const { t } = useTranslation();
  const labels = useLabels(project);
  const { variables } = project;
  if (variables.length === 0) return <p className="muted small">{t('variables.empty')}</p>;
  return (
    // WAI-ARIA APG listbox (issue 13, defect 12): the selected option (else the first) is in the
    // Tab order; Up/Down/Home/End move focus and selection; Enter/Space select.
    <ul className="variable-list" role="listbox" aria-label={t('variables.list')} onKeyDown={(e) => {
      const i = variables.findIndex((v) => v.name === selected);
      const at = (j: number) => {
        const k = Math.max(0, Math.min(variables.length - 1, j));
        onSelect(variables[k].name);
        const items = (e.currentTarget as HTMLElement).querySelectorAll<HTMLElement>('[role="option"]');
        items[k]?.focus();
      };
      if (e.key === 'ArrowDown') at(i + 1);
      else if (e.key === 'ArrowUp') at(i <= 0 ? 0 : i - 1);
      else if (e.key === 'Home') at(0);
      else if (e.key === 'End') at(variables.length - 1);
      else if (e.key === 'Enter' || e.key === ' ') {
        const idx = [...(e.currentTarget as HTMLElement).querySelectorAll('[role="option"]')].indexOf(document.activeElement as Element);
        if (idx >= 0) onSelect(variables[idx].name);
      } else return;
      e.preventDefault();
    }}>
      {variables.map((v, index) => {
        const { label, unit, source } = labels.variable(v, v.name);
        return (
          <li
            key={v.name}
            role="option"
            aria-selected={v.name === selected}
            tabIndex={v.name === selected || (!variables.some((x) => x.name === selected) && index === 0) ? 0 : -1}
            className={v.name === selected ? 'selected' : undefined}
            onClick={() => onSelect(v.name)}
            title={v.expression ? `= ${v.expression}` : (source ?? undefined)}
          >
            <div className="variable-label">{label}</div>
            <div className="variable-meta">
              <code>{v.name}</code>
              {unit && <span>{unit}</span>}
              {v.expression && <span className="tag">{t('variables.derived')}</span>}
              {v.simulated && <span className="tag tag-warn">{t('variables.simulated')}</span>}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
