import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors';
import type { LongPanel } from '../../src/core/panel';
import { assertNoDuplicateRows, findDuplicateRows, formatRanges, validatePanel } from '../../src/core/panel-validate';

/** A small panel built row by row; row numbers are file rows (header = 1). */
function panel(rows: [string, number, number][], source = 'test.csv'): LongPanel {
  return {
    source,
    idColumn: 'state',
    timeColumn: 'year',
    ids: rows.map((r) => r[0]),
    times: rows.map((r) => r[1]),
    rowNumbers: rows.map((_, k) => k + 2),
    variables: ['gsp'],
    values: { gsp: Float64Array.from(rows.map((r) => r[2])) },
  };
}

describe('duplicate rows', () => {
  const p = panel([
    ['Alabama', 1970, 1],
    ['Alabama', 1971, 2],
    ['Ohio', 1970, 3],
    ['Alabama', 1970, 4],
    ['Ohio', 1970, 5],
    ['Ohio', 1970, 6],
  ]);
  it('finds every repeated (id, time) with its file rows', () => {
    expect(findDuplicateRows(p)).toEqual([
      { id: 'Alabama', time: 1970, rows: [2, 5] },
      { id: 'Ohio', time: 1970, rows: [4, 6, 7] },
    ]);
  });
  it('throws duplicate-row naming the file, pair and rows', () => {
    let err: unknown;
    try {
      assertNoDuplicateRows(p);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).code).toBe('import-duplicate-row-and-more');
    expect((err as InputError).message).toBe('test.csv: duplicate (Alabama, 1970) at rows 2 and 5 (and 1 more duplicated pairs)');
  });
  it('passes a panel without duplicates', () => {
    expect(() => assertNoDuplicateRows(panel([['A', 1, 1], ['A', 2, 2]]))).not.toThrow();
  });
  it('reports duplicates as errors in validatePanel', () => {
    const r = validatePanel(p);
    expect(r.errors.map((e) => e.message)).toEqual([
      'test.csv: duplicate (Alabama, 1970) at rows 2 and 5',
      'test.csv: duplicate (Ohio, 1970) at rows 4, 6, 7',
    ]);
  });
});

describe('validatePanel', () => {
  it('reports ids without geometry (error) and geometry without data (warning) with suggestions', () => {
    const p = panel([
      ['Tennesse', 1970, 1],
      ['Ohio', 1970, 2],
    ]);
    const r = validatePanel(p, { geometryIds: ['Tennessee', 'Ohio', 'Mississippi'] });
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].code).toBe('import-no-geometry');
    expect(r.errors[0].message).toBe('test.csv: region "Tennesse" (column "state", row 2) has no geometry — did you mean "Tennessee"?');
    expect(r.errors[0].details.suggestions).toEqual(['Tennessee']);
    const w = r.warnings.filter((x) => x.code === 'geometry-without-data');
    expect(w.map((x) => x.message)).toEqual([
      'geometry region "Tennessee" has no rows in test.csv — panel has "Tennesse"',
      'geometry region "Mississippi" has no rows in test.csv',
    ]);
  });
  it('reports ids that are not project regions', () => {
    const r = validatePanel(panel([['Mississipi', 1970, 1]]), { knownRegions: ['Mississippi', 'Missouri'] });
    expect(r.errors.map((e) => [e.code, e.message])).toEqual([
      ['import-unknown-region', 'test.csv: region "Mississipi" (column "state", row 2) is not a region of the project — did you mean "Mississippi"?'],
    ]);
  });
  it('reports gaps per region as ranges, unbalanced panels and missing cells', () => {
    const p = panel([
      ['Ohio', 1974, 1],
      ['Ohio', 1977, 2],
      ['Ohio', 1979, Number.NaN],
      ['Iowa', 1974, 1],
      ['Iowa', 1975, Number.NaN],
      ['Iowa', 1976, 1],
      ['Iowa', 1977, 1],
      ['Iowa', 1978, 1],
      ['Iowa', 1979, 1],
    ]);
    const r = validatePanel(p);
    expect(r.errors).toEqual([]);
    const msgs = r.warnings.map((w) => `${w.code}: ${w.message}`);
    expect(msgs).toEqual([
      'gap: Ohio: no rows for 1975–1976, 1978',
      'unbalanced: unbalanced panel: 1 of 2 regions lack some of the 6 periods',
      'missing-cells: column "gsp": 2 missing cells of 9',
    ]);
  });
  it('gives a balanced complete panel no warnings', () => {
    const r = validatePanel(panel([['A', 1, 1], ['A', 2, 1], ['B', 1, 1], ['B', 2, 1]]), { geometryIds: ['A', 'B'], knownRegions: ['A', 'B'] });
    expect(r).toEqual({ errors: [], warnings: [] });
  });
});

describe('period gaps', () => {
  it('reports periods no region has, on the panel\'s own step', () => {
    const yearly = validatePanel(panel([['A', 2000, 1], ['A', 2001, 1], ['A', 2004, 1], ['B', 2000, 1], ['B', 2001, 1], ['B', 2004, 1]]));
    expect(yearly.warnings.map((w) => w.message)).toEqual(['no region has rows for 2002–2003']);
    // five-yearly data: 1990, 1995, 2005 → 2000 is missing, 1991–1994 are not
    const fiveYearly = validatePanel(panel([['A', 1990, 1], ['A', 1995, 1], ['A', 2005, 1]]));
    expect(fiveYearly.warnings.map((w) => w.message)).toEqual(['no region has rows for 2000']);
  });
});

describe('formatRanges', () => {
  it('joins consecutive periods with an en dash', () => {
    expect(formatRanges([1975, 1976, 1980, 1982, 1983, 1984])).toBe('1975–1976, 1980, 1982–1984');
    expect(formatRanges([])).toBe('');
  });
});
