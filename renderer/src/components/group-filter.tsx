/** Region-group filter (e.g. NBS East / Central / West / Northeast). */

/** Props of the filter. */
export interface GroupFilterProps {
  readonly groups: readonly string[];
  readonly value: string | null;
  readonly onChange: (group: string | null) => void;
}

/** Segmented buttons: All plus one per group. */
export function GroupFilter({ groups, value, onChange }: GroupFilterProps) {
  if (groups.length === 0) return null;
  return (
    <div className="group-filter" role="group" aria-label="Region group">
      <button type="button" className={value === null ? 'chip active' : 'chip'} onClick={() => onChange(null)}>
        All
      </button>
      {groups.map((g) => (
        <button type="button" key={g} className={value === g ? 'chip active' : 'chip'} onClick={() => onChange(g)}>
          {g}
        </button>
      ))}
    </div>
  );
}
