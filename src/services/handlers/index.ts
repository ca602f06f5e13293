/**
 * The boundary between a transport (Electron IPC, the loopback web server) and the handlers:
 * validate the request with the contract's zod schema, call the handler, and wrap the outcome
 * in an envelope. `InputError` keeps its code, message and details; anything else becomes
 * code `internal` with a generic sentence while the full error goes to the main-side log.
 */
import { isInputError } from '../../core/errors';
import {
  INTERNAL_ERROR,
  INTERNAL_MESSAGE,
  errorEnvelope,
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

/**
 * Builds the dispatcher used by every transport.
 * Order: parse (zod) → handler → envelope; a handler never sees an unvalidated payload.
 */
export function createDispatcher(handlers: Handlers, log: ErrorLogger = consoleErrorLogger): Dispatch {
  return async (channel, raw) => {
    try {
      const req = parseRequest(channel, raw);
      const handler = handlers[channel as Channel] as (r: unknown) => Promise<ResponseOf<Channel>>;
      return okEnvelope(await handler(req));
    } catch (e) {
      if (isInputError(e)) return errorEnvelope(e.code, e.message, { ...e.details });
      log(channel, e);
      return errorEnvelope(INTERNAL_ERROR, INTERNAL_MESSAGE);
    }
  };
}
