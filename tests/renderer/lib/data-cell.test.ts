/** The Data table's cell editor: what it accepts as a number or a missing value, and how values print. */
import { describe, expect, it } from 'vitest';
import { cellEditText, formatCell, parseCellText } from '../../../renderer/src/lib/data-cell';

describe('parseCellText', () => {
  it('reads numbers, grouped numbers, exponents and full-width digits; empty is missing', () => {
    expect(parseCellText('12.5')).toEqual({ ok: true, value: 12.5 });
    expect(parseCellText(' -0.25 ')).toEqual({ ok: true, value: -0.25 });
    expect(parseCellText('1,234.5')).toEqual({ ok: true, value: 1234.5 });
    expect(parseCellText('2e-3')).toEqual({ ok: true, value: 0.002 });
    expect(parseCellText('.5')).toEqual({ ok: true, value: 0.5 });
    expect(parseCellText('１２．５')).toEqual({ ok: true, value: 12.5 });
    expect(parseCellText('')).toEqual({ ok: true, value: null });
    expect(parseCellText('   ')).toEqual({ ok: true, value: null });
  });

  it('refuses text, misplaced commas, Infinity, NaN and overflow', () => {
    for (const bad of ['abc', '12,5', '1,23,456', 'Infinity', 'NaN', '1e400', '--1', '0x10', '1 2']) {
      expect(parseCellText(bad), bad).toEqual({ ok: false });
    }
  });
});

describe('cellEditText and formatCell', () => {
  it('edits with every digit and prints up to 10 significant digits', () => {
    expect(cellEditText(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(cellEditText(null)).toBe('');
    // produc.csv Alabama 1970 pcap 15032.67 (Munnell 1990)
    expect(formatCell(15032.67, 'en')).toBe('15,032.67');
    expect(formatCell(28418, 'zh-CN')).toBe('28,418');
    expect(formatCell(1.5e-7, 'en')).toBe('1.5e-7');
    expect(formatCell(0, 'en')).toBe('0');
  });
});
