/** The list of variables with labels and units; one is selected for the map. */
import type { VariableInfo } from '../../../src/contract';

/** Props of the list. */
export interface VariableListProps {
  readonly variables: readonly VariableInfo[];
  readonly selected: string | null;
  readonly onSelect: (name: string) => void;
}

/** Radio-like list of variables. */
export function VariableList({ variables, selected, onSelect }: VariableListProps) {
  if (variables.length === 0) return <p className="muted small">No variables yet. Import a panel to begin.</p>;
  return (
    <ul className="variable-list" role="listbox" aria-label="Variables">
      {variables.map((v) => (
        <li
          key={v.name}
          role="option"
          aria-selected={v.name === selected}
          className={v.name === selected ? 'selected' : undefined}
          onClick={() => onSelect(v.name)}
          title={v.expression ? `= ${v.expression}` : (v.source ?? undefined)}
        >
          <div className="variable-label">{v.label ?? v.name}</div>
          <div className="variable-meta">
            <code>{v.name}</code>
            {v.unit && <span>{v.unit}</span>}
            {v.expression && <span className="tag">derived</span>}
            {v.simulated && <span className="tag tag-warn">simulated</span>}
          </div>
        </li>
      ))}
    </ul>
  );
}
