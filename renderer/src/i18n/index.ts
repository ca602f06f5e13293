/**
 * The i18n instance of the renderer: i18next with the bundled catalogues only (no backend,
 * no remote loading: the CSP forbids remote content and the app runs offline), bound to React
 * through react-i18next. `setLanguage` switches, remembers the choice and sets
 * `<html lang>` and the window title.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { errorsEn } from './errors.en';
import { errorsZh } from './errors.zh-CN';
import { warningsEn } from './warnings.en';
import { warningsZh } from './warnings.zh-CN';
import { browserLanguages, initialLanguage, isLanguage, LANGUAGES, readStoredLanguage, storeLanguage, type Language } from './language';
import { zhCN } from './zh-CN';

export { LANGUAGE_NAMES, LANGUAGES, type Language } from './language';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}

/** Bundled resources: one `translation` namespace per language. */
export const resources = {
  en: { translation: { ...en, errors: { ...errorsEn, ...warningsEn, ...en.errors } } },
  'zh-CN': { translation: { ...zhCN, errors: { ...errorsZh, ...warningsZh, ...zhCN.errors } } },
} as const;

/** Applies a language to the page: `<html lang>` and the window title. */
function applyToDocument(lang: Language): void {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = lang;
  document.title = i18next.t('app.name', { lng: lang });
}

/**
 * Initialises i18next synchronously with the bundled catalogues in `lang` (default: the
 * remembered choice, else the browser language). Idempotent.
 */
export function initI18n(lang: Language = initialLanguage(readStoredLanguage(), browserLanguages())): typeof i18next {
  if (!i18next.isInitialized) {
    void i18next.use(initReactI18next).init({
      resources,
      lng: lang,
      fallbackLng: 'en',
      supportedLngs: [...LANGUAGES],
      // zh-CN must stay zh-CN (not be reduced to "zh"), and there are no other namespaces to load.
      load: 'currentOnly',
      initAsync: false,
      interpolation: { escapeValue: false },
      returnNull: false,
    });
    i18next.on('languageChanged', (l) => {
      if (isLanguage(l)) applyToDocument(l);
    });
  }
  applyToDocument(isLanguage(i18next.language) ? i18next.language : 'en');
  return i18next;
}

/** The current UI language. */
export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : 'en';
}

/** Switches the UI language and remembers it. */
export async function setLanguage(lang: Language): Promise<void> {
  storeLanguage(lang);
  await i18next.changeLanguage(lang);
}

export { i18next };
