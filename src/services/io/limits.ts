/**
 * Limits of the file readers: sizes a hostile or broken file may claim before a reader refuses
 * it with a sentence instead of spending minutes or gigabytes on it.
 */

/**
 * Largest total size (bytes) the members of one zip (zipped shapefile or .xlsx workbook) may
 * unpack to: 512 MiB, well above what a 200 MB upload of real data unpacks to.
 */
export const MAX_UNZIPPED_BYTES = 512 * 1024 * 1024;

/**
 * Largest compression ratio (unpacked ÷ packed size) of one zip member larger than
 * `RATIO_CHECK_MIN_BYTES`. Spreadsheet XML and shapefiles pack 3–30 to 1; deflate's ceiling is
 * about 1,032 to 1, which is what zip bombs use (64 KB of zip unpacking to 64 MB of zeros).
 */
export const MAX_COMPRESSION_RATIO = 200;

/** Members that unpack to no more than this (1 MiB) are not held to `MAX_COMPRESSION_RATIO`. */
export const RATIO_CHECK_MIN_BYTES = 1024 * 1024;

/** Most columns a table may have: 16,384, Excel's own limit (column XFD). */
export const MAX_COLUMNS = 16_384;

/** Longest line (characters) of a CSV/text table: 1 Mi characters (16,384 columns of 64 characters). */
export const MAX_LINE_CHARS = 1024 * 1024;

/** Most characters of input quoted in an error sentence; longer text is cut with "…". */
export const MAX_QUOTED_CHARS = 80;

/** Input text cut to `MAX_QUOTED_CHARS` for an error sentence. */
export function clipForMessage(s: string): string {
  return s.length > MAX_QUOTED_CHARS ? `${s.slice(0, MAX_QUOTED_CHARS)}…` : s;
}

/** Most names (columns, fields, sheets) listed in an error sentence; the rest are counted. */
export const MAX_LISTED_NAMES = 30;

/**
 * Names joined with ", " for an error sentence: each cut to `MAX_QUOTED_CHARS`, at most
 * `MAX_LISTED_NAMES` of them, then "… (N more)".
 */
export function listForMessage(names: readonly string[]): string {
  const shown = names.slice(0, MAX_LISTED_NAMES).map(clipForMessage).join(', ');
  return names.length > MAX_LISTED_NAMES ? `${shown}, … (${names.length - MAX_LISTED_NAMES} more)` : shown;
}
