import { describe, expect, it } from 'vitest';
import { damerauLevenshtein, longFormExtra, normalizeName, resolveRegionIds, suggestMatches } from '../../src/core/text-match';

const US = ['Alabama', 'Mississippi', 'Missouri', 'Tennessee', 'Texas', 'New York', 'Kansas', 'Arkansas', 'Ohio', 'Iowa'];
const CN = ['北京', '内蒙古', '广西', '宁夏', '新疆', '西藏', '山西', '陕西', '香港', '延边朝鲜族', '锡林郭勒'];

describe('normalizeName', () => {
  it('folds case, spaces, underscores, punctuation and full-width characters', () => {
    expect(normalizeName('New_York')).toBe('newyork');
    expect(normalizeName('  NEW   YORK ')).toBe('newyork');
    expect(normalizeName('Ｎｅｗ　Ｙｏｒｋ')).toBe('newyork');
    expect(normalizeName("St. John's")).toBe('stjohns');
  });
  it('strips Chinese administrative suffixes', () => {
    expect(normalizeName('内蒙古自治区')).toBe('内蒙古');
    expect(normalizeName('广西壮族自治区')).toBe('广西');
    expect(normalizeName('宁夏回族自治区')).toBe('宁夏');
    expect(normalizeName('新疆维吾尔自治区')).toBe('新疆');
    expect(normalizeName('香港特别行政区')).toBe('香港');
    expect(normalizeName('北京市')).toBe('北京');
    expect(normalizeName('山西省')).toBe('山西');
    expect(normalizeName('延边朝鲜族自治州')).toBe('延边朝鲜族');
    expect(normalizeName('锡林郭勒盟')).toBe('锡林郭勒');
    expect(normalizeName('阿里地区')).toBe('阿里');
    // a bare suffix is kept rather than emptied
    expect(normalizeName('市')).toBe('市');
  });
});

describe('damerauLevenshtein', () => {
  it('counts insertions, deletions, substitutions and adjacent transpositions', () => {
    expect(damerauLevenshtein('Tennesse', 'Tennessee')).toBe(1);
    expect(damerauLevenshtein('kitten', 'sitting')).toBe(3); // textbook Levenshtein example
    expect(damerauLevenshtein('Texsa', 'Texas')).toBe(1); // one transposition
    expect(damerauLevenshtein('', 'abc')).toBe(3);
    expect(damerauLevenshtein('山西', '陕西')).toBe(1); // code points, not UTF-16 units
  });
});

describe('suggestMatches', () => {
  it('suggests Tennessee for Tennesse and Mississippi for Mississipi', () => {
    expect(suggestMatches('Tennesse', US)[0]).toBe('Tennessee');
    expect(suggestMatches('Mississipi', US)[0]).toBe('Mississippi');
    expect(suggestMatches('TENNESSE', US)[0]).toBe('Tennessee');
    expect(suggestMatches('MISSISSIPI', US)[0]).toBe('Mississippi');
  });
  it('matches Chinese names with and without administrative suffixes', () => {
    expect(suggestMatches('内蒙古自治区', CN)).toEqual(['内蒙古']);
    expect(suggestMatches('广西壮族自治区', CN)).toEqual(['广西']);
    expect(suggestMatches('北京市', CN)[0]).toBe('北京');
    expect(suggestMatches('新疆维吾尔自治区', CN)[0]).toBe('新疆');
    expect(suggestMatches('内蒙古', ['内蒙古自治区', '广西壮族自治区'])).toEqual(['内蒙古自治区']);
  });
  it('matches differently written forms of the same name first', () => {
    expect(suggestMatches('NEW_YORK', US)[0]).toBe('New York');
  });
  it('returns nothing for names far from every candidate, and at most max', () => {
    expect(suggestMatches('Wyoming', US)).toEqual([]);
    expect(suggestMatches('Zzyzx', US)).toEqual([]);
    expect(suggestMatches('', US)).toEqual([]);
    expect(suggestMatches('Kansa', US, 1)).toEqual(['Kansas']);
    expect(suggestMatches('Kansas', US)).not.toContain('Kansas');
  });
  it('ranks closer candidates first', () => {
    // an equal normalized form wins alone
    expect(suggestMatches('Missouri', ['Mississippi', 'Missouri ', 'Misouri'])).toEqual(['Missouri ']);
    // otherwise by distance: Misouri (1 edit) before Misuouria (2 edits); Mississippi is too far
    expect(suggestMatches('Missouri', ['Mississippi', 'Misuouria', 'Misouri'])).toEqual(['Misouri', 'Misuouria']);
  });
});

describe('resolveRegionIds', () => {
  const regions = [
    { code: '110000', names: ['北京市', 'Beijing'] },
    { code: '150000', names: ['内蒙古自治区', 'Inner Mongolia'] },
    { code: '140000', names: ['山西省', 'Shanxi'] },
    { code: '610000', names: ['陕西省', 'Shaanxi'] },
    { code: 'New York', names: [null, ''] },
    { code: 'X1', names: ['Twin'] },
    { code: 'X2', names: ['Twin'] },
  ];
  it('resolves codes, exact names and unique normalized names; leaves the rest unknown', () => {
    const r = resolveRegionIds(['110000', '北京市', 'Inner Mongolia', '内蒙古', 'NEW_YORK', '山西', 'Twin', 'Tennesse', '北京市'], regions);
    expect(Object.fromEntries(r.codeOf)).toEqual({
      '110000': '110000',
      北京市: '110000',
      'Inner Mongolia': '150000',
      内蒙古: '150000',
      NEW_YORK: 'New York',
      山西: '140000',
    });
    expect(r.byName.map((b) => b.id)).toEqual(['北京市', 'Inner Mongolia', '内蒙古', 'NEW_YORK', '山西']);
    // a name shared by two regions is ambiguous
    expect(r.unknown).toEqual(['Twin', 'Tennesse']);
  });
});

describe('real Mexican names (issue 13, defect 4)', () => {
  // mexicojoin.dbf NAME values (assets/datasets/mexico) and US states that once were offered.
  const MX = ['Baja California Norte', 'Baja California Sur', 'Coahuila De Zaragoza', 'Queretaro de Arteaga', 'Veracruz-Llave', 'Michoacan de Ocampo', 'Nuevo Leon', 'Mexico'];
  const MIXED = [...MX, 'California', 'Michigan', 'New Mexico'];

  it('folds accents, case and hyphens', () => {
    expect(normalizeName('Querétaro')).toBe('queretaro');
    expect(normalizeName('NUEVO LEÓN')).toBe('nuevoleon');
    expect(normalizeName('Veracruz-Llave')).toBe('veracruzllave');
    expect(suggestMatches('Nuevo León', MIXED)).toEqual(['Nuevo Leon']);
  });

  it('offers official long forms by word-prefix containment', () => {
    expect(longFormExtra('Coahuila', 'Coahuila De Zaragoza')).toBe(2);
    expect(longFormExtra('Veracruz', 'Veracruz-Llave')).toBe(1);
    expect(longFormExtra('California', 'Baja California')).toBeUndefined();
    expect(suggestMatches('Coahuila', MIXED)).toEqual(['Coahuila De Zaragoza']);
    expect(suggestMatches('Queretaro', MIXED)).toEqual(['Queretaro de Arteaga']);
    expect(suggestMatches('Quertaro', MIXED)).toEqual(['Queretaro de Arteaga']); // mexico.csv's spelling
    expect(suggestMatches('Veracruz', MIXED)).toEqual(['Veracruz-Llave']);
    expect(suggestMatches('Michoacan', MIXED)).toEqual(['Michoacan de Ocampo']);
    // Both Bajas are long forms; the service puts the one no other row matched first.
    expect(suggestMatches('Baja California', MIXED)).toEqual(['Baja California Norte', 'Baja California Sur']);
  });

  it('shows nothing rather than a far guess', () => {
    expect(suggestMatches('Michoacan', ['Michigan', 'California'])).toEqual([]);
    expect(suggestMatches('Baja California', ['California', 'Michigan'])).toEqual([]);
    expect(suggestMatches('Mexico', ['New Mexico'])).toEqual([]);
  });
});
