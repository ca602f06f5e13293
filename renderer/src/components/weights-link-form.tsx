/** Adds a manual link between two regions (e.g. Hainan–Guangdong); the result is saved as a new version. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Props of the link form. */
export interface WeightsLinkFormProps {
  /** Regions of the matrix with display labels, sorted by label. */
  readonly regions: readonly { code: string; label: string }[];
  /** Suggested first region (the first island, or the selected region). */
  readonly suggested: string | null;
  readonly busy: boolean;
  readonly onAdd: (a: string, b: string) => void;
}

/** Two region pickers and a button. */
export function WeightsLinkForm({ regions, suggested, busy, onAdd }: WeightsLinkFormProps) {
  const { t } = useTranslation();
  const [a, setA] = useState(suggested ?? '');
  const [b, setB] = useState('');
  useEffect(() => {
    if (suggested) setA(suggested);
  }, [suggested]);
  return (
    <form
      className="weights-link"
      aria-label={t('weights.linkForm')}
      onSubmit={(e) => {
        e.preventDefault();
        if (a && b) onAdd(a, b);
      }}
    >
      <h3>{t('weights.link')}</h3>
      <div className="inline">
        <select aria-label={t('weights.firstRegion')} value={a} onChange={(e) => setA(e.target.value)}>
          <option value="">{t('weights.regionPlaceholder')}</option>
          {regions.map((r) => <option key={r.code} value={r.code}>{r.label}</option>)}
        </select>
        <span>–</span>
        <select aria-label={t('weights.secondRegion')} value={b} onChange={(e) => setB(e.target.value)}>
          <option value="">{t('weights.regionPlaceholder')}</option>
          {regions.filter((r) => r.code !== a).map((r) => <option key={r.code} value={r.code}>{r.label}</option>)}
        </select>
        <button type="submit" disabled={busy || !a || !b}>{t('weights.addLink')}</button>
      </div>
      <p className="muted small">{t('weights.linkNote')}</p>
    </form>
  );
}
