/**
 * The import check's findings: errors (block the commit) with, for ids that match no region,
 * the suggested names to accept or a region to pick; warnings; and what would be written, in
 * plain sentences (every period and column listed, nothing cut).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportReport as Report } from '../../../src/contract';
import { isFallback, useProblemText } from '../i18n/problem';
import { formatCount } from '../lib/format';

/** A region the user may pick for an unmatched id. */
export interface RegionChoice {
  readonly code: string;
  readonly name: string | null;
}

/** Props of the report. */
export interface ImportReportProps {
  readonly report: Report;
  /** Regions to pick from for unmatched ids (the report's `regionChoices`). */
  readonly choices?: readonly RegionChoice[];
  /** Accept names: pairs of (id as written, region code). Without it no actions are shown. */
  readonly onAccept?: (pairs: readonly (readonly [string, string])[]) => void;
}

type Issue = Report['errors'][number];

/** The `details` values listed under an issue, in this order; each name is `importReport.detail.<key>`. */
const DETAIL_KEYS = ['file', 'column', 'rows', 'row', 'regions', 'region', 'ids', 'suggestions', 'periods'] as const;

function DetailLine({ details }: { details: Record<string, unknown> | undefined }) {
  const { t } = useTranslation();
  if (!details) return null;
  const sep = t('common.listSeparator');
  const parts: string[] = [];
  for (const key of DETAIL_KEYS) {
    const v = details[key];
    // Nothing to say, nothing shown: no empty "suggestions:" lines.
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    const text = Array.isArray(v) ? v.slice(0, 12).join(sep) + (v.length > 12 ? t('importReport.more', { count: v.length }) : '') : String(v);
    parts.push(`${t(`importReport.detail.${key}`)}: ${text}`);
  }
  return parts.length ? <div className="muted small">{parts.join(' · ')}</div> : null;
}

/** Accept a suggested name, or pick any region, for one unmatched id. */
function MatchActions({ issue, choices, onAccept }: { issue: Issue; choices: readonly RegionChoice[]; onAccept: NonNullable<ImportReportProps['onAccept']> }) {
  const { t } = useTranslation();
  const [picked, setPicked] = useState('');
  const id = String(issue.details.id ?? '');
  const names = (issue.details.suggestions as string[] | undefined) ?? [];
  const codes = (issue.details.suggestedCodes as string[] | undefined) ?? [];
  if (id === '') return null;
  const label = (c: RegionChoice) => (c.name ? `${c.name} (${c.code})` : c.code);
  return (
    <div className="import-match" data-testid="import-match" data-id={id}>
      {names.map((n, k) => (
        <button key={n} type="button" className="small" onClick={() => onAccept([[id, codes[k]]])}>
          {t('importDialog.accept', { name: n })}
        </button>
      ))}
      {choices.length > 0 && (
        <>
          <label className="small" htmlFor={`imp-pick-${id}`}>
            {t('importDialog.pick', { id })}
          </label>
          <select
            id={`imp-pick-${id}`}
            value={picked}
            onChange={(e) => {
              setPicked(e.target.value);
              if (e.target.value) onAccept([[id, e.target.value]]);
            }}
          >
            <option value="">{t('importDialog.pickNone')}</option>
            {choices.map((c) => (
              <option key={c.code} value={c.code}>
                {label(c)}
              </option>
            ))}
          </select>
        </>
      )}
    </div>
  );
}

function IssueList({ title, issues, kind, choices, onAccept }: { title: string; issues: readonly Issue[]; kind: 'error' | 'warning' } & Pick<ImportReportProps, 'choices' | 'onAccept'>) {
  const text = useProblemText();
  const { t, i18n } = useTranslation();
  if (issues.length === 0) return null;
  const unmatched = issues.filter((i) => i.code.startsWith('import-unknown-region'));
  const suggested = unmatched.flatMap((i) => {
    const codes = i.details.suggestedCodes as string[] | undefined;
    return codes && codes.length ? [[String(i.details.id), codes[0]] as const] : [];
  });
  return (
    <div className={`issue-list ${kind}`}>
      <h4>
        {title} ({issues.length})
      </h4>
      {onAccept && suggested.length > 1 && (
        <button type="button" onClick={() => onAccept(suggested)} data-testid="import-accept-all">
          {t('importDialog.acceptAll', { count: suggested.length })}
        </button>
      )}
      <ul>
        {issues.map((i, n) => (
          <li key={n} data-code={i.code}>
            <div data-service-text={isFallback(i18n, { code: i.code, message: i.message, details: i.details ?? {} }) || undefined}>
              {text({ code: i.code, message: i.message, details: i.details ?? {} })}
            </div>
            <DetailLine details={i.details} />
            {onAccept && i.code.startsWith('import-unknown-region') && <MatchActions issue={i} choices={choices ?? []} onAccept={onAccept} />}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** What would be written, as sentences; every list complete. */
function Summary({ report }: { report: Report }) {
  const { t } = useTranslation();
  const sep = t('common.listSeparator');
  const c = report.counts;
  const n = (x: number) => formatCount(x);
  const lines: [string, string][] = [];
  lines.push(['regions', t('importDialog.summary.regions', { count: n(c.regions), newCount: n(c.newRegions), existingCount: n(c.existingRegions) })]);
  const p = report.panel;
  if (p) {
    lines.push([
      'panel',
      p.format === 'wide'
        ? t('importDialog.summary.panelWide', { file: p.source, id: p.idColumn })
        : t('importDialog.summary.panelLong', { file: p.source, id: p.idColumn, time: p.timeColumn }),
    ]);
    lines.push([
      'periods',
      p.firstPeriod === null ? t('importDialog.summary.periodsNone') : t('importDialog.summary.periods', { count: n(c.periods), first: p.firstPeriod, last: p.lastPeriod }),
    ]);
    lines.push([
      'variables',
      t('importDialog.summary.variables', { count: n(c.variables), newCount: n(c.newVariables), existingCount: n(c.existingVariables), list: p.variables.join(sep) }),
    ]);
    lines.push([
      'values',
      t('importDialog.summary.values', { observations: n(c.observations), rows: n(c.rows), replaced: n(c.replacedObservations), interpolated: n(c.interpolated) }),
    ]);
    if (p.textColumns.length) lines.push(['textColumns', t('importDialog.summary.textColumns', { list: p.textColumns.join(sep) })]);
    if (p.ignoredColumns.length) lines.push(['ignoredColumns', t('importDialog.summary.ignoredColumns', { list: p.ignoredColumns.join(sep) })]);
    if (p.encoding) lines.push(['encoding', t('importDialog.summary.encoding', { encoding: p.encoding })]);
  }
  const g = report.geometry;
  if (g) {
    lines.push(['boundaries', t('importDialog.summary.boundaries', { count: n(g.features), file: g.source, layer: g.layer, key: g.key })]);
    lines.push(['coordinates', g.lonLat ? t('importDialog.summary.lonLat') : t('importDialog.summary.projected', { units: g.units ?? '?' })]);
  }
  return (
    <ul className="import-summary" data-testid="import-summary">
      {lines.map(([k, v]) => (
        <li key={k} data-fact={k}>
          {v}
        </li>
      ))}
    </ul>
  );
}

/** The preview shown in the Import dialog. */
export function ImportReport({ report, choices, onAccept }: ImportReportProps) {
  const { t } = useTranslation();
  return (
    <div className="import-report" data-testid="import-report">
      {report.errors.length === 0 ? (
        <div className="ok-line">{t('importReport.ok')}</div>
      ) : (
        <div className="err-line">{t('importReport.blocked')}</div>
      )}
      <IssueList title={t('importReport.errors')} issues={report.errors} kind="error" choices={choices} onAccept={onAccept} />
      <IssueList title={t('importReport.warnings')} issues={report.warnings} kind="warning" />
      <Summary report={report} />
    </div>
  );
}
