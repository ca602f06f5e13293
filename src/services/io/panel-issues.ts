/**
 * The cell and column problems of a panel file, as sentences: shared by the whole-file reader
 * (`panel-reader.ts`) and the streamed one (`panel-stream.ts`), so both say the same thing.
 */
import { InputError } from '../../core/errors';
import type { ValidationIssue } from '../../core/panel-validate';
import { parseCell } from './cell-parse';
import { clipForMessage, listForMessage } from './limits';

/** One cell as read: text (CSV), number or text (XLSX), or null when empty. */
export type Cell = string | number | null;

/** A period cell: an integer, or a year written `2020年`. */
export function parseTime(cell: Cell): number | undefined {
  const p = parseCell(cell);
  if (p.kind === 'number') return Number.isInteger(p.value) ? p.value : undefined;
  if (p.kind === 'text') {
    const m = /^(\d{4})年$/.exec(p.text);
    if (m) return Number(m[1]);
  }
  return undefined;
}

/** Most cells one issue lists. */
export const MAX_LISTED = 5;

/** @throws InputError `import-no-data-rows` when the table has a header and no rows. */
export function assertHasRows(source: string, header: readonly string[], rows: number): void {
  if (rows > 0) return;
  throw new InputError('import-no-data-rows', `${source} has a header row but no data rows: there is nothing to import`, {
    file: source,
    columnList: listForMessage(header),
  });
}

/** `import-unknown-column`: no id/time column of that name, the columns listed. */
export function unknownColumn(source: string, header: readonly string[], what: string, col: string): InputError {
  return new InputError(
    'import-unknown-column',
    `${source}: no ${what} column "${col}" (columns: ${listForMessage(header)})`,
    { file: source, column: col, available: [...header], what, columnList: listForMessage(header) },
  );
}

function quote(c: Cell): string {
  return `"${c === null ? '' : clipForMessage(String(c).trim())}"`;
}

/** What a cell issue says of its cells, for one cell and for several. */
const CELL_PROBLEMS = {
  'non-numeric-cell': ['is not a number', 'are not numbers'],
  'missing-id': ['has no id', 'have no id'],
  'bad-time': ['is not an integer period', 'are not integer periods'],
} as const;

/** The code of a cell issue. */
export type CellProblem = keyof typeof CELL_PROBLEMS;

/**
 * Turn cell problems collected per column into one issue per column, listing up to 5 cells:
 * `p.csv: column "gsp", row 17: "abc" is not a number`, or for several cells
 * `p.csv: column "gsp", rows 2, 3, 4, 5, 6 and 2 more: "x", "y", "z", "", "w" are not numbers`.
 * `details.count` is the number of cells (the catalogue's plural forms). `rows` lists every
 * cell's row; `cells` needs only the first `MAX_LISTED`.
 */
export function cellIssue(
  code: CellProblem,
  source: string,
  column: string,
  rows: readonly number[],
  cells: readonly Cell[],
): ValidationIssue {
  const [one, many] = CELL_PROBLEMS[code];
  const listed = cells.slice(0, MAX_LISTED);
  const moreCount = Math.max(0, rows.length - MAX_LISTED);
  const rowList = rows.slice(0, MAX_LISTED).join(', ');
  const cellList = listed.map((c) => quote(c)).join(', ');
  const message = rows.length === 1
    ? `${source}: column "${column}", row ${rows[0]}: ${cellList} ${one}`
    : `${source}: column "${column}", rows ${rowList}${moreCount > 0 ? ` and ${moreCount} more` : ''}: ${cellList} ${many}`;
  return {
    code,
    message,
    details: {
      file: source, column, rows: [...rows], cells: listed, count: rows.length, row: rows[0], cell: quote(cells[0]), rowList, cellList, moreCount,
    },
  };
}

/** `import-number-overflow`: a number too large for a double, named by column and row. */
export function numberOverflow(source: string, column: string, row: number, cellText: string): InputError {
  const text = clipForMessage(cellText);
  return new InputError('import-number-overflow', `${source}: column "${column}", row ${row}: "${text}" is too large to be a number`, {
    file: source,
    column,
    row,
    text,
  });
}
