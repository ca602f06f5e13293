/**
 * Fonts of exported figures: our WOFF 1.0 decoder (W3C WOFF 1.0) on the shipped Noto Sans SC
 * subsets, the subset choice by unicode-range, and resvg drawing Chinese text from them with no
 * system fonts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { covers, fontPackageDir, fontRuns, fontSubsets, fontsForText, parseFontCss, subsetsFor } from '../../../src/services/figures/fonts';
import { renderPng, withSubsetFamilies } from '../../../src/services/figures/png';
import { nameTable, tableChecksum, woffToSfnt } from '../../../src/services/figures/woff';
import { inputError } from '../../helpers/input-error';
import { decodePng, inkPixels } from './png-decode';

const woffPath = (file: string) => join(fontPackageDir(), 'files', file);

describe('WOFF 1.0 → sfnt', () => {
  it('rebuilds a TrueType font whose tables and checksums match the WOFF directory', () => {
    const woff = readFileSync(woffPath('noto-sans-sc-latin-400-normal.woff'));
    const sfnt = woffToSfnt(woff);
    const v = new DataView(sfnt.buffer, sfnt.byteOffset, sfnt.byteLength);
    // sfnt version 0x00010000 (TrueType outlines), numTables as in the WOFF header.
    expect(v.getUint32(0)).toBe(0x00010000);
    const numTables = v.getUint16(4);
    expect(numTables).toBe(new DataView(woff.buffer, woff.byteOffset).getUint16(12));
    // searchRange = 16 · 2^floor(log2 n) (OpenType table directory).
    expect(v.getUint16(6)).toBe(16 * 2 ** Math.floor(Math.log2(numTables)));
    const tags: string[] = [];
    for (let i = 0; i < numTables; i++) {
      const rec = 12 + 16 * i;
      const tag = String.fromCharCode(...sfnt.subarray(rec, rec + 4));
      tags.push(tag);
      const offset = v.getUint32(rec + 8);
      expect(offset % 4).toBe(0);
      const data = sfnt.subarray(offset, offset + v.getUint32(rec + 12));
      expect(tableChecksum(data, tag)).toBe(v.getUint32(rec + 4));
    }
    expect([...tags].sort()).toEqual(tags);
    expect(tags).toEqual(expect.arrayContaining(['cmap', 'glyf', 'head', 'hmtx', 'loca', 'name']));
  });

  it('a replaced name table gets its checksum, and head.checkSumAdjustment makes the font sum 0xB1B0AFBA', () => {
    const woff = readFileSync(woffPath('noto-sans-sc-latin-700-normal.woff'));
    const sfnt = woffToSfnt(woff, 'x', { name: nameTable('RWB Test', 'Bold') });
    // OpenType spec, 'head': the whole-font checksum plus nothing equals the magic 0xB1B0AFBA.
    expect(tableChecksum(sfnt)).toBe(0xb1b0afba);
    // The family is stored as UTF-16BE.
    expect(Buffer.from(sfnt).includes(Buffer.from('RWB Test', 'utf16le').swap16())).toBe(true);
  });

  it('refuses a file that is not WOFF, and a table whose bytes were changed', () => {
    expect(inputError(() => woffToSfnt(new Uint8Array(60), 'x.woff')).code).toBe('figure-font-bad-woff');
    const woff = new Uint8Array(readFileSync(woffPath('noto-sans-sc-latin-400-normal.woff')));
    const v = new DataView(woff.buffer);
    // Change the stored checksum of the first table of the directory.
    v.setUint32(44 + 16, v.getUint32(44 + 16) ^ 1);
    const e = inputError(() => woffToSfnt(woff, 'x.woff'));
    expect(e.code).toBe('figure-font-bad-woff');
    expect(e.message).toMatch(/^The font file x\.woff is not a valid WOFF 1\.0 file: table .* has checksum/);
  });
});

describe('subsets by unicode-range', () => {
  it('parses the fontsource CSS: ~100 subsets per weight, one Latin', () => {
    const list = fontSubsets(400);
    expect(list.length).toBeGreaterThan(90);
    expect(list.filter((s) => s.latin)).toHaveLength(1);
    expect(fontSubsets(700).length).toBe(list.length);
  });

  it('picks Latin plus the subsets that cover the characters, each once', () => {
    const chosen = subsetsFor('Map 中国 资源 中国', 400);
    expect(chosen.some((s) => s.latin)).toBe(true);
    for (const ch of ['中', '国', '资', '源']) expect(chosen.some((s) => covers(s, ch.codePointAt(0)!))).toBe(true);
    expect(chosen.length).toBeLessThanOrEqual(5);
    expect(subsetsFor('Map 2020', 400)).toHaveLength(1);
  });

  it('reads unicode-range forms U+4e00, U+4e00-4e10 and U+4??', () => {
    const css = "@font-face { src: url(./files/a-400-normal.woff2) format('woff2'), url(./files/a-400-normal.woff) format('woff'); unicode-range: U+4e00,U+4e10-4e20,U+4??; }";
    expect(parseFontCss(css, 400)[0].ranges).toEqual([[0x4e00, 0x4e00], [0x4e10, 0x4e20], [0x400, 0x4ff]]);
    expect(inputError(() => parseFontCss('body {}', 400)).code).toBe('figure-font-css');
  });
});

describe('resvg draws Chinese text with the shipped fonts only', () => {
  const w = 300;
  const h = 100;
  const svg = (text: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="${w}pt" height="${h}pt" viewBox="0 0 ${w} ${h}"><rect width="${w}" height="${h}" fill="#ffffff"/><text x="10" y="60" font-family="Noto Sans SC" font-size="40">${text}</text></svg>`;
  const job = (text: string) => ({ svg: svg(text), text, weights: [400] as const, fontFamily: 'Noto Sans SC', widthPx: 600, heightPx: 200, dpi: 144, background: '#ffffff' });

  it('"中国 资源" has ink; a blank SVG has none; tofu boxes would be far fewer pixels', () => {
    const blank = inkPixels(decodePng(renderPng(job(''))));
    const zh = inkPixels(decodePng(renderPng(job('中国 资源'))));
    expect(blank).toBe(0);
    // Four glyphs at 40 pt (80 px): measured ~6,000 ink pixels; an empty-box outline is < 1,500.
    expect(zh).toBeGreaterThan(3000);
    // Same text, same bytes (deterministic rendering).
    expect(Buffer.from(renderPng(job('中国 资源'))).equals(Buffer.from(renderPng(job('中国 资源'))))).toBe(true);
  });

  it('bold text is drawn in the bold subsets, Latin and Chinese alike (each run names its subset)', () => {
    const text = 'Bold 粗体';
    const fonts = fontsForText(text, [400, 700]);
    const rewritten = withSubsetFamilies(`<svg><text x="1" font-weight="bold">${text}</text><text x="2">a &amp; b</text></svg>`, fonts);
    expect(rewritten).toBe('<svg><text x="1" font-weight="bold"><tspan font-family="RWB Noto Sans SC 700 latin">Bold </tspan>'
      + `<tspan font-family="${fontRuns('粗', fonts.filter((f) => f.weight === 700))[0].font.family}">粗</tspan>`
      + `<tspan font-family="${fontRuns('体', fonts.filter((f) => f.weight === 700))[0].font.family}">体</tspan></text>`
      + '<text x="2"><tspan font-family="RWB Noto Sans SC 400 latin">a &amp; b</tspan></text></svg>');
    const ink = (weight: string) => inkPixels(decodePng(renderPng({ ...job(text), weights: [400, 700], svg: svg(text).replace('font-size="40"', `font-size="40" font-weight="${weight}"`) })));
    // Bold strokes are thicker: measured ~1.3× the regular ink for these glyphs.
    expect(ink('bold')).toBeGreaterThan(ink('normal') * 1.15);
  });
});
