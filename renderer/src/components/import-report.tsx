/** The import check's findings: errors (block the commit), warnings and counts. */
import type { i18n as I18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ImportReport as Report } from '../../../src/contract';
import { isFallback, useProblemText } from '../i18n/problem';

/** Props of the report. */
export interface ImportReportProps {
  readonly report: Report;
}

type Issue = Report['errors'][number];

/** The `details` values listed under an issue, in this order; each name is `importReport.detail.<key>`. */
const DETAIL_KEYS = ['file', 'column', 'rows', 'row', 'regions', 'region', 'ids', 'suggestions', 'periods'] as const;

/** A catalogue string for a dynamic key (a path of the report), or null when the catalogue has none. */
function lookup(i18n: I18n, key: string): string | null {
  const v: unknown = i18n.getResource(i18n.language, 'translation', key);
  return typeof v === 'string' ? v : null;
}

function DetailLine({ details }: { details: Record<string, unknown> | undefined }) {
  const { t } = useTranslation();
  if (!details) return null;
  const sep = t('common.listSeparator');
  const parts: string[] = [];
  for (const key of DETAIL_KEYS) {
    const v = details[key];
    if (v === undefined || v === null) continue;
    const text = Array.isArray(v) ? v.slice(0, 12).join(sep) + (v.length > 12 ? t('importReport.more', { count: v.length }) : '') : String(v);
    parts.push(`${t(`importReport.detail.${key}`)}: ${text}`);
  }
  return parts.length ? <div className="muted small">{parts.join(' · ')}</div> : null;
}

function IssueList({ title, issues, kind }: { title: string; issues: readonly Issue[]; kind: 'error' | 'warning' }) {
  const text = useProblemText();
  const { i18n } = useTranslation();
  if (issues.length === 0) return null;
  return (
    <div className={`issue-list ${kind}`}>
      <h4>
        {title} ({issues.length})
      </h4>
      <ul>
        {issues.map((i, n) => (
          <li key={n} data-code={i.code}>
            <div data-service-text={isFallback(i18n, { code: i.code, message: i.message, details: i.details ?? {} }) || undefined}>
              {text({ code: i.code, message: i.message, details: i.details ?? {} })}
            </div>
            <DetailLine details={i.details} />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** `counts.newRegions` → `New regions`; `panel.idColumn` → `Panel: id column` (for keys the catalogue lacks). */
function humanize(key: string): string {
  const parts = key.split('.');
  const words = (t: string) => t.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  const last = words(parts[parts.length - 1]);
  const head = parts.length > 1 && parts[0] !== 'counts' ? `${words(parts[0])}: ` : '';
  const text = head + last;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function Counts({ report }: ImportReportProps) {
  const { t, i18n } = useTranslation();
  const sep = t('common.listSeparator');
  const value = (v: string | number | boolean) => lookup(i18n, `importReport.values.${String(v)}`) ?? String(v);
  const entries: [string, string][] = [];
  const walk = (prefix: string, obj: Record<string, unknown>, depth: number) => {
    for (const [k, v] of Object.entries(obj)) {
      if (k === 'errors' || k === 'warnings') continue;
      if (typeof v === 'number' || typeof v === 'boolean' || (typeof v === 'string' && v.length < 80)) entries.push([prefix + k, value(v)]);
      else if (Array.isArray(v) && v.length > 0 && v.length <= 20 && v.every((x) => typeof x === 'string' || typeof x === 'number')) entries.push([prefix + k, v.join(sep)]);
      else if (v && typeof v === 'object' && !Array.isArray(v) && depth < 1) walk(`${prefix}${k}.`, v as Record<string, unknown>, depth + 1);
    }
  };
  walk('', report, 0);
  if (entries.length === 0) return null;
  return (
    <dl className="counts">
      {entries.slice(0, 24).map(([k, v]) => (
        <div key={k}>
          <dt>{lookup(i18n, `importReport.fields.${k}`) ?? humanize(k)}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The preview shown in the Import dialog. */
export function ImportReport({ report }: ImportReportProps) {
  const { t } = useTranslation();
  return (
    <div className="import-report" data-testid="import-report">
      {report.errors.length === 0 ? (
        <div className="ok-line">{t('importReport.ok')}</div>
      ) : (
        <div className="err-line">{t('importReport.blocked')}</div>
      )}
      <IssueList title={t('importReport.errors')} issues={report.errors} kind="error" />
      <IssueList title={t('importReport.warnings')} issues={report.warnings} kind="warning" />
      <Counts report={report} />
    </div>
  );
}
