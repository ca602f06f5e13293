/** China national layers and the China frame's reference data. */
import { describe, expect, it } from 'vitest';
import { chinaReferenceFrom, isChinaNational } from '../../../src/figures/map/china';
import { PROVINCES } from '../../../src/samples/china/provinces';
import { decodeChinaReference, parseNanhaiPoints } from '../../../src/samples/china/reference';
import { inputError } from '../../helpers/input-error';
import { chinaJson, nanhaiSource } from './china-fixture';

describe('isChinaNational', () => {
  it('the 31 provinces, or city codes under 24 of them, are national; a few provinces or US states are not', () => {
    const all = PROVINCES.map((p) => p.adcode);
    expect(isChinaNational(all)).toBe(true);
    expect(isChinaNational(all.slice(0, 24).map((c) => `${c.slice(0, 2)}0100`))).toBe(true);
    expect(isChinaNational(all.slice(0, 23))).toBe(false);
    expect(isChinaNational(['Alabama', 'Arizona'])).toBe(false);
    expect(isChinaNational(['710000', '810000', '820000'])).toBe(false);
  });
});

describe('china-reference (echarts 4.9 china.json + nanhai.js)', () => {
  const fc = decodeChinaReference(chinaJson(), nanhaiSource());
  it('has Taiwan, Hong Kong and Macao, then the twelve inset rings of nanhai.js', () => {
    expect(fc.features.slice(0, 3).map((f) => [f.id, f.properties?.name, f.properties?.nameZh, f.properties?.role]))
      .toEqual([['710000', 'Taiwan', '台湾', 'area'], ['810000', 'Hong Kong', '香港', 'area'], ['820000', 'Macao', '澳门', 'area']]);
    const roles = fc.features.slice(3).map((f) => f.properties?.role);
    expect(roles).toEqual(['south-china-sea-coast', ...Array(10).fill('south-china-sea-line'), 'south-china-sea-frame']);
    // nanhai.js: geoCoord [126, 25], x / 10.5, y / (−10.5 / 0.75): the frame's corner (64, 93.1) → (132.095…, 18.35).
    const frame = fc.features[14].geometry.type === 'Polygon' ? fc.features[14].geometry.coordinates[0] : [];
    expect(frame[2][0]).toBeCloseTo(126 + 64 / 10.5, 12);
    expect(frame[2][1]).toBeCloseTo(25 - 93.1 * 0.75 / 10.5, 12);
  });
  it('reads back into the inset in isotropic units with the frame 64 × 93.1', () => {
    const ref = chinaReferenceFrom(fc.features);
    if (!ref) throw new Error('no reference');
    const [x0, y0, x1, y1] = ref.southChinaSea.frame;
    expect(x1 - x0).toBeCloseTo(64 / 10.5, 12);
    expect(y1 - y0).toBeCloseTo(93.1 / 10.5, 12);
    expect(ref.southChinaSea.islands).toHaveLength(10);
    expect(ref.areas.map((a) => a.id)).toEqual(['710000', '810000', '820000']);
  });
  it('refuses a file without the points array, naming what it expected', () => {
    expect(inputError(() => parseNanhaiPoints('var x = 1;'))).toMatchObject({ code: 'china-reference-no-points' });
    const noTaiwan = { ...chinaJson(), features: chinaJson().features.filter((f) => String(f.id) !== '710000') };
    expect(inputError(() => decodeChinaReference(noTaiwan, nanhaiSource()))).toMatchObject({
      code: 'china-reference-missing-area', message: 'The China map file has no boundary for Taiwan (710000).',
    });
  });
});
