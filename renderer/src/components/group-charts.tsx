/**
 * The Groups tab: region-group views of one variable — group means over time (line), and the
 * distribution by group in one year (box) or the group means in one year (bar) — drawn by
 * `figure:chart` as SVG (the document the export writes) and saved as PNG, SVG or PDF through
 * `figure:chartExport`. Grouping: the project's region groups (the NBS four regions for China)
 * or another categorical column named by the user. The selected region's group is named.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProjectSummary } from '../../../src/contract';
import { FIGURE_FORMATS, GROUP_CHART_KINDS, type FigureFormat, type GroupChartKind } from '../../../src/contract/constants';
import { api } from '../api';
import { toProblem, type Problem } from '../i18n/problem';
import { useLabels } from '../i18n/labels';
import { saveDownload } from '../lib/download';
import { ErrorBanner } from './error-banner';
import { FigureView } from './figure-view';

/** Props of the Groups tab. */
export interface GroupChartsProps {
  readonly project: ProjectSummary;
  readonly variable: string | null;
  readonly period: number | null;
  readonly selected: string | null;
  readonly onSelect: (code: string | null) => void;
}

type ChartRequest = { kind: GroupChartKind; variable: string; groupBy?: string; period?: number; lang: 'en' | 'zh'; title?: string };

/** One chart with its export buttons. */
function Chart({ spec, label, selected, onSelect }: { spec: ChartRequest; label: string; selected: string | null; onSelect: (c: string | null) => void }) {
  const { t } = useTranslation();
  const [svg, setSvg] = useState<string | null>(null);
  const [error, setError] = useState<Problem | null>(null);
  const [saving, setSaving] = useState<FigureFormat | null>(null);
  const key = JSON.stringify(spec);

  useEffect(() => {
    let live = true;
    setError(null);
    const s = JSON.parse(key) as ChartRequest;
    api['figure:chart']({ spec: s })
      .then((r) => live && setSvg(r.svg))
      .catch((e: unknown) => live && setError(toProblem(e)));
    return () => {
      live = false;
    };
  }, [key]);

  const save = async (format: FigureFormat) => {
    setSaving(format);
    setError(null);
    try {
      saveDownload(await api['figure:chartExport']({ spec: JSON.parse(key) as ChartRequest, format }));
    } catch (e) {
      setError(toProblem(e));
    } finally {
      setSaving(null);
    }
  };

  return (
    <section className="group-chart" data-testid={`group-chart-${spec.kind}`} data-ready={svg ? 'true' : 'false'}>
      <header className="row-between">
        <h3>{label}</h3>
        <span className="chart-actions">
          {FIGURE_FORMATS.map((f) => (
            <button key={f} type="button" disabled={saving !== null || !svg} data-testid={`chart-export-${spec.kind}-${f}`} onClick={() => save(f)}>
              {saving === f ? t('figure.saving') : f.toUpperCase()}
            </button>
          ))}
        </span>
      </header>
      <ErrorBanner error={error} />
      {svg && <FigureView svg={svg} label={label} selected={selected} onSelect={onSelect} />}
    </section>
  );
}

/** The Groups tab. */
export function GroupCharts({ project, variable, period, selected, onSelect }: GroupChartsProps) {
  const { t, i18n } = useTranslation();
  const labels = useLabels(project);
  const [column, setColumn] = useState('');
  const [year, setYear] = useState<number | null>(period);
  const lang = i18n.language.startsWith('zh') ? 'zh' : 'en';
  useEffect(() => setYear(period), [period]);

  const groupBy = column.trim() || undefined;
  const specs = useMemo(() => {
    if (!variable) return [];
    return GROUP_CHART_KINDS.map((kind): ChartRequest => ({
      kind,
      variable,
      ...(groupBy ? { groupBy } : {}),
      ...(kind !== 'line' && year !== null ? { period: year } : {}),
      lang,
    }));
  }, [variable, groupBy, year, lang]);

  const sel = selected ? project.regions.find((r) => r.code === selected) : undefined;
  const v = variable ? labels.variable(project.variables.find((x) => x.name === variable), variable) : null;

  return (
    <div className="groups-tab" data-testid="groups-tab">
      <div className="data-tab-header">
        <h2>{t('groups.title')}</h2>
        <span className="muted">{v?.label ?? t('map.noVariable')}</span>
      </div>
      <div className="map-toolbar secondary">
        <label htmlFor="groups-by" className="muted">
          {t('groups.groupBy')}
        </label>
        <input id="groups-by" value={column} placeholder={t('groups.defaultGroups')} onChange={(e) => setColumn(e.target.value)} title={t('groups.groupByHint')} />
        <label htmlFor="groups-year" className="muted">
          {t('groups.year')}
        </label>
        <select id="groups-year" value={year ?? ''} onChange={(e) => setYear(e.target.value ? Number(e.target.value) : null)}>
          {project.periods.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
        {sel && (
          <span className="muted small" data-testid="groups-selected">
            {t('groups.selected', { name: labels.regionName(sel, sel.code), group: sel.regionGroup ? labels.group(sel.regionGroup) : t('common.none') })}
          </span>
        )}
      </div>
      {project.regionGroups.length === 0 && !groupBy && <p className="muted">{t('groups.noGroups')}</p>}
      <div className="group-charts">
        {specs.map((s) => (
          <Chart key={s.kind} spec={s} label={t(`groups.kinds.${s.kind}`, { year: year ?? '' })} selected={selected} onSelect={onSelect} />
        ))}
      </div>
    </div>
  );
}
