/** An error as one plain sentence, dismissible. */

/** Props of the error banner. */
export interface ErrorBannerProps {
  readonly message: string | null;
  readonly onClose?: () => void;
}

/** Red banner with the sentence from the main side. */
export function ErrorBanner({ message, onClose }: ErrorBannerProps) {
  if (!message) return null;
  return (
    <div className="error-banner" role="alert">
      <span>{message}</span>
      {onClose && (
        <button type="button" className="link" onClick={onClose} aria-label="Dismiss">
          ×
        </button>
      )}
    </div>
  );
}
