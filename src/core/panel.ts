/**
 * The in-memory panel every layer passes around: long format, one row per (id, time).
 * Missing values are `NaN`. Parsers (CSV/XLSX/project) produce it; expressions, describe,
 * models and the store consume it.
 */
export interface LongPanel {
  /** Where the rows came from (file name), for error messages. */
  readonly source: string;
  readonly idColumn: string;
  readonly timeColumn: string;
  /** Region id per row, compared as strings. */
  readonly ids: readonly string[];
  /** Period per row (integer year or period number). */
  readonly times: readonly number[];
  /** 1-based row number in the source file (header = row 1), per row, for messages. */
  readonly rowNumbers: readonly number[];
  /** Numeric variable names in file order (id and time columns excluded). */
  readonly variables: readonly string[];
  /** Values per variable, aligned with rows; NaN = missing. */
  readonly values: Readonly<Record<string, Float64Array>>;
  /** Non-numeric columns kept as text (e.g. a region-group column), aligned with rows. */
  readonly text?: Readonly<Record<string, readonly string[]>>;
}

/** Sorted unique region ids of a panel (string order). */
export function panelRegions(p: LongPanel): string[] {
  return [...new Set(p.ids)].sort();
}

/** Sorted unique periods of a panel. */
export function panelPeriods(p: LongPanel): number[] {
  return [...new Set(p.times)].sort((a, b) => a - b);
}
