/** The Data tab: the descriptive-statistics table every study opens with. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DescribeRow, ProjectSummary } from '../../../src/contract';
import { api } from '../api';
import { toProblem, type Problem } from '../i18n/problem';
import { useLabels } from '../i18n/labels';
import { formatCount, formatNumber } from '../lib/format';
import { ErrorBanner } from './error-banner';

/** Props of the table. */
export interface DescribeTableProps {
  readonly project: ProjectSummary;
  /** Restrict to these region codes (selected region group), or all when null. */
  readonly regions: readonly string[] | null;
  /** The selected region group's value (translated for display), or null. */
  readonly groupLabel: string | null;
}

/** The statistics columns; each header is `describe.<key>` in the catalogue. */
const COLUMNS = ['n', 'mean', 'sd', 'min', 'p5', 'median', 'p95', 'max', 'missing'] as const satisfies readonly (keyof DescribeRow)[];

/** N, mean, SD, min, P5, median, P95, max and missing per variable. */
export function DescribeTable({ project, regions, groupLabel }: DescribeTableProps) {
  const { t } = useTranslation();
  const labels = useLabels(project);
  const [rows, setRows] = useState<DescribeRow[] | null>(null);
  const [error, setError] = useState<Problem | null>(null);

  useEffect(() => {
    let live = true;
    setRows(null);
    setError(null);
    api['panel:describe'](regions ? { regions: [...regions] } : {})
      .then((r) => live && setRows(r))
      .catch((e: unknown) => live && setError(toProblem(e)));
    return () => {
      live = false;
    };
  }, [project, regions]);

  const byName = new Map(project.variables.map((v) => [v.name, v]));
  return (
    <div className="data-tab">
      <div className="data-tab-header">
        <h2>{t('describe.title')}</h2>
        <span className="muted">
          {groupLabel ? t('describe.group', { group: labels.group(groupLabel) }) : t('describe.allRegions')}
          {project.periods.length ? ` · ${project.periods[0]}–${project.periods[project.periods.length - 1]}` : ''}
        </span>
      </div>
      <ErrorBanner error={error} />
      {rows === null && !error && <p className="muted">{t('common.computing')}</p>}
      {rows && (
        <table className="stats-table" data-testid="describe-table">
          <thead>
            <tr>
              <th className="left">{t('describe.variable')}</th>
              {COLUMNS.map((c) => (
                <th key={c}>{t(`describe.${c}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const v = labels.variable(byName.get(r.name), r.name);
              return (
                <tr key={r.name}>
                  <td className="left">
                    <div>{v.label}</div>
                    <div className="muted small">
                      <code>{r.name}</code>
                      {v.unit ? ` · ${v.unit}` : ''}
                    </div>
                  </td>
                  {COLUMNS.map((c) => (
                    <td key={c}>{c === 'n' || c === 'missing' ? formatCount(r[c]) : formatNumber(r[c])}</td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
