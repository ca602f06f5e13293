/**
 * The Import dialog: a panel file (CSV/XLSX, long or wide) and/or boundary files (GeoJSON, or
 * a shapefile's .shp/.dbf/.prj/.cpg, or a .zip). Preview checks everything and writes nothing;
 * Commit stays disabled until a preview of the current choices shows no errors.
 */
import { useEffect, useState } from 'react';
import type { ImportReport as Report, ImportRequestPayload } from '../../../src/contract';
import { api, errorText } from '../api';
import { geometryFields, panelColumns, toUpload } from '../lib/files';
import { formatBytes } from '../lib/format';
import { ErrorBanner } from './error-banner';
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

/** Modal for importing data into the open project. */
export function ImportDialog({ onClose, onImported }: ImportDialogProps) {
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
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  // Any change of the choices invalidates the preview.
  useEffect(() => {
    setReport(null);
    setDone(null);
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
      setReport(await api['import:preview'](await buildRequest()));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  };

  const commit = async () => {
    setBusy('commit');
    setError(null);
    try {
      await api['import:commit'](await buildRequest());
      setDone('Imported. The project has been updated.');
      onImported();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  };

  const canPreview = (panelFile !== null && id !== '' && time !== '') || (geoFiles.length > 0 && key !== '');
  const panelIncomplete = panelFile !== null && (id === '' || time === '');
  const geoIncomplete = geoFiles.length > 0 && key === '';
  const canCommit = report !== null && report.errors.length === 0 && busy === null && done === null;

  return (
    <Modal
      title="Import data"
      wide
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            {done ? 'Close' : 'Cancel'}
          </button>
          <button type="button" disabled={!canPreview || panelIncomplete || geoIncomplete || busy !== null} onClick={preview}>
            {busy === 'preview' ? 'Checking…' : 'Preview'}
          </button>
          <button type="button" className="primary" disabled={!canCommit} onClick={commit} title={report && report.errors.length ? 'Fix the errors first' : undefined}>
            {busy === 'commit' ? 'Importing…' : 'Commit'}
          </button>
        </>
      }
    >
      <div className="import-columns">
        <fieldset>
          <legend>Panel (CSV or XLSX)</legend>
          <input type="file" accept=".csv,.txt,.xlsx" aria-label="Panel file" onChange={(e) => choosePanel(e.target.files?.[0] ?? null)} />
          {panelFile && <div className="muted small">{panelFile.name} · {formatBytes(panelFile.size)}</div>}
          <div className="form-grid">
            <ColumnInput id="imp-id" label="Region id column" value={id} options={columns} onChange={setId} />
            {format === 'wide' ? (
              <>
                <label htmlFor="imp-time">Name of the period</label>
                <input id="imp-time" value={time} onChange={(e) => setTime(e.target.value)} placeholder="year" />
              </>
            ) : (
              <ColumnInput id="imp-time" label="Time column" value={time} options={columns} onChange={setTime} />
            )}
            <label htmlFor="imp-format">Layout</label>
            <select id="imp-format" value={format} onChange={(e) => setFormat(e.target.value as 'auto' | 'long' | 'wide')}>
              <option value="auto">Detect</option>
              <option value="long">Long: one row per region and period</option>
              <option value="wide">Wide: one column per year</option>
            </select>
            {format !== 'long' && (
              <>
                <label htmlFor="imp-value">Variable name (wide)</label>
                <input id="imp-value" value={valueName} onChange={(e) => setValueName(e.target.value)} placeholder="file name" />
              </>
            )}
            <label htmlFor="imp-interp">Missing values</label>
            <label className="inline">
              <input id="imp-interp" type="checkbox" checked={interpolate} onChange={(e) => setInterpolate(e.target.checked)} /> fill interior gaps by linear interpolation
            </label>
          </div>
        </fieldset>
        <fieldset>
          <legend>Boundaries (GeoJSON or shapefile)</legend>
          <input type="file" multiple accept=".geojson,.json,.shp,.dbf,.prj,.cpg,.shx,.zip" aria-label="Boundary files" onChange={(e) => chooseGeometry(e.target.files)} />
          {geoFiles.length > 0 && <div className="muted small">{geoFiles.map((f) => f.name).join(', ')}</div>}
          <div className="form-grid">
            <ColumnInput id="imp-key" label="Key field (region id)" value={key} options={fields} onChange={setKey} />
            <label htmlFor="imp-layer">Layer name</label>
            <input id="imp-layer" value={layer} onChange={(e) => setLayer(e.target.value)} placeholder="regions" />
          </div>
        </fieldset>
      </div>
      <ErrorBanner message={error} />
      {done && <div className="ok-line">{done}</div>}
      {report && <ImportReport report={report} />}
    </Modal>
  );
}
