import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FeatureCollection } from 'geojson';
import { buildSamples, samplePathIn, type BuildSamplesReport } from '../../../src/services/samples/build';
import { buildProjectAtomic } from '../../../src/services/samples/atomic';
import { SIMULATED_NOTICE, CHINA_DGP_WEIGHTS } from '../../../src/services/samples/china';
import { CHINA_DEMO_DGP, CHINA_DEMO_VARIABLES, simulateChinaDemoPanel } from '../../../src/samples/china-demo';
import { chooseLayer } from '../../../src/services/inputs/layers';
import { ProjectStore } from '../../../src/store/project-store';
import { InputError } from '../../../src/core/errors';
import { datasetPath, repoRoot } from '../../helpers/paths';

const producCsv = datasetPath('produc.csv');

let outDir: string;
let report: BuildSamplesReport;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'rwb-samples-'));
  report = await buildSamples({ repoRoot, outDir });
});
afterAll(() => { rmSync(outDir, { recursive: true, force: true }); });

function withStore<T>(name: 'china-provinces' | 'us-states', fn: (s: ProjectStore) => T): T {
  const s = ProjectStore.open(samplePathIn(outDir, name), { readonly: true });
  try { return fn(s); } finally { s.close(); }
}

describe('china-provinces sample', () => {
  test('writes the GeoJSON, CSV and project files and leaves no temporary files', () => {
    for (const f of ['china-provinces.geojson', 'china-cities.geojson', 'china-demo-panel.csv', 'samples/china-provinces.rwb']) {
      expect(existsSync(join(outDir, f)), f).toBe(true);
    }
    const all = [...readdirSync(outDir), ...readdirSync(join(outDir, 'samples'))];
    expect(all.filter((f) => f.includes('.tmp-') || f.endsWith('-wal') || f.endsWith('-shm'))).toEqual([]);
    const prov = JSON.parse(readFileSync(join(outDir, 'china-provinces.geojson'), 'utf8')) as FeatureCollection;
    expect(prov.features).toHaveLength(31);
    expect(prov.features.find((f) => f.id === '150000')?.properties).toMatchObject({ name_zh: '内蒙古自治区', name_en: 'Inner Mongolia', region_group: 'West' });
    const cities = JSON.parse(readFileSync(join(outDir, 'china-cities.geojson'), 'utf8')) as FeatureCollection;
    expect(cities.features).toHaveLength(364);
    expect(report.china?.rejectedCities.map((r) => r.id)).toEqual(['710000', '810000', '820000']);
  });
  test('31 provinces with names, capitals and the four NBS groups (10/6/12/3)', () => {
    withStore('china-provinces', (s) => {
      const provs = s.listRegions().filter((r) => r.level === 'province');
      expect(provs).toHaveLength(31);
      const count = (g: string): number => provs.filter((r) => r.regionGroup === g).length;
      expect([count('East'), count('Central'), count('West'), count('Northeast')]).toEqual([10, 6, 12, 3]);
      expect(provs.find((r) => r.code === '460000')).toMatchObject({ nameZh: '海南省', nameEn: 'Hainan', lon: 110.2, lat: 20.04 });
      const fc = s.getGeometryCollection(chooseLayer(s));
      expect(fc.features).toHaveLength(31); // default layer = provinces
      expect(s.getGeometryCollection('provinces').features.map((f) => f.id)).toEqual(provs.map((r) => r.code));
    });
  });
  test("'cities' layer with > 300 prefecture-level features, each under a province", () => {
    withStore('china-provinces', (s) => {
      expect(s.listLayers()).toEqual(['cities', 'provinces']);
      const cities = s.getGeometryCollection('cities').features;
      expect(cities.length).toBeGreaterThan(300);
      const regions = new Map(s.listRegions().map((r) => [r.code, r]));
      for (const f of cities) {
        const r = regions.get(String(f.id))!;
        expect(r.level).toBe('prefecture');
        expect(regions.get(r.parent ?? '')?.level).toBe('province');
      }
      expect(regions.get('340100')).toMatchObject({ nameZh: '合肥', parent: '340000', regionGroup: 'Central' });
      expect(regions.get('110100')).toMatchObject({ nameZh: '北京', parent: '110000' });
    });
  });
  test('panel 31 × 15 = 465 rows per variable, flagged simulated, equal to the DGP output and the CSV', () => {
    const demo = simulateChinaDemoPanel();
    const csv = Papa.parse<Record<string, string>>(readFileSync(join(outDir, 'china-demo-panel.csv'), 'utf8'),
      { header: true, skipEmptyLines: true }).data;
    expect(csv).toHaveLength(465);
    withStore('china-provinces', (s) => {
      const vars = s.listVariables();
      expect(vars.map((v) => v.name)).toEqual([...CHINA_DEMO_VARIABLES]);
      for (const v of vars) {
        expect(v.simulated, v.name).toBe(true);
        expect(v.label).toMatch(/\(simulated\)$/);
        expect(v.unit).toBeTruthy();
        expect(v.source).toContain(`seed ${CHINA_DEMO_DGP.seed}`);
      }
      const p = s.readPanel();
      expect(p.ids).toHaveLength(465);
      expect(new Set(p.ids).size).toBe(31);
      expect([...new Set(p.times)]).toEqual(Array.from({ length: 15 }, (_, t) => 2008 + t));
      for (const v of CHINA_DEMO_VARIABLES) {
        let n = 0;
        for (let r = 0; r < 465; r++) {
          expect(p.ids[r]).toBe(demo.panel.ids[r]);
          expect(p.values[v][r]).toBe(demo.panel.values[v][r]);
          expect(Number(csv[r][v])).toBe(demo.panel.values[v][r]);
          if (Number.isFinite(p.values[v][r])) n++;
        }
        expect(n, v).toBe(465);
      }
    });
  });
  test('meta: sample, notice, dgp; the DGP weights are stored', () => {
    withStore('china-provinces', (s) => {
      expect(s.getMeta('sample')).toBe('china-provinces');
      expect(s.getMeta('notice')).toBe('simulated demonstration data — not real statistics');
      expect(SIMULATED_NOTICE).toBe(s.getMeta('notice'));
      const dgp = JSON.parse(s.getMeta('dgp') ?? '{}') as Record<string, unknown>;
      expect(dgp).toMatchObject({ rho: 0.35, sigma: 0.015, seed: 20080101, k: 4, y: 'resilience' });
      expect(dgp.beta).toEqual(CHINA_DEMO_DGP.beta);
      expect(dgp.theta).toEqual(CHINA_DEMO_DGP.theta);
      const w = s.getWeights(CHINA_DGP_WEIGHTS)!;
      expect(w.ids).toHaveLength(31);
      expect(w.entries).toHaveLength(31 * 4);
      expect(w.entries.every((e) => e.value === 0.25)).toBe(true);
    });
  });
});

describe('us-states sample', () => {
  test('48 states × 17 years; gsp equals produc.csv', () => {
    const rows = Papa.parse<Record<string, string>>(readFileSync(producCsv, 'utf8'), { header: true, skipEmptyLines: true }).data;
    expect(rows).toHaveLength(816);
    withStore('us-states', (s) => {
      expect(s.getMeta('sample')).toBe('us-states');
      expect(s.getMeta('notice')).toBeUndefined();
      expect(s.listRegions()).toHaveLength(48);
      expect(s.listLayers()).toEqual(['states']);
      expect(s.getGeometryCollection(chooseLayer(s)).features).toHaveLength(48);
      const p = s.readPanel({ variables: ['gsp'] });
      expect(new Set(p.ids).size).toBe(48);
      expect(new Set(p.times).size).toBe(17);
      expect(p.ids).toHaveLength(816);
      const stored = new Map<string, number>();
      for (let r = 0; r < p.ids.length; r++) stored.set(`${p.ids[r]}|${p.times[r]}`, p.values.gsp[r]);
      for (const row of rows) expect(stored.get(`${row.state_name}|${row.year}`), row.state_name).toBe(Number(row.gsp));
      expect(s.listVariables().find((v) => v.name === 'gsp')?.simulated).toBe(false);
    });
  });
});

describe('failures are clear and leave nothing half-built', () => {
  test('missing shared data names the file; no US project and no temporary file is left', async () => {
    const out = mkdtempSync(join(tmpdir(), 'rwb-samples-missing-'));
    try {
      const dataDir = join(out, 'no-such-data');
      await expect(buildSamples({ repoRoot, outDir: out, dataDir, only: ['us-states'] }))
        .rejects.toThrow(`The US states sample needs ${join(dataDir, 'produc.csv')}, which does not exist.`);
      await expect(buildSamples({ repoRoot, outDir: out, dataDir, only: ['us-states'] })).rejects.toBeInstanceOf(InputError);
      expect(existsSync(join(out, 'samples', 'us-states.rwb'))).toBe(false);
    } finally { rmSync(out, { recursive: true, force: true }); }
  });
  test('missing echarts maps name the file', async () => {
    const out = mkdtempSync(join(tmpdir(), 'rwb-samples-noecharts-'));
    try {
      await expect(buildSamples({ repoRoot, outDir: out, echartsDir: out, only: ['china-provinces'] }))
        .rejects.toThrow(`The China sample (echarts@4.9.0 map data) needs ${join(out, 'china.json')}, which does not exist.`);
    } finally { rmSync(out, { recursive: true, force: true }); }
  });
  test('a build that fails half-way leaves the previous file untouched and removes its temporary files', async () => {
    const out = mkdtempSync(join(tmpdir(), 'rwb-atomic-'));
    try {
      const target = join(out, 'p.rwb');
      await buildProjectAtomic(target, (s) => { s.setMeta('version', 'old'); });
      const before = readFileSync(target);
      await expect(buildProjectAtomic(target, (s) => { s.setMeta('version', 'new'); throw new Error('crash in the middle'); }))
        .rejects.toThrow('crash in the middle');
      expect(readFileSync(target).equals(before)).toBe(true);
      expect(readdirSync(out)).toEqual(['p.rwb']);
      const s = ProjectStore.open(target, { readonly: true });
      expect(s.getMeta('version')).toBe('old');
      s.close();
    } finally { rmSync(out, { recursive: true, force: true }); }
  });
});
