/**
 * Number and date formatting for tables, legends and tooltips, in the UI language
 * (`Intl.NumberFormat` / `Intl.DateTimeFormat`; formatters are cached per language and style).
 * `lang` defaults to the current UI language.
 */
import i18next from 'i18next';

/** The current UI language tag (English before i18next is initialised). */
function uiLanguage(): string {
  return i18next.language || 'en';
}

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: string, style: 'int' | 'sig4' | 'fixed1'): Intl.NumberFormat {
  const key = `${lang}|${style}`;
  let f = numberFormats.get(key);
  if (!f) {
    const opts: Intl.NumberFormatOptions = style === 'int'
      ? { maximumFractionDigits: 0 }
      : style === 'sig4' ? { maximumSignificantDigits: 4, useGrouping: false } : { minimumFractionDigits: 1, maximumFractionDigits: 1 };
    f = new Intl.NumberFormat(lang, opts);
    numberFormats.set(key, f);
  }
  return f;
}

/**
 * Compact number: 4 significant digits, whole numbers from 1000 up with the language's
 * thousands grouping, scientific notation when extreme (|v| ≥ 1e9 or < 1e-4); `—` when missing.
 */
export function formatNumber(v: number | null | undefined, lang: string = uiLanguage()): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e9 || a < 1e-4)) return v.toExponential(3);
  if (a >= 1000) return numberFormat(lang, 'int').format(v);
  return numberFormat(lang, 'sig4').format(v);
}

/** A count (integer) with the language's thousands grouping. */
export function formatCount(n: number, lang: string = uiLanguage()): string {
  return numberFormat(lang, 'int').format(n);
}

/** Byte count as B / KB / MB. */
export function formatBytes(n: number, lang: string = uiLanguage()): string {
  if (n >= 1024 * 1024) return `${numberFormat(lang, 'fixed1').format(n / (1024 * 1024))} MB`;
  if (n >= 1024) return `${numberFormat(lang, 'int').format(n / 1024)} KB`;
  return `${n} B`;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A date (and time unless `dateOnly`) in the language's medium style, e.g. `Dec 1, 2026, 07:30` / `2026年12月1日 07:30`. */
export function formatDate(d: Date | number | string, lang: string = uiLanguage(), dateOnly = false): string {
  const date = d instanceof Date ? d : new Date(d);
  if (Number.isNaN(date.getTime())) return '—';
  const key = `${lang}|${dateOnly}`;
  let f = dateFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang, dateOnly ? { dateStyle: 'medium' } : { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' });
    dateFormats.set(key, f);
  }
  return f.format(date);
}
