/**
 * What the Data table's cell editor accepts and how the grid prints a value: a number (ASCII or
 * full-width digits, optional thousands commas, exponent) or nothing (a missing value).
 */

/** The result of reading a typed cell: a value (`null` = missing) or not a number. */
export type CellParse = { readonly ok: true; readonly value: number | null } | { readonly ok: false };

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/;

/**
 * Read what was typed into a cell. Empty (or spaces) is a missing value; `1,234.5` and
 * full-width `１２．５` are numbers (NFKC); anything else, `Infinity`, `NaN` and numbers too large
 * for a double, is refused.
 */
export function parseCellText(text: string): CellParse {
  const t = text.normalize('NFKC').trim();
  if (t === '') return { ok: true, value: null };
  const plain = GROUPED.test(t) ? t.replace(/,/g, '') : t;
  if (!NUMBER.test(plain)) return { ok: false };
  const v = Number(plain);
  return Number.isFinite(v) ? { ok: true, value: v } : { ok: false };
}

/** The text the editor starts with: every digit of the stored double, empty for missing. */
export function cellEditText(v: number | null): string {
  return v === null ? '' : String(v);
}

const formats = new Map<string, Intl.NumberFormat>();

/**
 * A stored value for the grid: up to 10 significant digits with the language's grouping, so a
 * value reads as entered (15032.67, not 15,033); scientific notation when |v| ≥ 1e12 or < 1e-6.
 */
export function formatCell(v: number, lang: string): string {
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e12 || a < 1e-6)) return v.toExponential(6).replace(/\.?0+e/, 'e');
  let f = formats.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(lang, { maximumSignificantDigits: 10 });
    formats.set(lang, f);
  }
  return f.format(v);
}
