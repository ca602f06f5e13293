/**
 * The Import dialog's lists before a preview (issue 13, defects 5–7): columns of CSV and XLSX
 * panels, wide-header layout, fields and layer names of shapefiles, zips and GeoJSON, and
 * plain sentences for files of the wrong type.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { inspectImport } from '../../../src/services/import/inspect';
import { datasetPath, repoPath } from '../../helpers/paths';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'rwb-inspect-'));
});

/** mexicojoin.dbf's 34 fields (assets/datasets/mexico). */
const MEXICO_FIELDS_START = ['POLY_ID', 'AREA', 'CODE', 'NAME', 'PERIMETER'];

describe('inspectImport', () => {
  it('lists a wide CSV: columns, the pcgdp variable and its years, and guesses the id', async () => {
    const r = await inspectImport({ panel: { source: { path: datasetPath('mexico', 'mexico.csv') } } });
    expect(r.errors).toEqual([]);
    expect(r.panel?.columns.slice(0, 3)).toEqual(['State', 'pcgdp1940', 'pcgdp1950']);
    expect(r.panel?.format).toBe('wide');
    expect(r.panel?.wide).toEqual({ variables: ['pcgdp'], years: [1940, 1950, 1960, 1970, 1980, 1990, 2000], columns: 7 });
    expect(r.panel?.idGuess).toBe('State');
    expect(r.panel?.timeGuess).toBeNull();
  });

  it('lists a long CSV with its year column', async () => {
    const r = await inspectImport({ panel: { source: { path: datasetPath('produc.csv') } } });
    expect(r.panel?.format).toBe('long');
    expect(r.panel?.timeGuess).toBe('year');
    expect(r.panel?.idGuess).toBe('state_name');
  });

  it('lists an XLSX sheet\'s columns and the workbook\'s sheets', async () => {
    const file = join(tmp, 'panel.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Data').addRows([['city', 'year', 'gdp'], ['Hefei', 2020, 1]]);
    wb.addWorksheet('Notes').addRows([['source']]);
    await wb.xlsx.writeFile(file);
    const r = await inspectImport({ panel: { source: { path: file } } });
    expect(r.panel?.columns).toEqual(['city', 'year', 'gdp']);
    expect(r.panel?.sheets).toEqual(['Data', 'Notes']);
    expect(r.panel?.timeGuess).toBe('year');
  });

  it('lists a zipped shapefile\'s fields and names its layer after the shapefile inside', async () => {
    const zip = new JSZip();
    for (const ext of ['shp', 'shx', 'dbf']) zip.file(`mexicojoin.${ext}`, readFileSync(datasetPath('mexico', `mexicojoin.${ext}`)));
    const file = join(tmp, 'mexico-boundaries.zip');
    writeFileSync(file, await zip.generateAsync({ type: 'uint8array' }));
    const r = await inspectImport({ geometry: { sources: [{ path: file }] } });
    expect(r.errors).toEqual([]);
    expect(r.geometry?.fields.slice(0, 5)).toEqual(MEXICO_FIELDS_START);
    expect(r.geometry?.layer).toBe('mexicojoin');
    const loose = await inspectImport({ geometry: { sources: [{ path: datasetPath('us48', 'us48.shp') }] } });
    expect(loose.geometry?.layer).toBe('us48');
    expect(loose.geometry?.fields).toContain('STATE_NAME');
  });

  it('says a PNG named .csv or .xlsx is a PNG image', async () => {
    const png = readFileSync(repoPath('docs', 'screenshot-china.png'));
    const csv = await inspectImport({ panel: { source: { name: 'x.csv', data: new Uint8Array(png) } } });
    expect(csv.panel).toBeUndefined();
    expect(csv.errors.map((e) => e.message)).toEqual(['x.csv is not a text table: it looks like a PNG image']);
    const xlsx = await inspectImport({ panel: { source: { name: 'x.xlsx', data: new Uint8Array(png) } } });
    expect(xlsx.errors.map((e) => e.message)).toEqual(['x.xlsx is not an Excel workbook (.xlsx): it looks like a PNG image']);
  });
});
