/**
 * Reading the workbench's JSON form of W (`json.ts` writes it) with a schema check of the
 * document.
 */
import { z } from 'zod';
import { InputError } from '../../core/errors';
import { fromNeighbors, isTransformation, type SpatialWeights } from '../spatial-weights';
import { excerpt, finishRead, type WeightsReadOptions } from './common';

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
