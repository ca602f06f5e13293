/** Choosing the first UI language: remembered choice, else the browser's (zh* → zh-CN), else English. */
import { describe, expect, it } from 'vitest';
import { initialLanguage, isLanguage, languageOfTag } from '../../../renderer/src/i18n/language';

describe('UI language', () => {
  it('maps every Chinese browser tag to zh-CN and anything else to en', () => {
    for (const tag of ['zh', 'zh-CN', 'zh-Hans', 'zh-Hans-SG', 'zh-TW', 'ZH-cn']) expect(languageOfTag(tag)).toBe('zh-CN');
    for (const tag of ['en', 'en-US', 'de-DE', 'zu', '', null, undefined]) expect(languageOfTag(tag)).toBe('en');
  });

  it('prefers a valid remembered choice over the browser', () => {
    expect(initialLanguage('en', ['zh-CN'])).toBe('en');
    expect(initialLanguage('zh-CN', ['en-US'])).toBe('zh-CN');
  });

  it('ignores an invalid remembered value and falls back to the first browser language', () => {
    expect(initialLanguage('fr', ['zh-CN', 'en'])).toBe('zh-CN');
    expect(initialLanguage(null, ['en-GB', 'zh-CN'])).toBe('en');
    expect(initialLanguage(null, [])).toBe('en');
  });

  it('knows its languages', () => {
    expect(isLanguage('zh-CN')).toBe(true);
    expect(isLanguage('zh')).toBe(false);
  });
});
