/** Confirming a variable's deletion: names the derived variables that would go with it. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { toProblem, type Problem } from '../i18n/problem';
import { ErrorBanner } from './error-banner';
import { Modal } from './modal';

/** Props of the dialog. */
export interface DataDeleteDialogProps {
  readonly variable: string;
  readonly onClose: () => void;
  /** Deletes; `withDependents` when derived variables go too. */
  readonly onConfirm: (withDependents: boolean) => Promise<void>;
}

/** "Delete gsp with all its values? … lgsp, dlgsp will be deleted with it." */
export function DataDeleteDialog({ variable, onClose, onConfirm }: DataDeleteDialogProps) {
  const { t } = useTranslation();
  const [dependents, setDependents] = useState<string[] | null>(null);
  const [error, setError] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    api['variables:dependents']({ name: variable })
      .then((r) => live && setDependents(r.dependents))
      .catch((e: unknown) => live && setError(toProblem(e)));
    return () => {
      live = false;
    };
  }, [variable]);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm((dependents?.length ?? 0) > 0);
    } catch (e) {
      setError(toProblem(e));
      setBusy(false);
    }
  };

  const n = dependents?.length ?? 0;
  return (
    <Modal
      title={t('dataTable.deleteTitle')}
      onClose={onClose}
      footer={(
        <>
          <button type="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="button" className="danger" disabled={busy || dependents === null} onClick={() => void confirm()}>
            {n > 0 ? t('dataTable.deleteAllButton', { count: n }) : t('dataTable.deleteButton')}
          </button>
        </>
      )}
    >
      <p>{t('dataTable.deleteConfirm', { variable })}</p>
      {n > 0 && <p className="warn-text" data-testid="delete-dependents">{t('dataTable.deleteDependents', { list: (dependents ?? []).join(t('common.listSeparator')) })}</p>}
      <ErrorBanner error={error} />
    </Modal>
  );
}
