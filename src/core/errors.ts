/**
 * Typed errors shared by every layer. The CLI maps `InputError` (and its subclasses) to exit
 * code 2 and prints `message` as the one-line human explanation; the app shows it as a
 * sentence. Anything else is an internal error (exit 1).
 */

/** Bad input from the user: a file, column, row, region or option that cannot be used. */
export class InputError extends Error {
  /** Machine-readable category, e.g. `duplicate-row`, `unknown-column`. */
  readonly code: string;
  /** Structured detail (file, column, row numbers, ids) for the UI. */
  readonly details: Readonly<Record<string, unknown>>;
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'InputError';
    this.code = code;
    this.details = Object.freeze({ ...details });
  }
}

/** The design matrix has no full column rank; `message` names the variables involved. */
export class SingularDesignError extends InputError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('singular-design', message, details);
    this.name = 'SingularDesignError';
  }
}

/** A matrix that must be symmetric positive definite is not. */
export class NotPositiveDefiniteError extends InputError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('not-positive-definite', message, details);
    this.name = 'NotPositiveDefiniteError';
  }
}

/** Long work was cancelled by the user. */
export class CancelledError extends Error {
  constructor(message = 'Cancelled by the user.') {
    super(message);
    this.name = 'CancelledError';
  }
}

/** True when `e` is a user-facing input error (CLI exit code 2). */
export function isInputError(e: unknown): e is InputError {
  return e instanceof InputError;
}
