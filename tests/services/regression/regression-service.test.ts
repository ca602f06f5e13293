import { describe, expect, test } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { LongPanel } from '../../../src/core/panel';
import { loadPanelInput } from '../../../src/services/inputs/panel-input';
import {
  findRegionGroups, runHeterogeneityTable, runHeterogeneityTableAsync, runRegression, storeRegionGroups,
} from '../../../src/services/regression/regression-service';
import { ensureSampleProject } from '../../../src/services/samples/ensure';
import { renderTable } from '../../../src/services/export';
import { simulateChinaDemoPanel } from '../../../src/samples/china-demo';
import { ProjectStore } from '../../../src/store/project-store';
import { RTOL } from '../../tolerances';
import { datasetPath, producReference } from '../../helpers/paths';

const ref = producReference<{
  fe_twoways: { beta: number[]; se_cluster_stata: number[]; within_r2: number };
}>();
const X = ['log(pcap)', 'log(pc)', 'log(emp)', 'unemp'];
const produc = await loadPanelInput({ panel: datasetPath('produc.csv'), id: 'state_name', time: 'year' });

function expectClose(actual: readonly number[], expected: readonly number[], rtol = RTOL): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => expect(Math.abs(a - expected[i])).toBeLessThanOrEqual(rtol * Math.abs(expected[i])));
}

/** A copy of `p` with `variable` set to `value` at the given rows. */
function withValues(p: LongPanel, variable: string, rows: number[], value: number): LongPanel {
  const v = Float64Array.from(p.values[variable]);
  for (const r of rows) v[r] = value;
  return { ...p, values: { ...p.values, [variable]: v } };
}

describe('runRegression', () => {
  test('two-way FE with state-clustered SEs matches produc_reference.json fe_twoways', () => {
    // tests/fixtures/reference (scripts/reference/produc-reference.R): xtreg, fe vce(cluster id) convention
    const r = runRegression({ panel: produc, y: 'log(gsp)', x: X, effects: 'twoways', cluster: 'state_name' });
    expect(r.fit.seType).toBe('cluster');
    expect(r.fit.coefficients.map((c) => c.name)).toEqual(X);
    expectClose(r.fit.coefficients.map((c) => c.estimate), ref.fe_twoways.beta);
    expectClose(r.fit.coefficients.map((c) => c.se), ref.fe_twoways.se_cluster_stata);
    expect([r.fit.nObs, r.fit.nGroups, r.nDropped, r.nOutsideGroup]).toEqual([816, 48, 0, 0]);
    expect(r.spec).toMatchObject({ y: 'log(gsp)', model: 'fe', effects: 'twoways', se: 'cluster', cluster: 'state_name', group: null });
    expect(r.inputHash).toMatch(/^[0-9a-f]{64}$/);
  });
  test('HC1 SEs for one-way FE match plm::vcovHC(white1, HC1)', () => {
    // R: vcovHC(plm(f, model="within", effect="individual"), method="white1", type="HC1")
    const r = runRegression({ panel: produc, y: 'log(gsp)', x: X, effects: 'individual', se: 'hc1' });
    expectClose(r.fit.coefficients.map((c) => c.se), [0.03132451145449948, 0.03057905789818624, 0.03994414708183999, 0.00109550803364363]);
  });
  test('a sub-sample by a numeric column matches plm on that sub-sample', () => {
    // R: plm(log(gsp) ~ ..., data = subset(produc, region == 5), model="within", effect="twoways")
    const r = runRegression({ panel: produc, y: 'log(gsp)', x: X, group: { column: 'region', value: '5' } });
    expect([r.fit.nObs, r.fit.nGroups, r.nOutsideGroup]).toEqual([136, 8, 680]);
    expectClose(r.fit.coefficients.map((c) => c.estimate), [0.12419735123533279, 0.12658197497516721, 0.92196662200670731, 0.00325904450723134]);
    expectClose(r.fit.coefficients.map((c) => c.se), [0.05558184367816815, 0.09651364775675672, 0.09900842297221357, 0.00256379827715047]);
  });
  test('rows with a missing or non-finite value are dropped and counted', () => {
    const p = withValues(withValues(produc, 'gsp', [0, 5], Number.NaN), 'pc', [7], 0);
    const r = runRegression({ panel: p, y: 'log(gsp)', x: X, cluster: 'id' });
    expect(r.nDropped).toBe(3);
    expect(r.fit.nObs).toBe(813);
    expect(r.warnings).toContain('Dropped 3 row(s) with a missing value in log(gsp), log(pcap), log(pc), log(emp), unemp or the cluster variable.');
    expect(r.warnings.some((w) => w.startsWith('log(pc): '))).toBe(true);
  });
  test('median split sub-sample notes the median and the basis', () => {
    const r = runRegression({ panel: produc, y: 'log(gsp)', x: X, group: { split: 'unemp', value: 'High' } });
    // 24 states above the median of state means (R: median(tapply(unemp, state, mean)) = 6.74117647058824)
    expect(r.fit.nGroups).toBe(24);
    expect(r.warnings[0]).toMatch(/^Median split of unemp by region means: median 6\.741176470588\d*; High = above the median\.$/);
  });
  test('clear messages: unknown column, unknown group, too few observations, collinear and constant regressors', () => {
    expect(() => runRegression({ panel: produc, y: 'log(gsp)', x: X, group: { column: 'zone', value: 'East' } }))
      .toThrow(/^Unknown group column "zone" in .*produc\.csv; columns: state_name, year, /);
    expect(() => runRegression({ panel: produc, y: 'log(gsp)', x: X, group: { column: 'region', value: '12' } }))
      .toThrow('No rows with region = "12"; values present: "1", "2", "3", "4", "5", "6", "7", "8", "9".');
    expect(() => runRegression({ panel: produc, y: 'log(gsp)', x: X, group: { column: 'state_name', value: 'Alabama' } }))
      .toThrow('Only 17 complete observations in group state_name = "Alabama", but the model estimates 21 parameters (4 regressors plus intercept/fixed effects); it needs more observations than parameters.');
    expect(() => runRegression({ panel: produc, y: 'log(gsp)', x: ['log(pcap)', '2*log(pcap)'] })).toThrow(/"2\*log\(pcap\)".*"log\(pcap\)"/);
    expect(() => runRegression({ panel: produc, y: 'log(gsp)', x: ['log(pcap)', 'region'], effects: 'individual' })).toThrow(/"region" does not vary within regions/);
    expect(() => runRegression({ panel: produc, y: 'log(gsp)', x: [] })).toThrow('Give at least one regressor (--x).');
    expect(() => runRegression({ panel: withValues(produc, 'gsp', [...produc.ids.keys()], Number.NaN), y: 'log(gsp)', x: X }))
      .toThrow('No complete observations for log(gsp) on log(pcap), log(pc), log(emp), unemp.');
  });
  test('saves a run of kind panel.fe into a project file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rwb-reg-'));
    const store = ProjectStore.open(join(dir, 'p.rwb'), { create: true });
    try {
      const r = runRegression({ panel: produc, y: 'log(gsp)', x: X, cluster: 'state_name', save: { store, appVersion: '0.1.0-test' } });
      expect(r.runId).toBeGreaterThan(0);
      const run = store.getRun(r.runId as number);
      expect(run?.kind).toBe('panel.fe');
      expect(run?.appVersion).toBe('0.1.0-test');
      expect(run?.inputHash).toBe(r.inputHash);
      expect(run?.seed ?? null).toBeNull();
      expect(run?.spec).toMatchObject({ y: 'log(gsp)', x: X, cluster: 'state_name' });
      const saved = run?.results as { fit: { coefficients: { estimate: number }[]; vcov: number[] } };
      expectClose(saved.fit.coefficients.map((c) => c.estimate), ref.fe_twoways.beta);
      expect(saved.fit.vcov).toHaveLength(16);
    } finally {
      store.close();
    }
  });
});

describe('runHeterogeneityTable', () => {
  const china = simulateChinaDemoPanel().panel;
  const cx = ['digital', 'fin_dev', 'industry', 'urban'];
  test('baseline plus East/Central/West/Northeast from the region_group column; exports open', async () => {
    const h = runHeterogeneityTable({ panel: china, y: 'resilience', x: cx, cluster: 'id' });
    expect(h.groupColumn).toBe('region_group');
    expect(h.table.columnTitles).toEqual(['(1) Full sample', '(2) East', '(3) Central', '(4) West', '(5) Northeast']);
    // 31 provinces: East 10, Central 6, West 12, Northeast 3 (NBS); 15 years each
    expect(h.columns.map((c) => c.result.fit.nGroups)).toEqual([31, 10, 6, 12, 3]);
    expect(h.columns.map((c) => c.result.fit.nObs)).toEqual([465, 150, 90, 180, 45]);
    // each group column is the same fit as a direct sub-sample regression
    const east = runRegression({ panel: china, y: 'resilience', x: cx, cluster: 'id', group: { column: 'region_group', value: 'East' } });
    expect(h.columns[1].result.fit.coefficients).toEqual(east.fit.coefficients);
    expect(h.table.notes).toBe('Standard errors clustered by region in parentheses. *** p<0.01, ** p<0.05, * p<0.1');
    const cell = h.table.coefficients[0].estimates[1]?.text as string;
    const docx = await JSZip.loadAsync(await renderTable(h.table, 'docx'));
    const xml = await docx.file('word/document.xml')?.async('string');
    expect(xml).toContain(`>${cell}</w:t>`);
    expect(xml).toContain('>(5) Northeast</w:t>');
    const bytes = await renderTable(h.table, 'xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const ws = wb.getWorksheet('Table');
    expect(ws?.getCell('F2').value).toBe('(5) Northeast');
    expect(ws?.getCell('C3').value).toBe(h.columns[1].result.fit.coefficients[0].estimate);
  });
  test('a median split by region means gives High/Low columns and one note', () => {
    const h = runHeterogeneityTable({ panel: produc, y: 'log(gsp)', x: X, se: 'classical', groups: { split: 'unemp' } });
    expect(h.table.columnTitles).toEqual(['(1) Full sample', '(2) High', '(3) Low']);
    expect(h.groupColumn).toBe('median split of unemp');
    expect(h.notes).toHaveLength(1);
    expect(h.notes[0]).toMatch(/^Median split of unemp by region means: median 6\.74117647058823\d*; High = above the median\.$/);
    // R (tests/models/heterogeneity/ref-heterogeneity.R): plm(within, twoways) on the High states
    expectClose(h.columns[1].result.fit.coefficients.map((c) => c.estimate), [-0.015894829235374, 0.277860562240003, 0.731471327282002, -0.00267054634092453]);
    expect(h.columns[1].result.warnings).toEqual([]);
  });
  test('region groups from the project when the panel has no group column; Chow and permutation tests saved with the seed', () => {
    const { text: _t, ...bare } = china;
    expect(findRegionGroups(bare)).toBeUndefined();
    expect(() => runHeterogeneityTable({ panel: bare, y: 'resilience', x: cx })).toThrow(
      'The panel china-demo-panel (simulated) has no region-group column (e.g. region_group) and no region groups were given; choose a grouping column or a median split.');
    const dir = mkdtempSync(join(tmpdir(), 'rwb-het-'));
    const store = ProjectStore.open(join(dir, 'p.rwb'), { create: true });
    try {
      const groupOf = new Map<string, string>();
      china.ids.forEach((id, i) => groupOf.set(id, (china.text?.region_group as readonly string[])[i]));
      store.upsertRegions([...groupOf].map(([code, regionGroup]) => ({ code, regionGroup })));
      const rg = storeRegionGroups(store);
      expect(rg.size).toBe(31);
      const progress: number[] = [];
      const h = runHeterogeneityTable({
        panel: bare, y: 'resilience', x: cx, regionGroups: rg, noBaseline: true, se: 'classical',
        compare: { a: 'East', b: 'West', permutations: 19, seed: 42, onProgress: (done) => progress.push(done) },
        save: { store, appVersion: 'test' },
      });
      expect(h.groupColumn).toBe('regionGroup');
      expect(h.table.columnTitles).toEqual(['(1) East', '(2) Central', '(3) West', '(4) Northeast']);
      expect(h.chow?.df1).toBe(4);
      expect(h.permutation?.seed).toBe(42);
      expect(progress).toHaveLength(19);
      const run = store.getRun(h.runId as number);
      expect(run?.kind).toBe('panel.compare');
      expect(run?.seed).toBe(42);
      expect((run?.results as { columns: unknown[] }).columns).toHaveLength(4);
    } finally {
      store.close();
    }
  });
  test('the async variant matches the synchronous one and stops on abort', async () => {
    const input = { panel: china, y: 'resilience', x: cx, se: 'classical' as const, compare: { a: 'East', b: 'West', permutations: 15, seed: 9 } };
    const sync = runHeterogeneityTable(input);
    const asy = await runHeterogeneityTableAsync(input);
    expect(asy.permutation).toEqual(sync.permutation);
    expect(asy.table).toEqual(sync.table);
    const ac = new AbortController();
    ac.abort();
    await expect(runHeterogeneityTableAsync({ ...input, compare: { ...input.compare, signal: ac.signal } })).rejects.toThrow('Cancelled by the user.');
  });
  test('the China sample project: region groups come from its regions; four-region table exports open', async () => {
    const path = await ensureSampleProject('china-provinces', mkdtempSync(join(tmpdir(), 'rwb-sample-')));
    const store = ProjectStore.open(path, { readonly: true });
    const raw = store.readPanel();
    store.close();
    expect(findRegionGroups(raw)).toBeUndefined();
    // The one project-panel loader attaches the regions' groups; a CSV panel gets none.
    const panel = await loadPanelInput({ panel: path });
    expect(findRegionGroups(panel)?.column).toBe('region_group');
    expect(findRegionGroups(produc)).toBeUndefined();
    const h = runHeterogeneityTable({ panel, y: 'resilience', x: ['digital', 'fin_dev', 'industry', 'open', 'gov', 'urban'], cluster: 'id' });
    expect(h.groupColumn).toBe('region_group');
    expect(h.table.columnTitles).toEqual(['(1) Full sample', '(2) East', '(3) Central', '(4) West', '(5) Northeast']);
    expect(h.columns.map((c) => c.result.fit.nGroups)).toEqual([31, 10, 6, 12, 3]);
    const xml = await (await JSZip.loadAsync(await renderTable(h.table, 'docx'))).file('word/document.xml')?.async('string');
    expect(xml).toContain(`>${h.table.coefficients[0].estimates[4]?.text}</w:t>`);
    const bytes = await renderTable(h.table, 'xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    expect(wb.getWorksheet('Table')?.getCell('B2').value).toBe('(1) Full sample');
  }, 120_000);
});
