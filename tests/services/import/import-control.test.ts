/**
 * Progress and cancellation of an import (what the job worker passes in): the steps read
 * boundaries → read panel → check → geometry → one per variable; a cancel seen before the
 * write stops with CancelledError and writes nothing, one seen inside the write transaction
 * rolls it back. Reference: produc.csv (48 states × 17 years, 9 numeric columns).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CancelledError } from '../../../src/core/errors';
import { IMPORT_READ_STEPS, commitImport, previewImport } from '../../../src/services/import/import-service';
import { ProjectStore } from '../../../src/store/project-store';
import { datasetPath } from '../../helpers/paths';

const dir = mkdtempSync(join(tmpdir(), 'rwb-import-control-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const panel = { source: { path: datasetPath('produc.csv') }, id: 'state_name', time: 'year' };
let k = 0;
const project = () => ProjectStore.open(join(dir, `p${++k}.rwb`), { create: true });

describe('import progress and cancellation', () => {
  it('preview reports the read steps; commit adds geometry and one step per variable', async () => {
    const store = project();
    const steps: [number, number][] = [];
    await previewImport(store, { panel }, { onProgress: (d, t) => steps.push([d, t]) });
    expect(steps).toEqual([[0, 3], [1, 3], [2, 3], [3, 3]]);
    const commitSteps: [number, number][] = [];
    const r = await commitImport(store, { panel }, { onProgress: (d, t) => commitSteps.push([d, t]) });
    const total = IMPORT_READ_STEPS + 1 + r.writtenVariables.length;
    expect(commitSteps.at(-1)).toEqual([total, total]);
    expect(commitSteps.map(([d]) => d)).toEqual([0, 1, 2, 3, ...Array.from({ length: total - 2 }, (_, i) => i + 3)]);
    store.close();
  });

  it('a cancel before the write throws CancelledError and writes nothing', async () => {
    const store = project();
    let calls = 0;
    await expect(commitImport(store, { panel }, { isCancelled: () => ++calls > 2 })).rejects.toBeInstanceOf(CancelledError);
    expect(store.listVariables()).toEqual([]);
    expect(store.listRegions()).toEqual([]);
    store.close();
  });

  it('a cancel inside the write transaction rolls it back', async () => {
    const store = project();
    let writing = 0;
    const isCancelled = () => (writing > 0 ? ++writing > 3 : false);
    const onProgress = (d: number) => { if (d >= IMPORT_READ_STEPS + 1 && writing === 0) writing = 1; };
    await expect(commitImport(store, { panel }, { isCancelled, onProgress })).rejects.toBeInstanceOf(CancelledError);
    expect(store.listVariables()).toEqual([]);
    expect(store.listRegions()).toEqual([]);
    store.close();
  });
});
