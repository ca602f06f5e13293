/**
 * The figure writers on a hand-built display list (tests/services/figures/hand-figure.ts):
 * PNG pixel size = round(mm / 25.4 × dpi), pHYs = dpi / 0.0254 px per metre, not blank; SVG
 * (the engine's toSvg) holds the Chinese title and legend text; the PDF has one page whose
 * MediaBox is the figure size in points, and the same bytes each time.
 */
import { describe, expect, it } from 'vitest';
import { toSvg } from '../../../src/figures/svg';
import { figureFileName, writeFigure } from '../../../src/services/figures/export';
import { renderPdf } from '../../../src/services/figures/pdf';
import { crc32, pixelsPerMetre, withPhys } from '../../../src/services/figures/png';
import { decodePng, inkPixels, pngChunks, pngPhys } from './png-decode';
import { handFigure } from './hand-figure';

const pdfText = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

describe('PNG', () => {
  it('has the requested pixel size and a 300-DPI pHYs, and is not blank', async () => {
    const fig = handFigure(160, 120);
    const file = await writeFigure(fig, toSvg(fig), 'png', 300, 'map');
    const img = decodePng(file.bytes);
    // 160 mm / 25.4 × 300 = 1889.76 → 1890; 120 mm → 1417.32 → 1417.
    expect([img.width, img.height]).toEqual([1890, 1417]);
    // 300 / 0.0254 = 11811.02 → 11811 px per metre, unit 1 (metre).
    expect(pngPhys(file.bytes)).toEqual({ x: 11811, y: 11811, unit: 1 });
    expect(pngChunks(file.bytes).map((c) => c.type).slice(0, 2)).toEqual(['IHDR', 'pHYs']);
    const ink = inkPixels(img);
    // The red region alone is ~160×160 pt less its 80×80 hole ≈ 19,200 pt² ≈ 333,000 px at 300 DPI.
    expect(ink).toBeGreaterThan(300_000);
    expect(ink).toBeLessThan(img.width * img.height * 0.6);
  });

  it('CRC-32 of "IEND" is 0xAE426082 (every PNG ends with that chunk); 72 DPI is 2835 px per metre', () => {
    expect(crc32(new TextEncoder().encode('IEND'))).toBe(0xae426082);
    expect(pixelsPerMetre(72)).toBe(2835);
  });

  it('withPhys twice keeps one pHYs chunk, with the last DPI', async () => {
    const fig = handFigure(40, 30);
    const file = await writeFigure(fig, toSvg(fig), 'png', 150, 'x');
    const again = withPhys(file.bytes, 600);
    expect(pngChunks(again).filter((c) => c.type === 'pHYs')).toHaveLength(1);
    expect(pngPhys(again)?.x).toBe(23622);
    expect(decodePng(again).width).toBe(decodePng(file.bytes).width);
  });
});

describe('SVG', () => {
  it('is the engine document with the Chinese title and legend entries as text', async () => {
    const fig = handFigure();
    const file = await writeFigure(fig, toSvg(fig), 'svg', 300, '中国 资源 2020');
    expect(file.fileName).toBe('中国-资源-2020.svg');
    const svg = new TextDecoder().decode(file.bytes);
    expect(svg).toContain('>中国 资源 2020</text>');
    expect(svg).toContain('>1.5 – 2.0 (1)</text>');
    expect(svg).toContain('>无数据 (1)</text>');
  });
});

describe('PDF', () => {
  it('has one page with MediaBox = the figure size in points, and is reproducible', async () => {
    const fig = handFigure(160, 120);
    const a = await renderPdf(fig);
    const b = await renderPdf(fig);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const text = pdfText(a);
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text.match(/\/Type \/Page\b(?!s)/g)).toHaveLength(1);
    expect(text).toMatch(/\/Count 1\b/);
    // 160 mm = 453.543307 pt, 120 mm = 340.15748 pt.
    const box = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(text);
    expect(Number(box?.[1])).toBeCloseTo(453.543307, 5);
    expect(Number(box?.[2])).toBeCloseTo(340.15748, 5);
    // The Noto subsets are embedded (regular and bold), under their subset names (fonts.ts).
    expect(text).toMatch(/RWBNotoSansSC400latin-Regular/);
    expect(text).toMatch(/RWBNotoSansSC700latin-Bold/);
  });
});

describe('file names', () => {
  it('keep letters and digits of any script', () => {
    expect(figureFileName('resilience 2008–2012 / map', 'png')).toBe('resilience-2008-2012-map.png');
    expect(figureFileName('  ', 'pdf')).toBe('figure.pdf');
  });
});
