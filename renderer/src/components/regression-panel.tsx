/**
 * The Regression tab: the model builder on the left; on the right the publication table of
 * the last run with an SE/t toggle, export buttons (.docx, .xlsx, .tex, .csv) and
 * "Copy as HTML" for pasting into Word/WPS. Errors (collinear or constant regressors, …) are
 * shown as the service's plain sentence.
 */
import { useState } from 'react';
import type { ProjectSummary, RegressionRequest, ResponseOf } from '../../../src/contract';
import { api, errorText } from '../api';
import { base64Bytes, copyHtml, saveDownload } from '../lib/download';
import { ErrorBanner } from './error-banner';
import { RegressionBuilder } from './regression-builder';
import { RegressionCompare } from './regression-compare';
import { RegressionTableViewer } from './regression-table-view';
import './regression-panel.css';

/** Props of the tab. */
export interface RegressionPanelProps {
  readonly project: ProjectSummary;
}

type RunResult = ResponseOf<'regression:run'>;
type FileFormat = 'docx' | 'xlsx' | 'tex' | 'csv';

/** Tab-separated text of the table (the clipboard's plain-text fallback). */
function tableText(r: RunResult): string {
  const t = r.table;
  const rows: string[][] = [['', ...t.columnTitles]];
  for (const c of t.coefficients) {
    rows.push([c.label, ...c.estimates.map((e) => e?.text ?? '')]);
    rows.push(['', ...c.parens.map((p) => p?.text ?? '')]);
  }
  for (const f of t.footer) rows.push([f.label, ...f.texts]);
  rows.push([t.notes]);
  return rows.map((r2) => r2.join('\t')).join('\n');
}

/** The Regression tab. */
export function RegressionPanel({ project }: RegressionPanelProps) {
  const [req, setReq] = useState<RegressionRequest | null>(null);
  const [result, setResult] = useState<RunResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);

  const run = async (next: RegressionRequest) => {
    setBusy(true);
    setError(null);
    setNote(null);
    try {
      const r = await api['regression:run'](next);
      setReq(next);
      setResult(r);
    } catch (e) {
      // The table on screen would belong to another specification: clear it with the error.
      setResult(null);
      setReq(null);
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const paren = req?.paren ?? 'se';
  const language = req?.language ?? 'en';
  const exportAs = async (format: FileFormat) => {
    if (!req) return;
    setBusy(true);
    setError(null);
    try {
      const d = await api['regression:export']({ ...req, format });
      saveDownload(d);
      setNote(`Saved ${d.fileName}.`);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const copy = async () => {
    if (!req || !result) return;
    setError(null);
    try {
      const d = await api['regression:export']({ ...req, format: 'html' });
      await copyHtml(new TextDecoder().decode(base64Bytes(d.dataBase64)), tableText(result));
      setNote('Copied the table as HTML: paste it into Word or WPS.');
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <div className="regression-tab" data-testid="regression-tab">
      <div className="regression-side">
        <RegressionBuilder project={project} busy={busy} onRun={(r) => void run({ ...r, paren, language })} />
      </div>
      <div className="regression-main">
        <div className="regression-toolbar">
          <div className="inline" role="group" aria-label="In parentheses">
            <span className="muted small">In parentheses:</span>
            <button type="button" className={paren === 'se' ? 'chip active' : 'chip'} disabled={!req || busy} onClick={() => req && void run({ ...req, paren: 'se' })}>SE</button>
            <button type="button" className={paren === 't' ? 'chip active' : 'chip'} disabled={!req || busy} onClick={() => req && void run({ ...req, paren: 't' })}>t</button>
            <span className="muted small">Labels:</span>
            <button type="button" className={language === 'en' ? 'chip active' : 'chip'} disabled={!req || busy} onClick={() => req && void run({ ...req, language: 'en' })}>English</button>
            <button type="button" className={language === 'zh' ? 'chip active' : 'chip'} disabled={!req || busy} onClick={() => req && void run({ ...req, language: 'zh' })}>中文</button>
          </div>
          <div className="inline">
            {(['docx', 'xlsx', 'tex', 'csv'] as const).map((f) => (
              <button key={f} type="button" disabled={!result || busy} onClick={() => void exportAs(f)}>.{f}</button>
            ))}
            <button type="button" disabled={!result || busy} onClick={() => void copy()}>Copy as HTML</button>
          </div>
        </div>
        <ErrorBanner message={error} onClose={() => setError(null)} />
        {note && <p className="ok-line small" role="status">{note}</p>}
        {busy && <p className="muted">Fitting…</p>}
        {!result && !busy && !error && <p className="muted">Choose y and the regressors, then run the regression.</p>}
        {result && (
          <div className="regression-result" aria-busy={busy}>
            <RegressionTableViewer table={result.table} />
            {result.warnings.length > 0 && (
              <ul className="regression-warnings muted small">
                {result.warnings.map((w) => <li key={w}>{w}</li>)}
              </ul>
            )}
            {result.runId !== null && <p className="muted small">Saved in the project as run #{result.runId}.</p>}
            {req && project.regionGroups.length > 1 && <RegressionCompare key={JSON.stringify(req)} spec={req} groups={project.regionGroups} />}
          </div>
        )}
      </div>
    </div>
  );
}
