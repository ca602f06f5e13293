/**
 * Errors shown in the UI, in the UI's language. Every failure the renderer shows is a
 * `Problem` `{ code, message, details }` — the envelope's error part, or one the renderer
 * raises itself. It is translated when shown (so switching language re-translates a banner):
 * `errors.<code>` from the catalogue, interpolated with `details`, when the catalogue has the
 * key and `details` holds every placeholder it uses; otherwise the English `message`.
 * In English the service's own sentence is shown (it is the authoritative English text).
 *
 * Adding a code is a catalogue edit: `errors['my-code']` in en.ts and zh-CN.ts with the same
 * {{placeholders}}, each a key of the error's `details`.
 */
import type { i18n as I18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import { en } from './en';

/** A failure to show: a stable code, the English sentence, and the values the sentence uses. */
export interface Problem {
  readonly code: string;
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
}

/** Codes of the errors the renderer raises itself (their English text is the en catalogue's). */
export type UiErrorCode = keyof typeof en.errors;

/** An Error carrying a code and details (thrown by renderer helpers; also the shape of ApiError). */
export class CodedError extends Error {
  readonly code: string;
  readonly details: Record<string, unknown>;
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'CodedError';
    this.code = code;
    this.details = details;
  }
}

/** Replaces `{{name}}` in an English catalogue sentence by `details.name`. */
function fillEnglish(template: string, details: Readonly<Record<string, unknown>>): string {
  return template.replace(/\{\{\s*([^,}\s]+)[^}]*\}\}/g, (_m, name: string) => detailText(details[name], ', '));
}

/** A renderer-side error with the code's English sentence from the catalogue as its message. */
export function uiError(code: UiErrorCode, details: Record<string, unknown> = {}): CodedError {
  return new CodedError(code, fillEnglish(en.errors[code], details), details);
}

/** Anything caught → a Problem (errors without a code get code `''`, so their message is shown). */
export function toProblem(e: unknown): Problem {
  if (e && typeof e === 'object' && 'code' in e && 'message' in e && typeof e.code === 'string' && typeof e.message === 'string') {
    const details = 'details' in e && e.details && typeof e.details === 'object' ? (e.details as Record<string, unknown>) : {};
    return { code: e.code, message: e.message, details };
  }
  if (e instanceof Error) return { code: '', message: e.message, details: {} };
  return { code: '', message: String(e), details: {} };
}

/** A Problem for a renderer-side code. */
export function uiProblem(code: UiErrorCode, details: Record<string, unknown> = {}): Problem {
  return toProblem(uiError(code, details));
}

/** Names of the {{placeholders}} of a catalogue sentence. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([^,}\s]+)[^}]*\}\}/g)].map((m) => m[1]);
}

const MAX_LISTED = 12;

/** A details value as text: lists joined with the language's separator (at most 12 shown). */
function detailText(v: unknown, sep: string): string {
  if (Array.isArray(v)) return v.slice(0, MAX_LISTED).map(String).join(sep) + (v.length > MAX_LISTED ? ` … (${v.length})` : '');
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** The sentence for `p` in the instance's current language (see the module comment for the rule). */
export function problemText(i18n: I18n, p: Problem): string {
  const lng = i18n.language;
  if (lng === 'en' && p.message) return p.message;
  if (!p.code) return p.message;
  const key = `errors.${p.code}`;
  const raw: unknown = i18n.getResource(lng, 'translation', key);
  if (typeof raw !== 'string') return p.message || p.code;
  const names = placeholders(raw);
  if (names.some((n) => p.details[n] === undefined || p.details[n] === null)) return p.message || raw;
  const sep = i18n.t('common.listSeparator');
  const values: Record<string, string> = {};
  for (const n of names) values[n] = detailText(p.details[n], sep);
  // The key is dynamic (an envelope code), so it is not one of the typed catalogue keys.
  return (i18n.t as unknown as (k: string, o: Record<string, unknown>) => string)(key, { ...values, interpolation: { escapeValue: false } });
}

/**
 * True when `problemText` shows `p`'s English message in a non-English UI (its code is not in
 * the catalogue yet): the element is marked `data-service-text` so tests can tell a missing
 * code from a missing UI string.
 */
export function isFallback(i18n: I18n, p: Problem): boolean {
  return i18n.language !== 'en' && problemText(i18n, p) === p.message;
}

/** Hook: a function turning a Problem into the sentence to show (re-renders on a language change). */
export function useProblemText(): (p: Problem) => string {
  const { i18n } = useTranslation();
  return (p) => problemText(i18n, p);
}
