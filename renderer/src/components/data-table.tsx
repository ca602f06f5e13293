/**
 * The Data tab's table view: the panel page by page (`panel:table`, sorted and filtered on the
 * main side), missing cells marked and counted, cell edits, variable deletion, undo (button and
 * Ctrl+Z) and the edit history. Every change calls `onChanged`, which reloads the project
 * summary so the map and the statistics refetch.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DataEdit, DataEditResult, ProjectSummary, ResponseOf, TableRow } from '../../../src/contract';
import { api } from '../api';
import { problemText, toProblem, type Problem } from '../i18n/problem';
import { useLabels } from '../i18n/labels';
import { formatCell } from '../lib/data-cell';
import { formatCount } from '../lib/format';
import { DataDeleteDialog } from './data-delete-dialog';
import { DataGrid, type GridSort } from './data-grid';
import { DataHistory, describeEdit } from './data-history';
import { ErrorBanner } from './error-banner';
import { GroupFilter } from './group-filter';
import './data-table.css';

/** Rows per page. */
const PAGE = 50;
/** Variables shown as columns (the contract allows 60 per page). */
const SHOWN_VARIABLES = 40;

type Page = ResponseOf<'panel:table'>;

/** Props of the table view. */
export interface DataTableProps {
  readonly project: ProjectSummary;
  /** The sidebar's region group, the table's starting filter. */
  readonly group: string | null;
  /** Called after every edit, deletion or undo (reload the summary). */
  readonly onChanged: () => void;
}

/** The table with its filters, toolbar and history. */
export function DataTable({ project, group: initialGroup, onChanged }: DataTableProps) {
  const { t, i18n } = useTranslation();
  const labels = useLabels(project);
  const tr = t as unknown as (key: string, o?: Record<string, unknown>) => string;
  const variables = useMemo(() => project.variables.slice(0, SHOWN_VARIABLES).map((v) => v.name), [project.variables]);
  const periods = project.periods;

  const [sort, setSort] = useState<GridSort>({ by: 'region', direction: 'asc' });
  const [missingPlace, setMissingPlace] = useState<'first' | 'last'>('last');
  const [searchText, setSearchText] = useState('');
  const [search, setSearch] = useState('');
  const [group, setGroup] = useState<string | null>(initialGroup);
  const [periodFrom, setPeriodFrom] = useState<number | null>(null);
  const [periodTo, setPeriodTo] = useState<number | null>(null);
  const [missingOnly, setMissingOnly] = useState(false);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<Page | null>(null);
  const [edits, setEdits] = useState<DataEdit[]>([]);
  const [error, setError] = useState<Problem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  /** Derived variables the last change left stale (offered for recomputation). */
  const [stale, setStale] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [revision, setRevision] = useState(0);
  const [deleteTarget, setDeleteTarget] = useState<string>(variables[0] ?? '');
  const [confirmDelete, setConfirmDelete] = useState(false);

  // Debounce typing in the search box; a new filter starts at the first page.
  useEffect(() => {
    const id = setTimeout(() => { setSearch(searchText.trim()); setOffset(0); }, 250);
    return () => clearTimeout(id);
  }, [searchText]);
  useEffect(() => { if (!variables.includes(deleteTarget)) setDeleteTarget(variables[0] ?? ''); }, [variables, deleteTarget]);
  // A sort by a variable that is gone (deleted) falls back to the region order.
  const sortNow: GridSort = sort.by === 'variable' && !variables.includes(sort.variable ?? '') ? { by: 'region', direction: 'asc' } : sort;

  useEffect(() => {
    if (variables.length === 0) { setPage(null); return; }
    let live = true;
    api['panel:table']({
      variables, sort: sortNow, missing: missingPlace, offset, limit: PAGE, missingOnly,
      ...(search ? { search } : {}), ...(group ? { group } : {}),
      ...(periodFrom !== null ? { periodFrom } : {}), ...(periodTo !== null ? { periodTo } : {}),
    })
      .then((p) => { if (live) { setPage(p); setError(null); } })
      .catch((e: unknown) => live && setError(toProblem(e)));
    return () => { live = false; };
  }, [project, variables, sort, missingPlace, offset, missingOnly, search, group, periodFrom, periodTo, revision]);

  useEffect(() => {
    let live = true;
    api['data:edits']({ limit: 50 }).then((r) => live && setEdits(r.edits)).catch(() => undefined);
    return () => { live = false; };
  }, [project, revision]);

  /**
   * After a change: refetch the page and the log at once (`refetch`), and reload the summary.
   * A deletion waits for the summary instead: until it arrives the column list still names the
   * deleted variable.
   */
  const changed = useCallback((message: string | null, refetch = true, staleNow: string[] = []) => {
    setNotice(message);
    setStale(staleNow);
    if (refetch) setRevision((n) => n + 1);
    onChanged();
  }, [onChanged]);

  const staleText = (r: DataEditResult): string | null => r.staleDerived.length === 0 ? null
    : t('dataTable.stale', { count: r.staleDerived.length, list: r.staleDerived.join(t('common.listSeparator')), variable: r.edit.variable });

  const onEdit = async (row: TableRow, variable: string, value: number | null) => {
    try {
      const r = await api['data:editCell']({ variable, region: row.region, period: row.period, value });
      const saved = t('dataTable.saved', {
        variable, region: labels.regionName(project.regions.find((x) => x.code === row.region), row.region), period: row.period,
        value: value === null ? t('dataTable.missingCell') : formatCell(value, i18n.language),
      });
      changed([saved, staleText(r)].filter(Boolean).join(' '), true, r.staleDerived);
    } catch (e) {
      throw new Error(problemText(i18n, toProblem(e)));
    }
  };

  const undo = useCallback(async (id?: number) => {
    setBusy(true);
    setError(null);
    try {
      const r = await api['data:undo'](id === undefined ? {} : { id });
      changed([t('dataTable.undone', { what: describeEdit(r.edit, tr, labels, project, i18n.language) }), staleText(r)].filter(Boolean).join(' '), true, r.staleDerived);
    } catch (e) {
      setError(toProblem(e));
    } finally {
      setBusy(false);
    }
  }, [changed, labels, project, i18n.language]);

  // Ctrl+Z (Cmd+Z) undoes the last edit, except while typing in a field or inside a dialog.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.shiftKey || e.altKey || e.key.toLowerCase() !== 'z') return;
      const target = e.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"], [role="dialog"]')) return;
      e.preventDefault();
      if (!busy) void undo();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, busy]);

  const recompute = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await api['variables:recompute']({ names: stale });
      changed(t('dataTable.recomputed', { list: r.edit.deleted.map((d) => d.name).join(t('common.listSeparator')) }));
    } catch (e) {
      setError(toProblem(e));
    } finally {
      setBusy(false);
    }
  };

  const deleteVariable = async (withDependents: boolean) => {
    const r = await api['variables:delete']({ name: deleteTarget, withDependents });
    setConfirmDelete(false);
    changed(t('dataTable.deleted', { list: r.edit.deleted.map((d) => d.name).join(t('common.listSeparator')) }), false);
  };

  const lastStanding = edits.find((e) => e.undoneAt === null) ?? null;
  const missingTotal = page ? page.missing.reduce((s, n) => s + n, 0) : 0;
  const pageVariables = page?.variables ?? variables;
  const resetTo = <T,>(set: (v: T) => void) => (v: T) => { set(v); setOffset(0); };
  // The range never turns empty: a From after To moves To along, and a To before From moves From.
  const pickFrom = (p: number | null) => {
    setPeriodFrom(p);
    if (p !== null && periodTo !== null && periodTo < p) setPeriodTo(p);
    setOffset(0);
  };
  const pickTo = (p: number | null) => {
    setPeriodTo(p);
    if (p !== null && periodFrom !== null && periodFrom > p) setPeriodFrom(p);
    setOffset(0);
  };

  return (
    <section className="data-table-view" aria-labelledby="data-table-title">
      <div className="data-tab-header">
        <h2 id="data-table-title">{t('dataTable.title')}</h2>
        {page && (
          <span className="muted" data-testid="data-table-counts">
            {t('dataTable.rows', { count: page.total })}
            {' · '}
            <span className={missingTotal > 0 ? 'missing-count' : undefined}>{t('dataTable.missingCells', { count: missingTotal })}</span>
          </span>
        )}
      </div>

      <div className="data-filters">
        <label>
          {t('dataTable.search')}
          <input type="search" value={searchText} placeholder={t('dataTable.searchPlaceholder')} onChange={(e) => setSearchText(e.target.value)} data-testid="data-search" />
        </label>
        <GroupFilter groups={project.regionGroups} value={group} onChange={resetTo(setGroup)} />
        {periods.length > 0 && (
          <>
            <label>
              {t('dataTable.periodFrom')}
              <select value={periodFrom ?? ''} data-testid="data-period-from" onChange={(e) => pickFrom(e.target.value === '' ? null : Number(e.target.value))}>
                <option value="">{periods[0]}</option>
                {periods.map((p) => <option key={p} value={p}>{p}</option>)}
              </select>
            </label>
            <label>
              {t('dataTable.periodTo')}
              <select value={periodTo ?? ''} data-testid="data-period-to" onChange={(e) => pickTo(e.target.value === '' ? null : Number(e.target.value))}>
                <option value="">{periods[periods.length - 1]}</option>
                {periods.map((p) => <option key={p} value={p}>{p}</option>)}
              </select>
            </label>
          </>
        )}
        <label className="check">
          <input type="checkbox" checked={missingOnly} onChange={(e) => resetTo(setMissingOnly)(e.target.checked)} data-testid="data-missing-only" />
          {t('dataTable.missingOnly')}
        </label>
        <label>
          {t('dataTable.missingPlace')}
          <select value={missingPlace} onChange={(e) => resetTo(setMissingPlace)(e.target.value === 'first' ? 'first' : 'last')}>
            <option value="first">{t('dataTable.missingFirst')}</option>
            <option value="last">{t('dataTable.missingLast')}</option>
          </select>
        </label>
      </div>

      <div className="data-toolbar">
        <button type="button" data-testid="data-undo" disabled={busy || lastStanding === null} onClick={() => void undo()}
          title={lastStanding ? t('dataTable.undoWhat', { what: describeEdit(lastStanding, tr, labels, project, i18n.language) }) : t('dataTable.nothingToUndo')}
          aria-keyshortcuts="Control+Z">
          ↶ {t('dataTable.undo')}
        </button>
        <span className="toolbar-gap" />
        <label>
          {t('dataTable.deleteWhich')}
          <select value={deleteTarget} onChange={(e) => setDeleteTarget(e.target.value)} data-testid="data-delete-which">
            {variables.map((v) => <option key={v} value={v}>{v}</option>)}
          </select>
        </label>
        <button type="button" className="danger-outline" disabled={!deleteTarget || busy} onClick={() => setConfirmDelete(true)} data-testid="data-delete">
          {t('dataTable.deleteVariable')}
        </button>
      </div>

      <p className="muted small">{t('dataTable.editHint')}</p>
      {project.variables.length > SHOWN_VARIABLES && (
        <p className="muted small">{t('dataTable.tooManyVariables', { shown: SHOWN_VARIABLES, total: project.variables.length })}</p>
      )}
      {notice && (
        <div className="data-notice" role="status">
          <span data-testid="data-notice">{notice}</span>
          {stale.length > 0 && (
            <button type="button" disabled={busy} onClick={() => void recompute()} data-testid="data-recompute">
              {t('dataTable.recompute', { list: stale.join(t('common.listSeparator')) })}
            </button>
          )}
        </div>
      )}
      <ErrorBanner error={error} onClose={() => setError(null)} />

      {page === null && !error && variables.length > 0 && <p className="muted">{t('dataTable.loading')}</p>}
      {page && (
        <>
          {page.total === 0 ? (
            <p className="muted" data-testid="data-no-rows">{t('dataTable.noRows')}</p>
          ) : (
            <DataGrid project={project} variables={pageVariables} rows={page.rows} missing={page.missing} firstRow={page.offset + 1}
              total={page.total} sort={sortNow} onSort={resetTo(setSort)} onEdit={onEdit} />
          )}
          <div className="data-pager">
            <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>{t('dataTable.previous')}</button>
            <span data-testid="data-page-info">
              {page.total > 0 && t('dataTable.pageInfo', { from: formatCount(page.offset + 1), to: formatCount(page.offset + page.rows.length), total: formatCount(page.total) })}
            </span>
            <button type="button" disabled={offset + PAGE >= page.total} onClick={() => setOffset(offset + PAGE)}>{t('dataTable.next')}</button>
          </div>
        </>
      )}

      <DataHistory project={project} edits={edits} busy={busy} onUndo={(id) => void undo(id)} />
      {confirmDelete && deleteTarget && (
        <DataDeleteDialog variable={deleteTarget} onClose={() => setConfirmDelete(false)} onConfirm={deleteVariable} />
      )}
    </section>
  );
}
