/**
 * The Open project dialog: the `.rwb` files of the user's project folder (`project:list`: name,
 * size, last modified), each opened by its name there (`project:open`; no path ever leaves the
 * renderer). In the desktop app it also offers the system file dialog (`project:chooseFile`).
 * A failure to list is shown in the dialog; opening hands the request to the app, whose error
 * banner shows a refusal.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../src/contract';
import { api } from '../api';
import { toProblem, type Problem } from '../i18n/problem';
import { formatBytes, formatDate } from '../lib/format';
import { ErrorBanner } from './error-banner';
import { Modal } from './modal';

type Listing = ResponseOf<'project:list'>;

/** Props of the dialog. */
export interface ProjectOpenDialogProps {
  /** Desktop: also offer the system file dialog. */
  readonly desktop: boolean;
  readonly onClose: () => void;
  /** Open the project of this name in the folder (the dialog has closed). */
  readonly onOpen: (name: string) => void;
  /** Desktop: choose a file with the system dialog instead (the dialog has closed). */
  readonly onChooseFile: () => void;
}

/** Lists the project folder and opens a project by name. */
export function ProjectOpenDialog({ desktop, onClose, onOpen, onChooseFile }: ProjectOpenDialogProps) {
  const { t } = useTranslation();
  const [listing, setListing] = useState<Listing | null>(null);
  const [error, setError] = useState<Problem | null>(null);

  useEffect(() => {
    let live = true;
    api['project:list']({})
      .then((l) => live && setListing(l))
      .catch((e: unknown) => live && setError(toProblem(e)));
    return () => {
      live = false;
    };
  }, []);

  return (
    <Modal
      title={t('projects.title')}
      wide
      onClose={onClose}
      footer={
        <>
          {desktop && (
            <button type="button" onClick={() => { onClose(); onChooseFile(); }}>
              {t('projects.chooseFile')}
            </button>
          )}
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </>
      }
    >
      <ErrorBanner error={error} />
      {listing === null && error === null && <p className="muted">{t('projects.loading')}</p>}
      {listing && (
        <>
          <p className="muted small">
            {t('projects.folder')} <code className="project-folder">{listing.folder}</code>
          </p>
          {listing.files.length === 0 ? (
            <p className="projects-empty">{t('projects.empty')}</p>
          ) : (
            <table className="stats-table project-list">
              <thead>
                <tr>
                  <th className="left">{t('projects.name')}</th>
                  <th>{t('projects.size')}</th>
                  <th>{t('projects.modified')}</th>
                  <th aria-label={t('projects.open')} />
                </tr>
              </thead>
              <tbody>
                {listing.files.map((f) => (
                  <tr key={f.name} data-project={f.name}>
                    <td className="left">{f.name}</td>
                    <td>{formatBytes(f.bytes)}</td>
                    <td>{formatDate(f.modified)}</td>
                    <td>
                      <button type="button" aria-label={t('projects.openNamed', { name: f.name })} onClick={() => { onClose(); onOpen(f.name); }}>
                        {t('projects.open')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </Modal>
  );
}
