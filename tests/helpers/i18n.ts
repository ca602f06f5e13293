/** Shared helpers of the catalogue tests: an i18next instance per language, catalogue leaves. */
import i18next, { type i18n as I18n } from 'i18next';
import { resources } from '../../renderer/src/i18n';

/** A fresh i18next instance over the renderer's bundled resources, in `lng`. */
export async function makeI18n(lng: string): Promise<I18n> {
  const i = i18next.createInstance();
  await i.init({ resources, lng, fallbackLng: 'en', load: 'currentOnly', interpolation: { escapeValue: false } });
  return i;
}

/** `{ a: { b: 'x' } }` → `[['a.b', 'x']]`. */
export function leaves(obj: object, prefix = ''): [string, string][] {
  const out: [string, string][] = [];
  for (const [k, v] of Object.entries(obj)) {
    if (typeof v === 'string') out.push([prefix + k, v]);
    else out.push(...leaves(v as object, `${prefix}${k}.`));
  }
  return out;
}
