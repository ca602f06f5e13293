/**
 * Region-group labels in a figure's language: the NBS four regions (East / Central / West /
 * Northeast) as Chinese publications name them (东部 / 中部 / 西部 / 东北); other group names are
 * printed as stored.
 */
const NBS_ZH: Readonly<Record<string, string>> = { East: '东部', Central: '中部', West: '西部', Northeast: '东北' };

/** The label of group `key` in `lang`. */
export function groupLabel(key: string, lang: 'en' | 'zh'): string {
  return lang === 'zh' ? (NBS_ZH[key] ?? key) : key;
}
