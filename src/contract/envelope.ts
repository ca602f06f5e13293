/**
 * The result envelope every channel returns across a process boundary (IPC or HTTP).
 * Errors thrown by a handler never cross the boundary as exceptions: Electron would mangle
 * them ("Error invoking remote method …") and HTTP has no exceptions at all.
 */
import { z } from 'zod';

/** Error part of a failed envelope: a machine code, one plain sentence, structured details. */
export const errorInfoSchema = z.object({
  code: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()),
});

/** Error part of a failed envelope. */
export type ErrorInfo = z.infer<typeof errorInfoSchema>;

/** `{ ok: true, value }` or `{ ok: false, error }`. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

/** Code of the error returned when a request fails its zod schema. */
export const INVALID_REQUEST = 'invalid-request';
/** Code of the error returned for anything that is not an `InputError` (details are logged, not sent). */
export const INTERNAL_ERROR = 'internal';
/** The generic sentence sent for internal errors; the full error stays in the main-side log. */
export const INTERNAL_MESSAGE =
  'Something went wrong inside the workbench. The details were written to the log; please report it.';

/** Wraps a value in a successful envelope. */
export function okEnvelope<T>(value: T): Envelope<T> {
  return { ok: true, value };
}

/** Builds a failed envelope. */
export function errorEnvelope<T = never>(code: string, message: string, details: Record<string, unknown> = {}): Envelope<T> {
  return { ok: false, error: { code, message, details } };
}

/** zod schema of an envelope around `value`, used by tests and the web client to check responses. */
export function envelopeSchema<T extends z.ZodType>(value: T) {
  return z.union([
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: errorInfoSchema }),
  ]);
}
