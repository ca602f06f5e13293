/**
 * Errors across the worker boundary: `InputError` (and its subclasses) travel as
 * `{ code, message, details }` and come back as the same class, so the UI still shows the
 * plain sentence; `CancelledError` stays a `CancelledError`; anything else is an internal
 * error that keeps its name, message and stack for the log.
 */
import { CancelledError, InputError, NotPositiveDefiniteError, SingularDesignError, isInputError } from '../../core/errors';
import type { SerializedError } from './protocol';

/** `details` if it survives a structured clone, else the entries that do. */
function cloneableDetails(details: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(details)) {
    try {
      out[k] = structuredClone(v);
    } catch {
      out[k] = String(v);
    }
  }
  return out;
}

/** The wire form of `e` (worker side). */
export function serializeError(e: unknown): SerializedError {
  if (isInputError(e)) return { kind: 'input', code: e.code, message: e.message, details: cloneableDetails(e.details) };
  if (e instanceof CancelledError) return { kind: 'cancelled', message: e.message };
  if (e instanceof Error) return { kind: 'internal', name: e.name, message: e.message, stack: e.stack };
  return { kind: 'internal', name: 'Error', message: String(e) };
}

/**
 * The error to throw on the main side for a wire error: `SingularDesignError` and
 * `NotPositiveDefiniteError` by their code prefix (`singular-`, `not-positive-definite`), any other input error as `InputError(code,
 * message, details)`, `CancelledError`, or a plain `Error` whose message names the worker.
 */
export function deserializeError(s: SerializedError): Error {
  switch (s.kind) {
    case 'input':
      if (s.code.startsWith('singular-')) return new SingularDesignError(s.message, s.details, s.code);
      if (s.code.startsWith('not-positive-definite')) return new NotPositiveDefiniteError(s.message, s.details, s.code);
      return new InputError(s.code, s.message, s.details);
    case 'cancelled':
      return new CancelledError(s.message);
    case 'internal': {
      const e = new Error(`in the background worker: ${s.message}`);
      e.name = s.name;
      if (s.stack) e.stack = `${e.name}: ${e.message}\n(worker stack)\n${s.stack}`;
      return e;
    }
  }
}
