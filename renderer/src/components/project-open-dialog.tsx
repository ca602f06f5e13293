/**
 * The Projects dialog: New project (empty or from a China template, `project:new`), the open
 * project's Save As / Rename / Reset sample, the recent projects (`project:recent`, opened by
 * key) and the `.rwb` files of the user's project folder (`project:list`: name, size, last
 * modified), each opened by its name there (`project:open`; no path ever leaves the renderer).
 * In the desktop app it also offers the system file dialog (`project:chooseFile`). A failure to
 * list is shown in the dialog; every action hands its request to the app (the dialog closes),
 * whose error banner shows a refusal.
 */
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProjectSummary, ResponseOf } from '../../../src/contract';
import { PROJECT_TEMPLATES } from '../../../src/contract/constants';
import { api } from '../api';
import { toProblem, type Problem } from '../i18n/problem';
import { formatBytes, formatDate } from '../lib/format';
import { ErrorBanner } from './error-banner';
import { Modal } from './modal';

type Listing = ResponseOf<'project:list'>;
type Recent = ResponseOf<'project:recent'>['projects'];
type Template = (typeof PROJECT_TEMPLATES)[number];

/** Props of the dialog. */
export interface ProjectOpenDialogProps {
  /** Desktop: also offer the system file dialog. */
  readonly desktop: boolean;
  readonly onClose: () => void;
  /** Open the project of this name in the folder (the dialog has closed). */
  readonly onOpen: (name: string) => void;
  /** Desktop: choose a file with the system dialog instead (the dialog has closed). */
  readonly onChooseFile: () => void;
  /** The open project (Save As, Rename, Reset sample act on it). */
  readonly project?: ProjectSummary | null;
  /** Run a project request in the app (the dialog has closed): new, save as, rename, reset, recent. */
  readonly onProject?: (request: () => Promise<ProjectSummary>) => void;
}

/** Lists the project folder and opens a project by name. */
export function ProjectOpenDialog({ desktop, onClose, onOpen, onChooseFile, project = null, onProject }: ProjectOpenDialogProps) {
  const { t } = useTranslation();
  const id = useId();
  const [listing, setListing] = useState<Listing | null>(null);
  const [recent, setRecent] = useState<Recent>([]);
  const [error, setError] = useState<Problem | null>(null);
  const [newName, setNewName] = useState('');
  const [template, setTemplate] = useState<Template>('empty');
  const [saveName, setSaveName] = useState('');
  const [renameTo, setRenameTo] = useState('');
  const [confirmReset, setConfirmReset] = useState(false);

  useEffect(() => {
    let live = true;
    api['project:list']({})
      .then((l) => live && setListing(l))
      .catch((e: unknown) => live && setError(toProblem(e)));
    api['project:recent']({})
      .then((r) => live && setRecent(r.projects))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);

  const act = (request: () => Promise<ProjectSummary>) => {
    onClose();
    onProject?.(request);
  };
  const sample = project?.sample ?? null;

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
      {onProject && (
        <section className="project-actions" aria-labelledby={`${id}-new`}>
          <h3 id={`${id}-new`}>{t('projectFiles.newTitle')}</h3>
          <form className="project-form" onSubmit={(e) => { e.preventDefault(); if (newName.trim()) act(() => api['project:new']({ name: newName, template })); }}>
            <label htmlFor={`${id}-new-name`}>{t('projectFiles.name')}</label>
            <input id={`${id}-new-name`} data-testid="new-project-name" value={newName} placeholder={t('projectFiles.namePlaceholder')} onChange={(e) => setNewName(e.target.value)} />
            <label htmlFor={`${id}-template`}>{t('projectFiles.template')}</label>
            <select id={`${id}-template`} data-testid="new-project-template" value={template} onChange={(e) => setTemplate(e.target.value as Template)}>
              {PROJECT_TEMPLATES.map((k) => <option key={k} value={k}>{t(`projectFiles.templates.${k}`)}</option>)}
            </select>
            <button type="submit" disabled={!newName.trim()}>{t('projectFiles.create')}</button>
          </form>
          <p className="muted small">{t('projectFiles.newHint')}</p>
          {project && (
            <>
              <h3>{t('projectFiles.currentTitle', { name: project.name })}</h3>
              <form className="project-form" onSubmit={(e) => { e.preventDefault(); if (saveName.trim()) act(() => api['project:saveAs']({ name: saveName })); }}>
                <label htmlFor={`${id}-save-as`}>{t('projectFiles.saveAsName')}</label>
                <input id={`${id}-save-as`} data-testid="save-as-name" value={saveName} onChange={(e) => setSaveName(e.target.value)} />
                <button type="submit" disabled={!saveName.trim()}>{t('projectFiles.saveAs')}</button>
              </form>
              {sample ? (
                <p className="project-form">
                  {confirmReset ? (
                    <>
                      <span>{t('projectFiles.resetConfirm')}</span>
                      <button type="button" className="danger" onClick={() => act(() => api['project:resetSample']({ name: sample as 'china-provinces' | 'us-states' }))}>{t('projectFiles.resetYes')}</button>
                      <button type="button" onClick={() => setConfirmReset(false)}>{t('common.cancel')}</button>
                    </>
                  ) : (
                    <button type="button" onClick={() => setConfirmReset(true)}>{t('projectFiles.reset')}</button>
                  )}
                </p>
              ) : (
                <form className="project-form" onSubmit={(e) => { e.preventDefault(); if (renameTo.trim()) act(() => api['project:rename']({ name: renameTo })); }}>
                  <label htmlFor={`${id}-rename`}>{t('projectFiles.renameTo')}</label>
                  <input id={`${id}-rename`} data-testid="rename-name" value={renameTo} onChange={(e) => setRenameTo(e.target.value)} />
                  <button type="submit" disabled={!renameTo.trim()}>{t('projectFiles.rename')}</button>
                </form>
              )}
            </>
          )}
          {recent.length > 0 && (
            <>
              <h3 id={`${id}-recent`}>{t('projectFiles.recentTitle')}</h3>
              <ul className="recent-projects" aria-labelledby={`${id}-recent`}>
                {recent.map((r) => (
                  <li key={r.key}>
                    <button type="button" className="link" data-recent={r.name} onClick={() => act(() => api['project:openRecent']({ key: r.key }))}>
                      {r.name}
                    </button>{' '}
                    <span className="muted small">{t(`projectFiles.kind.${r.kind}`)} · {formatDate(r.opened)}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
          <h3>{t('projectFiles.folderTitle')}</h3>
        </section>
      )}
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
