/**
 * The Regression tab: the model builder on the left; on the right the publication table of
 * the last run with an SE/t toggle, export buttons (.docx, .xlsx, .tex, .csv) and
 * "Copy as HTML" for pasting into Word/WPS. Errors (collinear or constant regressors, …) are
 * shown as the service's plain sentence, in the UI language when the catalogue has its code.
 *
 * The table's labels (made by the service in English or Chinese) follow the UI language until
 * the user picks a table language with the English / 中文 toggle: that choice is kept, so a
 * Chinese UI can export an English table (and the other way round).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProjectSummary, RegressionRequest, ResponseOf } from '../../../src/contract';
import { api } from '../api';
import { toProblem, type Problem } from '../i18n/problem';
import { base64Bytes, copyHtml, saveDownload } from '../lib/download';
import { useLabels } from '../i18n/labels';
import { ErrorBanner } from './error-banner';
import { ServiceText } from './service-text';
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
type TableLanguage = NonNullable<RegressionRequest['language']>;

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
  const { t, i18n } = useTranslation();
  const labels = useLabels(project);
  /** A by-group column's note names its column (`details.group`, null = full sample) in the UI language. */
  const localColumn = (w: Problem): Problem => (w.code === 'regression-in-column'
    ? { ...w, details: { ...w.details, column: typeof w.details.group === 'string' ? labels.group(w.details.group) : t('regression.fullSample') } }
    : w);
  const [req, setReq] = useState<RegressionRequest | null>(null);
  /** The table language the user chose, or null to follow the UI language. */
  const [tableLanguage, setTableLanguage] = useState<TableLanguage | null>(null);
  const [result, setResult] = useState<RunResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Problem | null>(null);
  const [note, setNote] = useState<{ key: 'saved'; file: string } | { key: 'copied' } | null>(null);

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
      setError(toProblem(e));
    } finally {
      setBusy(false);
    }
  };

  const paren = req?.paren ?? 'se';
  const uiTableLanguage: TableLanguage = i18n.language.startsWith('zh') ? 'zh' : 'en';
  const language: TableLanguage = tableLanguage ?? uiTableLanguage;
  const chooseLanguage = (l: TableLanguage) => {
    setTableLanguage(l);
    if (req) void run({ ...req, language: l });
  };
  // Following the UI language: re-make the table on screen when the UI language changes.
  useEffect(() => {
    if (tableLanguage === null && req && !busy && (req.language ?? 'en') !== uiTableLanguage) void run({ ...req, language: uiTableLanguage });
  }, [uiTableLanguage]);
  const exportAs = async (format: FileFormat) => {
    if (!req) return;
    setBusy(true);
    setError(null);
    try {
      const d = await api['regression:export']({ ...req, format });
      saveDownload(d);
      setNote({ key: 'saved', file: d.fileName });
    } catch (e) {
      setError(toProblem(e));
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
      setNote({ key: 'copied' });
    } catch (e) {
      setError(toProblem(e));
    }
  };

  return (
    <div className="regression-tab" data-testid="regression-tab">
      <div className="regression-side">
        <RegressionBuilder project={project} busy={busy} onRun={(r) => void run({ ...r, paren, language })} />
      </div>
      <div className="regression-main">
        <div className="regression-toolbar">
          <div className="inline" role="group" aria-label={t('regression.inParentheses')}>
            <span className="muted small">{t('regression.inParenthesesLabel')}</span>
            <button type="button" className={paren === 'se' ? 'chip active' : 'chip'} disabled={!req || busy} onClick={() => req && void run({ ...req, paren: 'se' })}>{t('regression.seShort')}</button>
            <button type="button" className={paren === 't' ? 'chip active' : 'chip'} disabled={!req || busy} onClick={() => req && void run({ ...req, paren: 't' })}>{t('regression.tShort')}</button>
          </div>
          <div className="inline" role="group" aria-label={t('regression.tableLanguageGroup')}>
            <span className="muted small">{t('regression.tableLanguage')}</span>
            <button type="button" lang="en" className={language === 'en' ? 'chip active' : 'chip'} disabled={busy} onClick={() => chooseLanguage('en')}>English</button>
            <button type="button" lang="zh-CN" className={language === 'zh' ? 'chip active' : 'chip'} disabled={busy} onClick={() => chooseLanguage('zh')}>中文</button>
          </div>
          <div className="inline">
            {(['docx', 'xlsx', 'tex', 'csv'] as const).map((f) => (
              <button key={f} type="button" disabled={!result || busy} onClick={() => void exportAs(f)}>.{f}</button>
            ))}
            <button type="button" disabled={!result || busy} onClick={() => void copy()}>{t('regression.copyHtml')}</button>
          </div>
        </div>
        <ErrorBanner error={error} onClose={() => setError(null)} />
        {note && <p className="ok-line small" role="status">{note.key === 'saved' ? t('regression.saved', { file: note.file }) : t('regression.copied')}</p>}
        {busy && <p className="muted">{t('regression.fitting')}</p>}
        {!result && !busy && !error && <p className="muted">{t('regression.empty')}</p>}
        {result && (
          <div className="regression-result" aria-busy={busy}>
            <RegressionTableViewer table={result.table} language={req?.language ?? 'en'} />
            {result.warnings.length > 0 && (
              <ul className="regression-warnings muted small">
                {result.warningItems.map((w) => <li key={w.message}><ServiceText item={localColumn(w)} /></li>)}
              </ul>
            )}
            {result.runId !== null && <p className="muted small">{t('regression.savedRun', { id: result.runId })}</p>}
            {req && project.regionGroups.length > 1 && <RegressionCompare key={JSON.stringify(req)} spec={req} groups={project.regionGroups} groupLabel={labels.group} orderGroups={labels.orderGroups} />}
          </div>
        )}
      </div>
    </div>
  );
}
