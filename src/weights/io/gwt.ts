/**
 * GeoDa `.gwt` (distance weights) and `.kwt` (kernel weights, which include the diagonal).
 *
 * Format: header `0 n name key`, then one line `id_i id_j w_ij` per nonzero weight.
 * Regions without any line are islands; their ids come from `opts.ids` (the file cannot name them).
 */
import { InputError } from '../../core/errors';
import { fromNeighbors, type SpatialWeights } from '../spatial-weights';
import { finishRead, geodaHeader, parseGeodaHeader, quoteToken, textLines, tokenize, type WeightsReadOptions } from './common';

/** Options of `fromGwt`. */
export interface GwtReadOptions extends WeightsReadOptions {
  /** Accept `i i w` lines (kernel weights). Default: true for `fromKwt`, false for `fromGwt`. */
  readonly allowDiagonal?: boolean;
}

/**
 * Read `.gwt` text into W with the file's weights (transformation `O`).
 * Region ids are those of `opts.ids` when given, otherwise the ids in order of first appearance.
 * Reference: GeoDa GWT format; `spdep::read.gwt2nb`.
 * @throws InputError `bad-header`; `bad-record` (line number) for a line that is not
 *   `id id weight`; `self-link` for `i i w` without `allowDiagonal`; `duplicate-link`;
 *   `gwt-count` when the header's count disagrees with the ids found; plus those of `finishRead`.
 */
export function fromGwt(text: string, opts: GwtReadOptions = {}): SpatialWeights {
  const source = opts.source ?? 'GWT file';
  const lines = textLines(text);
  const header = parseGeodaHeader(lines[0], source);
  const seen: string[] = [];
  const known = new Set<string>();
  const nb: Record<string, string[]> = {}, wt: Record<string, number[]> = {};
  const pairs = new Set<string>();
  const expected = new Set(opts.ids ?? []);
  const see = (id: string): void => { if (!known.has(id)) { known.add(id); seen.push(id); } };
  for (let li = 1; li < lines.length; li++) {
    if (lines[li].trim() === '') continue;
    const t = splitUnquoted(tokenize(lines[li]), expected);
    const v = Number(t[2]);
    if (t.length !== 3 || t[2].trim() === '' || !Number.isFinite(v)) {
      throw new InputError('weights-gwt-bad-record', `${source}, line ${li + 1}: expected "id1 id2 weight", got "${lines[li].trim()}".`, { source, line: li + 1, text: lines[li].trim() });
    }
    const [i, j] = t;
    if (i === j && !opts.allowDiagonal) {
      throw new InputError('weights-gwt-self-link', `${source}, line ${li + 1}: region "${i}" is linked to itself.`, { source, line: li + 1, id: i });
    }
    const key = JSON.stringify([i, j]);
    if (pairs.has(key)) throw new InputError('weights-gwt-duplicate-link', `${source}, line ${li + 1}: the link "${i}" → "${j}" appears twice.`, { source, line: li + 1, i, j });
    pairs.add(key);
    see(i); see(j);
    (nb[i] ??= []).push(j);
    (wt[i] ??= []).push(v);
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
 * split of the id tokens into two known ids.
 */
function splitUnquoted(t: string[], known: ReadonlySet<string>): string[] {
  if (t.length <= 3 || known.size === 0) return t;
  const idTokens = t.slice(0, -1);
  for (let p = 1; p < idTokens.length; p++) {
    const a = idTokens.slice(0, p).join(' '), b = idTokens.slice(p).join(' ');
    if (known.has(a) && known.has(b)) return [a, b, t[t.length - 1]];
  }
  return t;
}

/** Read `.kwt` text (kernel weights: diagonal lines allowed). See `fromGwt`. */
export function fromKwt(text: string, opts: GwtReadOptions = {}): SpatialWeights {
  return fromGwt(text, { source: 'KWT file', allowDiagonal: true, ...opts });
}

/**
 * Write W's current weights as `.gwt`/`.kwt` text, full precision (shortest round-trip form).
 * Reference: GeoDa GWT/KWT format.
 */
export function toGwt(w: SpatialWeights, opts: { name?: string; key?: string } = {}): string {
  const out: string[] = [geodaHeader(w.n, opts.name, opts.key)];
  for (let i = 0; i < w.n; i++) {
    for (let k = w.rowPtr[i]; k < w.rowPtr[i + 1]; k++) {
      out.push(`${quoteToken(w.ids[i])} ${quoteToken(w.ids[w.colIdx[k]])} ${String(w.values[k])}`);
    }
  }
  return out.join('\n') + '\n';
}
