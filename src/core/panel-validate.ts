/**
 * Checks on a long panel before it is imported or analysed: duplicate (id, time) rows, ids
 * without geometry or project region, geometry without data, gaps in periods, balance, and
 * missing cells. Pure: works on a `LongPanel` and id lists.
 */
import { InputError } from './errors';
import type { LongPanel } from './panel';
import { panelPeriods, panelRegions } from './panel';
import { suggestMatches } from './text-match';

/** One finding of a validation. */
export interface ValidationIssue {
  /** Machine-readable category, e.g. `duplicate-row`, `unknown-region`, `gap`. */
  readonly code: string;
  /** One human sentence naming the file, column, row or region. */
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
}

/** Result of `validatePanel`: errors block an import, warnings do not. */
export interface ValidationReport {
  readonly errors: readonly ValidationIssue[];
  readonly warnings: readonly ValidationIssue[];
}

/** Options of `validatePanel`. */
export interface ValidateOptions {
  /** Regions a panel id must belong to (e.g. the project's regions); unknown ids are errors. */
  readonly knownRegions?: readonly string[];
  /** Ids of the geometry the panel will be used with; ids without geometry are errors. */
  readonly geometryIds?: readonly string[];
}

/** A group of rows sharing one (id, time). */
export interface DuplicateRow {
  readonly id: string;
  readonly time: number;
  /** 1-based file row numbers (header = row 1), ascending. */
  readonly rows: readonly number[];
}

/**
 * All (id, time) pairs that occur on more than one row, in file order of their first row.
 */
export function findDuplicateRows(panel: LongPanel): DuplicateRow[] {
  // id → time → first row index; a list of row numbers only for the pairs seen again
  const firstOf = new Map<string, Map<number, number>>();
  const again = new Map<number, number[]>();
  for (let r = 0; r < panel.ids.length; r++) {
    let byTime = firstOf.get(panel.ids[r]);
    if (!byTime) firstOf.set(panel.ids[r], (byTime = new Map()));
    const t = panel.times[r];
    const f = byTime.get(t);
    if (f === undefined) { byTime.set(t, r); continue; }
    const list = again.get(f);
    if (list) list.push(panel.rowNumbers[r]);
    else again.set(f, [panel.rowNumbers[f], panel.rowNumbers[r]]);
  }
  const firsts = [...again.keys()].sort((a, b) => a - b); // file order of the first rows
  const out: DuplicateRow[] = firsts.map((f) => ({
    id: panel.ids[f],
    time: panel.times[f] === 0 ? 0 : panel.times[f],
    rows: (again.get(f) as number[]).sort((a, b) => a - b),
  }));
  out.sort((a, b) => a.rows[0] - b.rows[0]);
  return out;
}

function duplicateIssue(panel: LongPanel, d: DuplicateRow): ValidationIssue {
  const rows = d.rows.length === 2 ? `rows ${d.rows[0]} and ${d.rows[1]}` : `rows ${d.rows.join(', ')}`;
  return {
    code: d.rows.length === 2 ? 'import-duplicate-row' : 'import-duplicate-row-many',
    message: `${panel.source}: duplicate (${d.id}, ${d.time}) at ${rows}`,
    details: { file: panel.source, id: d.id, time: d.time, rows: d.rows, row1: d.rows[0], row2: d.rows[1], rowList: d.rows.join(', ') },
  };
}

/**
 * Throw when any (id, time) pair occurs twice; the CLI and the readers call this.
 *
 * @throws InputError `duplicate-row`, e.g. `produc.csv: duplicate (Alabama, 1970) at rows 2 and 819`
 *   (the first duplicated pair; `details.duplicates` lists all of them).
 */
export function assertNoDuplicateRows(panel: LongPanel): void {
  const dups = findDuplicateRows(panel);
  if (dups.length === 0) return;
  const first = duplicateIssue(panel, dups[0]);
  const more = dups.length > 1 ? ` (and ${dups.length - 1} more duplicated pairs)` : '';
  throw new InputError(
    dups.length === 1 ? first.code : dups[0].rows.length === 2 ? 'import-duplicate-row-and-more' : 'import-duplicate-row-many-and-more',
    first.message + more,
    { ...first.details, duplicates: dups, moreCount: dups.length - 1 },
  );
}

/** Format consecutive periods as ranges: [1975, 1976, 1980] → "1975–1976, 1980". */
export function formatRanges(values: readonly number[]): string {
  const parts: string[] = [];
  let i = 0;
  while (i < values.length) {
    let j = i;
    while (j + 1 < values.length && values[j + 1] === values[j] + 1) j++;
    parts.push(i === j ? `${values[i]}` : `${values[i]}–${values[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

/**
 * Validate a panel for import or analysis.
 *
 * Errors: duplicate (id, time) rows (`duplicate-row`, with row numbers); ids not among
 * `knownRegions` (`unknown-region`) or without geometry (`no-geometry`), each with close-match
 * suggestions. Warnings: geometry ids without data (`geometry-without-data`, with suggestions),
 * periods missing from every region on the panel's step (`period-gap`: "no region has rows for 2003"),
 * a region missing periods inside the panel's span (`gap`: "Ohio: no rows for 1975–1976"),
 * an unbalanced panel (`unbalanced`), and missing cells per variable (`missing-cells`).
 */
export function validatePanel(panel: LongPanel, opts: ValidateOptions = {}): ValidationReport {
  const errors: ValidationIssue[] = [];
  const warnings: ValidationIssue[] = [];
  for (const d of findDuplicateRows(panel)) errors.push(duplicateIssue(panel, d));

  const regions = panelRegions(panel);
  const firstRow = new Map<string, number>();
  for (let r = 0; r < panel.ids.length; r++) {
    if (!firstRow.has(panel.ids[r])) firstRow.set(panel.ids[r], panel.rowNumbers[r]);
  }
  const checkAgainst = (list: readonly string[], code: string, what: string): void => {
    const set = new Set(list);
    for (const id of regions) {
      if (set.has(id)) continue;
      const suggestions = suggestMatches(id, list);
      const hint = suggestions.length ? ` — did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}?` : '';
      const row = firstRow.get(id);
      errors.push({
        code,
        message: `${panel.source}: region "${id}" (column "${panel.idColumn}", row ${row}) ${what}${hint}`,
        details: { file: panel.source, column: panel.idColumn, id, row, suggestions, hint },
      });
    }
  };
  if (opts.knownRegions) checkAgainst(opts.knownRegions, 'import-unknown-region', 'is not a region of the project');
  if (opts.geometryIds) checkAgainst(opts.geometryIds, 'import-no-geometry', 'has no geometry');

  if (opts.geometryIds) {
    const have = new Set(regions);
    for (const g of opts.geometryIds) {
      if (have.has(g)) continue;
      const suggestions = suggestMatches(g, regions);
      const hint = suggestions.length ? ` — panel has ${suggestions.map((s) => `"${s}"`).join(' or ')}` : '';
      warnings.push({
        code: 'geometry-without-data',
        message: `geometry region "${g}" has no rows in ${panel.source}${hint}`,
        details: { id: g, suggestions, file: panel.source, hint },
      });
    }
  }

  const periods = panelPeriods(panel);
  // Periods absent from every region, on the panel's own step (1 for years, 5 for 5-year data).
  let step = Infinity;
  for (let k = 1; k < periods.length; k++) step = Math.min(step, periods[k] - periods[k - 1]);
  const absent: number[] = [];
  for (let k = 1; k < periods.length; k++) {
    for (let t = periods[k - 1] + step; t < periods[k]; t += step) absent.push(t);
  }
  if (absent.length) {
    warnings.push({
      code: 'period-gap',
      message: `no region has rows for ${formatRanges(absent)}`,
      details: { periods: absent, ranges: formatRanges(absent) },
    });
  }
  const byRegion = new Map<string, Set<number>>();
  for (let r = 0; r < panel.ids.length; r++) {
    let s = byRegion.get(panel.ids[r]);
    if (!s) byRegion.set(panel.ids[r], (s = new Set()));
    s.add(panel.times[r]);
  }
  let unbalanced = 0;
  for (const id of regions) {
    const have = byRegion.get(id) ?? new Set<number>();
    if (have.size !== periods.length) unbalanced++;
    const sorted = [...have].sort((a, b) => a - b);
    if (sorted.length < 2) continue;
    const lo = sorted[0];
    const hi = sorted[sorted.length - 1];
    const missing = periods.filter((t) => t > lo && t < hi && !have.has(t));
    if (missing.length) {
      warnings.push({
        code: 'gap',
        message: `${id}: no rows for ${formatRanges(missing)}`,
        details: { id, periods: missing, ranges: formatRanges(missing) },
      });
    }
  }
  if (unbalanced > 0) {
    warnings.push({
      code: 'unbalanced',
      message: `unbalanced panel: ${unbalanced} of ${regions.length} regions lack some of the ${periods.length} periods`,
      details: { regions: regions.length, periods: periods.length, incomplete: unbalanced },
    });
  }
  for (const v of panel.variables) {
    const col = panel.values[v];
    let n = 0;
    for (let i = 0; i < col.length; i++) if (Number.isNaN(col[i])) n++;
    if (n > 0) {
      warnings.push({
        code: 'missing-cells',
        message: `column "${v}": ${n} missing cell${n === 1 ? '' : 's'} of ${col.length}`,
        details: { column: v, missing: n, rows: col.length, count: n },
      });
    }
  }
  return { errors, warnings };
}
