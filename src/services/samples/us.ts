/**
 * The US states productivity sample: the real `produc.csv` panel (Munnell 1990; 48 states ×
 * 1970–1986) on the `us48` shapefile (key STATE_NAME), imported through the same import
 * service the app uses, into `samples/us-states.rwb`.
 */
import { join } from 'node:path';
import type { ProjectStore } from '../../store/project-store';
import { commitImport } from '../import/import-service';
import { buildProjectAtomic } from './atomic';
import { requireFile } from './paths';

/** What the US build produced. */
export interface UsBuildReport {
  readonly regions: number;
  readonly variables: number;
  readonly files: readonly string[];
}

async function fillUsProject(store: ProjectStore, panelPath: string, shpPath: string): Promise<void> {
  await commitImport(store, {
    panel: { source: { path: panelPath }, id: 'state_name', time: 'year' },
    geometry: { sources: [{ path: shpPath }], key: 'STATE_NAME', layer: 'states', nameEnField: 'STATE_NAME', groupField: 'SUB_REGION' },
  });
  store.transaction(() => {
    store.setMeta('sample', 'us-states');
    store.setMeta('title', 'US states productivity (Munnell 1990)');
    store.setMeta('default_layer', 'states');
    store.setMeta('data_source', 'produc.csv (Munnell 1990, as in R package plm) on us48 shapefile, key STATE_NAME');
    store.upsertRegions(store.listRegions().filter((r) => !r.level).map((r) => ({ code: r.code, level: 'state' })));
  });
}

/**
 * Build `projectPath` from `<dataDir>/produc.csv` and `<dataDir>/us48/us48.shp`, atomically.
 * @throws InputError `not-found` naming the missing data file; import errors as the import
 *   service raises them.
 */
export async function buildUsSample(opts: { dataDir: string; projectPath: string }): Promise<UsBuildReport> {
  const purpose = 'The US states sample';
  const panelPath = requireFile(join(opts.dataDir, 'produc.csv'), purpose);
  const shpPath = requireFile(join(opts.dataDir, 'us48', 'us48.shp'), purpose);
  requireFile(join(opts.dataDir, 'us48', 'us48.dbf'), purpose);
  return buildProjectAtomic(opts.projectPath, async (store) => {
    await fillUsProject(store, panelPath, shpPath);
    return { regions: store.listRegions().length, variables: store.listVariables().length, files: [opts.projectPath] };
  });
}
