/**
 * The Data tab's table: one page of (region, period) rows with the chosen variables, sorted and
 * filtered on the main side so the renderer never receives the whole panel (a prefecture panel
 * is 50k rows and more).
 */
import { InputError } from '../../core/errors';
import type { ProjectStore, RegionRow } from '../../store/project-store';
import { unknownRegion } from '../../store/regions';

/** A sort order of the table. */
export interface TableSort {
  readonly by: 'region' | 'nameEn' | 'nameZh' | 'group' | 'period' | 'variable';
  readonly variable?: string;
  readonly direction: 'asc' | 'desc';
}

/** What page to read. */
export interface TableQuery {
  readonly variables: readonly string[];
  readonly sort: TableSort;
  /** Where missing values go (sorting by a variable, a name or the group), whatever the direction. */
  readonly missing: 'first' | 'last';
  readonly regions?: readonly string[];
  readonly group?: string;
  readonly search?: string;
  readonly periodFrom?: number;
  readonly periodTo?: number;
  readonly missingOnly: boolean;
  readonly offset: number;
  readonly limit: number;
}

/** One row of a page. */
export interface TableRowOut {
  readonly region: string;
  readonly nameEn: string | null;
  readonly nameZh: string | null;
  readonly group: string | null;
  readonly period: number;
  readonly values: (number | null)[];
}

/** One page and the counts over every filtered row. */
export interface TablePage {
  readonly total: number;
  readonly offset: number;
  readonly variables: string[];
  readonly rows: TableRowOut[];
  /** Missing cells per variable over all filtered rows. */
  readonly missing: number[];
}

/** Lower case without accents, for the region search ("Querétaro" matches "queretaro"). */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/**
 * Read one page of the table. Rows are the stored (region, period) pairs with at least one
 * stored cell among the variables (the same rows as `readPanel`), kept when the region passes
 * the region list, group and search, the period lies in [periodFrom, periodTo] and (with
 * `missingOnly`) a cell is missing. Sorting is stable over the panel's order (region code,
 * then period), so ties keep that order in both directions.
 *
 * @throws InputError `data-table-sort-variable` when sorting by a variable not among the columns,
 *   `data-table-period-range` when periodFrom > periodTo; the store's `project-unknown-variable` /
 *   `project-unknown-region` for names not in the project
 */
export function readTablePage(store: ProjectStore, q: TableQuery): TablePage {
  const { sort } = q;
  const sortColumn = sort.by === 'variable' ? q.variables.indexOf(sort.variable ?? '') : -1;
  if (sort.by === 'variable' && sortColumn < 0) {
    throw new InputError('data-table-sort-variable',
      `The table cannot be sorted by "${sort.variable ?? ''}": it is not one of the shown variables (${q.variables.join(', ')}).`,
      { variable: sort.variable ?? '', variableList: q.variables.join(', ') });
  }
  if (q.periodFrom !== undefined && q.periodTo !== undefined && q.periodFrom > q.periodTo) {
    throw new InputError('data-table-period-range',
      `The period range ${q.periodFrom}–${q.periodTo} is empty: the first period is after the last.`,
      { from: q.periodFrom, to: q.periodTo });
  }

  const regionRows = store.listRegions();
  const byCode = new Map<string, RegionRow>(regionRows.map((r) => [r.code, r]));
  const wanted = q.regions === undefined ? null : new Set(q.regions);
  if (wanted) for (const code of wanted) if (!byCode.has(code)) throw unknownRegion(code, 'the table request');
  const needle = q.search ? fold(q.search) : '';
  const filtered = wanted !== null || q.group !== undefined || needle !== '';
  const keep = filtered
    ? regionRows.filter((r) => (wanted === null || wanted.has(r.code))
      && (q.group === undefined || r.regionGroup === q.group)
      && (needle === '' || [r.code, r.nameEn, r.nameZh].some((s) => typeof s === 'string' && fold(s).includes(needle))))
      .map((r) => r.code)
    : undefined;

  const names = [...q.variables];
  const panel = keep !== undefined && keep.length === 0
    ? { ids: [] as string[], times: [] as number[], values: Object.fromEntries(names.map((n) => [n, new Float64Array(0)])) as Record<string, Float64Array> }
    : store.readPanel({ variables: names, regions: keep });
  const columns = names.map((n) => panel.values[n]);

  const rows: number[] = [];
  const missing = names.map(() => 0);
  for (let i = 0; i < panel.ids.length; i++) {
    const t = panel.times[i];
    if (q.periodFrom !== undefined && t < q.periodFrom) continue;
    if (q.periodTo !== undefined && t > q.periodTo) continue;
    let gaps = 0;
    for (let j = 0; j < columns.length; j++) if (Number.isNaN(columns[j][i])) { gaps++; missing[j]++; }
    if (q.missingOnly && gaps === 0) continue; // a row without gaps added nothing to the counts
    rows.push(i);
  }

  const order = sortRows(rows, panel.ids, panel.times, byCode, sort, sortColumn < 0 ? null : columns[sortColumn], q.missing);
  const page = order.slice(q.offset, q.offset + q.limit).map((i) => {
    const r = byCode.get(panel.ids[i]);
    return {
      region: panel.ids[i],
      nameEn: r?.nameEn ?? null,
      nameZh: r?.nameZh ?? null,
      group: r?.regionGroup ?? null,
      period: panel.times[i],
      values: columns.map((c) => (Number.isFinite(c[i]) ? c[i] : null)),
    };
  });
  return { total: order.length, offset: q.offset, variables: names, rows: page, missing };
}

const collators = { en: new Intl.Collator('en', { sensitivity: 'base', numeric: true }), zh: new Intl.Collator('zh-CN', { numeric: true }) };

function sortRows(
  rows: number[], ids: readonly string[], times: readonly number[], byCode: Map<string, RegionRow>,
  sort: TableSort, column: Float64Array | null, missing: 'first' | 'last',
): number[] {
  const sign = sort.direction === 'desc' ? -1 : 1;
  const gap = missing === 'first' ? -1 : 1;
  const text = (i: number): string | null => {
    const r = byCode.get(ids[i]);
    const v = sort.by === 'nameEn' ? r?.nameEn : sort.by === 'nameZh' ? r?.nameZh : r?.regionGroup;
    return v === undefined || v === null || v === '' ? null : v;
  };
  let cmp: (a: number, b: number) => number;
  if (sort.by === 'region') {
    // Panel order is region code order: reverse whole region blocks, periods stay ascending.
    const rank = new Map<string, number>();
    for (const i of rows) if (!rank.has(ids[i])) rank.set(ids[i], rank.size);
    cmp = (a, b) => sign * ((rank.get(ids[a]) ?? 0) - (rank.get(ids[b]) ?? 0));
  } else if (sort.by === 'period') {
    cmp = (a, b) => sign * (times[a] - times[b]);
  } else if (column !== null) {
    cmp = (a, b) => {
      const x = column[a], y = column[b];
      const mx = Number.isNaN(x), my = Number.isNaN(y);
      if (mx || my) return mx === my ? 0 : mx ? gap : -gap;
      return x === y ? 0 : sign * (x < y ? -1 : 1);
    };
  } else {
    const collator = sort.by === 'nameZh' ? collators.zh : collators.en;
    cmp = (a, b) => {
      const x = text(a), y = text(b);
      if (x === null || y === null) return x === y ? 0 : x === null ? gap : -gap;
      return sign * collator.compare(x, y);
    };
  }
  // Array.prototype.sort is stable (ES2019): ties keep the panel's (code, period) order.
  return [...rows].sort((a, b) => cmp(a, b) || a - b);
}
