/**
 * The boundary between a transport (Electron IPC, the loopback web server) and the handlers:
 * validate the request with the contract's zod schema, call the handler, turn its value into
 * plain JSON (`toJsonSafe`: NaN → null, typed arrays → arrays) and validate it against the
 * channel's response schema, then wrap the outcome in an envelope. `InputError` keeps its
 * code, message and details; anything else — including a handler returning a value that
 * breaks the contract — becomes code `internal` with a generic sentence while the full error
 * goes to the main-side log.
 */
import { isInputError } from '../../core/errors';
import { toJsonSafe } from '../../core/json';
import {
  INTERNAL_ERROR,
  INTERNAL_MESSAGE,
  contract,
  errorEnvelope,
  formatZodError,
  okEnvelope,
  parseRequest,
  type Channel,
  type Envelope,
  type Handlers,
  type ResponseOf,
} from '../../contract';

/** Receives internal errors (never sent to the renderer). */
export type ErrorLogger = (channel: string, error: unknown) => void;

/** Calls one channel with an unvalidated payload and returns its envelope. */
export type Dispatch = (channel: string, raw: unknown) => Promise<Envelope<ResponseOf<Channel>>>;

/** Default logger: the full error with its stack on stderr of the main process. */
export const consoleErrorLogger: ErrorLogger = (channel, error) => {
  console.error(`[rwb] internal error on ${channel}:`, error);
};

/** A handler's value that does not match its channel's response schema (a bug, logged as internal). */
export class ResponseContractError extends Error {
  constructor(readonly channel: string, detail: string) {
    super(`The response of ${channel} breaks the contract: ${detail}`);
    this.name = 'ResponseContractError';
  }
}

/**
 * The handler's value as it will cross the boundary: plain JSON, parsed by the channel's
 * response schema (unknown keys dropped, defaults applied).
 * @throws ResponseContractError when it does not match.
 */
export function checkResponse<C extends Channel>(channel: C, value: unknown): ResponseOf<C> {
  const parsed = contract[channel].response.safeParse(toJsonSafe(value));
  if (!parsed.success) throw new ResponseContractError(channel, formatZodError(parsed.error));
  return parsed.data as ResponseOf<C>;
}

/**
 * Builds the dispatcher used by every transport.
 * Order: parse (zod) → handler → JSON clean-up → response check (zod) → envelope; a handler
 * never sees an unvalidated payload and a client never sees an unchecked value.
 */
export function createDispatcher(handlers: Handlers, log: ErrorLogger = consoleErrorLogger): Dispatch {
  return async (channel, raw) => {
    try {
      const req = parseRequest(channel, raw);
      const handler = handlers[channel as Channel] as (r: unknown) => Promise<unknown>;
      return okEnvelope(checkResponse(channel as Channel, await handler(req)));
    } catch (e) {
      if (isInputError(e)) return errorEnvelope(e.code, e.message, { ...e.details });
      log(channel, e);
      return errorEnvelope(INTERNAL_ERROR, INTERNAL_MESSAGE);
    }
  };
}
