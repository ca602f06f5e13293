/**
 * Parsing of one table cell into a number, a missing value, or text.
 */

/** Markers that mean "missing" in statistical yearbooks and exports (compared case-insensitively). */
export const MISSING_MARKERS: readonly string[] = ['', 'na', 'n/a', '.', '..', '-', '—', 'nan', 'null'];

const MISSING = new Set(MISSING_MARKERS);
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** Thousands groups with a decimal point ("1,234.5") or more than one group ("1,234,567"). */
const GROUPED_WITH_DECIMAL = /^[+-]?\d{1,3}(,\d{3})+\.\d+$/;
const GROUPED_MANY = /^[+-]?\d{1,3}(,\d{3}){2,}$/;

/** Result of parsing a cell: a number (NaN = missing) or text that is not a number. */
export type ParsedCell = { kind: 'number'; value: number } | { kind: 'missing' } | { kind: 'text'; text: string };

/**
 * Parse one cell.
 *
 * Numbers: plain decimal or exponent notation. Thousands separators are accepted only when the
 * reading is unambiguous — "1,234,567" (several groups) or "1,234.5" (groups plus a decimal
 * point); "1,234" alone could be 1.234 with a decimal comma, so it is text (and so an error in
 * a numeric column). Missing: empty, NA, N/A, ".", "..", "-", "—", NaN, null.
 */
export function parseCell(cell: string | number | null | undefined): ParsedCell {
  if (cell === null || cell === undefined) return { kind: 'missing' };
  if (typeof cell === 'number') return Number.isFinite(cell) ? { kind: 'number', value: cell } : { kind: 'missing' };
  const s = cell.trim();
  if (MISSING.has(s.toLowerCase())) return { kind: 'missing' };
  if (PLAIN_NUMBER.test(s)) return { kind: 'number', value: Number(s) };
  if (GROUPED_WITH_DECIMAL.test(s) || GROUPED_MANY.test(s)) return { kind: 'number', value: Number(s.replace(/,/g, '')) };
  return { kind: 'text', text: s };
}

/** A cell as text for a text column or an id ("" for missing). */
export function cellText(cell: string | number | null | undefined): string {
  if (cell === null || cell === undefined) return '';
  return typeof cell === 'number' ? String(cell) : cell.trim();
}
