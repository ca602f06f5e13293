/**
 * The UI languages and how the first one is chosen: the remembered choice (localStorage),
 * else the browser's language (any `zh*` → Simplified Chinese), else English. Pure functions
 * of their inputs so they are tested without a browser.
 */

/** The languages of the UI, as BCP 47 tags (also the `lang` attribute of the page). */
export const LANGUAGES = ['en', 'zh-CN'] as const;

/** A UI language. */
export type Language = (typeof LANGUAGES)[number];

/** Each language's name in itself, for the switch in the header. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { en: 'English', 'zh-CN': '中文' };

/** localStorage key of the remembered choice. */
export const STORAGE_KEY = 'rwb.language';

/** True when `s` is one of {@link LANGUAGES}. */
export function isLanguage(s: unknown): s is Language {
  return typeof s === 'string' && (LANGUAGES as readonly string[]).includes(s);
}

/** The language for a browser language tag: `zh`, `zh-CN`, `zh-Hans-SG`, `zh-TW` … → `zh-CN`; anything else → `en`. */
export function languageOfTag(tag: string | null | undefined): Language {
  return tag && /^zh\b/i.test(tag) ? 'zh-CN' : 'en';
}

/**
 * The language to start with: the stored choice when it is valid, else the browser's first
 * preferred language (`navigator.languages[0]`, else `navigator.language`).
 */
export function initialLanguage(stored: string | null, browser: readonly string[]): Language {
  if (isLanguage(stored)) return stored;
  return languageOfTag(browser[0]);
}

/** The stored choice, or null when storage is unavailable (private mode, sandboxed page). */
export function readStoredLanguage(): string | null {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

/** Remembers the choice; storage failures are ignored (the choice then lasts for the session). */
export function storeLanguage(lang: Language): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // Storage refused: keep the language for this page only.
  }
}

/** The browser's preferred languages (empty outside a browser). */
export function browserLanguages(): readonly string[] {
  const nav = globalThis.navigator as Navigator | undefined;
  if (!nav) return [];
  return nav.languages?.length ? nav.languages : nav.language ? [nav.language] : [];
}
