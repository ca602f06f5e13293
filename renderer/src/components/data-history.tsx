/** The Data tab's edit history: every logged cell edit and variable deletion, newest first, each undoable while it stands. */
import { useTranslation } from 'react-i18next';
import type { DataEdit, ProjectSummary } from '../../../src/contract';
import { useLabels, type Labels } from '../i18n/labels';
import { formatCell } from '../lib/data-cell';
import { formatCount, formatDate } from '../lib/format';

/** One edit in words ("gsp · Alabama 1970: 28,418 → 30,000", "Deleted gsp, lgsp (1,632 values)", "Recomputed lgsp (816 values before)"). */
export function describeEdit(e: DataEdit, t: (key: string, o?: Record<string, unknown>) => string, labels: Labels, project: ProjectSummary, lang: string): string {
  if (e.kind !== 'cell') {
    const count = formatCount(e.deleted.reduce((s, d) => s + d.cells, 0), lang);
    const list = e.deleted.map((d) => d.name).join(t('common.listSeparator'));
    return t(e.kind === 'recompute' ? 'dataTable.historyRecompute' : 'dataTable.historyDelete', { list, count });
  }
  const region = project.regions.find((r) => r.code === e.region);
  const show = (v: number | null) => (v === null ? t('dataTable.missingCell') : formatCell(v, lang));
  return t('dataTable.historyCell', {
    variable: e.variable, region: labels.regionName(region, e.region ?? ''), period: e.period, from: show(e.oldValue), to: show(e.newValue),
  });
}

/** Props of the history list. */
export interface DataHistoryProps {
  readonly project: ProjectSummary;
  readonly edits: readonly DataEdit[];
  readonly busy: boolean;
  readonly onUndo: (id: number) => void;
}

/** The edit log as a list. */
export function DataHistory({ project, edits, busy, onUndo }: DataHistoryProps) {
  const { t, i18n } = useTranslation();
  const labels = useLabels(project);
  const tr = t as unknown as (key: string, o?: Record<string, unknown>) => string;
  return (
    <section className="data-history" aria-labelledby="data-history-title">
      <h3 id="data-history-title">{t('dataTable.history')}</h3>
      {edits.length === 0 ? (
        <p className="muted small">{t('dataTable.historyEmpty')}</p>
      ) : (
        <ol data-testid="data-history">
          {edits.map((e) => (
            <li key={e.id} className={e.undoneAt ? 'undone' : undefined}>
              <span className="muted small">#{e.id} · {formatDate(e.createdAt, i18n.language)}</span>
              <span className="edit-text">{describeEdit(e, tr, labels, project, i18n.language)}</span>
              {e.undoneAt ? (
                <span className="tag">{t('dataTable.historyUndone')}</span>
              ) : (
                <button type="button" className="link" disabled={busy} onClick={() => onUndo(e.id)}>{t('dataTable.undoThis', { id: e.id })}</button>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
