/**
 * The Import dialog: a panel file (CSV/XLSX, long or wide) and/or boundary files (GeoJSON, or
 * a shapefile's .shp/.dbf/.prj/.cpg, or a .zip). Choosing a file uploads it and lists what it
 * holds (`import:inspect`: columns, sheets, wide year headers, fields, the layer name), or says
 * at once why it cannot be read. Preview checks everything and writes nothing, and the dialog
 * says why Preview is disabled whenever it is; Commit stays disabled until a preview of the
 * current choices shows no errors. Ids that match no region can be given a suggested name or
 * a picked region; those names travel with the request and are kept in the project. Preview and
 * commit run as background jobs (`import-preview` / `import-commit`) that can be stopped.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportInspection as Inspection, ImportReport as Report, ImportRequestPayload } from '../../../src/contract';
import { api } from '../api';
import { toProblem, type Problem } from '../i18n/problem';
import { formatBytes, formatCount } from '../lib/format';
import { runJob } from '../lib/jobs';
import { forgetUpload, toUpload } from '../lib/files';
import { ErrorBanner } from './error-banner';
import { FilePicker } from './file-picker';
import { ImportReport } from './import-report';
import { Modal } from './modal';

/** Props of the dialog. */
export interface ImportDialogProps {
  readonly onClose: () => void;
  /** Called after a commit with the variables it wrote (the app shows the new data). */
  readonly onImported: (written: { readonly variables: readonly string[] }) => void;
}

function ColumnInput(props: { id: string; label: string; value: string; options: readonly string[]; onChange: (v: string) => void; none?: string }) {
  return (
    <>
      <label htmlFor={props.id}>{props.label}</label>
      {props.options.length > 0 ? (
        <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
          <option value="">{props.none ?? '—'}</option>
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

/** Modal for importing data into the open project. */
export function ImportDialog({ onClose, onImported }: ImportDialogProps) {
  const { t } = useTranslation();
  const [panelFile, setPanelFile] = useState<File | null>(null);
  const [panelInfo, setPanelInfo] = useState<Inspection['panel'] | null>(null);
  const [panelProblem, setPanelProblem] = useState<Problem | null>(null);
  const [readingPanel, setReadingPanel] = useState(false);
  const [sheet, setSheet] = useState('');
  const [id, setId] = useState('');
  const [time, setTime] = useState('');
  const [format, setFormat] = useState<'auto' | 'long' | 'wide'>('auto');
  const [valueName, setValueName] = useState('');
  const [interpolate, setInterpolate] = useState(false);
  const [geoFiles, setGeoFiles] = useState<File[]>([]);
  const [geoInfo, setGeoInfo] = useState<Inspection['geometry'] | null>(null);
  const [geoProblem, setGeoProblem] = useState<Problem | null>(null);
  const [readingGeo, setReadingGeo] = useState(false);
  const [key, setKey] = useState('');
  const [layer, setLayer] = useState('');
  const [nameZhField, setNameZhField] = useState('');
  const [nameEnField, setNameEnField] = useState('');
  const [groupField, setGroupField] = useState('');
  const [aliases, setAliases] = useState<Record<string, string>>({});
  const [report, setReport] = useState<Report | null>(null);
  const [choices, setChoices] = useState<NonNullable<Report['regionChoices']>>([]);
  const [busy, setBusy] = useState<'preview' | 'commit' | null>(null);
  const [error, setError] = useState<Problem | null>(null);
  const [done, setDone] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);

  // Any change of the choices invalidates the preview.
  useEffect(() => {
    setReport(null);
    setDone(false);
  }, [panelFile, sheet, id, time, format, valueName, interpolate, geoFiles, key, layer, nameZhField, nameEnField, groupField, aliases]);

  const inspectPanel = async (f: File, sheetName?: string) => {
    setReadingPanel(true);
    setPanelProblem(null);
    try {
      const r = await api['import:inspect']({ panel: { source: await toUpload(f), ...(sheetName ? { sheet: sheetName } : {}) } });
      const info = r.panel ?? null;
      setPanelInfo(info);
      setPanelProblem(r.errors[0] ? { code: r.errors[0].code, message: r.errors[0].message, details: r.errors[0].details } : null);
      if (info) {
        const cols = info.columns;
        setId((v) => (v !== '' && cols.includes(v) ? v : (info.idGuess ?? '')));
        setTime((v) => {
          if (info.format === 'wide') return v !== '' && !cols.includes(v) ? v : 'year';
          return v !== '' && cols.includes(v) ? v : (info.timeGuess ?? '');
        });
      }
    } catch (e) {
      setPanelInfo(null);
      setPanelProblem(toProblem(e));
    } finally {
      setReadingPanel(false);
    }
  };

  const choosePanel = async (f: File | null) => {
    setPanelFile(f);
    setPanelInfo(null);
    setPanelProblem(null);
    setSheet('');
    setAliases({});
    if (f) await inspectPanel(f);
  };
  const chooseSheet = async (name: string) => {
    setSheet(name);
    if (panelFile) await inspectPanel(panelFile, name);
  };
  const chooseGeometry = async (list: FileList | null) => {
    const files = list ? [...list] : [];
    setGeoFiles(files);
    setGeoInfo(null);
    setGeoProblem(null);
    if (files.length === 0) return;
    setReadingGeo(true);
    try {
      const r = await api['import:inspect']({ geometry: { sources: await Promise.all(files.map(toUpload)) } });
      setGeoInfo(r.geometry ?? null);
      setGeoProblem(r.errors[0] ? { code: r.errors[0].code, message: r.errors[0].message, details: r.errors[0].details } : null);
      const fields = r.geometry?.fields ?? [];
      setKey((v) => (fields.includes(v) ? v : ''));
      for (const set of [setNameZhField, setNameEnField, setGroupField]) set((v) => (fields.includes(v) ? v : ''));
    } catch (e) {
      setGeoProblem(toProblem(e));
    } finally {
      setReadingGeo(false);
    }
  };

  const buildRequest = async (): Promise<ImportRequestPayload> => {
    const req: ImportRequestPayload = {};
    if (panelFile) {
      req.panel = {
        source: await toUpload(panelFile),
        id,
        time,
        format,
        ...(sheet ? { sheet } : {}),
        ...(valueName.trim() ? { valueName: valueName.trim() } : {}),
        interpolate: interpolate ? 'linear' : 'none',
        ...(Object.keys(aliases).length ? { aliases } : {}),
      };
    }
    if (geoFiles.length) {
      req.geometry = {
        sources: await Promise.all(geoFiles.map(toUpload)),
        key,
        ...(layer.trim() ? { layer: layer.trim() } : {}),
        ...(nameZhField ? { nameZhField } : {}),
        ...(nameEnField ? { nameEnField } : {}),
        ...(groupField ? { groupField } : {}),
      };
    }
    return req;
  };

  const preview = async () => {
    setBusy('preview');
    setError(null);
    try {
      const r = await runJob('import-preview', await buildRequest(), { onJob: setJobId, onProgress: setProgress, failed: 'import-failed', cancelled: 'import-cancelled' });
      setReport(r);
      if (r.regionChoices) setChoices(r.regionChoices);
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
      const r = await runJob('import-commit', await buildRequest(), { onJob: setJobId, onProgress: setProgress, failed: 'import-failed', cancelled: 'import-cancelled' });
      // The main side removed the uploads once written: a later import sends the files again.
      for (const f of [...(panelFile ? [panelFile] : []), ...geoFiles]) forgetUpload(f);
      setDone(true);
      onImported({ variables: r.writtenVariables });
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

  const columns = panelInfo?.columns ?? [];
  const fields = geoInfo?.fields ?? [];
  const wide = format === 'wide' || (format === 'auto' && panelInfo?.format === 'wide');

  /** Why Preview is disabled (null when it is not): always said, never a silent grey button. */
  const whyNot = (): string | null => {
    if (!panelFile && geoFiles.length === 0) return t('importDialog.why.noFile');
    if (panelFile) {
      const file = panelFile.name;
      if (readingPanel) return t('importDialog.why.reading', { file });
      if (panelProblem) return t('importDialog.why.unreadable', { file });
      if (id === '') return t('importDialog.why.id', { file });
      if (time === '') return t(wide ? 'importDialog.why.period' : 'importDialog.why.time', { file });
    }
    if (geoFiles.length > 0) {
      const file = geoFiles.map((f) => f.name).join(t('common.listSeparator'));
      if (readingGeo) return t('importDialog.why.reading', { file });
      if (geoProblem) return t('importDialog.why.unreadable', { file });
      if (key === '') return t('importDialog.why.key', { file });
    }
    return null;
  };
  const blocked = whyNot();
  const canCommit = report !== null && report.errors.length === 0 && busy === null && !done;

  const nameOfCode = (code: string) => {
    const c = choices.find((x) => x.code === code);
    return c?.name ? `${c.name} (${code})` : code;
  };
  const accept = (pairs: readonly (readonly [string, string])[]) => setAliases((a) => ({ ...a, ...Object.fromEntries(pairs) }));
  const forget = (alias: string) =>
    setAliases((a) => {
      const next = { ...a };
      delete next[alias];
      return next;
    });
  const chosen = Object.entries(aliases);

  const wideLine = () => {
    const w = panelInfo?.wide;
    if (!wide || !w) return null;
    const vars = w.variables.map((v) => (v === '' ? t('importDialog.ownName') : v)).join(t('common.listSeparator'));
    return (
      <div className="muted small" data-testid="import-wide">
        {t('importDialog.wideDetected', { columns: formatCount(w.columns), first: w.years[0], last: w.years[w.years.length - 1], variables: vars })}
      </div>
    );
  };

  return (
    <Modal
      title={t('import.title')}
      wide
      onClose={onClose}
      footer={
        <>
          {blocked !== null && busy === null && (
            <span className="muted small import-why" data-testid="import-why" role="status">
              {blocked}
            </span>
          )}
          {busy !== null && (
            <button type="button" onClick={stop} disabled={!jobId}>
              {t('import.stop')}
            </button>
          )}
          <button type="button" onClick={onClose}>
            {done ? t('common.close') : t('common.cancel')}
          </button>
          <button type="button" disabled={blocked !== null || busy !== null} onClick={preview} title={blocked ?? undefined}>
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
          <ErrorBanner error={panelProblem} />
          <div className="form-grid">
            {panelInfo && panelInfo.sheets.length > 1 && (
              <>
                <label htmlFor="imp-sheet">{t('importDialog.sheet')}</label>
                <select id="imp-sheet" value={sheet || panelInfo.sheets[0]} onChange={(e) => void chooseSheet(e.target.value)}>
                  {panelInfo.sheets.map((s) => (
                    <option key={s} value={s}>
                      {s}
                    </option>
                  ))}
                </select>
              </>
            )}
            <ColumnInput id="imp-id" label={t('import.idColumn')} value={id} options={columns} onChange={setId} />
            {wide ? (
              <>
                <label htmlFor="imp-time">{t('import.periodName')}</label>
                <input id="imp-time" value={time} onChange={(e) => setTime(e.target.value)} placeholder="year" />
              </>
            ) : (
              <ColumnInput id="imp-time" label={t('import.timeColumn')} value={time} options={columns} onChange={setTime} />
            )}
            <label htmlFor="imp-format">{t('import.layout')}</label>
            <select
              id="imp-format"
              value={format}
              onChange={(e) => {
                const f = e.target.value as 'auto' | 'long' | 'wide';
                setFormat(f);
                // The time field changes meaning: a column (long) or the period's name (wide).
                const nowWide = f === 'wide' || (f === 'auto' && panelInfo?.format === 'wide');
                setTime(nowWide ? (columns.includes(time) || time === '' ? 'year' : time) : columns.includes(time) ? time : (panelInfo?.timeGuess ?? ''));
              }}
            >
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
          {wideLine()}
        </fieldset>
        <fieldset>
          <legend>{t('import.boundaries')}</legend>
          <FilePicker multiple accept=".geojson,.json,.shp,.dbf,.prj,.cpg,.shx,.zip" label={t('import.boundaryFiles')} showNames={false} onChange={(e) => void chooseGeometry(e.target.files)} />
          <div className="muted small">{geoFiles.length > 0 ? geoFiles.map((f) => f.name).join(t('common.listSeparator')) : t('common.noFile')}</div>
          <ErrorBanner error={geoProblem} />
          <div className="form-grid">
            <ColumnInput id="imp-key" label={t('import.keyField')} value={key} options={fields} onChange={setKey} />
            <ColumnInput id="imp-name-zh" label={t('importDialog.nameZhField')} value={nameZhField} options={fields} onChange={setNameZhField} none={t('importDialog.noField')} />
            <ColumnInput id="imp-name-en" label={t('importDialog.nameEnField')} value={nameEnField} options={fields} onChange={setNameEnField} none={t('importDialog.noField')} />
            <ColumnInput id="imp-group" label={t('importDialog.groupField')} value={groupField} options={fields} onChange={setGroupField} none={t('importDialog.noField')} />
            <label htmlFor="imp-layer">{t('import.layerName')}</label>
            <input id="imp-layer" value={layer} onChange={(e) => setLayer(e.target.value)} placeholder={geoInfo?.layer ?? (geoFiles[0] ? geoFiles[0].name.replace(/\.[^.]+$/, '') : '')} />
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
      {chosen.length > 0 && (
        <div className="import-aliases" data-testid="import-aliases">
          <h4>{t('importDialog.chosenTitle', { count: chosen.length })}</h4>
          <ul>
            {chosen.map(([alias, code]) => (
              <li key={alias}>
                {t('importDialog.chosen', { id: alias, name: nameOfCode(code) })}{' '}
                <button type="button" className="link" onClick={() => forget(alias)}>
                  {t('importDialog.forget')}
                </button>
              </li>
            ))}
          </ul>
          {report === null && <div className="muted small">{t('importDialog.previewAgain')}</div>}
        </div>
      )}
      {report && <ImportReport report={report} choices={choices} onAccept={accept} />}
    </Modal>
  );
}
