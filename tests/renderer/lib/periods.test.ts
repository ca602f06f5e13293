/** Periods and user breaks of a map figure as typed in the Export dialog and Small multiples. */
import { describe, expect, it } from 'vitest';
import { formatPeriods, parseBreaks, parsePeriods, splitYears } from '../../../renderer/src/lib/periods';

const YEARS = Array.from({ length: 15 }, (_, i) => 2008 + i); // the China sample: 2008–2022

/** The code of what `f` throws. */
function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as { code: string }).code;
  }
  return 'no error';
}

describe('parsePeriods', () => {
  it('reads one year and ranges with hyphens, en dashes, full-width commas and spaces', () => {
    expect(parsePeriods('2022', YEARS)).toEqual([{ from: 2022, to: 2022 }]);
    expect(parsePeriods('2008-2012, 2013–2017，2018 - 2022', YEARS)).toEqual([
      { from: 2008, to: 2012 }, { from: 2013, to: 2017 }, { from: 2018, to: 2022 },
    ]);
  });

  it('round-trips through formatPeriods', () => {
    const p = parsePeriods('2008-2012,2015,2018-2022', YEARS);
    expect(formatPeriods(p)).toBe('2008-2012,2015,2018-2022');
  });

  it('refuses empty, malformed, reversed, out-of-range and too many periods, each with its code', () => {
    expect(codeOf(() => parsePeriods(' , ', YEARS))).toBe('map-periods-empty');
    expect(codeOf(() => parsePeriods('2008-12', YEARS))).toBe('map-periods-syntax');
    expect(codeOf(() => parsePeriods('2012-2008', YEARS))).toBe('map-periods-reversed');
    expect(codeOf(() => parsePeriods('1990-1995', YEARS))).toBe('map-periods-outside');
    expect(codeOf(() => parsePeriods(Array(13).fill('2010').join(','), YEARS))).toBe('map-periods-too-many');
  });

  it('names the offending text and the project years in the English sentence', () => {
    try {
      parsePeriods('2008-2012,1990-1995', YEARS);
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).toBe('The period 1990-1995 has no year in the project (2008–2022).');
    }
  });

  it('accepts a range that only overlaps the project years', () => {
    expect(parsePeriods('2005-2009', YEARS)).toEqual([{ from: 2005, to: 2009 }]);
  });
});

describe('splitYears', () => {
  it('splits 2008–2022 into the three five-year periods of the published figures', () => {
    expect(formatPeriods(splitYears(YEARS, 3))).toBe('2008-2012,2013-2017,2018-2022');
  });

  it('gives the later periods the extra years: Produc 1970–1986 in 3 → 5, 6, 6 years', () => {
    const produc = Array.from({ length: 17 }, (_, i) => 1970 + i);
    expect(formatPeriods(splitYears(produc, 3))).toBe('1970-1974,1975-1980,1981-1986');
  });

  it('never makes more periods than years', () => {
    expect(splitYears([2020, 2021], 3)).toEqual([{ from: 2020, to: 2020 }, { from: 2021, to: 2021 }]);
  });
});

describe('parseBreaks', () => {
  it('reads classes − 1 ascending numbers', () => {
    expect(parseBreaks('0.2, 0.4，0.6 0.8', 5)).toEqual([0.2, 0.4, 0.6, 0.8]);
  });

  it('refuses the wrong count, non-numbers and non-ascending breaks', () => {
    expect(codeOf(() => parseBreaks('0.2, 0.4', 5))).toBe('map-breaks-syntax');
    expect(codeOf(() => parseBreaks('0.2, x, 0.6, 0.8', 5))).toBe('map-breaks-syntax');
    expect(codeOf(() => parseBreaks('0.2, 0.2, 0.6, 0.8', 5))).toBe('map-breaks-syntax');
  });
});
