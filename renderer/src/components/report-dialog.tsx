/**
 * The Report dialog (header): choose which saved regression runs and saved figures go into the
 * report, then download it as HTML (figures as inline SVG) or PDF — the same report as
 * `rwb report`, with every run's and figure's spec in an appendix so each number can be re-run.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../src/contract';
import { api } from '../api';
import { toProblem, type Problem } from '../i18n/problem';
import { saveDownload } from '../lib/download';
import { ErrorBanner } from './error-banner';
import { Modal } from './modal';

type Items = ResponseOf<'figure:reportItems'>;

/** Props of the dialog. */
export interface ReportDialogProps {
  readonly onClose: () => void;
}

/** Modal listing the report's possible contents with checkboxes. */
export function ReportDialog({ onClose }: ReportDialogProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('zh') ? 'zh' : 'en';
  const [items, setItems] = useState<Items | null>(null);
  const [runs, setRuns] = useState<Set<number>>(new Set());
  const [figures, setFigures] = useState<Set<number>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Problem | null>(null);

  useEffect(() => {
    let live = true;
    api['figure:reportItems']({ lang }).then((r) => {
      if (!live) return;
      setItems(r);
      setRuns(new Set(r.runs.map((x) => x.id)));
      setFigures(new Set(r.figures.map((x) => x.id)));
    }).catch((e: unknown) => live && setError(toProblem(e)));
    return () => { live = false; };
  }, [lang]);

  const toggle = (set: Set<number>, id: number, on: boolean) => {
    const next = new Set(set);
    if (on) next.add(id); else next.delete(id);
    return next;
  };
  const download = async (format: 'html' | 'pdf') => {
    setBusy(true);
    setError(null);
    try {
      saveDownload(await api['figure:report']({ format, lang, runs: [...runs], figures: [...figures] }));
    } catch (e) {
      setError(toProblem(e));
    } finally {
      setBusy(false);
    }
  };
  const empty = items !== null && items.runs.length === 0 && items.figures.length === 0;
  const nothing = runs.size === 0 && figures.size === 0;
  return (
    <Modal
      title={t('report.title')}
      onClose={onClose}
      footer={
        <>
          <button type="button" disabled={busy || nothing} onClick={() => void download('html')} data-testid="report-html">{t('report.html')}</button>
          <button type="button" disabled={busy || nothing} onClick={() => void download('pdf')} data-testid="report-pdf">{t('report.pdf')}</button>
          <button type="button" onClick={onClose}>{t('common.close')}</button>
        </>
      }
    >
      <div data-testid="report-dialog">
        <p className="muted small">{t('report.intro')}</p>
        <ErrorBanner error={error} onClose={() => setError(null)} />
        {items === null && !error && <p className="muted">{t('report.loading')}</p>}
        {empty && <p className="muted">{t('report.empty')}</p>}
        {items && items.runs.length > 0 && (
          <fieldset className="report-items">
            <legend>{t('report.runs')}</legend>
            {items.runs.map((r) => (
              <label key={r.id} className="small">
                <input type="checkbox" checked={runs.has(r.id)} onChange={(e) => setRuns(toggle(runs, r.id, e.target.checked))} />
                {' '}{r.heading} <span className="muted">{r.createdAt}</span>
              </label>
            ))}
          </fieldset>
        )}
        {items && items.figures.length > 0 && (
          <fieldset className="report-items">
            <legend>{t('report.figures')}</legend>
            {items.figures.map((f) => (
              <label key={f.id} className="small">
                <input type="checkbox" checked={figures.has(f.id)} onChange={(e) => setFigures(toggle(figures, f.id, e.target.checked))} />
                {' '}{f.name} <span className="muted">({t(f.figure.kind === 'map' ? 'report.kindMap' : 'report.kindChart')})</span>
              </label>
            ))}
          </fieldset>
        )}
      </div>
    </Modal>
  );
}
