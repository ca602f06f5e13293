/**
 * Test helper for the sp-re reference tests: the Produc panel (log(gsp) on log(pcap), log(pc),
 * log(emp), unemp) stacked time-major on us48 regions ordered by STATE_NAME, with W row-standardised
 * from a neighbour list, and the R reference of scripts/reference/spatial-panel-reference.R
 * (tests/fixtures/reference/spatial_panel_reference.json).
 */
import { expect } from 'vitest';
import { stackPanel } from '../../../src/models/spatial-panel/panel-data';
import type { SpatialPanelInput } from '../../../src/models/spatial-panel/types';
import { fromNeighbors } from '../../../src/weights/spatial-weights';
import { fixturePath, producReference, readJsonFile } from '../../helpers/paths';
import { readProducRows } from '../../helpers/produc';

/** A fit block of the R reference (fields present depend on the model). */
export interface RefFit {
  names: string[];
  beta: number[];
  beta_se: number[];
  rho?: number;
  rho_se?: number;
  lambda?: number;
  lambda_se?: number;
  theta?: number;
  theta_se?: number;
  sigma2: number;
  sigma2_se?: number;
  sigma2_mu?: number;
  logLik?: number;
  logLik_uncorrected?: number;
  effects?: { name: string; direct: number; indirect: number; total: number }[];
}
export interface RefTest { stat: number; df: number; p: number }
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SpRef = { meta: { order: string[] }; knn4: { neighbors: Record<string, string[]>; sdm_twoways: RefFit } } & Record<string, any>;

/** The R reference JSON. */
export const REF: SpRef = readJsonFile<SpRef>(fixturePath('reference', 'spatial_panel_reference.json'));

/** Queen contiguity neighbours of the shared reference (spdep::poly2nb queen = TRUE). */
export function queenNeighbors(): Record<string, string[]> {
  return producReference<{ neighbors: Record<string, string[]> }>().neighbors;
}

/** Regressor names as in the R reference. */
export const X_NAMES = ['log_pcap', 'log_pc', 'log_emp', 'unemp'];

/** The Produc panel on a row-standardised W built from `neighbors` (default queen). */
export function producInput(neighbors: Record<string, string[]> = queenNeighbors()): SpatialPanelInput {
  const ids = REF.meta.order;
  const w = fromNeighbors(ids, neighbors).transform('R').matrix;
  const rows = readProducRows();
  return stackPanel({
    regionIds: ids,
    ids: rows.map((r) => r.state),
    times: rows.map((r) => r.year),
    yName: 'log_gsp',
    y: rows.map((r) => Math.log(r.gsp)),
    x: [
      { name: 'log_pcap', values: rows.map((r) => Math.log(r.pcap)) },
      { name: 'log_pc', values: rows.map((r) => Math.log(r.pc)) },
      { name: 'log_emp', values: rows.map((r) => Math.log(r.emp)) },
      { name: 'unemp', values: rows.map((r) => r.unemp) },
    ],
    w,
  });
}

/** |actual − expected| ≤ rel·|expected| (plus a tiny absolute floor for values near 0). */
export function expectRel(actual: number, expected: number, rel = 1e-6, what = ''): void {
  const tol = rel * Math.abs(expected) + 1e-14;
  if (!(Math.abs(actual - expected) <= tol)) {
    expect.fail(`${what}: ${actual} vs reference ${expected} (relative error ${Math.abs(actual - expected) / Math.abs(expected)})`);
  }
}

/** R's coefficient names (log_pcap, W_log_pcap) in the engine's form (log_pcap, W*log_pcap). */
export function engineName(r: string): string {
  return r.startsWith('W_') ? `W*${r.slice(2)}` : r === 'const' ? '(Intercept)' : r;
}
