/** Number and date formatting per UI language. */
import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatDate, formatNumber } from '../../../renderer/src/lib/format';

describe('formatNumber', () => {
  it('keeps 4 significant digits below 1000 and groups thousands above', () => {
    expect(formatNumber(0.28812, 'en')).toBe('0.2881');
    expect(formatNumber(-12.3456, 'zh-CN')).toBe('-12.35');
    expect(formatNumber(123456.7, 'en')).toBe('123,457');
    expect(formatNumber(123456.7, 'zh-CN')).toBe('123,457');
    expect(formatNumber(123456.7, 'de-DE')).toBe('123.457');
  });

  it('uses scientific notation when extreme and a dash when missing', () => {
    expect(formatNumber(1.5e10, 'en')).toBe('1.500e+10');
    expect(formatNumber(0.00001234, 'zh-CN')).toBe('1.234e-5');
    expect(formatNumber(0, 'en')).toBe('0');
    for (const v of [null, undefined, NaN, Infinity]) expect(formatNumber(v, 'en')).toBe('—');
  });

  it('formats counts and bytes', () => {
    expect(formatCount(12345, 'zh-CN')).toBe('12,345');
    expect(formatBytes(512, 'en')).toBe('512 B');
    expect(formatBytes(2048, 'en')).toBe('2 KB');
    expect(formatBytes(3.25 * 1024 * 1024, 'en')).toBe('3.3 MB');
  });
});

describe('formatDate', () => {
  const d = new Date(2026, 11, 1, 7, 30);
  it('writes dates the way each language does', () => {
    expect(formatDate(d, 'en', true)).toBe('Dec 1, 2026');
    expect(formatDate(d, 'zh-CN', true)).toBe('2026年12月1日');
    expect(formatDate(d, 'zh-CN')).toContain('07:30');
    expect(formatDate('not a date', 'en')).toBe('—');
  });
});
