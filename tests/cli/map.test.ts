/**
 * `rwb map` on the China sample: the JSON keys of docs/cli-contract.md, PNG size / pHYs / ink,
 * SVG with the Chinese title and legend entries, PDF with one page of the requested MediaBox,
 * `--spec` re-drawing the same bytes, the CLI's PNG equal to the app channel's export for the
 * same spec, and the flag parsers' usage errors.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseBreaks, parsePeriods } from '../../src/cli/commands/map';
import { mapSpecSchema } from '../../src/contract/figures';
import { createFigureHandlers } from '../../src/services/handlers/figures';
import { ensureSampleProject } from '../../src/services/samples/ensure';
import { ProjectStore } from '../../src/store/project-store';
import { decodePng, inkPixels, pngPhys } from '../services/figures/png-decode';
import { runCli } from './run-cli';

let dir: string;
let project: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rwb-map-cli-'));
  project = await ensureSampleProject('china-provinces', dir);
}, 120_000);

const BASE = ['map', '--project', 'PROJECT', '--var', 'resilience', '--periods', '2008-2012,2013-2017,2018-2022', '--classes', '5', '--breaks', 'jenks', '--lang', 'zh', '--title', '经济韧性'];
const args = (...more: string[]) => [...BASE.map((a) => (a === 'PROJECT' ? project : a)), ...more];

describe('rwb map', () => {
  it('PNG: the contract keys, 1890 × 1417 px at 300 DPI, not blank', async () => {
    const out = join(dir, 'fig.png');
    const r = await runCli(args('--out', out, '--json'), { cwd: dir });
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as Record<string, unknown>;
    for (const k of ['out', 'width_px', 'height_px', 'breaks', 'classes', 'no_data']) expect(j).toHaveProperty(k);
    expect([j.width_px, j.height_px]).toEqual([1890, 1417]);
    expect((j.breaks as number[]).length).toBe(4);
    expect((j.panels as string[]).length).toBe(3);
    const bytes = readFileSync(out);
    const img = decodePng(bytes);
    expect([img.width, img.height]).toEqual([1890, 1417]);
    expect(pngPhys(bytes)).toEqual({ x: 11811, y: 11811, unit: 1 });
    expect(inkPixels(img)).toBeGreaterThan(img.width * img.height * 0.05);
    const counts = (j.classes as { count: number }[]).reduce((s, c) => s + c.count, 0);
    expect(counts).toBeGreaterThan(0);
  }, 60_000);

  it('SVG holds the Chinese title and the legend entries as text; PDF has one page of 160 × 120 mm', async () => {
    const svgPath = join(dir, 'fig.svg');
    const r = await runCli(args('--out', svgPath, '--json'), { cwd: dir });
    expect(r.code).toBe(0);
    const svg = readFileSync(svgPath, 'utf8');
    expect(svg).toContain('经济韧性');
    for (const c of (JSON.parse(r.stdout) as { classes: { label: string }[] }).classes) expect(svg).toContain(c.label.replace(/&/g, '&amp;').replace(/</g, '&lt;'));
    const pdfPath = join(dir, 'fig.pdf');
    expect((await runCli(args('--out', pdfPath), { cwd: dir })).code).toBe(0);
    const pdf = readFileSync(pdfPath).toString('latin1');
    expect(pdf.match(/\/Type \/Page\b(?!s)/g)).toHaveLength(1);
    const box = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf);
    // 160 mm = 453.543307 pt, 120 mm = 340.15748 pt.
    expect(Number(box?.[1])).toBeCloseTo(453.543307, 4);
    expect(Number(box?.[2])).toBeCloseTo(340.15748, 4);
  }, 60_000);

  it('--spec re-draws the same PNG, and the app channel exports the same bytes for that spec', async () => {
    const a = join(dir, 'a.png');
    const specPath = join(dir, 'spec.json');
    expect((await runCli(args('--out', a, '--spec-out', specPath), { cwd: dir })).code).toBe(0);
    const b = join(dir, 'b.png');
    expect((await runCli(['map', '--project', project, '--spec', specPath, '--out', b], { cwd: dir })).code).toBe(0);
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    const spec = mapSpecSchema.parse(JSON.parse(readFileSync(specPath, 'utf8')));
    const store = ProjectStore.open(project, { readonly: true });
    try {
      // The channel's default PNG path: rasterised in the job worker.
      const d = await createFigureHandlers(() => store)['figure:mapExport']({ spec, format: 'png' });
      expect(Buffer.from(d.dataBase64, 'base64').equals(readFileSync(a))).toBe(true);
    } finally {
      store.close();
    }
  }, 90_000);

  it('--spec refuses spec flags beside it; bad input exits 2 with a sentence', async () => {
    const r = await runCli(['map', '--project', project, '--spec', 'x.json', '--var', 'y', '--out', 'x.png'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--spec draws the stored spec as it is; drop --var');
    const bad = await runCli(['map', '--project', project, '--var', 'resilence', '--out', join(dir, 'x.png')], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('resilience');
    const ext = await runCli(['map', '--project', project, '--var', 'resilience', '--out', 'x.gif'], { cwd: dir });
    expect(ext.stderr).toContain('option --out must end in .png, .svg or .pdf');
  });
});

describe('flag parsers', () => {
  it('periods and breaks', () => {
    expect(parsePeriods('2008-2012,2020')).toEqual([{ from: 2008, to: 2012 }, { from: 2020, to: 2020 }]);
    expect(() => parsePeriods('2012-2008')).toThrow('ends before it starts');
    expect(() => parsePeriods('x')).toThrow('is not a year or a range');
    expect(parseBreaks('sd', 4)).toEqual({ method: 'stddev', classes: 4 });
    expect(parseBreaks('0.1, 0.2,0.3', undefined)).toEqual({ method: 'user', classes: 4, breaks: [0.1, 0.2, 0.3] });
    expect(() => parseBreaks('0.1,,0.2', undefined)).toThrow('option --breaks must be');
  });
});
