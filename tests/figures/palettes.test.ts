/** Map palettes: ColorBrewer / viridis tables (R), diverging centring, categorical, LISA colours. */
import { describe, expect, it } from 'vitest';
import { MAP_PALETTES } from '../../src/contract/constants';
import { OKABE_ITO, PALETTE_TABLES } from '../../src/figures/palette-tables';
import {
  LISA_COLORS, PALETTE_NAMES, categoricalColors, classColors, divergingColors, paletteKind, rampColors,
} from '../../src/figures/palettes';
import { fixturePath, readJsonFile } from '../helpers/paths';

/** tests/fixtures/reference/palettes.json: RColorBrewer::brewer.pal / viridisLite::viridis (scripts/reference/palettes.R). */
const REF = readJsonFile<{ source: string; palettes: Record<string, Record<string, string[]> | string[]> }>(fixturePath('reference', 'palettes.json'));

describe('palette tables', () => {
  it('the engine names every palette of the contract, and nothing else', () => {
    expect([...PALETTE_NAMES].sort()).toEqual([...MAP_PALETTES].sort());
  });
  it('every table entry is R\'s RColorBrewer 1.1.3 / viridisLite 0.4.1 colour', () => {
    expect(REF.source).toBe('RColorBrewer 1.1.3, viridisLite 0.4.1');
    for (const [name, per] of Object.entries(REF.palettes)) {
      if (name === 'Okabe-Ito') { expect(OKABE_ITO).toEqual(per); continue; }
      expect(Object.keys(PALETTE_TABLES[name]).sort()).toEqual(Object.keys(per).sort());
      for (const [n, cols] of Object.entries(per as Record<string, string[]>)) expect(PALETTE_TABLES[name][Number(n)]).toEqual(cols);
    }
  });
  it('every palette gives 3–9 distinct #rrggbb colours', () => {
    for (const name of PALETTE_NAMES) {
      for (let n = 3; n <= 9; n++) {
        const c = rampColors(name, n);
        expect(c).toHaveLength(n);
        for (const x of c) expect(x).toMatch(/^#[0-9a-f]{6}$/);
        if (paletteKind(name) !== 'categorical' || n <= 8) expect(new Set(c).size).toBe(n);
      }
    }
  });
  it('reverse reverses; YlOrRd 5 is ColorBrewer\'s (light yellow → dark red)', () => {
    // ColorBrewer 2.0, YlOrRd 5-class: #ffffb2 #fecc5c #fd8d3c #f03b20 #bd0026
    expect(rampColors('YlOrRd', 5)).toEqual(['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026']);
    expect(rampColors('YlOrRd', 5, true)).toEqual(['#bd0026', '#f03b20', '#fd8d3c', '#fecc5c', '#ffffb2']);
    expect(rampColors('Blues', 2)).toHaveLength(2);
  });
});

describe('diverging centred on a value', () => {
  it('two classes below 0 and three above take the arms of the 6-class RdBu', () => {
    // RdBu 6: #b2182b #ef8a62 #fddbc7 #d1e5f0 #67a9cf #2166ac
    expect(classColors('RdBu', { breaks: [-1, 0, 1, 2] }, { center: 0 })).toEqual(['#ef8a62', '#fddbc7', '#d1e5f0', '#67a9cf', '#2166ac']);
  });
  it('a class containing the centre gets the neutral middle of the odd table', () => {
    // RdBu 3: #ef8a62 #f7f7f7 #67a9cf; classes (−∞,−1) [−1,1) [1,∞) around 0
    expect(classColors('RdBu', { breaks: [-1, 1] }, { center: 0 })).toEqual(['#ef8a62', '#f7f7f7', '#67a9cf']);
    // RdBu 5: #ca0020 #f4a582 #f7f7f7 #92c5de #0571b0
    expect(divergingColors('RdBu', 0, 2, true)).toEqual(['#f7f7f7', '#92c5de', '#0571b0']);
  });
  it('without a centre a diverging palette is its plain table', () => {
    expect(classColors('PuOr', { breaks: [1, 2] })).toEqual(PALETTE_TABLES.PuOr[3]);
  });
});

describe('categorical', () => {
  it('Okabe–Ito starts with orange (black last) and cycles past nine', () => {
    expect(categoricalColors('Okabe-Ito', 4).colors).toEqual(['#e69f00', '#56b4e9', '#009e73', '#f0e442']);
    expect(categoricalColors('Set2', 9).cycled).toBe(true);
    expect(categoricalColors('Okabe-Ito', 9).cycled).toBe(false);
  });
  it('LISA colours are the conventional splot ones', () => {
    expect(LISA_COLORS).toEqual({ HH: '#d7191c', LL: '#2c7bb6', LH: '#abd9e9', HL: '#fdae61', ns: '#d3d3d3' });
  });
});
