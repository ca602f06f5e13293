/**
 * Runs are saved under their real kind, re-opened through the run registry and re-run from
 * their stored spec with the same numbers (and the same seed for permutation tests).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors';
import type { LongPanel } from '../../../src/core/panel';
import { simulateChinaDemoPanel } from '../../../src/samples/china-demo';
import { loadPanelInput } from '../../../src/services/inputs/panel-input';
import { runHeterogeneityTable, runRegression, storeRegionGroups } from '../../../src/services/regression/regression-service';
import { listOpenableRuns, openRun, rerunRun } from '../../../src/services/runs';
import { ProjectStore } from '../../../src/store/project-store';
import { datasetPath } from '../../helpers/paths';

const X = ['log(pcap)', 'log(pc)', 'log(emp)', 'unemp'];
let produc: LongPanel;
let dir: string;
let store: ProjectStore;
const save = () => ({ store, appVersion: 'test' });

beforeAll(async () => {
  produc = await loadPanelInput({ panel: datasetPath('produc.csv'), id: 'state_name', time: 'year' });
  dir = mkdtempSync(join(tmpdir(), 'rwb-runs-'));
  store = ProjectStore.open(join(dir, 'p.rwb'), { create: true });
});
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const estimates = (r: { fit: { coefficients: readonly { estimate: number }[] } }): number[] => r.fit.coefficients.map((c) => c.estimate);

function failure(f: () => unknown): InputError {
  try { f(); } catch (e) { if (e instanceof InputError) return e; throw e; }
  throw new Error('expected an InputError');
}

describe('run kinds and re-runs', () => {
  it.each([
    ['pooled', 'panel.pooled'],
    ['fe', 'panel.fe'],
    ['re', 'panel.re'],
  ] as const)('a %s regression is saved as %s, re-opens and re-runs to the same estimates', (model, kind) => {
    const r = runRegression({ panel: produc, y: 'log(gsp)', x: X, model, cluster: 'state_name', save: save() });
    const run = openRun(store, r.runId as number);
    expect(run.kind).toBe(kind);
    expect(run.version).toBe(1);
    expect(run.spec).toMatchObject({ model, y: 'log(gsp)', x: X, cluster: 'state_name' });
    const again = rerunRun(run, { panel: produc });
    expect(again.kind).toBe(kind);
    expect(again.sameInput).toBe(true);
    if (again.kind === 'panel.compare') throw new Error('unexpected');
    expect(estimates(again.result)).toEqual(estimates(r));
    expect(again.result.fit.coefficients.map((c) => c.se)).toEqual(r.fit.coefficients.map((c) => c.se));
  });

  it('a group comparison with a permutation test is saved as panel.compare and re-runs with its seed', () => {
    const china = simulateChinaDemoPanel().panel;
    const { text: _t, ...bare } = china;
    const groupOf = new Map<string, string>();
    china.ids.forEach((id, i) => groupOf.set(id, (china.text?.region_group as readonly string[])[i]));
    store.upsertRegions([...groupOf].map(([code, regionGroup]) => ({ code, regionGroup })));
    const regionGroups = storeRegionGroups(store);
    const x = ['digital', 'fin_dev', 'industry', 'urban'];
    const h = runHeterogeneityTable({
      panel: bare, y: 'resilience', x, regionGroups, se: 'classical', compare: { a: 'East', b: 'West', permutations: 9, seed: 7 }, save: save(),
    });
    const run = openRun(store, h.runId as number);
    expect(run.kind).toBe('panel.compare');
    expect(run.seed).toBe(7);
    const again = rerunRun(run, { panel: bare, regionGroups });
    expect(again.kind).toBe('panel.compare');
    if (again.kind !== 'panel.compare') throw new Error('unexpected');
    expect(again.sameInput).toBe(true);
    expect(again.result.columns.map((c) => c.title)).toEqual(h.columns.map((c) => c.title));
    expect(again.result.columns.map((c) => estimates(c.result))).toEqual(h.columns.map((c) => estimates(c.result)));
    expect(again.result.permutation?.gaps).toEqual(h.permutation?.gaps);
    expect(again.result.chow?.statistic).toBe(h.chow?.statistic);

    // A median split re-runs too, without a baseline column when the saved run had none.
    const m = runHeterogeneityTable({ panel: produc, y: 'log(gsp)', x: X, groups: { split: 'unemp' }, noBaseline: true, save: save() });
    const mr = rerunRun(openRun(store, m.runId as number), { panel: produc });
    if (mr.kind !== 'panel.compare') throw new Error('unexpected');
    expect(mr.sameInput).toBe(true);
    expect(mr.result.columns.map((c) => c.title)).toEqual(m.columns.map((c) => c.title));
    expect(mr.result.columns.map((c) => estimates(c.result))).toEqual(m.columns.map((c) => estimates(c.result)));
  });

  it('says when the data changed since the run, and refuses unknown or damaged runs', () => {
    const r = runRegression({ panel: produc, y: 'log(gsp)', x: X, save: save() });
    const changed: LongPanel = { ...produc, values: { ...produc.values, gsp: produc.values.gsp.map((v, i) => (i === 0 ? v * 1.01 : v)) } };
    expect(rerunRun(openRun(store, r.runId as number), { panel: changed }).sameInput).toBe(false);

    expect(failure(() => openRun(store, 99_999)).code).toBe('run-unknown');
    const bad = store.saveRun({ kind: 'panel.fe', spec: { y: 'y' }, results: {}, inputHash: 'h', appVersion: 'test' });
    const e = failure(() => openRun(store, bad));
    expect(e.code).toBe('run-invalid');
    expect(e.message).toMatch(new RegExp(`^The run ${bad} \\(panel\\.fe\\) is damaged: spec\\.x: `));
    const listed = listOpenableRuns(store);
    expect(listed.unreadable.map((u) => u.id)).toEqual([bad]);
    expect(listed.runs.map((u) => u.kind)).toEqual(['panel.pooled', 'panel.fe', 'panel.re', 'panel.compare', 'panel.compare', 'panel.fe']);
  });
});
