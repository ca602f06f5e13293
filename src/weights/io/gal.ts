/**
 * GeoDa `.gal` neighbour files (binary contiguity / kNN lists).
 *
 * Format: header `0 n name key` (or just `n`), then per region a line `id k` followed by a line
 * with its k neighbour ids (an empty line for an island). Ids holding spaces are written in
 * double quotes, which this reader understands; GeoDa itself cannot key files by such ids.
 */
import { InputError } from '../../core/errors';
import { quoteList } from '../../core/ids';
import { fromNeighbors, type SpatialWeights } from '../spatial-weights';
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
      throw new InputError('weights-gal-bad-record', `${source}, line ${recLine}: expected "id count", got "${lines[recLine - 1].trim()}".`, { source, line: recLine, text: lines[recLine - 1].trim() });
    }
    // An unquoted id with spaces: everything before the count.
    const id = t.slice(0, -1).join(' ');
    if (seen.has(id)) throw new InputError('weights-gal-second-record', `${source}, line ${recLine}: region "${id}" has a second record.`, { source, line: recLine, id });
    seen.add(id);
    let tokens: string[] = [];
    let line = recLine;
    if (k > 0) {
      if (nextNonEmpty() >= lines.length) {
        throw new InputError('weights-gal-file-ends', `${source}, line ${recLine}: region "${id}" should have ${k} neighbours but the file ends.`, { source, line: recLine, id, k });
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
  for (const r of records) {
    let list = r.tokens;
    // GeoDa writes ids with spaces unquoted: split the line into k record ids if it can be done.
    if (list.length !== r.k) list = segmentIds(r.tokens, r.k, seen) ?? list;
    if (list.length !== r.k) {
      throw new InputError('weights-gal-neighbour-count', `${source}, line ${r.line}: region "${r.id}" should have ${r.k} neighbours but ${list.length} are listed.`, { source, line: r.line, id: r.id, k: r.k, listed: list.length });
    }
    neighbors[r.id] = list;
  }
  const unknown = [...new Set(Object.values(neighbors).flat().filter((j) => !seen.has(j)))];
  if (unknown.length > 0) {
    throw new InputError('weights-gal-unknown-neighbours', `${source} lists neighbour(s) without a record of their own: ${quoteList(unknown)}.`, { source, ids: unknown, idList: quoteList(unknown) });
  }
  return finishRead(fromNeighbors(ids, neighbors), opts);
}

/**
 * Split tokens into exactly `k` ids of `known`, joining runs of tokens with single spaces
 * (dynamic programming over token positions); `undefined` when there is no such split.
 */
function segmentIds(tokens: readonly string[], k: number, known: ReadonlySet<string>): string[] | undefined {
  const m = tokens.length;
  // reach[p] = an id list covering tokens[0..p) (fewest ids first found), or undefined.
  const reach: (string[] | undefined)[] = new Array<string[] | undefined>(m + 1).fill(undefined);
  reach[0] = [];
  for (let p = 0; p < m; p++) {
    const head = reach[p];
    if (!head || head.length >= k) continue;
    let id = '';
    for (let q = p; q < m; q++) {
      id = q === p ? tokens[q] : `${id} ${tokens[q]}`;
      if (known.has(id) && (reach[q + 1] === undefined)) reach[q + 1] = [...head, id];
    }
  }
  const out = reach[m];
  return out && out.length === k ? out : undefined;
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
