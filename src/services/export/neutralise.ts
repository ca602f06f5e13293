/**
 * Formula-injection guard for spreadsheet exports (OWASP "CSV Injection"): a text cell that
 * begins with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with a single quote so
 * Excel/WPS show it as text instead of evaluating it. A cell that is a number as printed
 * (`-0.512`, `+3`, `1.2e-5`, optionally followed by significance stars `-0.512***`) holds no
 * formula and is left alone: numbers stay numbers.
 */

/** Characters that make a spreadsheet treat a cell as a formula (OWASP). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A printed number, optionally followed by significance stars. */
const PRINTED_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\**$/;

/** True when `s` would be read as a formula by a spreadsheet and is not a printed number. */
export function needsNeutralising(s: string): boolean {
  return FORMULA_START.test(s) && !PRINTED_NUMBER.test(s);
}

/** `s`, prefixed with `'` when a spreadsheet would evaluate it as a formula. */
export function neutraliseCell(s: string): string {
  return needsNeutralising(s) ? `'${s}` : s;
}
