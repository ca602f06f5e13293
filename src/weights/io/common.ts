/**
 * Shared pieces of the weights readers and writers: tokens with optional quotes, and the
 * final matching of file ids to the expected region ids.
 */
import { InputError } from '../../core/errors';
import { quoteList } from '../../core/ids';
import type { SpatialWeights } from '../spatial-weights';

/** Options every weights reader accepts. */
export interface WeightsReadOptions {
  /** File name for messages. Default `weights file`. */
  readonly source?: string;
  /**
   * Expected region ids (e.g. the panel's or the geometry's). The result is ordered by them;
   * ids are matched by name, never by position.
   */
  readonly ids?: readonly string[];
  /** With `ids`: drop regions of the file not in `ids` instead of failing. Default false. */
  readonly allowExtra?: boolean;
  /** Fail when the neighbour relation is not symmetric. Default false. */
  readonly requireSymmetric?: boolean;
  /**
   * Receives notes on how the file was read, e.g. `weights-file-positions` when the file numbers
   * its regions 1…n (GeoDa / spdep style) and they were taken as positions in `ids`.
   */
  readonly onWarning?: (warning: WeightsIoWarning) => void;
}

/** A note from a weights reader or writer: a stable code, the English sentence and its values. */
export interface WeightsIoWarning {
  readonly code: string;
  readonly message: string;
  /** Every value the sentence interpolates (for the sentence in the UI language). */
  readonly details: Readonly<Record<string, unknown>>;
}

/**
 * At most this many characters of a file's text are quoted in an error sentence or its
 * details (a 40 MB line must not become a 180 MB error); longer text is cut with an ellipsis.
 */
export const MAX_QUOTED_INPUT_CHARS = 80;

/** At most this many ids go into an error's `details.ids` (the sentence names five). */
export const MAX_DETAIL_IDS = 20;

/** Ids for an error: the first `MAX_DETAIL_IDS` of them, each cut by `excerpt`, plus placeholders for the count. */
function excerptIds(ids: readonly string[]): string[] {
  return ids.map((id, k) => (k < MAX_DETAIL_IDS ? excerpt(id) : ''));
}

/** `text` cut to `MAX_QUOTED_INPUT_CHARS` characters, ending in `…` when it was longer. */
export function excerpt(text: string, max: number = MAX_QUOTED_INPUT_CHARS): string {
  if (text.length <= max) return text;
  // Do not cut a surrogate pair in half.
  let end = max - 1;
  const c = text.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/**
 * Longest region id, in words, that a legacy file may write unquoted with its spaces (GeoDa
 * writes `New York` as two tokens); longer ids must be quoted. Bounds the work per token so
 * that splitting a line into known ids is linear in its length.
 */
export const LEGACY_ID_MAX_WORDS = 16;

interface IdTrieNode {
  readonly next: Map<string, IdTrieNode>;
  id?: string;
}

/**
 * Splits a line's tokens into known region ids whose words were written unquoted (`New York
 * Vermont` → `New York`, `Vermont`). A trie over the ids' words, walked at most
 * `LEGACY_ID_MAX_WORDS` deep from each token, counts the splits (0, 1, or more): O(tokens).
 */
export class IdSegmenter {
  private readonly root: IdTrieNode = { next: new Map() };

  constructor(known: Iterable<string>) {
    for (const id of known) {
      // A quoted token holding the whole id matches directly.
      this.child(this.root, id).id = id;
      const words = id.split(' ');
      if (words.length < 2 || words.length > LEGACY_ID_MAX_WORDS || words.includes('')) continue;
      let node = this.root;
      for (const w of words) node = this.child(node, w);
      node.id = id;
    }
  }

  private child(node: IdTrieNode, word: string): IdTrieNode {
    let c = node.next.get(word);
    if (c === undefined) {
      c = { next: new Map() };
      node.next.set(word, c);
    }
    return c;
  }

  /** The one split of `tokens` into known ids; `none` when there is none, `ambiguous` when several. */
  segment(tokens: readonly string[]): string[] | 'none' | 'ambiguous' {
    const m = tokens.length;
    const ways = new Uint8Array(m + 1); // number of splits of tokens[0..p), capped at 2
    const from = new Int32Array(m + 1);
    const idEnding: (string | undefined)[] = new Array<string | undefined>(m + 1);
    ways[0] = 1;
    for (let p = 0; p < m; p++) {
      if (ways[p] === 0) continue;
      let node = this.root;
      for (let q = p; q < m && q - p < LEGACY_ID_MAX_WORDS; q++) {
        const c = node.next.get(tokens[q]);
        if (c === undefined) break;
        node = c;
        if (c.id !== undefined) {
          const e = q + 1;
          if (ways[e] === 0) { from[e] = p; idEnding[e] = c.id; }
          ways[e] = Math.min(2, ways[e] + ways[p]);
        }
      }
    }
    if (ways[m] === 0) return 'none';
    if (ways[m] > 1) return 'ambiguous';
    const out: string[] = [];
    for (let e = m; e > 0; e = from[e]) out.push(idEnding[e] as string);
    return out.reverse();
  }
}

/** True when an id cannot be written bare in a whitespace-separated file (GAL, GWT). */
export function needsQuoting(id: string): boolean {
  return id === '' || /[\s"]/.test(id);
}

/**
 * How ids go into a GAL/GWT file: as themselves when none holds whitespace or quotes, else as
 * 1-based positions (what GeoDa and spdep write and read), with a `weights-file-positions-written`
 * warning. Header name and key have their whitespace replaced by `_` so that every tool can read
 * the header's four fields.
 */
export function fileIds(ids: readonly string[], format: string, key: string | undefined, onWarning?: (w: WeightsIoWarning) => void): readonly string[] {
  const bad = ids.find(needsQuoting);
  if (bad === undefined) return ids;
  const column = headerToken(key ?? 'id');
  onWarning?.({
    code: 'weights-file-positions-written',
    message: `Region ids such as "${excerpt(bad)}" contain spaces or quotes, which ${format} files cannot hold: regions are written as their positions 1–${ids.length} in the order of the data (id variable ${column} in the header line), as GeoDa and spdep do; read the file with the regions in that same order.`,
    details: { id: excerpt(bad), format, n: ids.length, column },
  });
  return ids.map((_, i) => String(i + 1));
}

/** A header field without whitespace (`_` instead) and never empty. */
function headerToken(s: string): string {
  const t = s.trim().replace(/\s+/g, '_').replace(/"/g, '');
  return t === '' ? '_' : t;
}

/** Split a line into tokens; `"quoted tokens"` may hold spaces (`""` is a literal quote). */
export function tokenize(line: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"]|"")*)"|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line)) !== null) out.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]);
  return out;
}

/** A token as written: quoted when it is empty or holds whitespace or quotes. */
export function quoteToken(s: string): string {
  return s === '' || /[\s"]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Apply `ids`, `allowExtra` and `requireSymmetric` to a freshly read W.
 * @throws InputError `weights-file-unknown-ids` naming file regions not among `ids`; `missing-id` naming
 *   expected regions absent from the file; `weights-file-asymmetric` naming a one-way link.
 */
export function finishRead(w: SpatialWeights, opts: WeightsReadOptions): SpatialWeights {
  const source = opts.source ?? 'weights file';
  let out = w;
  if (opts.ids) {
    const expected = new Set(opts.ids);
    const have = new Set(w.ids);
    const unknown = w.ids.filter((id) => !expected.has(id));
    if (unknown.length > 0 && !opts.allowExtra) {
      const shown = excerptIds(unknown);
      throw new InputError('weights-file-unknown-ids', `${source} names ${unknown.length} region(s) not in the data: ${quoteList(shown)}.`, { source, ids: shown.slice(0, MAX_DETAIL_IDS), count: unknown.length, idList: quoteList(shown) });
    }
    const missing = opts.ids.filter((id) => !have.has(id));
    if (missing.length > 0) {
      const shown = excerptIds(missing);
      throw new InputError('weights-file-missing-ids', `${source} has no entry for ${missing.length} region(s) of the data: ${quoteList(shown)}.`, { source, ids: shown.slice(0, MAX_DETAIL_IDS), count: missing.length, idList: quoteList(shown) });
    }
    out = w.subset(opts.ids);
  }
  if (opts.requireSymmetric && !out.symmetric) {
    const pair = firstOneWayLink(out);
    const [i, j] = [excerpt(pair[0]), excerpt(pair[1])];
    throw new InputError('weights-file-asymmetric', `${source} is not symmetric: "${i}" lists "${j}" as a neighbour but not the reverse.`, { source, i, j });
  }
  return out;
}

/** The first link i → j without j → i (by matrix order). */
export function firstOneWayLink(w: SpatialWeights): [string, string] {
  const { rowPtr, colIndex } = w.matrix;
  for (let i = 0; i < w.n; i++) {
    for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
      const j = colIndex[k];
      if (w.matrix.find(j, i) < 0) return [w.ids[i], w.ids[j]];
    }
  }
  throw new RangeError('firstOneWayLink: W is symmetric');
}

/** GeoDa header line `0 n name key` (name and key default to `weights` and `id`). */
export function geodaHeader(n: number, name?: string, key?: string): string {
  return `0 ${n} ${headerToken(name ?? 'weights')} ${headerToken(key ?? 'id')}`;
}

/**
 * With `opts.ids` of the header's length: when every file id is a position 1…n and they are not
 * all region ids of the data, the map from file id to region id (position p → `opts.ids[p-1]`),
 * reporting `weights-file-positions`; otherwise undefined (ids are matched by name).
 */
export function positionMap(fileIds: readonly string[], n: number, opts: WeightsReadOptions, source: string, key: string | undefined): Map<string, string> | undefined {
  const ids = opts.ids;
  if (ids === undefined || ids.length !== n || fileIds.length === 0) return undefined;
  const expected = new Set(ids);
  if (fileIds.every((id) => expected.has(id))) return undefined;
  for (const id of fileIds) {
    if (!/^[1-9][0-9]*$/.test(id) || Number(id) > n) return undefined;
  }
  const map = new Map<string, string>();
  for (let p = 1; p <= n; p++) map.set(String(p), ids[p - 1]);
  const named = key !== undefined && key !== 'unknown' ? ` (id variable ${excerpt(key)})` : '';
  opts.onWarning?.({
    code: 'weights-file-positions',
    message: `${source} numbers its regions 1–${n}${named}: they are taken as positions in the data's region order ("1" = "${excerpt(ids[0])}").`,
    details: { source, n, named, first: excerpt(ids[0]) },
  });
  return map;
}

/**
 * Parse a GeoDa header line: either `n` alone (old format) or `0 n name key`.
 * @throws InputError `weights-file-bad-header` when no region count can be read.
 */
export function parseGeodaHeader(line: string | undefined, source: string): { n: number; name?: string; key?: string } {
  const t = tokenize(line ?? '');
  const raw = t.length === 1 ? t[0] : t[1];
  const n = raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n)) {
    const got = excerpt((line ?? '').trim());
    throw new InputError('weights-file-bad-header', `${source}: the first line should give the number of regions (e.g. "0 48 us48 STATE_NAME"), got "${got}".`, { source, line: got });
  }
  return { n, name: t.length > 2 ? t[2] : undefined, key: t.length > 3 ? t[3] : undefined };
}

/** Text lines without trailing CR; a leading BOM is removed. */
export function textLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\n/).map((l) => l.replace(/\r$/, ''));
}
