/** Validation of requests at the boundary, turning zod issues into one plain sentence. */
import type { z } from 'zod';
import { InputError } from '../core/errors';
import { INVALID_REQUEST } from './envelope';
import { contract, isChannel, type Channel, type RequestOf } from './channels';

/**
 * One sentence listing each failed field as `path: message`, e.g.
 * `name: Invalid option: expected one of "china-provinces"|"us-states"`.
 */
export function formatZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/**
 * Validates `raw` against the request schema of `channel` before any service sees it.
 * @throws InputError `unknown-channel` for a name not in the contract; `invalid-request` naming the field(s) otherwise.
 */
export function parseRequest<C extends Channel>(channel: C | string, raw: unknown): RequestOf<C> {
  if (!isChannel(channel)) {
    throw new InputError('unknown-channel', `There is no channel "${channel}".`, { channel });
  }
  const result = contract[channel].request.safeParse(raw ?? {});
  if (!result.success) {
    const fields = result.error.issues.map((i) => i.path.map(String).join('.'));
    throw new InputError(INVALID_REQUEST, `Invalid request for ${channel}: ${formatZodError(result.error)}.`, {
      channel,
      fields,
      reason: formatZodError(result.error),
      // The validator's sentences without field paths, which the UI shows instead of the channel wording.
      messages: result.error.issues.slice(0, 5).map((i) => i.message),
    });
  }
  return result.data as RequestOf<C>;
}
