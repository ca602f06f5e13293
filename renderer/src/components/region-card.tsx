/**
 * The selected region on the Data tab (chosen by a click on the map, the small multiples or a
 * chart): its names and group, and every variable's value in the current period beside the
 * describe table's distribution (the region's rank among the regions with data).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProjectSummary } from '../../../src/contract';
import { api } from '../api';
import { useLabels } from '../i18n/labels';
import { formatNumber } from '../lib/format';

/** Props of the card. */
export interface RegionCardProps {
  readonly project: ProjectSummary;
  readonly code: string;
  readonly period: number | null;
  readonly onClear: () => void;
}

interface Row {
  readonly name: string;
  readonly value: number | null;
  /** 1 = highest among the regions with data. */
  readonly rank: number | null;
  readonly n: number;
}

/** The card. */
export function RegionCard({ project, code, period, onClear }: RegionCardProps) {
  const { t } = useTranslation();
  const labels = useLabels(project);
  const [rows, setRows] = useState<Row[] | null>(null);
  const region = project.regions.find((r) => r.code === code);

  useEffect(() => {
    if (period === null) return;
    let live = true;
    setRows(null);
    Promise.all(project.variables.map(async (v): Promise<Row> => {
      const vals = await api['panel:values']({ variable: v.name, period });
      const value = vals.find((r) => r.region === code)?.value ?? null;
      const present = vals.map((r) => r.value).filter((x): x is number => x !== null);
      return { name: v.name, value, rank: value === null ? null : 1 + present.filter((x) => x > value).length, n: present.length };
    }))
      .then((r) => live && setRows(r))
      .catch(() => live && setRows([]));
    return () => {
      live = false;
    };
  }, [project, code, period]);

  return (
    <section className="region-card" data-testid="region-card">
      <header className="row-between">
        <h3>
          {t('selection.title', { name: labels.regionName(region, code) })}
          {region?.regionGroup ? <span className="muted"> · {labels.group(region.regionGroup)}</span> : null}
        </h3>
        <button type="button" className="link" onClick={onClear}>
          {t('map.clearSelection')}
        </button>
      </header>
      {period !== null && <div className="muted small">{t('selection.period', { period })}</div>}
      {rows && (
        <table className="stats-table compact">
          <thead>
            <tr>
              <th className="left">{t('describe.variable')}</th>
              <th>{t('selection.value')}</th>
              <th>{t('selection.rank')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.name}>
                <td className="left">{labels.variable(project.variables.find((v) => v.name === r.name), r.name).label}</td>
                <td>{formatNumber(r.value)}</td>
                <td>{r.rank === null ? '—' : t('selection.rankOf', { rank: r.rank, n: r.n })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
