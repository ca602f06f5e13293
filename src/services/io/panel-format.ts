/**
 * Which layout a panel file has: wide-format year headers (`1990`, `pcgdp1940`, `2010年GDP`)
 * and the `auto` layout's choice between long and wide.
 */

/** Years a wide-format header may name: 1800–2199 (so codes such as `inegi2` or `id1234x` are not years). */
const MIN_YEAR = 1800;
const MAX_YEAR = 2199;

/** Prefixes that only mark a bare year: R's `X1990` (check.names), Stata's `y1990`. */
const BARE_PREFIXES = new Set(['x', 'y']);

/** A wide-format header: the year it names and the variable around it (`''` for a bare year). */
export interface WideHeader {
  readonly year: number;
  readonly stem: string;
}

/**
 * The year and variable stem of a wide-format header, or undefined when it names no year:
 * bare years `1990`, `X1990`, `1990年`; prefix + year `pcgdp1940`, `GDP_2010`, `gdp-2010`;
 * year + suffix `2010年GDP`, `2010_gdp`. The year is 4 digits (1800–2199) not touching other
 * digits; a header with text on both sides of the year (`gdp2010real`) is not a year column.
 */
export function parseWideHeader(h: string): WideHeader | undefined {
  const m = /^(.*?)(\d{4})(.*)$/su.exec(h.trim());
  if (!m) return undefined;
  const [, before, digits, after] = m;
  if (/\d$/.test(before) || /^\d/.test(after)) return undefined;
  const year = Number(digits);
  if (year < MIN_YEAR || year > MAX_YEAR) return undefined;
  const prefix = before.replace(/[\s_\-.]+$/u, '');
  const suffix = after.replace(/^年/u, '').replace(/^[\s_\-.]+/u, '');
  if (prefix !== '' && suffix !== '') return undefined;
  // `1990-2000`, `1990_`: a range or a dangling separator, not a year column.
  if (/\d$/.test(prefix) || /^\d/.test(suffix)) return undefined;
  if (prefix === '' && suffix === '' && after !== '' && after !== '年') return undefined;
  const stem = BARE_PREFIXES.has(prefix.toLowerCase()) ? '' : prefix || suffix;
  return { year, stem };
}

/** The year a wide-format header names, or undefined (see `parseWideHeader`). */
export function yearOfHeader(h: string): number | undefined {
  return parseWideHeader(h)?.year;
}

/**
 * The layout `auto` reads: wide when `time` is not a column and some other header names a year
 * (`parseWideHeader`), else long.
 */
export function detectFormat(header: readonly string[], id: string, time: string): 'long' | 'wide' {
  if (header.includes(time)) return 'long';
  return header.some((h) => h !== id && parseWideHeader(h) !== undefined) ? 'wide' : 'long';
}
