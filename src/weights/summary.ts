/**
 * Inspection of a weights matrix: sizes, neighbour counts, islands, symmetry, components.
 */
import type { SpatialWeights } from './spatial-weights';

/** What `summarizeWeights` reports. */
export interface WeightsSummary {
  readonly n: number;
  /** Number of nonzero weights. */
  readonly nonzeros: number;
  /** 100 · nonzeros / n². */
  readonly percentNonzero: number;
  readonly minNeighbors: number;
  readonly meanNeighbors: number;
  readonly maxNeighbors: number;
  readonly islands: readonly string[];
  /** Neighbour relation symmetric. */
  readonly symmetric: boolean;
  /** Connected components of the undirected neighbour graph, largest first (ties: first id). */
  readonly components: readonly (readonly string[])[];
  /** histogram[c] = number of regions with exactly c neighbours, c = 0..maxNeighbors. */
  readonly histogram: readonly number[];
  readonly transformation: string;
}

/**
 * Summary of W. Components treat links as undirected (i ~ j when w_ij ≠ 0 or w_ji ≠ 0).
 * Reference: `summary.nb`, `n.comp.nb` (spdep); libpysal `Graph.summary`.
 */
export function summarizeWeights(w: SpatialWeights): WeightsSummary {
  const n = w.n;
  const card = w.cardinalities();
  let min = n > 0 ? Infinity : 0, max = 0, sum = 0;
  for (const c of card) { min = Math.min(min, c); max = Math.max(max, c); sum += c; }
  const histogram = new Array<number>(max + 1).fill(0);
  for (const c of card) histogram[c]++;
  // Union–find over undirected links.
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (i: number): number => {
    while (parent[i] !== i) { parent[i] = parent[parent[i]]; i = parent[i]; }
    return i;
  };
  for (let i = 0; i < n; i++) {
    for (let k = w.rowPtr[i]; k < w.rowPtr[i + 1]; k++) {
      const a = find(i), b = find(w.colIdx[k]);
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    }
  }
  const groups = new Map<number, string[]>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(w.ids[i]); else groups.set(r, [w.ids[i]]);
  }
  const components = [...groups.entries()].sort((a, b) => b[1].length - a[1].length || a[0] - b[0]).map((e) => Object.freeze(e[1]));
  return Object.freeze({
    n,
    nonzeros: w.nnz,
    percentNonzero: n > 0 ? (100 * w.nnz) / (n * n) : 0,
    minNeighbors: min,
    meanNeighbors: n > 0 ? sum / n : 0,
    maxNeighbors: max,
    islands: w.islands,
    symmetric: w.symmetric,
    components: Object.freeze(components),
    histogram: Object.freeze(histogram),
    transformation: w.transformation,
  });
}
