/**
 * The Import dialog: a panel file (CSV/XLSX, long or wide) and/or boundary files (GeoJSON, or
 * a shapefile's .shp/.dbf/.prj/.cpg, or a .zip). Preview checks everything and writes nothing;
 * Commit stays disabled until a preview of the current choices shows no errors. Both run as
 * background jobs (`import-preview` / `import-commit`: the files are parsed in a worker), so
 * the dialog shows their steps and can stop them; a stopped commit writes nothing.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportReport as Report, ImportRequestPayload } from '../../../src/contract';
import { api } from '../api';
import { toProblem, type Problem } from '../i18n/problem';
import { formatCount } from '../lib/format';
import { runJob } from '../lib/jobs';
import { forgetUpload, geometryFields, panelColumns, toUpload } from '../lib/files';
import { formatBytes } from '../lib/format';
import { ErrorBanner } from './error-banner';
import { FilePicker } from './file-picker';
import { ImportReport } from './import-report';
import { Modal } from './modal';

/** Props of the dialog. */
export interface ImportDialogProps {
  readonly onClose: () => void;
  readonly onImported: () => void;
}

function ColumnInput(props: { id: string; label: string; value: string; options: readonly string[]; onChange: (v: string) => void }) {
  return (
    <>
      <label htmlFor={props.id}>{props.label}</label>
      {props.options.length > 0 ? (
        <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
          <option value="">—</option>
          {props.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      ) : (
        <input id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value)} />
      )}
    </>
  );
}

/** How often a running import job is polled (ms). */

/** Modal for importing data into the open project. */
export function ImportDialog({ onClose, onImported }: ImportDialogProps) {
  const { t } = useTranslation();
  const [panelFile, setPanelFile] = useState<File | null>(null);
  const [columns, setColumns] = useState<string[]>([]);
  const [id, setId] = useState('');
  const [time, setTime] = useState('');
  const [format, setFormat] = useState<'auto' | 'long' | 'wide'>('auto');
  const [valueName, setValueName] = useState('');
  const [interpolate, setInterpolate] = useState(false);
  const [geoFiles, setGeoFiles] = useState<File[]>([]);
  const [fields, setFields] = useState<string[]>([]);
  const [key, setKey] = useState('');
  const [layer, setLayer] = useState('');
  const [report, setReport] = useState<Report | null>(null);
  const [busy, setBusy] = useState<'preview' | 'commit' | null>(null);
  const [error, setError] = useState<Problem | null>(null);
  const [done, setDone] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);

  // Any change of the choices invalidates the preview.
  useEffect(() => {
    setReport(null);
    setDone(false);
  }, [panelFile, id, time, format, valueName, interpolate, geoFiles, key, layer]);

  const choosePanel = async (f: File | null) => {
    setPanelFile(f);
    setColumns(f ? await panelColumns(f) : []);
  };
  const chooseGeometry = async (list: FileList | null) => {
    const files = list ? [...list] : [];
    setGeoFiles(files);
    setFields(files.length ? await geometryFields(files) : []);
  };

  const buildRequest = async (): Promise<ImportRequestPayload> => {
    const req: ImportRequestPayload = {};
    if (panelFile) {
      req.panel = {
        source: await toUpload(panelFile),
        id,
        time,
        format,
        ...(valueName.trim() ? { valueName: valueName.trim() } : {}),
        interpolate: interpolate ? 'linear' : 'none',
      };
    }
    if (geoFiles.length) {
      req.geometry = {
        sources: await Promise.all(geoFiles.map(toUpload)),
        key,
        ...(layer.trim() ? { layer: layer.trim() } : {}),
      };
    }
    return req;
  };

  const preview = async () => {
    setBusy('preview');
    setError(null);
    try {
      setReport(await runJob('import-preview', await buildRequest(), { onJob: setJobId, onProgress: setProgress, failed: 'import-failed', cancelled: 'import-cancelled' }));
    } catch (e) {
      setError(toProblem(e));
    } finally {
      setBusy(null);
      setJobId(null);
      setProgress(null);
    }
  };

  const commit = async () => {
    setBusy('commit');
    setError(null);
    try {
      await runJob('import-commit', await buildRequest(), { onJob: setJobId, onProgress: setProgress, failed: 'import-failed', cancelled: 'import-cancelled' });
      // The main side removed the uploads once written: a later import sends the files again.
      for (const f of [...(panelFile ? [panelFile] : []), ...geoFiles]) forgetUpload(f);
      setDone(true);
      onImported();
    } catch (e) {
      setError(toProblem(e));
    } finally {
      setBusy(null);
      setJobId(null);
      setProgress(null);
    }
  };

  const stop = () => {
    if (jobId) api['job:cancel']({ jobId }).catch((e: unknown) => setError(toProblem(e)));
  };

  const canPreview = (panelFile !== null && id !== '' && time !== '') || (geoFiles.length > 0 && key !== '');
  const panelIncomplete = panelFile !== null && (id === '' || time === '');
  const geoIncomplete = geoFiles.length > 0 && key === '';
  const canCommit = report !== null && report.errors.length === 0 && busy === null && !done;

  return (
    <Modal
      title={t('import.title')}
      wide
      onClose={onClose}
      footer={
        <>
          {busy !== null && (
            <button type="button" onClick={stop} disabled={!jobId}>
              {t('import.stop')}
            </button>
          )}
          <button type="button" onClick={onClose}>
            {done ? t('common.close') : t('common.cancel')}
          </button>
          <button type="button" disabled={!canPreview || panelIncomplete || geoIncomplete || busy !== null} onClick={preview}>
            {busy === 'preview' ? t('import.checking') : t('import.preview')}
          </button>
          <button type="button" className="primary" disabled={!canCommit} onClick={commit} title={report && report.errors.length ? t('import.fixFirst') : undefined}>
            {busy === 'commit' ? t('import.importing') : t('import.commit')}
          </button>
        </>
      }
    >
      <div className="import-columns">
        <fieldset>
          <legend>{t('import.panel')}</legend>
          <FilePicker accept=".csv,.txt,.xlsx" label={t('import.panelFile')} showNames={false} onChange={(e) => void choosePanel(e.target.files?.[0] ?? null)} />
          <div className="muted small">{panelFile ? `${panelFile.name} · ${formatBytes(panelFile.size)}` : t('common.noFile')}</div>
          <div className="form-grid">
            <ColumnInput id="imp-id" label={t('import.idColumn')} value={id} options={columns} onChange={setId} />
            {format === 'wide' ? (
              <>
                <label htmlFor="imp-time">{t('import.periodName')}</label>
                <input id="imp-time" value={time} onChange={(e) => setTime(e.target.value)} placeholder="year" />
              </>
            ) : (
              <ColumnInput id="imp-time" label={t('import.timeColumn')} value={time} options={columns} onChange={setTime} />
            )}
            <label htmlFor="imp-format">{t('import.layout')}</label>
            <select id="imp-format" value={format} onChange={(e) => setFormat(e.target.value as 'auto' | 'long' | 'wide')}>
              <option value="auto">{t('import.detect')}</option>
              <option value="long">{t('import.long')}</option>
              <option value="wide">{t('import.wide')}</option>
            </select>
            {format !== 'long' && (
              <>
                <label htmlFor="imp-value">{t('import.valueName')}</label>
                <input id="imp-value" value={valueName} onChange={(e) => setValueName(e.target.value)} placeholder={t('import.valueNamePlaceholder')} />
              </>
            )}
            <label htmlFor="imp-interp">{t('import.missing')}</label>
            <label className="inline">
              <input id="imp-interp" type="checkbox" checked={interpolate} onChange={(e) => setInterpolate(e.target.checked)} /> {t('import.interpolate')}
            </label>
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('import.boundaries')}</legend>
          <FilePicker multiple accept=".geojson,.json,.shp,.dbf,.prj,.cpg,.shx,.zip" label={t('import.boundaryFiles')} showNames={false} onChange={(e) => void chooseGeometry(e.target.files)} />
          <div className="muted small">{geoFiles.length > 0 ? geoFiles.map((f) => f.name).join(t('common.listSeparator')) : t('common.noFile')}</div>
          <div className="form-grid">
            <ColumnInput id="imp-key" label={t('import.keyField')} value={key} options={fields} onChange={setKey} />
            <label htmlFor="imp-layer">{t('import.layerName')}</label>
            <input id="imp-layer" value={layer} onChange={(e) => setLayer(e.target.value)} placeholder="regions" />
          </div>
        </fieldset>
      </div>
      {busy !== null && progress && progress.total > 0 && (
        <div className="import-progress" data-testid="import-progress">
          <progress max={progress.total} value={progress.done} />
          <span className="muted small"> {t('import.progress', { done: formatCount(progress.done), total: formatCount(progress.total) })}</span>
        </div>
      )}
      <ErrorBanner error={error} />
      {done && <div className="ok-line">{t('import.done')}</div>}
      {report && <ImportReport report={report} />}
    </Modal>
  );
}
