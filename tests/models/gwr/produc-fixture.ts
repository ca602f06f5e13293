/**
 * The Produc GWR/GTWR reference (tests/fixtures/reference/gwr_gtwr_produc.json, see its README):
 * builds the engine's problem of one reference case from the fixture's own data block
 * (its y, X, state centroids and observation order).
 */
import { fixturePath, readJsonFile } from '../../helpers/paths';
import { createSpaceTimeIndex } from '../../../src/models/gwr/space-time';
import type { GtwrProblem } from '../../../src/models/gwr/fit';

export interface RefDiagnostics {
  n: number; RSS: number; trS: number; trStS: number; enp: number; edf: number; sigma2: number;
  sigma2_ml: number; AICc: number; AIC: number; R2: number; adjR2: number; CV: number;
}
export interface RefCase {
  id: string; model: string; kernel: 'bisquare' | 'gaussian'; adaptive: boolean; bw: number; tau?: number;
  n: number; obs_index: number[]; beta: number[][]; se: number[][]; S_ii: number[]; bw_local: number[];
  yhat: number[]; resid: number[]; diagnostics: RefDiagnostics;
}
export interface GwrReference {
  data: {
    states: string[]; centroid_lon: number[]; centroid_lat: number[]; dist_km_48x48: number[][];
    obs: { state: string[]; year: number[] }; y: number[]; X: number[][]; X_names: string[];
  };
  cases: Record<string, RefCase>;
  searches: { gwr1986_bisquare_adaptive: { k_range: [number, number]; k_opt: number; k_opt_CV: number; profile: { k: number[]; AICc: number[]; CV: number[]; trS: number[] } } };
}

export const reference = (): GwrReference => readJsonFile<GwrReference>(fixturePath('reference', 'gwr_gtwr_produc.json'));

/** The problem of the observations `obsIndex` (1-based into data.obs). */
export function problemOf(ref: GwrReference, obsIndex: readonly number[]): GtwrProblem {
  const D = ref.data;
  const n = obsIndex.length, p = D.X_names.length;
  const X = new Float64Array(n * p), y = new Float64Array(n);
  const location = new Int32Array(n), time = new Float64Array(n);
  const labels: string[] = [];
  obsIndex.forEach((k, q) => {
    const r = k - 1;
    y[q] = D.y[r];
    for (let a = 0; a < p; a++) X[q * p + a] = D.X[r][a];
    location[q] = D.states.indexOf(D.obs.state[r]);
    time[q] = D.obs.year[r];
    labels.push(`${D.obs.state[r]} ${D.obs.year[r]}`);
  });
  const index = createSpaceTimeIndex({
    location, time, x: Float64Array.from(D.centroid_lon), y: Float64Array.from(D.centroid_lat), lonLat: true, names: D.states,
  });
  return { design: { n, p, X, y, names: D.X_names }, index, label: (i) => labels[i], periods: new Set(time).size };
}
