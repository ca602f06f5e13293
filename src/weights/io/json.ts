/**
 * The workbench's JSON form of W — the document `rwb weights --json` prints:
 * `{ n, ids, neighbors, weights, islands, mean_neighbors, min_neighbors, max_neighbors,
 * symmetric, ... }`.
 */
import { z } from 'zod';
import { InputError } from '../../core/errors';
import { fromNeighbors, isTransformation, type SpatialWeights } from '../spatial-weights';
import { summarizeWeights } from '../summary';
import { excerpt, finishRead, type WeightsReadOptions } from './common';

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

const JsonSchema = z.object({
  n: z.number().int().nonnegative().optional(),
  ids: z.array(z.string()),
  neighbors: z.record(z.string(), z.array(z.string())),
  weights: z.record(z.string(), z.array(z.number())).optional(),
  transformation: z.string().optional(),
});

/**
 * W from the JSON form (parsed object or text). Weights default to 1; a `transformation` code
 * in the document is kept as information only — the values read become the original weights.
 * @throws InputError `weights-json-invalid` / `weights-json-schema` / `weights-json-unknown-transformation` when the document is not valid JSON or lacks `ids`/`neighbors`
 *   (the message names the first problem); `weights-json-count` when `n` disagrees with `ids`; those of
 *   `fromNeighbors` and `finishRead`.
 */
export function fromJson(doc: unknown, opts: WeightsReadOptions = {}): SpatialWeights {
  const source = opts.source ?? 'weights JSON';
  let obj = doc;
  if (typeof doc === 'string') {
    try { obj = JSON.parse(doc); } catch (e) {
      throw new InputError('weights-json-invalid', `${source} is not valid JSON: ${(e as Error).message}`, { source, reason: (e as Error).message });
    }
  }
  const parsed = JsonSchema.safeParse(obj);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError('weights-json-schema', `${source}: ${issue.path.join('.') || 'document'} — ${issue.message}.`, { source, path: issue.path.join('.') || 'document', reason: issue.message });
  }
  const d = parsed.data;
  if (d.n !== undefined && d.n !== d.ids.length) {
    throw new InputError('weights-json-count', `${source}: n = ${d.n} but ${d.ids.length} ids are listed.`, { source, n: d.n, ids: d.ids.length });
  }
  if (d.transformation !== undefined && !isTransformation(d.transformation)) {
    const got = excerpt(d.transformation);
    throw new InputError('weights-json-unknown-transformation', `${source}: unknown transformation "${got}".`, { source, transformation: got });
  }
  return finishRead(fromNeighbors(d.ids, d.neighbors, d.weights), opts);
}
