/**
 * GeoDa `.gwt` (distance weights) and `.kwt` (kernel weights, which include the diagonal).
 *
 * Format: header `0 n name key`, then one line `id_i id_j w_ij` per nonzero weight.
 * Regions without any line are islands; their ids come from `opts.ids` (the file cannot name them).
 * Files numbering regions 1…n (GeoDa, `spdep::write.sn2gwt`) are mapped through `opts.ids`;
 * ids with whitespace are written as such positions. Parsing is O(size of the text).
 */
import { InputError } from '../../core/errors';
import { fromNeighbors, type SpatialWeights } from '../spatial-weights';
import { excerpt, fileIds, finishRead, geodaHeader, IdSegmenter, parseGeodaHeader, positionMap, quoteToken, textLines, tokenize, type WeightsIoWarning, type WeightsReadOptions } from './common';

/** Options of `fromGwt`. */
export interface GwtReadOptions extends WeightsReadOptions {
  /** Accept `i i w` lines (kernel weights). Default: true for `fromKwt`, false for `fromGwt`. */
  readonly allowDiagonal?: boolean;
}

/**
 * Read `.gwt` text into W with the file's weights (transformation `O`).
 * Region ids are those of `opts.ids` when given, otherwise the ids in order of first appearance.
 * Reference: GeoDa GWT format; `spdep::read.gwt2nb`.
 * @throws InputError `bad-header`; `weights-gwt-bad-record` (line number) for a line that is not
 *   `id id weight`; `weights-gwt-self-link` for `i i w` without `allowDiagonal`; `weights-gwt-duplicate-link`;
 *   `weights-gwt-count` when the header's count disagrees with the ids found; plus those of `finishRead`.
 */
export function fromGwt(text: string, opts: GwtReadOptions = {}): SpatialWeights {
  const source = opts.source ?? 'GWT file';
  const lines = textLines(text);
  const header = parseGeodaHeader(lines[0], source);
  let seen: string[] = [];
  const known = new Set<string>();
  let nb: Record<string, string[]> = {};
  const wt: Record<string, number[]> = {};
  const pairs = new Set<string>();
  const segmenter = opts.ids && opts.ids.length > 0 ? new IdSegmenter(opts.ids) : undefined;
  const see = (id: string): void => { if (!known.has(id)) { known.add(id); seen.push(id); } };
  for (let li = 1; li < lines.length; li++) {
    if (lines[li].trim() === '') continue;
    const t = splitUnquoted(tokenize(lines[li]), segmenter);
    const v = Number(t[2]);
    if (t.length !== 3 || t[2].trim() === '' || !Number.isFinite(v)) {
      const got = excerpt(lines[li].trim());
      throw new InputError('weights-gwt-bad-record', `${source}, line ${li + 1}: expected "id1 id2 weight", got "${got}".`, { source, line: li + 1, text: got });
    }
    const [i, j] = t;
    if (i === j && !opts.allowDiagonal) {
      throw new InputError('weights-gwt-self-link', `${source}, line ${li + 1}: region "${excerpt(i)}" is linked to itself.`, { source, line: li + 1, id: excerpt(i) });
    }
    const key = `${i}\u0000${j}`;
    if (pairs.has(key)) throw new InputError('weights-gwt-duplicate-link', `${source}, line ${li + 1}: the link "${excerpt(i)}" → "${excerpt(j)}" appears twice.`, { source, line: li + 1, i: excerpt(i), j: excerpt(j) });
    pairs.add(key);
    see(i); see(j);
    (nb[i] ??= []).push(j);
    (wt[i] ??= []).push(v);
  }
  // GeoDa / spdep files may number the regions 1…n (positions in the data's order).
  const positions = positionMap(seen, header.n, opts, source, header.key);
  if (positions) {
    const at = (id: string): string => positions.get(id) as string;
    const renamed: Record<string, string[]> = {};
    for (const i of Object.keys(nb)) {
      renamed[at(i)] = nb[i].map(at);
      const w = wt[i];
      delete wt[i];
      wt[at(i)] = w;
    }
    nb = renamed;
    seen = seen.map(at);
  }
  let ids = seen;
  if (opts.ids) {
    // Islands appear in no line: take the expected ids, matched by name.
    const wanted = new Set(opts.ids);
    ids = [...opts.ids, ...seen.filter((id) => !wanted.has(id))];
  }
  if (ids.length !== header.n && !(opts.ids && opts.allowExtra)) {
    const hint = ids.length < header.n && !opts.ids ? ' (regions without neighbours cannot be named by the file; pass the geometry or panel ids)' : '';
    throw new InputError('weights-gwt-count', `${source}: the header says ${header.n} regions but ${ids.length} ids were found${hint}.`, { source, header: header.n, found: ids.length, hint });
  }
  return finishRead(fromNeighbors(ids, nb, wt), opts);
}

/**
 * GeoDa writes ids with spaces unquoted (`New York Vermont 1`): with known ids, find the one
 * split of the id tokens into two known ids (linear in the line's length).
 */
function splitUnquoted(t: string[], segmenter: IdSegmenter | undefined): string[] {
  if (t.length <= 3 || segmenter === undefined) return t;
  const split = segmenter.segment(t.slice(0, -1));
  return Array.isArray(split) && split.length === 2 ? [split[0], split[1], t[t.length - 1]] : t;
}

/** Read `.kwt` text (kernel weights: diagonal lines allowed). See `fromGwt`. */
export function fromKwt(text: string, opts: GwtReadOptions = {}): SpatialWeights {
  return fromGwt(text, { source: 'KWT file', allowDiagonal: true, ...opts });
}

/**
 * Write W's current weights as `.gwt`/`.kwt` text, full precision (shortest round-trip form).
 * When an id holds whitespace or quotes, regions are written as positions 1…n in W's order with
 * the id variable `key` in the header, and `onWarning` gets `weights-file-positions-written`.
 * Reference: GeoDa GWT/KWT format; `spdep::read.gwt2nb`.
 */
export function toGwt(w: SpatialWeights, opts: { name?: string; key?: string; format?: string; onWarning?: (w: WeightsIoWarning) => void } = {}): string {
  const out: string[] = [geodaHeader(w.n, opts.name, opts.key)];
  const ids = fileIds(w.ids, opts.format ?? 'GWT', opts.key, opts.onWarning);
  for (let i = 0; i < w.n; i++) {
    for (let k = w.rowPtr[i]; k < w.rowPtr[i + 1]; k++) {
      out.push(`${quoteToken(ids[i])} ${quoteToken(ids[w.colIdx[k]])} ${String(w.values[k])}`);
    }
  }
  return out.join('\n') + '\n';
}
