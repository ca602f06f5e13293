/** A modal dialog frame. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Props of the modal. */
export interface ModalProps {
  readonly title: string;
  readonly onClose: () => void;
  readonly children: ReactNode;
  readonly footer: ReactNode;
  readonly wide?: boolean;
}

/** Backdrop + card with title, body and footer buttons; Escape closes. */
export function Modal({ title, onClose, children, footer, wide }: ModalProps) {
  const { t } = useTranslation();
  return (
    <div className="modal-backdrop" onKeyDown={(e) => e.key === 'Escape' && onClose()} role="presentation">
      <div className={wide ? 'modal wide' : 'modal'} role="dialog" aria-modal="true" aria-label={title}>
        <header className="modal-header">
          <h2>{title}</h2>
          <button type="button" className="link" onClick={onClose} aria-label={t('common.close')}>
            ×
          </button>
        </header>
        <div className="modal-body">{children}</div>
        <footer className="modal-footer">{footer}</footer>
      </div>
    </div>
  );
}
