/**
 * Typed errors shared by every layer. The CLI maps `InputError` (and its subclasses) to exit
 * code 2 and prints `message` as the one-line human explanation; the app shows it as a
 * sentence. Anything else is an internal error (exit 1).
 */

/** Bad input from the user: a file, column, row, region or option that cannot be used. */
export class InputError extends Error {
  /**
   * Stable code of the sentence, namespaced by domain (e.g. `import-duplicate-row`,
   * `weights-unknown-id`); the renderer shows `errors.<code>` from its catalogue
   * (renderer/src/i18n/errors.*.ts) with `details` as the placeholders, `message` otherwise.
   */
  readonly code: string;
  /** Structured detail (file, column, row numbers, ids): every value the sentence interpolates. */
  readonly details: Readonly<Record<string, unknown>>;
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'InputError';
    this.code = code;
    this.details = Object.freeze({ ...details });
  }
}

/**
 * The design matrix has no full column rank; `message` names the variables involved.
 * Each sentence has its own code, all starting with `singular-` (the worker boundary
 * rebuilds the class from that prefix).
 */
export class SingularDesignError extends InputError {
  constructor(message: string, details: Record<string, unknown> = {}, code = 'singular-design') {
    super(code, message, details);
    this.name = 'SingularDesignError';
  }
}

/** A matrix that must be symmetric positive definite is not; codes start with `not-positive-definite`. */
export class NotPositiveDefiniteError extends InputError {
  constructor(message: string, details: Record<string, unknown> = {}, code = 'not-positive-definite') {
    super(code, message, details);
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
