/** The period slider (years of the panel). */
import { useTranslation } from 'react-i18next';

/** Props of the slider. */
export interface PeriodSliderProps {
  readonly periods: readonly number[];
  readonly value: number | null;
  readonly onChange: (period: number) => void;
}

/** A range input stepping through the panel's periods. */
export function PeriodSlider({ periods, value, onChange }: PeriodSliderProps) {
  const { t } = useTranslation();
  if (periods.length === 0 || value === null) return null;
  const index = Math.max(0, periods.indexOf(value));
  return (
    <div className="period-slider">
      <div className="row-between">
        <label htmlFor="period">{t('sidebar.period')}</label>
        <strong>{value}</strong>
      </div>
      <input
        id="period"
        type="range"
        min={0}
        max={periods.length - 1}
        step={1}
        value={index}
        onChange={(e) => onChange(periods[Number(e.target.value)])}
        aria-valuetext={String(value)}
      />
      <div className="row-between muted small">
        <span>{periods[0]}</span>
        <span>{periods[periods.length - 1]}</span>
      </div>
    </div>
  );
}
