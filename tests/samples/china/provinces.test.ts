import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { NBS_REGIONS, PROVINCES, provinceByAdcode, provinceOfCode } from '../../../src/samples/china/provinces';
import { joinCities } from '../../../src/samples/china/cities';
import { joinProvinces } from '../../../src/samples/china/province-features';
import { decodeEchartsMap, type EncodedFeatureCollection } from '../../../src/samples/china/echarts-decode';

const load = (f: string): EncodedFeatureCollection =>
  JSON.parse(readFileSync(new URL(`../../../node_modules/echarts/map/json/${f}`, import.meta.url), 'utf8')) as EncodedFeatureCollection;

describe('PROVINCES', () => {
  test('31 unique adcodes and names', () => {
    expect(PROVINCES).toHaveLength(31);
    expect(new Set(PROVINCES.map((p) => p.adcode)).size).toBe(31);
    expect(new Set(PROVINCES.map((p) => p.nameEn)).size).toBe(31);
    for (const p of PROVINCES) {
      expect(p.adcode).toMatch(/^\d{2}0000$/);
      expect(p.nameZh.startsWith(p.shortZh)).toBe(true);
    }
    expect(provinceByAdcode('150000')).toMatchObject({ nameZh: '内蒙古自治区', shortZh: '内蒙古', nameEn: 'Inner Mongolia' });
  });
  test('NBS four-region groups: East 10, Central 6, West 12, Northeast 3, exactly as listed', () => {
    const names = (g: string): string[] => PROVINCES.filter((p) => p.group === g).map((p) => p.nameEn).sort();
    expect(NBS_REGIONS).toEqual(['East', 'Central', 'West', 'Northeast']);
    // NBS 东中西部和东北地区划分方法 (2011), as listed in issue 2.
    expect(names('East')).toEqual(['Beijing', 'Fujian', 'Guangdong', 'Hainan', 'Hebei', 'Jiangsu', 'Shandong', 'Shanghai', 'Tianjin', 'Zhejiang']);
    expect(names('Central')).toEqual(['Anhui', 'Henan', 'Hubei', 'Hunan', 'Jiangxi', 'Shanxi']);
    expect(names('West')).toEqual(['Chongqing', 'Gansu', 'Guangxi', 'Guizhou', 'Inner Mongolia', 'Ningxia', 'Qinghai',
      'Shaanxi', 'Sichuan', 'Tibet', 'Xinjiang', 'Yunnan']);
    expect(names('Northeast')).toEqual(['Heilongjiang', 'Jilin', 'Liaoning']);
  });
  test('capital coordinates: reference values from issue brief, and within 0.2° of the echarts city centres', () => {
    const cap = (en: string): [number, number] => { const p = PROVINCES.find((q) => q.nameEn === en)!; return [p.capitalLon, p.capitalLat]; };
    // brief: Beijing 116.41,39.90; Hohhot 111.75,40.84; Haikou 110.20,20.04; Lhasa 91.11,29.65; Urumqi 87.62,43.83
    expect(cap('Beijing')).toEqual([116.41, 39.90]);
    expect(cap('Inner Mongolia')).toEqual([111.75, 40.84]);
    expect(cap('Hainan')).toEqual([110.20, 20.04]);
    expect(cap('Tibet')).toEqual([91.11, 29.65]);
    expect(cap('Xinjiang')).toEqual([87.62, 43.83]);
    // Independent cross-check: the `cp` of the capital's feature in echarts china-cities.json.
    const cities = load('china-cities.json').features;
    for (const p of PROVINCES) {
      const f = cities.find((c) => c.properties.name === p.capitalZh);
      expect(f, p.capitalZh).toBeDefined();
      const cp = f!.properties.cp as number[];
      expect(Math.abs(cp[0] - p.capitalLon), p.capitalEn).toBeLessThan(0.2);
      expect(Math.abs(cp[1] - p.capitalLat), p.capitalEn).toBeLessThan(0.2);
    }
  });
  test('provinceOfCode uses the first two digits and rejects non-codes', () => {
    expect(provinceOfCode('340100')?.nameEn).toBe('Anhui');
    expect(provinceOfCode('469001')?.nameEn).toBe('Hainan');
    expect(provinceOfCode('810000')).toBeUndefined();
    expect(provinceOfCode('3401')).toBeUndefined();
  });
});

describe('joinProvinces / joinCities on echarts@4.9.0', () => {
  test('31 provinces joined; Taiwan, Hong Kong, Macao skipped', () => {
    const { features, skipped } = joinProvinces(decodeEchartsMap(load('china.json')));
    expect(features).toHaveLength(31);
    expect([...skipped].sort()).toEqual(['710000', '810000', '820000']);
  });
  test('missing province is named', () => {
    const fc = decodeEchartsMap(load('china.json'));
    const without = { ...fc, features: fc.features.filter((f) => f.id !== '460000') };
    expect(() => joinProvinces(without)).toThrow('The map file has no boundary for Hainan (460000).');
  });
  test('364 mainland city features; municipalities remapped to xx0100; non-mainland reported', () => {
    const { cities, rejected, remapped } = joinCities(decodeEchartsMap(load('china-cities.json')));
    // 367 features − 台湾 710000, 香港 810000, 澳门 820000
    expect(cities).toHaveLength(364);
    expect(rejected.map((r) => r.id).sort()).toEqual(['710000', '810000', '820000']);
    expect(rejected[0].reason).toMatch(/^province prefix \d\d is not one of the 31 mainland provinces$/);
    expect(remapped.map((r) => `${r.from}>${r.to}`).sort()).toEqual(['110000>110100', '120000>120100', '310000>310100', '500000>500100']);
    const hf = cities.find((c) => c.code === '340100')!;
    expect(hf).toMatchObject({ nameZh: '合肥', parent: '340000', countyLevel: false });
    expect(cities.find((c) => c.code === '429004')).toMatchObject({ nameZh: '仙桃', parent: '420000', countyLevel: true });
    expect(new Set(cities.map((c) => c.code)).size).toBe(364);
  });
  test('bad ids are reported', () => {
    const r = joinCities({ type: 'FeatureCollection', features: [
      { type: 'Feature', id: 'abc', properties: { name: 'x' }, geometry: { type: 'Polygon', coordinates: [] } },
    ] });
    expect(r.rejected).toEqual([{ id: 'abc', name: 'x', reason: 'id is not a 6-digit code' }]);
  });
});
