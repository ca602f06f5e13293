/** Region-group filter (e.g. NBS East / Central / West / Northeast, shown as 东部 / 中部 / 西部 / 东北 in Chinese). */
import { useTranslation } from 'react-i18next';
import { useLabels } from '../i18n/labels';

/** Props of the filter. */
export interface GroupFilterProps {
  readonly groups: readonly string[];
  readonly value: string | null;
  readonly onChange: (group: string | null) => void;
}

/** Segmented buttons: All plus one per group. */
export function GroupFilter({ groups, value, onChange }: GroupFilterProps) {
  const { t } = useTranslation();
  const labels = useLabels();
  if (groups.length === 0) return null;
  return (
    <div className="group-filter" role="group" aria-label={t('sidebar.regionGroup')}>
      <button type="button" aria-pressed={value === null} className={value === null ? 'chip active' : 'chip'} onClick={() => onChange(null)}>
        {t('sidebar.all')}
      </button>
      {labels.orderGroups(groups).map((g) => (
        <button type="button" key={g} data-group={g} aria-pressed={value === g} className={value === g ? 'chip active' : 'chip'} onClick={() => onChange(g)}>
          {labels.group(g)}
        </button>
      ))}
    </div>
  );
}
