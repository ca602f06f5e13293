/**
 * GeoDa `.gal` neighbour files (binary contiguity / kNN lists).
 *
 * Format: header `0 n name key` (or just `n`), then per region a line `id k` followed by a line
 * with its k neighbour ids (an empty line for an island). Ids holding spaces are written in
 * double quotes, which this reader understands; GeoDa itself cannot key files by such ids.
 */
import { InputError } from '../../core/errors';
import { fromNeighbors, quoteList, type SpatialWeights } from '../spatial-weights';
import { finishRead, geodaHeader, parseGeodaHeader, quoteToken, textLines, tokenize, type WeightsReadOptions } from './common';

/**
 * Read a `.gal` file's text into binary W (ids in file order unless `opts.ids` is given).
 * Reference: GeoDa GAL format; `spdep::read.gal`.
 * @throws InputError `bad-header`; `gal-count` when the header's count disagrees with the
 *   records; `bad-record` (line number) for a malformed record or a neighbour count that does
 *   not match its list; `unknown-id` naming neighbours that have no record; `duplicate-id`;
 *   plus those of `finishRead` (`unknown-id`, `missing-id`, `asymmetric`).
 */
export function fromGal(text: string, opts: WeightsReadOptions = {}): SpatialWeights {
  const source = opts.source ?? 'GAL file';
  const lines = textLines(text);
  const header = parseGeodaHeader(lines[0], source);
  const ids: string[] = [];
  const neighbors: Record<string, string[]> = {};
  let li = 1;
  const nextNonEmpty = (): number => {
    while (li < lines.length && lines[li].trim() === '') li++;
    return li;
  };
  while (nextNonEmpty() < lines.length) {
    const recLine = li + 1;
    const t = tokenize(lines[li]);
    li++;
    const k = Number(t[t.length - 1]);
    if (t.length < 2 || !Number.isInteger(k) || k < 0) {
      throw new InputError('bad-record', `${source}, line ${recLine}: expected "id count", got "${lines[recLine - 1].trim()}".`, { source, line: recLine });
    }
    // An unquoted id with spaces: everything before the count.
    const id = t.slice(0, -1).join(' ');
    if (id in neighbors) throw new InputError('duplicate-id', `${source}, line ${recLine}: region "${id}" has a second record.`, { source, line: recLine, id });
    let list: string[] = [];
    if (k > 0) {
      if (nextNonEmpty() >= lines.length) {
        throw new InputError('bad-record', `${source}, line ${recLine}: region "${id}" should have ${k} neighbours but the file ends.`, { source, line: recLine, id });
      }
      list = tokenize(lines[li]);
      li++;
      if (list.length !== k) {
        throw new InputError('bad-record', `${source}, line ${li}: region "${id}" should have ${k} neighbours but ${list.length} are listed.`, { source, line: li, id });
      }
    } else if (li < lines.length && lines[li].trim() === '') {
      li++;
    }
    ids.push(id);
    neighbors[id] = list;
  }
  if (ids.length !== header.n) {
    throw new InputError('gal-count', `${source}: the header says ${header.n} regions but the file has ${ids.length} records.`, { source, header: header.n, records: ids.length });
  }
  const known = new Set(ids);
  const unknown = [...new Set(Object.values(neighbors).flat().filter((j) => !known.has(j)))];
  if (unknown.length > 0) {
    throw new InputError('unknown-id', `${source} lists neighbour(s) without a record of their own: ${quoteList(unknown)}.`, { source, ids: unknown });
  }
  return finishRead(fromNeighbors(ids, neighbors), opts);
}

/**
 * Write W's neighbour lists as `.gal` text (weights are not kept: GAL is binary).
 * Reference: GeoDa GAL format.
 */
export function toGal(w: SpatialWeights, opts: { name?: string; key?: string } = {}): string {
  const out: string[] = [geodaHeader(w.n, opts.name, opts.key)];
  for (let i = 0; i < w.n; i++) {
    const row: string[] = [];
    for (let k = w.rowPtr[i]; k < w.rowPtr[i + 1]; k++) row.push(quoteToken(w.ids[w.colIdx[k]]));
    out.push(`${quoteToken(w.ids[i])} ${row.length}`, row.join(' '));
  }
  return out.join('\n') + '\n';
}
