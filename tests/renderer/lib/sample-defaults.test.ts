/**
 * Issue 13, defect 11: on the US sample the Regression tab defaulted to y = `region` (a census
 * code) with no regressor ticked. The starting model now depends on the project's variables.
 *
 * Reference values: the US sample's variables as built from produc.csv (Munnell 1990; plm's
 * `Produc`), read from the real sample project; the Munnell public-capital model log(gsp) on
 * log(pcap), log(pc), log(emp), unemp (Baltagi, Econometric Analysis of Panel Data, the Produc
 * example); the China sample's resilience model (src/samples/china-demo.ts variables).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { modelDefaults } from '../../../renderer/src/lib/sample-defaults';
import { summarize } from '../../../src/services/handlers/project';
import { ensureSampleProject } from '../../../src/services/samples/ensure';
import { ProjectStore } from '../../../src/store/project-store';

async function sampleSummary(name: 'us-states' | 'china-provinces') {
  const path = await ensureSampleProject(name, mkdtempSync(join(tmpdir(), 'rwb-defaults-')));
  const store = ProjectStore.open(path, { readonly: true });
  try {
    return summarize(store);
  } finally {
    store.close();
  }
}

const vars = (...names: string[]) => ({ variables: names.map((name) => ({ name, label: null, unit: null, source: null, expression: null, simulated: false })) });

describe('the Regression tab\'s starting model', () => {
  it('US sample: log(gsp) on log(pcap), log(pc), log(emp) and unemp — never the census region code', async () => {
    const d = modelDefaults(await sampleSummary('us-states'));
    expect(d).toEqual({ y: 'log(gsp)', ticked: ['unemp'], expressions: ['log(pcap)', 'log(pc)', 'log(emp)'] });
    expect(d.y).not.toBe('region');
  }, 120_000);

  it('China sample: resilience on the usual controls and log(pgdp)', async () => {
    const d = modelDefaults(await sampleSummary('china-provinces'));
    expect(d).toEqual({ y: 'resilience', ticked: ['digital', 'fin_dev', 'industry', 'open', 'gov', 'urban'], expressions: ['log(pgdp)'] });
  }, 120_000);

  it('another project: the first measured variable as y, the other measured ones ticked, codes and years left out', () => {
    expect(modelDefaults(vars('region', 'year', 'pcgdp', 'pop', 'exports'))).toEqual({ y: 'pcgdp', ticked: ['pop', 'exports'], expressions: [] });
    expect(modelDefaults(vars())).toEqual({ y: '', ticked: [], expressions: [] });
    const many = vars('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h');
    expect(modelDefaults(many).ticked).toEqual(['b', 'c', 'd', 'e', 'f', 'g']);
  });
});
