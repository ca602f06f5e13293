/** The Data tab: the descriptive-statistics table every study opens with. */
import { useEffect, useState } from 'react';
import type { DescribeRow, ProjectSummary } from '../../../src/contract';
import { api, errorText } from '../api';
import { formatNumber } from '../lib/format';
import { ErrorBanner } from './error-banner';

/** Props of the table. */
export interface DescribeTableProps {
  readonly project: ProjectSummary;
  /** Restrict to these region codes (selected region group), or all when null. */
  readonly regions: readonly string[] | null;
  readonly groupLabel: string | null;
}

const COLUMNS: { key: keyof DescribeRow; label: string }[] = [
  { key: 'n', label: 'N' },
  { key: 'mean', label: 'Mean' },
  { key: 'sd', label: 'SD' },
  { key: 'min', label: 'Min' },
  { key: 'p5', label: 'P5' },
  { key: 'median', label: 'Median' },
  { key: 'p95', label: 'P95' },
  { key: 'max', label: 'Max' },
  { key: 'missing', label: 'Missing' },
];

/** N, mean, SD, min, P5, median, P95, max and missing per variable. */
export function DescribeTable({ project, regions, groupLabel }: DescribeTableProps) {
  const [rows, setRows] = useState<DescribeRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setRows(null);
    setError(null);
    api['panel:describe'](regions ? { regions: [...regions] } : {})
      .then((r) => live && setRows(r))
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [project, regions]);

  const byName = new Map(project.variables.map((v) => [v.name, v]));
  return (
    <div className="data-tab">
      <div className="data-tab-header">
        <h2>Descriptive statistics</h2>
        <span className="muted">
          {groupLabel ? `Region group: ${groupLabel}` : 'All regions'}
          {project.periods.length ? ` · ${project.periods[0]}–${project.periods[project.periods.length - 1]}` : ''}
        </span>
      </div>
      <ErrorBanner message={error} />
      {rows === null && !error && <p className="muted">Computing…</p>}
      {rows && (
        <table className="stats-table" data-testid="describe-table">
          <thead>
            <tr>
              <th className="left">Variable</th>
              {COLUMNS.map((c) => (
                <th key={c.key}>{c.label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const v = byName.get(r.name);
              return (
                <tr key={r.name}>
                  <td className="left">
                    <div>{v?.label ?? r.name}</div>
                    <div className="muted small">
                      <code>{r.name}</code>
                      {v?.unit ? ` · ${v.unit}` : ''}
                    </div>
                  </td>
                  {COLUMNS.map((c) => (
                    <td key={c.key}>{c.key === 'n' || c.key === 'missing' ? String(r[c.key]) : formatNumber(r[c.key] as number | null)}</td>
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
