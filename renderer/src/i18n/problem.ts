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

/**
 * For an `invalid-request` error carrying the validator's sentences (`details.messages`), those
 * sentences joined, first letter capitalised and the final full stop dropped; else null.
 */
export function refusedRequestReason(p: Problem): string | null {
  if (p.code !== 'invalid-request' || !Array.isArray(p.details.messages)) return null;
  const parts = p.details.messages.filter((m): m is string => typeof m === 'string' && m.trim() !== '').map((m) => m.trim().replace(/\.$/, ''));
  if (parts.length === 0) return null;
  const text = parts.join('; ');
  return text.charAt(0).toUpperCase() + text.slice(1);
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

/** Plural suffixes i18next may choose for a sentence that depends on `details.count`. */
const PLURAL_FORMS = ['_zero', '_one', '_two', '_few', '_many', '_other'];

/**
 * The catalogue sentences of `code` in `lng`: the plain entry, or its plural forms (then
 * `details.count` chooses one). Empty when the catalogue does not have the code.
 */
function templatesOf(i18n: I18n, lng: string, code: string): { plural: boolean; templates: string[] } {
  const get = (key: string): unknown => i18n.getResource(lng, 'translation', `errors.${key}`);
  const plain = get(code);
  if (typeof plain === 'string') return { plural: false, templates: [plain] };
  return { plural: true, templates: PLURAL_FORMS.map((f) => get(code + f)).filter((v): v is string => typeof v === 'string') };
}

/** The sentence for `p` in the instance's current language (see the module comment for the rule). */
export function problemText(i18n: I18n, p: Problem): string {
  const lng = i18n.language;
  // A request refused by the contract's validator: its sentences, never the channel's name
  // ("Invalid request for regression:run: x: …" is wording for developers; issue 13, defect 11).
  const plain = refusedRequestReason(p);
  if (plain !== null) return (i18n.t as unknown as (k: string, o: Record<string, unknown>) => string)('requestRefused.text', { reason: plain, interpolation: { escapeValue: false } });
  if (lng === 'en' && p.message) return p.message;
  if (!p.code) return p.message;
  const { plural, templates } = templatesOf(i18n, lng, p.code);
  if (templates.length === 0) return p.message || p.code;
  if (plural && typeof p.details.count !== 'number') return p.message || templates[0];
  const names = templates.flatMap(placeholders).filter((n) => n !== 'count' || !plural);
  if (names.some((n) => p.details[n] === undefined || p.details[n] === null)) return p.message || templates[0];
  // A nested sentence (`$t(errors.{{inner}})`) must be in the catalogue too.
  for (const n of ['inner', 'problem']) {
    const nested = p.details[n];
    if (templates.some((t) => t.includes(`$t(errors.{{${n}}}`)) && (typeof nested !== 'string' || templatesOf(i18n, lng, nested).templates.length === 0)) return p.message;
  }
  const sep = i18n.t('common.listSeparator');
  const values: Record<string, unknown> = {};
  // Every detail, so a nested sentence finds its own placeholders; `count` stays a number for the plural rule.
  for (const [n, v] of Object.entries(p.details)) values[n] = typeof v === 'number' ? v : detailText(v, sep);
  // The key is dynamic (an envelope code), so it is not one of the typed catalogue keys.
  return (i18n.t as unknown as (k: string, o: Record<string, unknown>) => string)(`errors.${p.code}`, { ...values, interpolation: { escapeValue: false } });
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
