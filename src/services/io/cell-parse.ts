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

/**
 * Result of parsing a cell: a number, missing, text that is not a number, or a number written
 * in the cell that overflows a double (`1e400`, beyond ±1.8e308), which the caller reports.
 */
export type ParsedCell =
  | { kind: 'number'; value: number }
  | { kind: 'missing' }
  | { kind: 'text'; text: string }
  | { kind: 'overflow'; text: string };

/**
 * Parse one cell.
 *
 * Numbers: plain decimal or exponent notation. Thousands separators are accepted only when the
 * reading is unambiguous — "1,234,567" (several groups) or "1,234.5" (groups plus a decimal
 * point); "1,234" alone could be 1.234 with a decimal comma, so it is text (and so an error in
 * a numeric column). Missing: empty, NA, N/A, ".", "..", "-", "—", NaN, null. A number too
 * large for a double (`1e400`, or an XLSX cell read as ±Infinity) is `overflow`, never ±Infinity.
 */
export function parseCell(cell: string | number | null | undefined): ParsedCell {
  if (cell === null || cell === undefined) return { kind: 'missing' };
  const fast = plainNumberCell(cell);
  if (fast === fast) return { kind: 'number', value: fast };
  if (typeof cell === 'number') {
    if (Number.isFinite(cell)) return { kind: 'number', value: cell };
    return Number.isNaN(cell) ? { kind: 'missing' } : { kind: 'overflow', text: String(cell) };
  }
  const s = cell.trim();
  if (MISSING.has(s.toLowerCase())) return { kind: 'missing' };
  const plain = PLAIN_NUMBER.test(s);
  if (plain || GROUPED_WITH_DECIMAL.test(s) || GROUPED_MANY.test(s)) {
    const value = Number(plain ? s : s.replace(/,/g, ''));
    return Number.isFinite(value) ? { kind: 'number', value } : { kind: 'overflow', text: s };
  }
  return { kind: 'text', text: s };
}

/**
 * The value of a cell that is a finite number written plainly (decimal or exponent notation,
 * surrounding spaces allowed) or a finite number already, else NaN — the common case of
 * {@link parseCell} without building its result; NaN means "ask parseCell".
 */
export function plainNumberCell(cell: string | number | null | undefined): number {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : Number.NaN;
  if (typeof cell !== 'string') return Number.NaN;
  const s = cell.trim();
  if (!PLAIN_NUMBER.test(s)) return Number.NaN;
  const v = Number(s);
  return Number.isFinite(v) ? v : Number.NaN;
}

/** A cell as text for a text column or an id ("" for missing). */
export function cellText(cell: string | number | null | undefined): string {
  if (cell === null || cell === undefined) return '';
  return typeof cell === 'number' ? String(cell) : cell.trim();
}
