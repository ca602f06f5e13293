/**
 * The project explorer (issue 13, "Projects"): what the open project holds, from
 * `project:contents` — datasets (boundary layers and import sources), variables with their
 * source and expression, weight matrices and analysis runs — in four groups under headings,
 * each opened and closed by a button with `aria-expanded`. It refetches when the project
 * summary changes (imports, derive, Data-tab edits), when `refresh` changes (the app passes
 * the active tab, so weights built and runs saved in a tab show when the user moves on) and
 * on its Refresh button.
 */
import { useCallback, useEffect, useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProjectSummary, ResponseOf } from '../../../src/contract';
import { api } from '../api';
import { toProblem, type Problem } from '../i18n/problem';
import { useLabels } from '../i18n/labels';
import { formatCount, formatDate } from '../lib/format';
import { ServiceText } from './service-text';
import './project-explorer.css';

type Contents = ResponseOf<'project:contents'>;
type Group = 'datasets' | 'variables' | 'weights' | 'runs';

/** The explorer's run kind names (the registry's kinds, src/contract/runs.ts). */
const KIND_KEYS = {
  'panel.pooled': 'pooled',
  'panel.fe': 'fe',
  'panel.re': 're',
  'panel.compare': 'compare',
} as const;

/** The catalogue key of a run kind's name, or null for a kind the explorer does not name. */
function kindKey(kind: string): (typeof KIND_KEYS)[keyof typeof KIND_KEYS] | null {
  return Object.hasOwn(KIND_KEYS, kind) ? KIND_KEYS[kind as keyof typeof KIND_KEYS] : null;
}

/** Props of the explorer. */
export interface ProjectExplorerProps {
  /** The open project's summary; a new object means the project changed. */
  readonly project: ProjectSummary;
  /** Any value whose change should refetch (the active tab). */
  readonly refresh?: unknown;
  /** The variable shown on the map. */
  readonly variable: string | null;
  /** Shows a variable on the map. */
  readonly onVariable: (name: string) => void;
}

/** A collapsible "Project contents" section of the left panel. */
export function ProjectExplorer({ project, refresh, variable, onVariable }: ProjectExplorerProps) {
  const { t } = useTranslation();
  const labels = useLabels(project);
  const id = useId();
  const [open, setOpen] = useState(false);
  const [groups, setGroups] = useState<Record<Group, boolean>>({ datasets: true, variables: true, weights: true, runs: true });
  const [contents, setContents] = useState<Contents | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    if (!open) return;
    let live = true;
    api['project:contents']({})
      .then((c) => { if (live) { setContents(c); setProblem(null); } })
      .catch((e: unknown) => { if (live) setProblem(toProblem(e)); });
    return () => { live = false; };
  }, [open, project, refresh, reload]);

  const toggle = useCallback((g: Group) => setGroups((s) => ({ ...s, [g]: !s[g] })), []);
  const section = (g: Group, count: number, body: ReactNode) => (
    <div className="explorer-group" role="group" aria-labelledby={`${id}-${g}`}>
      <h4 className="explorer-heading" id={`${id}-${g}`}>
        <button type="button" className="explorer-toggle" aria-expanded={groups[g]} aria-controls={`${id}-${g}-list`} onClick={() => toggle(g)}>
          <span className="explorer-caret" aria-hidden="true">{groups[g] ? '▾' : '▸'}</span>
          {t(`explorer.${g}`)} <span className="explorer-count">({formatCount(count)})</span>
        </button>
      </h4>
      {groups[g] && <div id={`${id}-${g}-list`}>{count === 0 ? <p className="muted small explorer-empty">{t(`explorer.empty.${g}`)}</p> : body}</div>}
    </div>
  );

  const c = contents;
  return (
    <section className="project-explorer" aria-labelledby={`${id}-title`}>
      <div className="explorer-bar">
        <h3 id={`${id}-title`} className="explorer-title">
          <button type="button" className="explorer-toggle" aria-expanded={open} aria-controls={`${id}-body`} onClick={() => setOpen((o) => !o)}>
            <span className="explorer-caret" aria-hidden="true">{open ? '▾' : '▸'}</span>
            {t('explorer.title')}
          </button>
        </h3>
        {open && (
          <button type="button" className="explorer-refresh small" onClick={() => setReload((n) => n + 1)} aria-label={t('explorer.refreshLabel')}>
            {t('explorer.refresh')}
          </button>
        )}
      </div>
      {open && (
        <div id={`${id}-body`} className="explorer-body">
          {problem && <p className="explorer-error small" role="alert"><ServiceText item={problem} /></p>}
          {!c && !problem && <p className="muted small">{t('explorer.loading')}</p>}
          {c && (
            <>
              {section('datasets', c.datasets.layers.length + c.datasets.sources.length, (
                <ul className="explorer-list" aria-label={t('explorer.datasets')}>
                  {c.datasets.layers.map((l) => (
                    <li key={`layer:${l.layer}`}>
                      <div className="explorer-name"><code>{l.layer}</code> <span className="tag">{t('explorer.layer')}</span></div>
                      <div className="explorer-meta">{t('explorer.layerRegions', { regions: formatCount(l.regions) })}</div>
                    </li>
                  ))}
                  {c.datasets.sources.map((s) => (
                    <li key={`source:${s.source}`}>
                      <div className="explorer-name"><code>{s.source}</code> <span className="tag">{t('explorer.import')}</span></div>
                      <div className="explorer-meta">
                        {t('explorer.sourceCoverage', {
                          variables: formatCount(s.variables.length), regions: formatCount(s.regions), periods: formatCount(s.periods),
                          range: s.firstPeriod !== null && s.lastPeriod !== null ? t('sidebar.range', { from: s.firstPeriod, to: s.lastPeriod }) : '',
                        })}
                      </div>
                      <div className="explorer-meta explorer-wrap">{s.variables.join(', ')}</div>
                    </li>
                  ))}
                </ul>
              ))}
              {section('variables', c.variables.length, (
                <ul className="explorer-list" aria-label={t('explorer.variables')}>
                  {c.variables.map((v) => {
                    const { label, unit } = labels.variable(v, v.name);
                    return (
                      <li key={v.name} className={v.name === variable ? 'selected' : undefined}>
                        <div className="explorer-name">
                          <button type="button" className="explorer-link" onClick={() => onVariable(v.name)} aria-pressed={v.name === variable}
                            aria-label={t('explorer.showVariable', { name: v.name })}>
                            <code>{v.name}</code>
                          </button>
                          {label !== v.name && <span className="explorer-label">{label}</span>}
                          {unit && <span className="muted small">{unit}</span>}
                          {v.simulated && <span className="tag tag-warn">{t('variables.simulated')}</span>}
                        </div>
                        <div className="explorer-meta">
                          {v.expression
                            ? t('explorer.expression', { expression: v.expression })
                            : t('explorer.source', { source: v.source ?? t('explorer.noSource') })}
                        </div>
                        <div className="explorer-meta">
                          {t('explorer.cells', { n: formatCount(v.n), missing: formatCount(v.missing) })}
                          {v.createdAt && <> · <span title={formatDate(v.createdAt)}>{formatDate(v.createdAt, undefined, true)}</span></>}
                        </div>
                      </li>
                    );
                  })}
                </ul>
              ))}
              {section('weights', c.weights.length, (
                <ul className="explorer-list" aria-label={t('explorer.weights')}>
                  {c.weights.map((w) => (
                    <li key={w.name}>
                      <div className="explorer-name"><code>{w.name}</code> <span className="muted small">n = {formatCount(w.n)}</span></div>
                      <div className="explorer-meta explorer-wrap"><code>{w.specText || '—'}</code></div>
                      <div className="explorer-meta">{formatDate(w.createdAt)}</div>
                    </li>
                  ))}
                </ul>
              ))}
              {section('runs', c.runs.length, (
                <ul className="explorer-list" aria-label={t('explorer.runs')}>
                  {c.runs.map((r) => (
                    <li key={r.id}>
                      <div className="explorer-name">
                        <span>#{r.id} {(() => { const k = kindKey(r.kind); return k ? t(`explorer.kind.${k}`) : r.kind; })()}</span>
                        <span className="muted small">{formatDate(r.createdAt)}</span>
                      </div>
                      {r.summary && <div className="explorer-meta explorer-wrap"><code>{r.summary}</code></div>}
                      <div className="explorer-meta">
                        {t('explorer.runMeta', { version: r.appVersion })}
                        {r.seed !== null && <> · {t('explorer.seed', { seed: r.seed })}</>}
                      </div>
                    </li>
                  ))}
                </ul>
              ))}
              <p className="muted small explorer-figures">
                {t('explorer.figures', { maps: formatCount(c.figures.map), charts: formatCount(c.figures.chart) })}
              </p>
            </>
          )}
        </div>
      )}
    </section>
  );
}
