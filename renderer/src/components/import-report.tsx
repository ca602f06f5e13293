/** The import check's findings: errors (block the commit), warnings and counts. */
import type { ImportReport as Report } from '../../../src/contract';

/** Props of the report. */
export interface ImportReportProps {
  readonly report: Report;
}

type Issue = Report['errors'][number];

function detailText(details: Record<string, unknown> | undefined): string | null {
  if (!details) return null;
  const parts: string[] = [];
  for (const key of ['file', 'column', 'rows', 'row', 'regions', 'region', 'ids', 'suggestions', 'periods']) {
    const v = details[key];
    if (v === undefined || v === null) continue;
    const text = Array.isArray(v) ? v.slice(0, 12).join(', ') + (v.length > 12 ? ` … (${v.length})` : '') : String(v);
    parts.push(`${key}: ${text}`);
  }
  return parts.length ? parts.join(' · ') : null;
}

function IssueList({ title, issues, kind }: { title: string; issues: readonly Issue[]; kind: 'error' | 'warning' }) {
  if (issues.length === 0) return null;
  return (
    <div className={`issue-list ${kind}`}>
      <h4>
        {title} ({issues.length})
      </h4>
      <ul>
        {issues.map((i, n) => (
          <li key={n}>
            <div>{i.message}</div>
            {detailText(i.details) && <div className="muted small">{detailText(i.details)}</div>}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** `counts.newRegions` → `New regions`; `panel.idColumn` → `Panel: id column`. */
function humanize(key: string): string {
  const parts = key.split('.');
  const words = (t: string) => t.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  const last = words(parts[parts.length - 1]);
  const head = parts.length > 1 && parts[0] !== 'counts' ? `${words(parts[0])}: ` : '';
  const text = head + last;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function Counts({ report }: ImportReportProps) {
  const entries: [string, string][] = [];
  const walk = (prefix: string, obj: Record<string, unknown>, depth: number) => {
    for (const [k, v] of Object.entries(obj)) {
      if (k === 'errors' || k === 'warnings') continue;
      if (typeof v === 'number' || typeof v === 'boolean' || (typeof v === 'string' && v.length < 80)) entries.push([prefix + k, String(v)]);
      else if (Array.isArray(v) && v.length > 0 && v.length <= 20 && v.every((x) => typeof x === 'string' || typeof x === 'number')) entries.push([prefix + k, v.join(', ')]);
      else if (v && typeof v === 'object' && !Array.isArray(v) && depth < 1) walk(`${prefix}${k}.`, v as Record<string, unknown>, depth + 1);
    }
  };
  walk('', report, 0);
  if (entries.length === 0) return null;
  return (
    <dl className="counts">
      {entries.slice(0, 24).map(([k, v]) => (
        <div key={k}>
          <dt>{humanize(k)}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The preview shown in the Import dialog. */
export function ImportReport({ report }: ImportReportProps) {
  return (
    <div className="import-report" data-testid="import-report">
      {report.errors.length === 0 ? (
        <div className="ok-line">No errors: the data can be imported.</div>
      ) : (
        <div className="err-line">Fix the errors below before importing; nothing has been written.</div>
      )}
      <IssueList title="Errors" issues={report.errors} kind="error" />
      <IssueList title="Warnings" issues={report.warnings} kind="warning" />
      <Counts report={report} />
    </div>
  );
}
