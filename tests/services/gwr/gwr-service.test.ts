/**
 * Bad input of the GTWR use case (src/services/gwr/gwr-service.ts, gwr-points.ts) that the CLI
 * and the app share: too few observations for the model, no complete observation, a region
 * whose stored point is empty (missing, never 0°, 0°), and the FE comparison left out of a
 * cross-section with its warning.
 */
import { describe, expect, it } from 'vitest';
import type { LongPanel } from '../../../src/core/panel';
import type { GeometrySet } from '../../../src/geo/geometry';
import { coordinatePoints } from '../../../src/services/gwr/gwr-points';
import { gwrDataFromPanel, runGtwr } from '../../../src/services/gwr/gwr-service';
import { inputError } from '../../helpers/input-error';

const panel = (ids: string[], times: number[]): LongPanel => ({ source: 'test', idColumn: 'id', timeColumn: 'year', ids, times, rowNumbers: ids.map((_, i) => i + 2), variables: [], values: {} });
const points = { ids: ['A', 'B', 'C', 'D', 'E', 'F'], x: Float64Array.from([100, 101, 102, 103, 104, 105]), y: Float64Array.from([30, 31, 30, 31, 30, 32]), lonLat: true };

describe('GTWR use case: bad input', () => {
  it('too few observations for the model: n < p + 2', () => {
    const e = inputError(() => gwrDataFromPanel(panel(['A', 'B', 'C'], [2000, 2000, 2000]), { name: 'y', values: [1, 2, 3] }, [{ name: 'x', values: [0.1, 0.5, 0.2] }, { name: 'z', values: [3, 1, 2] }], points));
    expect(e.code).toBe('gwr-too-few-observations-model');
    expect(e.message).toBe('GWR needs more observations than coefficients plus one: 3 observations for 3 coefficients.');
  });

  it('no region-year with every value', () => {
    const e = inputError(() => gwrDataFromPanel(panel(['A', 'B'], [2000, 2000]), { name: 'y', values: [NaN, 2] }, [{ name: 'x', values: [0.1, NaN] }], points));
    expect(e.code).toBe('gwr-no-observations');
  });

  it('a region whose stored point is empty is missing (named), not at 0°, 0°', () => {
    const g: GeometrySet = {
      source: 'test', key: 'code', lonLat: true,
      features: ['A', 'B', 'C', 'D'].map((id, i) => ({ id, geometry: { type: 'Point', coordinates: [0, 0] } as never, properties: { lon: id === 'C' ? null : 100 + i, lat: id === 'C' ? null : 30 + (i % 2) } })),
    };
    const pts = coordinatePoints('lon', 'lat', g, panel([], []));
    expect(Number.isNaN(pts.x[2])).toBe(true);
    const ids = ['A', 'B', 'C', 'D'];
    const e = inputError(() => gwrDataFromPanel(panel(ids, [2000, 2000, 2000, 2000]), { name: 'y', values: [1, 2, 3, 2.5] }, [{ name: 'x', values: [0.5, 0.1, 0.7, 0.2] }], pts));
    expect(e).toMatchObject({ code: 'gwr-missing-coordinates', details: { region: 'C' } });
  });

  it('a cross-section fits GWR and leaves the two-way FE out with a warning', async () => {
    const ids = ['A', 'B', 'C', 'D', 'E', 'F'];
    const data = gwrDataFromPanel(panel(ids, ids.map(() => 2000)), { name: 'y', values: [1, 2, 3, 2.5, 2.2, 1.4] }, [{ name: 'x', values: [0.5, 0.1, 0.7, 0.2, 0.4, 0.9] }], points);
    const run = await runGtwr(data, { kernel: 'gaussian', adaptive: false, bandwidth: 5000, tau: 0, fTest: false });
    expect(run.fe).toMatchObject({ ok: false, code: 'gwr-fe-single-period' });
    expect(run.warnings.map((w) => w.code)).toEqual(['gwr-fe-single-period']);
  });
});

describe('GTWR use case: observation order', () => {
  it('observations are ordered by time, then id in code-unit order (r10 before r2), whatever the file order', () => {
    const ids0 = ['r2', 'r10', 'r1', 'B', 'r2', 'r10', 'r1', 'B', 'A'];
    const t0 = [2001, 2001, 2000, 2001, 2000, 2000, 2001, 2000, 2000.5];
    const pts = { ids: ['A', 'B', 'r1', 'r10', 'r2'], x: Float64Array.from([100, 101, 102, 103, 104]), y: Float64Array.from([30, 31, 30, 31, 32]), lonLat: true };
    const yv = ids0.map((_, i) => i + 0.5 * (i % 3)), xv = ids0.map((_, i) => (i * 7) % 5);
    const d = gwrDataFromPanel(panel(ids0, t0), { name: 'y', values: yv }, [{ name: 'x', values: xv }], pts);
    const want = ids0.map((_, i) => i).sort((a, b) => t0[a] - t0[b] || (ids0[a] < ids0[b] ? -1 : ids0[a] > ids0[b] ? 1 : 0));
    expect(d.ids).toEqual(want.map((r) => ids0[r]));
    expect(Array.from(d.times)).toEqual(want.map((r) => t0[r]));
    expect(Array.from(d.problem.design.y)).toEqual(want.map((r) => yv[r]));
    expect(d.ids.slice(0, 4)).toEqual(['B', 'r1', 'r10', 'r2']);
  });
});
