/**
 * The workbench's JSON form of W — the document `rwb weights --json` prints:
 * `{ n, ids, neighbors, weights, islands, mean_neighbors, min_neighbors, max_neighbors,
 * symmetric, ... }`. Reading it back (`fromJson`, with its schema check) lives in `json-read.ts`, so
 * writers and the `rwb` commands that never read JSON weights do not load the schema library.
 */
import type { SpatialWeights } from '../spatial-weights';
import { summarizeWeights } from '../summary';

/** The JSON document (contract keys first; the rest are additions). */
export interface WeightsJson {
  n: number;
  ids: string[];
  neighbors: Record<string, string[]>;
  weights: Record<string, number[]>;
  islands: string[];
  mean_neighbors: number;
  min_neighbors: number;
  max_neighbors: number;
  symmetric: boolean;
  transformation: string;
  nonzeros: number;
  percent_nonzero: number;
  components: number;
  component_members: string[][];
  histogram: number[];
  spec?: unknown;
}

/**
 * W as the contract JSON, plus transformation, nonzeros, components and the histogram.
 * `spec` (optional) records what built it.
 */
export function toJson(w: SpatialWeights, spec?: unknown): WeightsJson {
  const s = summarizeWeights(w);
  const out: WeightsJson = {
    n: w.n,
    ids: [...w.ids],
    neighbors: w.toNeighborLists(),
    weights: w.toWeightLists(),
    islands: [...w.islands],
    mean_neighbors: s.meanNeighbors,
    min_neighbors: s.minNeighbors,
    max_neighbors: s.maxNeighbors,
    symmetric: s.symmetric,
    transformation: w.transformation,
    nonzeros: s.nonzeros,
    percent_nonzero: s.percentNonzero,
    components: s.components.length,
    component_members: s.components.map((c) => [...c]),
    histogram: [...s.histogram],
  };
  if (spec !== undefined) out.spec = spec;
  return out;
}
