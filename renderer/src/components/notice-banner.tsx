/** The yellow banner shown whenever the project carries a notice (simulated data). */
import { useTranslation } from 'react-i18next';

/** Props of the banner. */
export interface NoticeBannerProps {
  /** The project's `notice` meta value; nothing is shown when null. */
  readonly notice: string | null;
}

/** "Simulated demonstration data — not real statistics", impossible to miss (the project's own notice is the tooltip). */
export function NoticeBanner({ notice }: NoticeBannerProps) {
  const { t, i18n } = useTranslation();
  if (!notice) return null;
  return (
    <div className="notice-banner" role="note" title={i18n.language === 'en' ? notice : t('notice.body')} data-testid="simulated-banner">
      <strong>{t('notice.title')}</strong>
      <div className="small">{t('notice.body')}</div>
    </div>
  );
}
