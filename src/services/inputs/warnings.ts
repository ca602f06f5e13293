/** Warnings of the input stage, with a stable code so a client filters or translates them by code, never by their English text. */

/** One warning: a kebab-case code and the English sentence (the CLI prints it; the UI may translate by code). */
export interface InputWarning {
  readonly code: string;
  readonly message: string;
}

/** The sentences of `warnings` (for stderr or a list of notes). */
export function warningMessages(warnings: readonly InputWarning[]): string[] {
  return warnings.map((w) => w.message);
}
