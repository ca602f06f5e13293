/** An error as one plain sentence in the UI language, dismissible. */
import { useTranslation } from 'react-i18next';
import { isFallback, useProblemText, type Problem } from '../i18n/problem';

/** Props of the error banner. */
export interface ErrorBannerProps {
  /** The failure to show (translated when shown, see i18n/problem.ts); nothing when null. */
  readonly error: Problem | null;
  readonly onClose?: () => void;
}

/** Red banner with the sentence for the error's code. */
export function ErrorBanner({ error, onClose }: ErrorBannerProps) {
  const { t, i18n } = useTranslation();
  const text = useProblemText();
  if (!error) return null;
  return (
    <div className="error-banner" role="alert" data-code={error.code || undefined}>
      <span data-service-text={isFallback(i18n, error) || undefined}>{text(error)}</span>
      {onClose && (
        <button type="button" className="link" onClick={onClose} aria-label={t('common.dismiss')}>
          ×
        </button>
      )}
    </div>
  );
}
