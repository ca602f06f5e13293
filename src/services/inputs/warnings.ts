/** Warnings of the input stage, with a stable code so a client filters or translates them by code, never by their English text. */

/**
 * One warning: a kebab-case code, the English sentence (the CLI prints it) and every value the
 * sentence interpolates (the UI shows `errors.<code>` of its catalogue filled with `details`).
 */
export interface InputWarning {
  readonly code: string;
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
}

/** The sentences of `warnings` (for stderr or a list of notes). */
export function warningMessages(warnings: readonly InputWarning[]): string[] {
  return warnings.map((w) => w.message);
}
