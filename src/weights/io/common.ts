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
 * @throws InputError `unknown-id` naming file regions not among `ids`; `missing-id` naming
 *   expected regions absent from the file; `asymmetric` naming a one-way link.
 */
export function finishRead(w: SpatialWeights, opts: WeightsReadOptions): SpatialWeights {
  const source = opts.source ?? 'weights file';
  let out = w;
  if (opts.ids) {
    const expected = new Set(opts.ids);
    const have = new Set(w.ids);
    const unknown = w.ids.filter((id) => !expected.has(id));
    if (unknown.length > 0 && !opts.allowExtra) {
      throw new InputError('weights-file-unknown-ids', `${source} names ${unknown.length} region(s) not in the data: ${quoteList(unknown)}.`, { source, ids: unknown, count: unknown.length, idList: quoteList(unknown) });
    }
    const missing = opts.ids.filter((id) => !have.has(id));
    if (missing.length > 0) {
      throw new InputError('weights-file-missing-ids', `${source} has no entry for ${missing.length} region(s) of the data: ${quoteList(missing)}.`, { source, ids: missing, count: missing.length, idList: quoteList(missing) });
    }
    out = w.subset(opts.ids);
  }
  if (opts.requireSymmetric && !out.symmetric) {
    const pair = firstOneWayLink(out);
    throw new InputError('weights-file-asymmetric', `${source} is not symmetric: "${pair[0]}" lists "${pair[1]}" as a neighbour but not the reverse.`, { source, i: pair[0], j: pair[1] });
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
  return `0 ${n} ${quoteToken(name ?? 'weights')} ${quoteToken(key ?? 'id')}`;
}

/**
 * Parse a GeoDa header line: either `n` alone (old format) or `0 n name key`.
 * @throws InputError `bad-header` when no region count can be read.
 */
export function parseGeodaHeader(line: string | undefined, source: string): { n: number; name?: string; key?: string } {
  const t = tokenize(line ?? '');
  const raw = t.length === 1 ? t[0] : t[1];
  const n = raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n)) {
    throw new InputError('weights-file-bad-header', `${source}: the first line should give the number of regions (e.g. "0 48 us48 STATE_NAME"), got "${(line ?? '').trim()}".`, { source, line: (line ?? '').trim() });
  }
  return { n, name: t.length > 2 ? t[2] : undefined, key: t.length > 3 ? t[3] : undefined };
}

/** Text lines without trailing CR; a leading BOM is removed. */
export function textLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\n/).map((l) => l.replace(/\r$/, ''));
}
