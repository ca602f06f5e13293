import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors';
import { commitImport, previewImport, type ImportRequest } from '../../../src/services/import/import-service';
import { ProjectStore } from '../../../src/store/project-store';
import { datasetPath } from '../../helpers/paths';

const DATA = datasetPath();
const PRODUC = join(DATA, 'produc.csv');
const US48 = { sources: [{ path: join(DATA, 'us48/us48.shp') }], key: 'STATE_NAME', nameEnField: 'STATE_NAME', groupField: 'SUB_REGION' };
const PRODUC_PANEL = { source: { path: PRODUC }, id: 'state_name', time: 'year' };

let tmp: string;
let counter = 0;
const open: ProjectStore[] = [];
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'rwb-import-'));
});
afterEach(() => {
  for (const s of open.splice(0)) if (s.isOpen) s.close();
});

function newProject(): ProjectStore {
  const s = ProjectStore.open(join(tmp, `p${++counter}.rwb`), { create: true });
  open.push(s);
  return s;
}

/** produc.csv (CRLF) with edited lines, saved under `name`; lines[k] is file row k + 1. */
function producWith(name: string, edit: (lines: string[]) => void): string {
  const lines = readFileSync(PRODUC, 'utf8').split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  edit(lines);
  const d = mkdtempSync(join(tmp, 'csv-'));
  const file = join(d, name);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

/** Everything a user can see in the project, plus the file's hash after a checkpoint. */
function snapshot(store: ProjectStore) {
  store.checkpoint();
  const panel = store.listVariables().length ? store.readPanel() : null;
  return {
    regions: store.listRegions(),
    variables: store.listVariables(),
    layers: store.listLayers(),
    panel: panel && { ids: panel.ids, times: panel.times, values: Object.fromEntries(Object.entries(panel.values).map(([k, v]) => [k, Array.from(v)])) },
    hash: createHash('sha256').update(readFileSync(store.path)).digest('hex'),
  };
}

async function failedCommit(store: ProjectStore, req: ImportRequest): Promise<InputError> {
  const before = snapshot(store);
  let err: unknown;
  try {
    await commitImport(store, req);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(InputError);
  expect(snapshot(store)).toEqual(before);
  return err as InputError;
}

/** A project holding us48 boundaries and produc.csv. */
async function us48Project(): Promise<ProjectStore> {
  const s = newProject();
  await commitImport(s, { geometry: US48, panel: PRODUC_PANEL });
  return s;
}

describe('preview and commit of produc.csv on us48', () => {
  it('previews without writing, then commits regions, boundaries, variables and observations', async () => {
    const s = newProject();
    const before = snapshot(s);
    const preview = await previewImport(s, { geometry: US48, panel: PRODUC_PANEL });
    expect(snapshot(s)).toEqual(before);
    expect(preview.errors).toEqual([]);
    expect(preview.counts).toEqual({
      regions: 48,
      newRegions: 48,
      existingRegions: 0,
      periods: 17,
      variables: 9,
      newVariables: 9,
      existingVariables: 0,
      rows: 816,
      observations: 816 * 9,
      replacedObservations: 0,
      geometries: 48,
      interpolated: 0,
    });
    expect(preview.panel?.textColumns).toEqual(['state']);
    expect(preview.geometry).toEqual({ source: 'us48.shp', layer: 'us48', key: 'STATE_NAME', lonLat: true, features: 48 });
    expect(preview.warnings.map((w) => w.message)).toEqual(['produc.csv: text column "state" not imported (not numbers)']);

    const result = await commitImport(s, { geometry: US48, panel: PRODUC_PANEL });
    expect(result.committed).toBe(true);
    expect(result.writtenVariables).toEqual(['region', 'pcap', 'hwy', 'water', 'util', 'pc', 'gsp', 'emp', 'unemp']);
    const regions = s.listRegions();
    expect(regions).toHaveLength(48);
    const ohio = regions.find((r) => r.code === 'Ohio');
    expect(ohio?.nameEn).toBe('Ohio');
    expect(ohio?.regionGroup).toBe('E N Cen');
    expect(ohio?.attributes).toMatchObject({ STATE_ABBR: 'OH', STATE_FIPS: '39', SUB_REGION: 'E N Cen' });
    expect(s.listLayers()).toEqual(['us48']);
    expect(s.getGeometryCollection('us48').features).toHaveLength(48);
    const panel = s.readPanel({ variables: ['gsp', 'unemp'] });
    expect(panel.ids).toHaveLength(816);
    // produc.csv row 2: Alabama 1970 gsp 28418, unemp 4.7
    expect([panel.ids[0], panel.times[0], panel.values.gsp[0], panel.values.unemp[0]]).toEqual(['Alabama', 1970, 28418, 4.7]);
    expect(s.listVariables().find((v) => v.name === 'gsp')?.source).toBe('produc.csv');
  });

  it('reports and replaces existing values on re-import', async () => {
    const s = await us48Project();
    const changed = producWith('produc.csv', (l) => {
      l[1] = l[1].replace(',28418,', ',30000,');
    });
    const preview = await previewImport(s, { panel: { ...PRODUC_PANEL, source: { path: changed }, variables: ['gsp'] } });
    expect(preview.errors).toEqual([]);
    expect(preview.counts.replacedObservations).toBe(816);
    expect(preview.counts.existingVariables).toBe(1);
    expect(preview.warnings.map((w) => w.message)).toContain('816 existing values will be replaced');
    await commitImport(s, { panel: { ...PRODUC_PANEL, source: { path: changed }, variables: ['gsp'] } });
    expect(s.readPanel({ variables: ['gsp'] }).values.gsp[0]).toBe(30000);
  });
});

describe('failed imports leave the project unchanged', () => {
  it('a duplicated (id, year) row', async () => {
    const s = await us48Project();
    const file = producWith('produc.csv', (l) => l.push(l[1]));
    const e = await failedCommit(s, { panel: { ...PRODUC_PANEL, source: { path: file } } });
    expect(e.code).toBe('import-duplicate-row');
    expect(e.message).toBe('produc.csv: duplicate (Alabama, 1970) at rows 2 and 818');
    const p = await previewImport(s, { panel: { ...PRODUC_PANEL, source: { path: file } } });
    expect(p.errors.map((x) => x.code)).toEqual(['import-duplicate-row']);
  });

  it('a text cell in a numeric column', async () => {
    const s = await us48Project();
    const file = producWith('produc.csv', (l) => {
      l[16] = l[16].replace(/,(\d+),([\d.]+),([\d.]+)$/, ',abc,$2,$3');
    });
    const e = await failedCommit(s, { panel: { ...PRODUC_PANEL, source: { path: file } } });
    expect(e.code).toBe('non-numeric-cell');
    expect(e.message).toBe('produc.csv: column "gsp", row 17: "abc" is not a number');
  });

  it('an unknown region, with close-match suggestions (the misspelt `state` column)', async () => {
    const s = await us48Project();
    const req = { panel: { ...PRODUC_PANEL, id: 'state' } };
    const p = await previewImport(s, req);
    // ALABAMA, NEW_YORK, ... match the regions' names once case and underscores are ignored;
    // TENNESSE matches nothing
    const tn = 'produc.csv: region "TENNESSE" (column "state", row 665) is not a region of the project — did you mean "Tennessee"?';
    expect(p.errors.map((x) => x.message)).toEqual([tn]); // produc.csv row 665: Tennessee,TENNESSE,1970,...
    expect(p.errors[0].details.suggestions).toEqual(['Tennessee']);
    const byName = p.warnings.find((w) => w.code === 'matched-by-name');
    expect(byName?.message).toBe(
      'produc.csv: 47 ids matched to regions by name: "ALABAMA" → Alabama, "ARIZONA" → Arizona, "ARKANSAS" → Arkansas, "CALIFORNIA" → California, "COLORADO" → Colorado and 42 more',
    );
    const e = await failedCommit(s, req);
    expect(e.code).toBe('import-unknown-region');
    expect(e.message).toBe(tn);
  });

  it('matches Chinese names to region codes and suggests names for unknown ids', async () => {
    const s = newProject();
    s.upsertRegions([
      { code: '110000', nameZh: '北京市', nameEn: 'Beijing' },
      { code: '150000', nameZh: '内蒙古自治区', nameEn: 'Inner Mongolia' },
      { code: '450000', nameZh: '广西壮族自治区', nameEn: 'Guangxi' },
    ]);
    const file = join(tmp, 'yearbook.csv');
    writeFileSync(file, '地区,年份,gdp\n北京,2020,36102.6\n内蒙古自治区,2020,17359.8\n广西,2020,22156.7\nBeijng,2021,40269.6\n');
    const req: ImportRequest = { panel: { source: { path: file }, id: '地区', time: '年份' } };
    const e = await failedCommit(s, req);
    expect(e.code).toBe('import-unknown-region');
    expect(e.message).toBe('yearbook.csv: region "Beijng" (column "地区", row 5) is not a region of the project — did you mean "Beijing" (110000)?');

    writeFileSync(file, '地区,年份,gdp\n北京,2020,36102.6\n内蒙古自治区,2020,17359.8\n广西,2020,22156.7\n北京市,2021,40269.6\n');
    const r = await commitImport(s, req);
    expect(r.warnings.find((w) => w.code === 'matched-by-name')?.message).toBe(
      'yearbook.csv: 4 ids matched to regions by name: "北京" → 110000, "内蒙古自治区" → 150000, "广西" → 450000, "北京市" → 110000',
    );
    const p = s.readPanel({ variables: ['gdp'] });
    expect(p.ids).toEqual(['110000', '110000', '150000', '450000']);
    expect(Array.from(p.values.gdp)).toEqual([36102.6, 40269.6, 17359.8, 22156.7]);

    // two spellings of one region in the same year are duplicates after matching
    writeFileSync(file, '地区,年份,gdp\n北京,2020,1\n北京市,2020,2\n');
    const d = await failedCommit(s, req);
    expect(d.code).toBe('import-duplicate-row');
    expect(d.message).toBe('yearbook.csv: duplicate (110000, 2020) at rows 2 and 3');
  });

  it('an id missing from the geometry given in the same request', async () => {
    const s = newProject();
    const file = producWith('produc.csv', (l) => {
      for (let k = 1; k < l.length; k++) l[k] = l[k].replace(/^Tennessee,/, 'Tennesse,');
    });
    const req: ImportRequest = { geometry: US48, panel: { ...PRODUC_PANEL, source: { path: file } } };
    const p = await previewImport(s, req);
    expect(p.errors.map((x) => x.message)).toEqual(['produc.csv: region "Tennesse" (column "state_name", row 665) is not in us48.shp — did you mean "Tennessee"?']);
    expect(p.warnings.map((w) => w.message)).toContain('geometry region "Tennessee" has no rows in produc.csv — panel has "Tennesse"');
    const e = await failedCommit(s, req);
    expect(e.code).toBe('import-unknown-region-boundary');
    expect(s.listRegions()).toEqual([]);
  });

  it('bad boundaries and unknown columns', async () => {
    const s = await us48Project();
    const key = await failedCommit(s, { geometry: { sources: US48.sources, key: 'NAME' } });
    expect(key.code).toBe('import-unknown-key-field');
    expect(key.message).toBe('us48.shp: no field "NAME" (fields: AREA, PERIMETER, STATE_, STATE_ID, STATE_NAME, STATE_FIPS, SUB_REGION, STATE_ABBR)');
    const field = await failedCommit(s, { geometry: { ...US48, nameZhField: 'NAME_ZH' } });
    expect(field.code).toBe('import-unknown-key-field');
    expect(field.message).toBe('us48.shp: no field "NAME_ZH" (fields: AREA, PERIMETER, STATE_, STATE_ID, STATE_NAME, STATE_FIPS, SUB_REGION, STATE_ABBR)');
    const col = await failedCommit(s, { panel: { ...PRODUC_PANEL, time: 'Year' } });
    expect(col.code).toBe('import-unknown-column');
    expect(col.message).toMatch(/^produc\.csv: no time column "Year" \(columns: state_name, state, year,/);
    const v = await failedCommit(s, { panel: { ...PRODUC_PANEL, variables: ['gsp', 'gpd'] } });
    expect(v.message).toBe('produc.csv: no numeric column "gpd" (numeric columns: region, pcap, hwy, water, util, pc, gsp, emp, unemp)');
    const missing = await failedCommit(s, { panel: { ...PRODUC_PANEL, source: { path: join(tmp, 'none.csv') } } });
    expect(missing.code).toBe('import-file-not-found');
    const empty = await failedCommit(s, {});
    expect(empty.code).toBe('import-empty-request');
  });
});

describe('other formats and options', () => {
  it('imports wide us_income.csv onto us48', async () => {
    const s = await us48Project();
    const r = await commitImport(s, { panel: { source: { path: join(DATA, 'us_income.csv') }, id: 'Name', time: 'year' } });
    expect(r.panel?.format).toBe('wide');
    expect(r.writtenVariables).toEqual(['us_income']);
    expect(r.warnings.map((w) => w.message)).toContain('us_income.csv: column "STATE_FIPS" not imported (wide format uses the year columns only)');
    const p = s.readPanel({ variables: ['us_income'], regions: ['Alabama'] });
    // us_income.csv row 2: "Alabama",1,323,267,... (1929, 1930)
    expect([p.times[0], p.values.us_income[0], p.times[1], p.values.us_income[1]]).toEqual([1929, 323, 1930, 267]);
    expect(r.counts.regions).toBe(48);
    expect(r.counts.newRegions).toBe(0);
  });

  it('imports an XLSX sheet', async () => {
    const s = await us48Project();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('yearbook');
    ws.addRow(['state', 'year', 'score']);
    ws.addRow(['Ohio', 1990, 0.5]);
    ws.addRow(['Iowa', 1990, 0.25]);
    const file = join(tmp, 'scores.xlsx');
    await wb.xlsx.writeFile(file);
    const r = await commitImport(s, { panel: { source: { path: file }, id: 'state', time: 'year' } });
    expect(r.counts.rows).toBe(2);
    const p = s.readPanel({ variables: ['score'] });
    expect(p.ids).toEqual(['Iowa', 'Ohio']);
    expect(Array.from(p.values.score)).toEqual([0.25, 0.5]);
  });

  it('warns when boundaries are not in lon/lat', async () => {
    const s = newProject();
    const big = { type: 'Polygon', coordinates: [[[0, 0], [1000, 0], [1000, 1000], [0, 1000], [0, 0]]] };
    const file = join(tmp, 'local.geojson');
    writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: big, properties: { id: 'a' } }] }));
    const r = await commitImport(s, { geometry: { sources: [{ path: file }], key: 'id' } });
    expect(r.warnings.map((w) => w.message)).toEqual([
      'local.geojson: coordinates are not longitude/latitude (units: unknown); the map and great-circle distances need lon/lat',
    ]);
    expect(r.layer).toBe('local');
    expect(s.listLayers()).toEqual(['local']);
    expect(s.getMeta('default_layer')).toBe('local');
  });

  it('creates regions from the panel in an empty project, and interpolates when asked', async () => {
    const s = newProject();
    const file = join(tmp, 'gap.csv');
    writeFileSync(file, 'city,year,x\nA,2000,1\nA,2001,NA\nA,2002,3\nA,2004,7\nB,2000,5\nB,2001,\n');
    const p = await previewImport(s, { panel: { source: { path: file }, id: 'city', time: 'year', interpolate: 'linear' } });
    expect(p.errors).toEqual([]);
    expect(p.counts.interpolated).toBe(1);
    expect(p.warnings.map((w) => w.message)).toEqual([
      'no region has rows for 2003',
      'unbalanced panel: 1 of 2 regions lack some of the 4 periods',
      'column "x": 2 missing cells of 6',
      'gap.csv: 1 missing cell filled by linear interpolation',
    ]);
    await commitImport(s, { panel: { source: { path: file }, id: 'city', time: 'year', interpolate: 'linear' } });
    expect(s.listRegions().map((r) => r.code)).toEqual(['A', 'B']);
    const panel = s.readPanel();
    // A 2001 = (1 + 3)/2; B 2001 stays missing (no later value: no extrapolation)
    expect(Array.from(panel.values.x)).toEqual([1, 2, 3, 7, 5, Number.NaN]);
  });
});

describe('crash during the import transaction', () => {
  it('a SIGKILLed import leaves the previous contents intact', async () => {
    // 300 regions × 50 periods × 30 variables (450,000 cells)
    const regions = Array.from({ length: 300 }, (_, k) => `R${String(k + 1).padStart(3, '0')}`);
    const header = ['region', 'year', ...Array.from({ length: 30 }, (_, k) => `v${k + 1}`)];
    const lines = [header.join(',')];
    for (const r of regions) for (let t = 0; t < 50; t++) lines.push([r, 1970 + t, ...Array.from({ length: 30 }, (_, k) => (k + 1) * 1000 + t + 0.5)].join(','));
    const big = join(tmp, 'big.csv');
    writeFileSync(big, lines.join('\n'));
    const small = join(tmp, 'small.csv');
    writeFileSync(small, ['region,year,v1,base', ...regions.flatMap((r, k) => [`${r},1970,${k},1`, `${r},1971,${k + 0.5},2`])].join('\n'));

    const path = join(tmp, 'crash.rwb');
    const s = ProjectStore.open(path, { create: true });
    await commitImport(s, { panel: { source: { path: small }, id: 'region', time: 'year' } });
    const before = snapshot(s);
    s.close();

    const child = spawn(process.execPath, ['--import', 'tsx', resolve(__dirname, 'fixtures/import-crash-child.ts'), path, big], {
      cwd: resolve(__dirname, '../../..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exit = new Promise<NodeJS.Signals | number | null>((res) => child.on('exit', (code, signal) => res(signal ?? code)));
    await new Promise<void>((res, rej) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('IN-TRANSACTION')) {
          child.kill('SIGKILL');
          res();
        }
      });
      child.on('exit', () => rej(new Error(`child exited before the transaction: ${out} ${err}`)));
    });
    expect(await exit).toBe('SIGKILL');
    expect(out).not.toContain('COMMITTED');

    const after = ProjectStore.open(path);
    try {
      expect(after.integrityCheck()).toEqual(['ok']);
      const snap = snapshot(after);
      expect({ ...snap, hash: '' }).toEqual({ ...before, hash: '' });
      expect(after.listVariables().map((v) => v.name)).toEqual(['v1', 'base']);
    } finally {
      after.close();
    }
  }, 120_000);
});

describe('the Mexico pair: names as yearbooks write them (issue 13, defect 4)', () => {
  const MEXICO_SHP = { sources: [{ path: join(DATA, 'mexico/mexicojoin.shp') }], key: 'CODE', nameEnField: 'NAME' };
  const MEXICO_CSV = { source: { path: join(DATA, 'mexico/mexico.csv') }, id: 'State', time: 'year', format: 'wide' as const };

  it('offers the official long forms (and only them), the user accepts, and the alias is kept for the next import', async () => {
    const s = newProject();
    const p = await previewImport(s, { geometry: MEXICO_SHP, panel: MEXICO_CSV });
    // mexicojoin.dbf NAME: "Baja California Norte" (MX02), "Coahuila De Zaragoza" (MX07),
    // "Michoacan de Ocampo" (MX16), "Queretaro de Arteaga" (MX22), "Veracruz-Llave" (MX30);
    // mexico.csv writes "Baja California", "Coahuila", "Michoacan", "Quertaro" (sic), "Veracruz".
    const offered = Object.fromEntries(p.errors.map((e) => [e.details.id, [e.details.suggestions, e.details.suggestedCodes]]));
    expect(offered).toEqual({
      'Baja California': [['Baja California Norte'], ['MX02']],
      Coahuila: [['Coahuila De Zaragoza'], ['MX07']],
      Michoacan: [['Michoacan de Ocampo'], ['MX16']],
      Quertaro: [['Queretaro de Arteaga'], ['MX22']],
      Veracruz: [['Veracruz-Llave'], ['MX30']],
    });
    expect(p.errors[0].message).toBe(
      'mexico.csv: region "Baja California" (column "State", row 3) is not in mexicojoin.shp — did you mean "Baja California Norte" (MX02)?',
    );
    const aliases = Object.fromEntries(p.errors.map((e) => [String(e.details.id), (e.details.suggestedCodes as string[])[0]]));
    const r = await commitImport(s, { geometry: MEXICO_SHP, panel: { ...MEXICO_CSV, aliases } });
    expect(r.writtenVariables).toEqual(['pcgdp']);
    expect(s.listRegionAliases()).toEqual([
      { alias: 'Baja California', region: 'MX02' },
      { alias: 'Coahuila', region: 'MX07' },
      { alias: 'Michoacan', region: 'MX16' },
      { alias: 'Quertaro', region: 'MX22' },
      { alias: 'Veracruz', region: 'MX30' },
    ]);
    // mexico.csv row 8: Coahuila,…,pcgdp1940 = 8537 → stored under MX07
    const stored = s.readPanel({ variables: ['pcgdp'], regions: ['MX07'] });
    expect([stored.ids[0], stored.times[0], stored.values.pcgdp[0]]).toEqual(['MX07', 1940, 8537]);
    // The next import of the same yearbook matches without asking.
    const again = await previewImport(s, { panel: MEXICO_CSV });
    expect(again.errors).toEqual([]);
  });

  it('never offers a far guess: Michoacan is not Michigan, Baja California is not California', async () => {
    const s = newProject();
    s.upsertRegions([{ code: 'Michigan' }, { code: 'California' }, { code: 'New Mexico' }]);
    const file = join(tmp, 'mx-few.csv');
    writeFileSync(file, 'State,year,x\nMichoacan,2000,1\nBaja California,2000,2\nMexico,2000,3\n');
    const p = await previewImport(s, { panel: { source: { path: file }, id: 'State', time: 'year' } });
    expect(p.errors.map((e) => e.details.id)).toEqual(['Michoacan', 'Baja California', 'Mexico']);
    for (const e of p.errors) {
      expect(e.details.suggestions).toBeUndefined();
      expect(e.message).not.toMatch(/did you mean/);
    }
  });

  it('refuses an alias to a region that does not exist', async () => {
    const s = newProject();
    s.upsertRegions([{ code: 'MX02', nameEn: 'Baja California Norte' }]);
    const file = join(tmp, 'mx-one.csv');
    writeFileSync(file, 'State,year,x\nBaja California,2000,1\n');
    const p = await previewImport(s, { panel: { source: { path: file }, id: 'State', time: 'year', aliases: { 'Baja California': 'MX99' } } });
    expect(p.errors[0].code).toBe('import-alias-unknown-region');
    expect(p.errors[0].message).toBe('mx-one.csv: the name "Baja California" was matched to region "MX99", which is neither in the project nor in the boundaries');
  });
});

describe('files with no data (issue 13, defect 1)', () => {
  it('a header-only CSV is refused naming the file, and the project is unchanged', async () => {
    const s = await us48Project();
    const file = join(mkdtempSync(join(tmp, 'h-')), 'produc-header.csv');
    writeFileSync(file, readFileSync(PRODUC, 'utf8').split(/\r?\n/)[0] + '\n');
    const before = s.listVariables().map((v) => v.name);
    const p = await previewImport(s, { panel: { ...PRODUC_PANEL, source: { path: file } } });
    expect(p.errors.map((e) => e.message)).toEqual(['produc-header.csv has a header row but no data rows: there is nothing to import']);
    const e = await failedCommit(s, { panel: { ...PRODUC_PANEL, source: { path: file } } });
    expect(e.code).toBe('import-no-data-rows');
    expect(s.listVariables().map((v) => v.name)).toEqual(before);
  });
});
