/**
 * Streamed imports: the same project as the whole-file path (the reference) on the real
 * datasets, and a cancel — while the file is read or inside the write — leaves the project
 * file byte-for-byte unchanged. Reference data: produc.csv (Baltagi's Produc, 48 states × 17
 * years, 9 numeric columns) onto the us48 shapefile; mexico.csv (wide, read whole either way).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CancelledError } from '../../../src/core/errors';
import { commitImport, type ImportRequest } from '../../../src/services/import/import-service';
import { ProjectStore } from '../../../src/store/project-store';
import { datasetPath } from '../../helpers/paths';

const dir = mkdtempSync(join(tmpdir(), 'rwb-import-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let k = 0;
const fresh = () => join(dir, `p${++k}.rwb`);

/** Everything an import writes, read back: regions, variables and every stored value. */
function contents(store: ProjectStore): unknown {
  const variables = store.listVariables().map((v) => v.name);
  const panel = variables.length ? store.readPanel({ variables }) : undefined;
  return {
    regions: store.listRegions().map((r) => r.code),
    variables: store.listVariables().map(({ name, source }) => ({ name, source })),
    panel: panel && { ids: panel.ids, times: panel.times, values: Object.fromEntries(variables.map((v) => [v, Array.from(panel.values[v])])) },
  };
}

/** Commit `req` into a new project with the panel read in a stream or whole; the report and the contents. */
async function importWith(req: ImportRequest, stream: 'always' | 'never'): Promise<{ report: unknown; contents: unknown }> {
  const store = ProjectStore.open(fresh(), { create: true });
  try {
    const report = await commitImport(store, { ...req, panel: req.panel && { ...req.panel, stream } });
    return { report, contents: contents(store) };
  } finally {
    store.close();
  }
}

const produc: ImportRequest = {
  panel: { source: { path: datasetPath('produc.csv') }, id: 'state_name', time: 'year' },
  geometry: { sources: [{ path: datasetPath('us48', 'us48.shp') }], key: 'STATE_NAME' },
};

function fileBytes(path: string): string {
  const h = createHash('sha256');
  for (const p of [path, `${path}-wal`]) h.update(existsSync(p) ? readFileSync(p) : Buffer.alloc(0));
  return h.digest('hex');
}

describe('streamed import', () => {
  it('writes the same project as the whole-file path: produc.csv onto us48, and wide mexico.csv', async () => {
    const streamed = await importWith(produc, 'always');
    const whole = await importWith(produc, 'never');
    expect(streamed).toEqual(whole);
    // Produc (plm::Produc): Alabama 1970 gsp = 28418, 48 states × 17 years.
    const c = streamed.contents as { panel: { ids: string[]; values: Record<string, number[]> } };
    expect(c.panel.ids.length).toBe(816);
    expect(c.panel.values.gsp[c.panel.ids.indexOf('Alabama')]).toBe(28418);
    const mexico: ImportRequest = { panel: { source: { path: datasetPath('mexico', 'mexico.csv') }, id: 'State', time: 'year', format: 'auto' } };
    expect(await importWith(mexico, 'always')).toEqual(await importWith(mexico, 'never'));
  });

  it('refuses a duplicated row through the streamed path with the whole-file sentence', async () => {
    const store = ProjectStore.open(fresh(), { create: true });
    try {
      const req = (stream: 'always' | 'never') => commitImport(store, { panel: { source: { name: 'd.csv', data: Buffer.from('id,year,x\nA,2000,1\nB,2000,2\nA,2000,3\n') }, id: 'id', time: 'year', stream } });
      const whole = await req('never').catch((e: Error) => e.message);
      expect(whole).toBe('d.csv: duplicate (A, 2000) at rows 2 and 4');
      expect(await req('always').catch((e: Error) => e.message)).toBe(whole);
    } finally {
      store.close();
    }
  });

  it('a cancel while the file is read, or inside the write, leaves the project byte-for-byte unchanged', async () => {
    const path = fresh();
    const s = ProjectStore.open(path, { create: true });
    await commitImport(s, {
      geometry: produc.geometry,
      panel: { source: { name: 'small.csv', data: Buffer.from('state_name,year,base\nAlabama,1970,1\nOhio,1970,2\n') }, id: 'state_name', time: 'year' },
    });
    s.close();
    const before = fileBytes(path);
    const panel = { source: { path: datasetPath('produc.csv') }, id: 'state_name', time: 'year', stream: 'always' as const };

    // While reading: the streamed reader checks after each chunk (produc.csv is ~58 KB, read in 1 MiB chunks: cancel at the first).
    let reads = 0;
    const store1 = ProjectStore.open(path);
    await expect(commitImport(store1, { panel }, { isCancelled: () => reads > 0, onData: () => void reads++ })).rejects.toBeInstanceOf(CancelledError);
    store1.close();
    expect(fileBytes(path)).toBe(before);

    // Inside the write transaction: cancel at the first rows written.
    let writing = false;
    const store2 = ProjectStore.open(path);
    await expect(
      commitImport(store2, { panel }, { isCancelled: () => writing, onData: (p) => void (writing = writing || p.phase === 'write') }),
    ).rejects.toBeInstanceOf(CancelledError);
    store2.close();
    expect(fileBytes(path)).toBe(before);
  });
});
