/**
 * Region id lists: the position map every id-ordered structure (weights, centroids, features)
 * is built on, and the short id lists used in messages.
 */
import { InputError } from './errors';

/** Map id → position. @throws InputError `duplicate-id`, `bad-id` (empty id). */
export function indexIds(ids: readonly string[]): Map<string, number> {
  const index = new Map<string, number>();
  ids.forEach((id, i) => {
    if (typeof id !== 'string' || id === '') throw new InputError('weights-empty-id', `Region ${i + 1} has an empty id.`, { position: i + 1 });
    if (index.has(id)) throw new InputError('weights-duplicate-id', `Region id "${id}" appears more than once.`, { id });
    index.set(id, i);
  });
  return index;
}

/** `"a", "b" and 3 more` for messages. */
export function quoteList(ids: readonly string[], max = 5): string {
  const shown = ids.slice(0, max).map((s) => `"${s}"`).join(', ');
  return ids.length > max ? `${shown} and ${ids.length - max} more` : shown;
}
