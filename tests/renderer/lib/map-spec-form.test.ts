/** The Export dialog's form → the contract's map spec (the one both preview and export receive). */
import { describe, expect, it } from 'vitest';
import { mapSpecSchema } from '../../../src/contract/figures';
import { DEFAULT_FORM, pixels, specFromForm } from '../../../renderer/src/lib/map-spec-form';

const YEARS = Array.from({ length: 15 }, (_, i) => 2008 + i);
const CTX = { variable: 'resilience', layer: 'provinces', years: YEARS };

describe('specFromForm', () => {
  it('builds a spec the contract accepts, with the three periods and shared natural breaks', () => {
    const spec = specFromForm({ ...DEFAULT_FORM, periodsText: '2008-2012,2013-2017,2018-2022', title: '  经济韧性  ', mapApproval: 'GS(2019)1822' }, CTX);
    const parsed = mapSpecSchema.parse(spec);
    expect(parsed.periods.map((p) => [p.from, p.to])).toEqual([[2008, 2012], [2013, 2017], [2018, 2022]]);
    expect(parsed.classification).toEqual({ method: 'jenks', classes: 5, shared: true });
    expect(parsed.title).toBe('经济韧性');
    expect(parsed.mapApproval).toBe('GS(2019)1822');
    expect(parsed.subtitle).toBeUndefined();
    expect(parsed.layer).toBe('provinces');
    expect(parsed.size).toEqual({ widthMm: 160, heightMm: 120, dpi: 300 });
  });

  it('passes user breaks only for the user method, and a centre only for a diverging palette', () => {
    const user = specFromForm({ ...DEFAULT_FORM, periodsText: '2022', method: 'user', classes: 3, breaksText: '0.3, 0.6' }, CTX);
    expect(user.classification?.breaks).toEqual([0.3, 0.6]);
    const seq = specFromForm({ ...DEFAULT_FORM, periodsText: '2022', breaksText: '1,2,3,4', centerText: '0' }, CTX);
    expect(seq.classification?.breaks).toBeUndefined();
    expect(seq.palette?.center).toBeNull();
    const div = specFromForm({ ...DEFAULT_FORM, periodsText: '2022', palette: 'RdBu', centerText: '0' }, CTX);
    expect(div.palette).toEqual({ name: 'RdBu', reverse: false, center: 0 });
  });

  it('refuses a centre that is not a number', () => {
    expect(() => specFromForm({ ...DEFAULT_FORM, periodsText: '2022', palette: 'RdBu', centerText: 'zero' }, CTX)).toThrow(/must be a number; “zero”/);
  });
});

describe('pixels', () => {
  it('is mm / 25.4 × dpi rounded: 160 mm at 300 DPI is 1890 px (the figure module comment)', () => {
    expect(pixels(160, 300)).toBe(1890);
    expect(pixels(120, 300)).toBe(1417);
  });
});
