/**
 * Region aliases from a file (`rwb import --aliases names.csv`): the names a yearbook uses for
 * regions, one row each, in the columns `alias` (the id as the panel file writes it) and
 * `region` (the region's code, or its name in the project or the boundaries). The same mapping
 * the Import dialog sends when the user accepts a suggested name (`PanelImportRequest.aliases`).
 */
import { InputError } from '../../core/errors';
import type { FileSource } from '../io/file-source';
import { readTable } from '../io/table-reader';

/**
 * Reads an aliases table (.csv or .xlsx) into `alias → region`. Header names are compared
 * without case; other columns are ignored; blank lines are skipped.
 *
 * @throws InputError `import-aliases-columns` (no `alias` or no `region` column, naming the
 *   columns it has), `import-aliases-blank-cell` (a row with one of the two empty, row named),
 *   `import-aliases-conflict` (one alias given two regions, both rows named), and the table
 *   reader's errors (missing file, not a text table, …).
 */
export async function readAliasFile(src: FileSource): Promise<Record<string, string>> {
  const table = await readTable(src);
  const lower = table.header.map((h) => h.trim().toLowerCase());
  const a = lower.indexOf('alias');
  const r = lower.indexOf('region');
  if (a < 0 || r < 0) {
    const columnList = table.header.map((h) => `"${h}"`).join(', ');
    throw new InputError(
      'import-aliases-columns',
      `${table.source}: an aliases file needs the columns "alias" (the name as the panel file writes it) and "region" (the region's code or name); it has ${columnList}`,
      { file: table.source, columns: [...table.header], columnList },
    );
  }
  const out: Record<string, string> = {};
  const rowOf = new Map<string, number>();
  table.rows.forEach((cells, i) => {
    const row = table.rowNumbers[i];
    const alias = String(cells[a] ?? '').trim();
    const region = String(cells[r] ?? '').trim();
    if (alias === '' && region === '') return;
    if (alias === '' || region === '') {
      throw new InputError('import-aliases-blank-cell', `${table.source}: row ${row} has an empty ${alias === '' ? '"alias"' : '"region"'} cell`, {
        file: table.source,
        row,
        column: alias === '' ? 'alias' : 'region',
      });
    }
    const before = out[alias];
    if (before !== undefined && before !== region) {
      const first = rowOf.get(alias) ?? row;
      throw new InputError(
        'import-aliases-conflict',
        `${table.source}: "${alias}" is given two regions, "${before}" (row ${first}) and "${region}" (row ${row})`,
        { file: table.source, alias, first: before, second: region, firstRow: first, row },
      );
    }
    out[alias] = region;
    rowOf.set(alias, row);
  });
  return out;
}
