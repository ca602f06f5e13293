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
    <ul className="variable-list" role="listbox" aria-label={t('variables.list')}>
      {variables.map((v) => {
        const { label, unit, source } = labels.variable(v, v.name);
        return (
          <li
            key={v.name}
            role="option"
            aria-selected={v.name === selected}
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
