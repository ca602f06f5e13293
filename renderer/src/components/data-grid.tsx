/**
 * The Data table's grid (WAI-ARIA APG grid pattern): one Tab stop, arrow keys / Home / End move
 * the active cell, Enter, F2 or a double-click edits a value cell, Enter saves, Escape cancels.
 * Sortable headers are buttons inside `th` carrying `aria-sort`; missing cells are marked.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProjectSummary, TableRow } from '../../../src/contract';
import { useLabels } from '../i18n/labels';
import { cellEditText, formatCell, parseCellText } from '../lib/data-cell';

/** What the table is sorted by. */
export interface GridSort {
  readonly by: 'region' | 'nameEn' | 'nameZh' | 'group' | 'period' | 'variable';
  readonly variable?: string;
  readonly direction: 'asc' | 'desc';
}

/** Props of the grid. */
export interface DataGridProps {
  readonly project: ProjectSummary;
  readonly variables: readonly string[];
  readonly rows: readonly TableRow[];
  /** Missing cells per variable over all filtered rows. */
  readonly missing: readonly number[];
  /** 1-based index of the first row (for aria-rowindex). */
  readonly firstRow: number;
  readonly total: number;
  readonly sort: GridSort;
  readonly onSort: (sort: GridSort) => void;
  /** Saves a cell; rejects with a sentence to show when the main side refuses. */
  readonly onEdit: (row: TableRow, variable: string, value: number | null) => Promise<void>;
}

const FIXED = 4; // region, name, group, period

/** The panel page as an editable grid. */
export function DataGrid({ project, variables, rows, missing, firstRow, total, sort, onSort, onEdit }: DataGridProps) {
  const { t, i18n } = useTranslation();
  const labels = useLabels(project);
  const zh = i18n.language.startsWith('zh');
  const regions = new Map(project.regions.map((r) => [r.code, r]));
  const byName = new Map(project.variables.map((v) => [v.name, v]));
  const [active, setActive] = useState({ r: 0, c: FIXED });
  const [editing, setEditing] = useState<{ r: number; c: number; text: string; error: string | null } | null>(null);
  const [saving, setSaving] = useState(false);
  const tableRef = useRef<HTMLTableElement>(null);
  const wantFocus = useRef(false);
  const cols = FIXED + variables.length;

  // Keep the active cell inside the page when rows or columns change.
  const r0 = Math.min(active.r, Math.max(rows.length - 1, 0));
  const c0 = Math.min(active.c, cols - 1);

  useEffect(() => {
    if (!wantFocus.current || editing) return;
    wantFocus.current = false;
    tableRef.current?.querySelector<HTMLElement>(`[data-cell="${r0}:${c0}"]`)?.focus();
  });

  const nameSort = zh ? 'nameZh' : 'nameEn';
  const headers: { key: string; label: string; sort: GridSort['by']; variable?: string }[] = [
    { key: 'region', label: t('dataTable.region'), sort: 'region' },
    { key: 'name', label: t('dataTable.name'), sort: nameSort },
    { key: 'group', label: t('dataTable.group'), sort: 'group' },
    { key: 'period', label: t('dataTable.period'), sort: 'period' },
    ...variables.map((v) => ({ key: `v:${v}`, label: labels.variable(byName.get(v), v).label, sort: 'variable' as const, variable: v })),
  ];
  const isSorted = (h: (typeof headers)[number]) => h.sort === sort.by && (h.sort !== 'variable' || h.variable === sort.variable);

  const move = (r: number, c: number) => {
    wantFocus.current = true;
    setActive({ r: Math.max(0, Math.min(rows.length - 1, r)), c: Math.max(0, Math.min(cols - 1, c)) });
  };

  const startEdit = (r: number, c: number) => {
    if (c < FIXED || !rows[r]) return;
    setActive({ r, c });
    setEditing({ r, c, text: cellEditText(rows[r].values[c - FIXED]), error: null });
  };

  const commit = async () => {
    if (!editing || saving) return;
    const row = rows[editing.r];
    const variable = variables[editing.c - FIXED];
    const parsed = parseCellText(editing.text);
    if (!parsed.ok) {
      setEditing({ ...editing, error: t('dataTable.badNumber', { text: editing.text.trim() }) });
      return;
    }
    if (parsed.value === row.values[editing.c - FIXED]) {
      setEditing(null);
      wantFocus.current = true;
      return;
    }
    setSaving(true);
    try {
      await onEdit(row, variable, parsed.value);
      setEditing(null);
      wantFocus.current = true;
    } catch (e) {
      setEditing({ ...editing, error: e instanceof Error ? e.message : String(e) });
    } finally {
      setSaving(false);
    }
  };

  const onGridKey = (e: KeyboardEvent<HTMLTableElement>) => {
    if (editing || !(e.target as HTMLElement).matches('[data-cell]')) return;
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(r0 + 1, c0),
      ArrowUp: () => move(r0 - 1, c0),
      ArrowRight: () => move(r0, c0 + 1),
      ArrowLeft: () => move(r0, c0 - 1),
      Home: () => move(e.ctrlKey ? 0 : r0, 0),
      End: () => move(e.ctrlKey ? rows.length - 1 : r0, cols - 1),
      Enter: () => startEdit(r0, c0),
      F2: () => startEdit(r0, c0),
    };
    const f = keys[e.key];
    if (!f) return;
    e.preventDefault();
    f();
  };

  return (
    <div className="data-grid-scroll">
      <table ref={tableRef} className="data-grid" role="grid" aria-label={t('dataTable.gridLabel')} aria-rowcount={total + 1} aria-colcount={cols} data-testid="data-grid" onKeyDown={onGridKey}>
        <thead>
          <tr aria-rowindex={1}>
            {headers.map((h, c) => {
              const on = isSorted(h);
              const next = on && sort.direction === 'asc' ? 'desc' : 'asc';
              return (
                <th key={h.key} scope="col" aria-sort={on ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'} className={c >= FIXED ? 'num' : undefined}>
                  <button type="button" className="sort-button" data-sort={h.key}
                    aria-label={t(next === 'asc' ? 'dataTable.sortAscending' : 'dataTable.sortDescending', { column: h.label })}
                    onClick={() => onSort({ by: h.sort, variable: h.variable, direction: on ? next : 'asc' })}>
                    <span>{h.label}</span>
                    <span className="sort-mark" aria-hidden="true">{on ? (sort.direction === 'asc' ? '▲' : '▼') : '↕'}</span>
                  </button>
                  {c >= FIXED && (
                    <div className={missing[c - FIXED] > 0 ? 'col-missing has-missing' : 'col-missing'}>
                      <code>{variables[c - FIXED]}</code>
                      {missing[c - FIXED] > 0 && ` · ${t('dataTable.missingInColumn', { count: missing[c - FIXED] })}`}
                    </div>
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => {
            const info = regions.get(row.region);
            const name = labels.regionName(info, row.region);
            const fixed = [row.region, name === row.region ? '' : name, row.group ? labels.group(row.group) : '', String(row.period)];
            return (
              <tr key={`${row.region}|${row.period}`} aria-rowindex={firstRow + r + 1}>
                {fixed.map((text, c) => (
                  <td key={c} data-cell={`${r}:${c}`} tabIndex={r === r0 && c === c0 ? 0 : -1} aria-readonly="true"
                    className={c === 0 ? 'code' : undefined} onClick={() => setActive({ r, c })}>
                    {text}
                  </td>
                ))}
                {row.values.map((v, j) => {
                  const c = FIXED + j;
                  const isEditing = editing !== null && editing.r === r && editing.c === c;
                  const label = t('dataTable.editLabel', { variable: variables[j], region: name, period: row.period });
                  return (
                    <td key={c} data-cell={`${r}:${c}`} tabIndex={r === r0 && c === c0 && !isEditing ? 0 : -1}
                      className={v === null ? 'num cell-missing' : 'num'} data-missing={v === null ? 'true' : undefined}
                      aria-label={v === null ? `${label}: ${t('dataTable.missingCell')}` : undefined}
                      onClick={() => setActive({ r, c })} onDoubleClick={() => startEdit(r, c)}>
                      {isEditing ? (
                        <span className="cell-editor">
                          <input autoFocus aria-label={label} value={editing.text} disabled={saving}
                            aria-invalid={editing.error ? true : undefined} aria-describedby={editing.error ? 'data-cell-error' : undefined}
                            onChange={(e) => setEditing({ ...editing, text: e.target.value, error: null })}
                            onKeyDown={(e) => {
                              if (e.key === 'Enter') { e.preventDefault(); void commit(); }
                              if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); setEditing(null); wantFocus.current = true; }
                            }}
                            onBlur={() => { if (!saving && !editing.error) setEditing(null); }}
                          />
                          {editing.error && <span id="data-cell-error" className="cell-error" role="alert">{editing.error}</span>}
                        </span>
                      ) : v === null ? (
                        <span aria-hidden="true">—</span>
                      ) : (
                        formatCell(v, i18n.language)
                      )}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
