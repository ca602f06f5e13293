/**
 * A modal dialog frame (WAI-ARIA APG dialog pattern): on opening, focus moves into the dialog
 * (its first field, else its first control); Tab and Shift+Tab cycle inside it; Escape closes
 * it wherever focus is; on closing, focus returns to the control that opened it.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Props of the modal. */
export interface ModalProps {
  readonly title: string;
  readonly onClose: () => void;
  readonly children: ReactNode;
  readonly footer: ReactNode;
  readonly wide?: boolean;
}

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** The controls of `root` that Tab reaches, in document order. */
export function focusableIn(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.closest('[hidden]') && el.getClientRects().length > 0);
}

/** Open modals, innermost last: only the innermost one answers Tab and Escape. */
const stack: HTMLElement[] = [];

/** Backdrop + card with title, body and footer buttons; focus trapped inside, Escape closes. */
export function Modal({ title, onClose, children, footer, wide }: ModalProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  close.current = onClose;

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const root = ref.current;
    if (root) stack.push(root);
    if (root) {
      const body = root.querySelector<HTMLElement>('.modal-body');
      const first = (body && focusableIn(body).find((el) => el.matches('input, select, textarea'))) ?? focusableIn(root)[0] ?? root;
      first.focus();
    }
    const onKey = (e: KeyboardEvent) => {
      if (!ref.current || stack[stack.length - 1] !== ref.current) return;
      if (e.key === 'Escape') {
        e.stopPropagation();
        close.current();
        return;
      }
      if (e.key !== 'Tab' || !ref.current) return;
      const items = focusableIn(ref.current);
      if (items.length === 0) {
        e.preventDefault();
        return;
      }
      const active = document.activeElement;
      const i = items.indexOf(active as HTMLElement);
      if (e.shiftKey && (i <= 0)) {
        e.preventDefault();
        items[items.length - 1].focus();
      } else if (!e.shiftKey && (i === -1 || i === items.length - 1)) {
        e.preventDefault();
        items[0].focus();
      }
    };
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      if (root) stack.splice(stack.indexOf(root), 1);
      if (opener && opener.isConnected) opener.focus();
    };
  }, []);

  return (
    <div className="modal-backdrop" role="presentation">
      <div ref={ref} tabIndex={-1} className={wide ? 'modal wide' : 'modal'} role="dialog" aria-modal="true" aria-label={title}>
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
