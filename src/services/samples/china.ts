/**
 * The China provinces sample: boundaries decoded from echarts@4.9.0 (`china.json`,
 * `china-cities.json`), the static province table, and the simulated demonstration panel.
 * Writes `china-provinces.geojson`, `china-cities.geojson`, `china-demo-panel.csv` and the
 * project file `samples/china-provinces.rwb`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { decodeEchartsMap, type EncodedFeatureCollection } from '../../samples/china/echarts-decode';
import { joinCities, type CityJoin } from '../../samples/china/cities';
import { joinProvinces } from '../../samples/china/province-features';
import { provinceByAdcode } from '../../samples/china/provinces';
import { InputError } from '../../core/errors';
import { CHINA_DEMO_VARIABLES, simulateChinaDemoPanel, type ChinaDemoPanel } from '../../samples/china-demo';
import type { ProjectStore, RegionRow, VariableRow } from '../../store/project-store';
import { buildProjectAtomic, writeFileAtomic } from './atomic';
import { requireFile } from './paths';

/** The notice stored as project meta `notice` and shown wherever the data is shown. */
export const SIMULATED_NOTICE = 'simulated demonstration data — not real statistics';

/** Name of the kNN weights stored with the sample (the W of the process). */
export const CHINA_DGP_WEIGHTS = 'knn4_capitals';

/** Descriptions of the demonstration variables (label, unit). */
export const CHINA_DEMO_VARIABLE_INFO: Readonly<Record<(typeof CHINA_DEMO_VARIABLES)[number], { label: string; unit: string }>> = {
  resilience: { label: 'Economic resilience index (simulated)', unit: 'index' },
  digital: { label: 'Digital infrastructure index (simulated)', unit: 'index 0–1' },
  fin_dev: { label: 'Financial development: loans / GDP (simulated)', unit: 'ratio' },
  industry: { label: 'Secondary-industry share of GDP (simulated)', unit: 'share' },
  open: { label: 'Openness: trade / GDP (simulated)', unit: 'ratio' },
  gov: { label: 'Government expenditure / GDP (simulated)', unit: 'share' },
  urban: { label: 'Urbanisation rate (simulated)', unit: 'share' },
  pgdp: { label: 'Per-capita GDP (simulated)', unit: 'yuan' },
  pop: { label: 'Population (simulated)', unit: '10k persons' },
};

/** What the China build produced, for the script's report and tests. */
export interface ChinaBuildReport {
  readonly provinces: number;
  readonly cities: number;
  readonly skippedProvinceFeatures: readonly string[];
  readonly rejectedCities: CityJoin['rejected'];
  readonly remappedCities: CityJoin['remapped'];
  readonly panelRows: number;
  readonly files: readonly string[];
}

function loadMap(dir: string, file: string): FeatureCollection<Polygon | MultiPolygon> {
  const path = requireFile(join(dir, file), 'The China sample (echarts@4.9.0 map data)');
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new InputError('samples-bad-json', `${path} is not valid JSON: ${(e as Error).message}`, { file: path, reason: (e as Error).message });
  }
  return decodeEchartsMap(json as EncodedFeatureCollection);
}

/** The China regions, geometry and panel, computed once and written in several forms. */
interface ChinaData {
  provinceFc: FeatureCollection<Polygon | MultiPolygon>;
  cityFc: FeatureCollection<Polygon | MultiPolygon>;
  provinceRows: RegionRow[];
  cityRows: RegionRow[];
  join: CityJoin;
  skipped: readonly string[];
  demo: ChinaDemoPanel;
}

function collectChina(echartsDir: string): ChinaData {
  const { features, skipped } = joinProvinces(loadMap(echartsDir, 'china.json'));
  const join = joinCities(loadMap(echartsDir, 'china-cities.json'));
  const provinceRows: RegionRow[] = features.map(({ province: p }) => ({
    code: p.adcode, nameZh: p.nameZh, nameEn: p.nameEn, level: 'province', parent: null, regionGroup: p.group,
    lon: p.capitalLon, lat: p.capitalLat,
    attributes: { adcode: p.adcode, shortZh: p.shortZh, capitalZh: p.capitalZh, capitalEn: p.capitalEn },
  }));
  const provinceFc: FeatureCollection<Polygon | MultiPolygon> = {
    type: 'FeatureCollection',
    features: features.map(({ province: p, geometry }): Feature<Polygon | MultiPolygon> => ({
      type: 'Feature', id: p.adcode, geometry: roundGeometry(geometry),
      properties: {
        adcode: p.adcode, name_zh: p.nameZh, short_zh: p.shortZh, name_en: p.nameEn, region_group: p.group,
        capital_zh: p.capitalZh, capital_en: p.capitalEn, capital_lon: p.capitalLon, capital_lat: p.capitalLat,
      },
    })),
  };
  const cityRows: RegionRow[] = join.cities.map((c) => ({
    code: c.code, nameZh: c.nameZh, nameEn: null, level: 'prefecture', parent: c.parent,
    regionGroup: provinceByAdcode(c.parent)?.group ?? null,
    lon: c.center ? c.center[0] : null, lat: c.center ? c.center[1] : null,
    attributes: { echartsId: c.sourceId, countyLevel: c.countyLevel },
  }));
  const cityFc: FeatureCollection<Polygon | MultiPolygon> = {
    type: 'FeatureCollection',
    features: join.cities.map((c): Feature<Polygon | MultiPolygon> => ({
      type: 'Feature', id: c.code, geometry: roundGeometry(c.geometry),
      properties: {
        code: c.code, name_zh: c.nameZh, parent: c.parent, province_en: provinceByAdcode(c.parent)?.nameEn ?? null,
        county_level: c.countyLevel, echarts_id: c.sourceId,
      },
    })),
  };
  return { provinceFc, cityFc, provinceRows, cityRows, join, skipped, demo: simulateChinaDemoPanel() };
}

/**
 * Round every coordinate to `digits` decimals. The echarts grid is 1/1024° (≈ 100 m), so
 * 5 decimals (≈ 1 m) loses nothing and keeps distinct vertices distinct, while making the
 * files about half as large.
 */
function roundGeometry(g: Polygon | MultiPolygon, digits = 5): Polygon | MultiPolygon {
  const f = 10 ** digits;
  const r = (ring: Position[]): Position[] => ring.map((p) => [Math.round(p[0] * f) / f, Math.round(p[1] * f) / f]);
  return g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: g.coordinates.map(r) }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map((poly) => poly.map(r)) };
}

const csvCell = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * The demonstration panel as CSV: province (adcode), name_zh, name_en, region_group, year,
 * then the variables; numbers in shortest round-trip form (exactly the stored doubles).
 */
export function chinaDemoPanelCsv(demo: ChinaDemoPanel): string {
  const p = demo.panel;
  const header = ['province', 'name_zh', 'name_en', 'region_group', 'year', ...p.variables];
  const lines = [header.join(',')];
  for (let r = 0; r < p.ids.length; r++) {
    const prov = provinceByAdcode(p.ids[r]);
    const cells = [p.ids[r], prov?.nameZh ?? '', prov?.nameEn ?? '', prov?.group ?? '', String(p.times[r]),
      ...p.variables.map((v) => { const x = p.values[v][r]; return Number.isFinite(x) ? String(x) : ''; })];
    lines.push(cells.map(csvCell).join(','));
  }
  return `${lines.join('\n')}\n`;
}

function fillChinaProject(store: ProjectStore, data: ChinaData): void {
  const { demo } = data;
  store.transaction(() => {
    store.upsertRegions([...data.provinceRows, ...data.cityRows]);
    store.putGeometries('provinces', data.provinceFc.features.map((f) => ({ region: String(f.id), geometry: f.geometry })));
    store.putGeometries('cities', data.cityFc.features.map((f) => ({ region: String(f.id), geometry: f.geometry })));
    const source = `simulated: spatial Durbin DGP with two-way fixed effects, seed ${demo.dgp.seed} (see project meta "dgp")`;
    for (const name of CHINA_DEMO_VARIABLES) {
      const info = CHINA_DEMO_VARIABLE_INFO[name];
      const v: VariableRow = { name, label: info.label, unit: info.unit, source, expression: null, simulated: true };
      store.upsertVariable(v);
      const values = demo.panel.values[name];
      store.putObservations(name, demo.panel.ids.map((region, r) => ({
        region, period: demo.panel.times[r], value: Number.isFinite(values[r]) ? values[r] : null,
      })));
    }
    const n = demo.ids.length;
    const entries: { i: string; j: string; value: number }[] = [];
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      const w = demo.w[i * n + j];
      if (w !== 0) entries.push({ i: demo.ids[i], j: demo.ids[j], value: w });
    }
    store.saveWeights({
      name: CHINA_DGP_WEIGHTS,
      spec: { type: 'knn', k: demo.dgp.k, std: 'row', points: 'provincial capitals', distance: 'great-circle (haversine, R = 6371.0088 km)', simulatedDgp: true },
      ids: [...demo.ids],
      entries,
    });
    store.setMeta('sample', 'china-provinces');
    store.setMeta('title', 'China provinces (simulated demonstration panel)');
    store.setMeta('notice', SIMULATED_NOTICE);
    store.setMeta('default_layer', 'provinces');
    store.setMeta('id_label', 'province adcode (GB/T 2260)');
    store.setMeta('dgp', JSON.stringify({
      model: 'y = (I − ρW)⁻¹ (Xβ + WXθ + μ_i + λ_t + ε), two-way fixed effects',
      y: 'resilience',
      regressors: Object.keys(demo.dgp.beta),
      weights: { name: CHINA_DGP_WEIGHTS, type: 'knn', k: demo.dgp.k, std: 'row', points: 'provincial capitals', distance: 'haversine km' },
      ...demo.dgp,
      module: 'src/samples/china-demo.ts',
    }));
    store.setMeta('boundaries_source', 'echarts@4.9.0 map/json/china.json and china-cities.json (decoded)');
  });
}

/**
 * Build the China files into `outDir` (GeoJSON, CSV) and the project at `projectPath`,
 * each atomically.
 * @throws InputError `not-found` when the echarts map files are absent, `missing-province`
 *   when a province has no boundary.
 */
export async function buildChinaSample(opts: { echartsDir: string; outDir: string; projectPath: string }): Promise<ChinaBuildReport> {
  const data = collectChina(opts.echartsDir);
  const files = [
    join(opts.outDir, 'china-provinces.geojson'),
    join(opts.outDir, 'china-cities.geojson'),
    join(opts.outDir, 'china-demo-panel.csv'),
    opts.projectPath,
  ];
  writeFileAtomic(files[0], JSON.stringify(data.provinceFc));
  writeFileAtomic(files[1], JSON.stringify(data.cityFc));
  writeFileAtomic(files[2], chinaDemoPanelCsv(data.demo));
  await buildProjectAtomic(opts.projectPath, (store) => fillChinaProject(store, data));
  return {
    provinces: data.provinceRows.length,
    cities: data.cityRows.length,
    skippedProvinceFeatures: data.skipped,
    rejectedCities: data.join.rejected,
    remappedCities: data.join.remapped,
    panelRows: data.demo.panel.ids.length,
    files,
  };
}
