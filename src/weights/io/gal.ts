/**
 * GeoDa `.gal` neighbour files (binary contiguity / kNN lists).
 *
 * Format: header `0 n name key` (or just `n`), then per region a line `id k` followed by a line
 * with its k neighbour ids (an empty line for an island). Ids are whitespace-separated, so when
 * an id holds whitespace the writer uses positions 1…n (as GeoDa and spdep do) and the reader
 * maps positions back through the expected ids. Legacy files with unquoted multi-word ids
 * (`New York Vermont`) are split against the record ids in linear time when only one split exists.
 * Parsing is O(size of the text).
 */
import { InputError } from '../../core/errors';
import { quoteList } from '../../core/ids';
import { fromNeighbors, type SpatialWeights } from '../spatial-weights';
import { excerpt, fileIds, finishRead, geodaHeader, IdSegmenter, parseGeodaHeader, positionMap, quoteToken, textLines, tokenize, type WeightsIoWarning, type WeightsReadOptions } from './common';

/**
 * Read a `.gal` file's text into binary W (ids in file order unless `opts.ids` is given).
 * Reference: GeoDa GAL format; `spdep::read.gal`.
 * @throws InputError `bad-header`; `weights-gal-count` when the header's count disagrees with the
 *   records; `weights-gal-bad-record` / `weights-gal-file-ends` / `weights-gal-neighbour-count` (line number) for a malformed record or a neighbour count that does
 *   not match its list; `weights-gal-unknown-neighbours` naming neighbours that have no record; `weights-gal-second-record`;
 *   plus those of `finishRead` (`weights-gal-unknown-neighbours`, `missing-id`, `asymmetric`).
 */
export function fromGal(text: string, opts: WeightsReadOptions = {}): SpatialWeights {
  const source = opts.source ?? 'GAL file';
  const lines = textLines(text);
  const header = parseGeodaHeader(lines[0], source);
  const ids: string[] = [];
  const records: { id: string; k: number; tokens: string[]; line: number }[] = [];
  const seen = new Set<string>();
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
      const got = excerpt(lines[recLine - 1].trim());
      throw new InputError('weights-gal-bad-record', `${source}, line ${recLine}: expected "id count", got "${got}".`, { source, line: recLine, text: got });
    }
    // An unquoted id with spaces: everything before the count.
    const id = t.slice(0, -1).join(' ');
    if (seen.has(id)) throw new InputError('weights-gal-second-record', `${source}, line ${recLine}: region "${excerpt(id)}" has a second record.`, { source, line: recLine, id: excerpt(id) });
    seen.add(id);
    let tokens: string[] = [];
    let line = recLine;
    if (k > 0) {
      if (nextNonEmpty() >= lines.length) {
        throw new InputError('weights-gal-file-ends', `${source}, line ${recLine}: region "${excerpt(id)}" should have ${k} neighbours but the file ends.`, { source, line: recLine, id: excerpt(id), k });
      }
      tokens = tokenize(lines[li]);
      li++;
      line = li;
    } else if (li < lines.length && lines[li].trim() === '') {
      li++;
    }
    ids.push(id);
    records.push({ id, k, tokens, line });
  }
  if (ids.length !== header.n) {
    throw new InputError('weights-gal-count', `${source}: the header says ${header.n} regions but the file has ${ids.length} records.`, { source, header: header.n, records: ids.length });
  }
  const neighbors: Record<string, string[]> = {};
  let segmenter: IdSegmenter | undefined;
  for (const r of records) {
    let list = r.tokens;
    // GeoDa writes ids with spaces unquoted: split the line into record ids if that can be done one way only.
    if (list.length !== r.k && list.length > 0) {
      segmenter ??= new IdSegmenter(seen);
      const split = segmenter.segment(r.tokens);
      if (split === 'ambiguous') {
        throw new InputError('weights-gal-ambiguous-neighbours', `${source}, line ${r.line}: the neighbours of region "${excerpt(r.id)}" can be read as region ids in more than one way (ids with spaces must be in double quotes).`, { source, line: r.line, id: excerpt(r.id) });
      }
      if (split !== 'none') list = split;
    }
    if (list.length !== r.k) {
      throw new InputError('weights-gal-neighbour-count', `${source}, line ${r.line}: region "${excerpt(r.id)}" should have ${r.k} neighbours but ${list.length} are listed.`, { source, line: r.line, id: excerpt(r.id), k: r.k, listed: list.length });
    }
    neighbors[r.id] = list;
  }
  const unknown = new Set<string>();
  for (const r of records) for (const j of neighbors[r.id]) if (!seen.has(j)) unknown.add(j);
  if (unknown.size > 0) {
    const all = [...unknown].map((u) => excerpt(u));
    throw new InputError('weights-gal-unknown-neighbours', `${source} lists neighbour(s) without a record of their own: ${quoteList(all)}.`, { source, ids: all.slice(0, 20), count: all.length, idList: quoteList(all) });
  }
  const positions = positionMap(ids, header.n, opts, source, header.key);
  if (positions) {
    const at = (id: string): string => positions.get(id) as string;
    const renamed: Record<string, string[]> = {};
    for (const r of records) renamed[at(r.id)] = neighbors[r.id].map(at);
    return finishRead(fromNeighbors(ids.map(at), renamed), opts);
  }
  return finishRead(fromNeighbors(ids, neighbors), opts);
}

/**
 * Write W's neighbour lists as `.gal` text (weights are not kept: GAL is binary). When an id
 * holds whitespace or quotes, regions are written as positions 1…n in W's order with the id
 * variable `key` in the header, and `onWarning` gets `weights-file-positions-written`.
 * Reference: GeoDa GAL format; `spdep::read.gal`.
 */
export function toGal(w: SpatialWeights, opts: { name?: string; key?: string; onWarning?: (w: WeightsIoWarning) => void } = {}): string {
  const out: string[] = [geodaHeader(w.n, opts.name, opts.key)];
  const ids = fileIds(w.ids, 'GAL', opts.key, opts.onWarning);
  for (let i = 0; i < w.n; i++) {
    const row: string[] = [];
    for (let k = w.rowPtr[i]; k < w.rowPtr[i + 1]; k++) row.push(quoteToken(ids[w.colIdx[k]]));
    out.push(`${quoteToken(ids[i])} ${row.length}`, row.join(' '));
  }
  return out.join('\n') + '\n';
}
