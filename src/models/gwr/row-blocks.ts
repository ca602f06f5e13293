/**
 * Fixed row blocks of the search sums. A bandwidth search adds per-row terms (squared residual,
 * S_ii, squared leave-one-out residual) over all n observations for every candidate; those sums
 * are taken in blocks of SUM_BLOCK consecutive rows — each block from zero in row order, then
 * the block totals added in block order — in one thread as in several, so the criterion, the
 * profile and the chosen bandwidth do not depend on how many threads computed them.
 */

/** Rows per block of the search sums. */
export const SUM_BLOCK = 256;

/** Numbers per (block, candidate): RSS, tr S, CV, 1 when a local design was singular. */
export const SUMS = 4;

/** Number of blocks of n rows. */
export function blockCount(n: number): number {
  return Math.ceil(n / SUM_BLOCK);
}

/** Every block 0 … blockCount(n) − 1. */
export function allBlocks(n: number): Int32Array {
  return Int32Array.from({ length: blockCount(n) }, (_, b) => b);
}

/** The blocks thread `t` of `threads` owns: b ≡ t (mod threads), so each thread gets rows from all over the data. */
export function blocksOf(n: number, t: number, threads: number): Int32Array {
  const out: number[] = [];
  for (let b = t; b < blockCount(n); b += threads) out.push(b);
  return Int32Array.from(out);
}

/** The rows of `blocks`, block after block. */
export function rowsOfBlocks(n: number, blocks: Int32Array): Int32Array {
  let m = 0;
  for (const b of blocks) m += Math.min(n, (b + 1) * SUM_BLOCK) - b * SUM_BLOCK;
  const rows = new Int32Array(m);
  let r = 0;
  for (const b of blocks) for (let i = b * SUM_BLOCK, e = Math.min(n, (b + 1) * SUM_BLOCK); i < e; i++) rows[r++] = i;
  return rows;
}

/** Totals over all blocks of K candidates. */
export interface BlockTotals {
  readonly rss: Float64Array;
  readonly traceS: Float64Array;
  readonly cv: Float64Array;
  readonly singular: Uint8Array;
}

/**
 * Add the per-block sums `parts` (block b, candidate q at (b·K + q)·SUMS, every block 0 …
 * nBlocks − 1 present) in block order.
 */
export function combineBlocks(parts: Float64Array, nBlocks: number, K: number): BlockTotals {
  const rss = new Float64Array(K), traceS = new Float64Array(K), cv = new Float64Array(K), singular = new Uint8Array(K);
  for (let b = 0; b < nBlocks; b++) {
    for (let q = 0; q < K; q++) {
      const o = (b * K + q) * SUMS;
      rss[q] += parts[o]; traceS[q] += parts[o + 1]; cv[q] += parts[o + 2];
      if (parts[o + 3] !== 0) singular[q] = 1;
    }
  }
  return { rss, traceS, cv, singular };
}

/**
 * Put the entries of equal distance of a nearest-first list (idx/dist[off … off + cnt − 1]) in
 * index order, in place: the space–time index returns ties in an order that can depend on
 * earlier queries, and the sums must not.
 */
export function canonicalTies(idx: Int32Array, dist: Float64Array, off: number, cnt: number): void {
  const end = off + cnt;
  for (let s = off; s < end;) {
    let e = s + 1;
    while (e < end && dist[e] === dist[s]) e++;
    if (e - s > 1) {
      // insertion sort of the run by index (runs are short: observations tied in distance)
      for (let a = s + 1; a < e; a++) {
        const v = idx[a];
        let c = a - 1;
        while (c >= s && idx[c] > v) { idx[c + 1] = idx[c]; c--; }
        idx[c + 1] = v;
      }
    }
    s = e;
  }
}
