/**
 * Moran's I of regression residuals per year (issue 10), from a saved run of the US sample
 * project (Produc on us48): the run is refitted from its stored spec and each year's residuals
 * are tested under queen W. Reference: esda_reference.json `produc_fe_residuals_moran`
 * (scripts/reference/esda-reference.R: plm two-way within residuals, spdep::moran.test).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residualTransfer } from '../../../src/services/esda/esda-job';
import { globalByYear, panelYears } from '../../../src/services/esda/esda-service';
import { buildProjectWeights, projectPanel, withProjectRegionGroups } from '../../../src/services/inputs/project-inputs';
import { runRegression } from '../../../src/services/regression/regression-service';
import { ensureSampleProject } from '../../../src/services/samples/ensure';
import { ProjectStore } from '../../../src/store/project-store';
import { inputError } from '../../helpers/input-error';
import { RTOL, relErr } from '../../tolerances';
import { esdaReference } from '../../esda/esda-fixtures';

interface Ref { year: number; I: number; EI: number; VI_rand: number; z_rand: number; VI_norm: number; z_norm: number }

let store: ProjectStore;
let runId: number;
beforeAll(async () => {
  store = ProjectStore.open(await ensureSampleProject('us-states', mkdtempSync(join(tmpdir(), 'rwb-resid-'))));
  const panel = withProjectRegionGroups(projectPanel(store), store);
  const r = runRegression({ panel, y: 'log(gsp)', x: ['log(pcap)', 'log(pc)', 'log(emp)', 'unemp'], effects: 'twoways', save: { store, appVersion: 'test' } });
  runId = r.runId as number;
}, 120_000);
afterAll(() => store?.close());

describe("Moran's I of a saved run's residuals", () => {
  it('two-way FE residuals of Produc, every year, equal plm + spdep::moran.test', () => {
    const { panel, warnings } = residualTransfer(store, runId);
    expect(warnings).toEqual([]);
    expect(panel.ids).toHaveLength(48 * 17);
    const w = buildProjectWeights(store, { spec: 'queen', ids: [...new Set(panel.ids)].sort() }).weights;
    const long = { source: 'run', idColumn: 'id', timeColumn: 'year', ids: panel.ids, times: panel.times, rowNumbers: [], variables: [], values: {} };
    const g = globalByYear(long, panel.x, w, panelYears(long), 'moran');
    const ref = esdaReference<{ produc_fe_residuals_moran: Ref[] }>().produc_fe_residuals_moran;
    expect(g.years.map((y) => y.year)).toEqual(ref.map((r) => r.year));
    for (const [k, r] of ref.entries()) {
      const m = g.years[k].result;
      expect(relErr(m.value, r.I)).toBeLessThan(RTOL);
      expect(relErr(m.randomisation!.variance, r.VI_rand)).toBeLessThan(RTOL);
      expect(relErr(m.randomisation!.z, r.z_rand)).toBeLessThan(RTOL);
      expect(relErr(m.normal!.z, r.z_norm)).toBeLessThan(RTOL);
    }
    expect(panel.x.name).toBe(`residuals of run ${runId} (log(gsp) ~ log(pcap) + log(pc) + log(emp) + unemp)`);
  });

  it('an unknown run is an error', () => {
    expect(inputError(() => residualTransfer(store, 9999)).code).toBe('run-unknown');
  });
});
