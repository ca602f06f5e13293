/**
 * Map data from the China sample project (31 provinces, 2008–2022, simulated): the default
 * layer, names and groups, period aggregation (mean / first / last / change) checked against
 * the panel's own cells, and each clear error.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mapSpecSchema, type MapSpecInput } from '../../../src/contract/figures';
import { aggregate, readMapData, resolvePeriods } from '../../../src/services/figures/map-data';
import { ensureSampleProject } from '../../../src/services/samples/ensure';
import { ProjectStore } from '../../../src/store/project-store';
import { inputError } from '../../helpers/input-error';

let store: ProjectStore;
beforeAll(async () => {
  const path = await ensureSampleProject('china-provinces', mkdtempSync(join(tmpdir(), 'rwb-map-data-')));
  store = ProjectStore.open(path, { readonly: true });
}, 120_000);
afterAll(() => store?.close());

const spec = (s: MapSpecInput) => mapSpecSchema.parse(s);

/** resilience of one region in the given years, read straight from the panel. */
function cells(region: string, from: number, to: number): [number, number][] {
  const p = store.readPanel({ variables: ['resilience'] });
  const out: [number, number][] = [];
  for (let i = 0; i < p.ids.length; i++) {
    if (p.ids[i] === region && p.times[i] >= from && p.times[i] <= to && Number.isFinite(p.values.resilience[i])) out.push([p.times[i], p.values.resilience[i]]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

describe('readMapData on the China sample', () => {
  it('reads the provinces layer with short Chinese names, groups and the simulated flag; the last year by default', () => {
    const d = readMapData(store, spec({ variable: 'resilience' }));
    expect(d.layer).toBe('provinces');
    expect(d.regions).toHaveLength(31);
    const bj = d.regions.find((r) => r.id === '110000');
    expect([bj?.name, bj?.nameZh, bj?.group]).toEqual(['Beijing', '北京', 'East']);
    expect(d.simulated).toBe(true);
    expect(d.panels.map((p) => p.label)).toEqual(['2022']);
    const i = d.regions.indexOf(bj!);
    expect(d.panels[0].values?.[i]).toBe(cells('110000', 2022, 2022)[0][1]);
  });

  it('mean, first, last and change over 2008–2012 equal the panel cells (Beijing)', () => {
    const c = cells('110000', 2008, 2012);
    expect(c).toHaveLength(5);
    const value = (aggregation: 'mean' | 'first' | 'last' | 'change') => {
      const d = readMapData(store, spec({ variable: 'resilience', periods: [{ from: 2008, to: 2012 }], aggregation }));
      return d.panels[0].values?.[d.regions.findIndex((r) => r.id === '110000')];
    };
    expect(value('mean')).toBeCloseTo(c.reduce((s, [, v]) => s + v, 0) / 5, 12);
    expect(value('first')).toBe(c[0][1]);
    expect(value('last')).toBe(c[4][1]);
    expect(value('change')).toBeCloseTo(c[4][1] - c[0][1], 12);
  });

  it('evaluates an expression and gives three panels with labels', () => {
    const d = readMapData(store, spec({ variable: 'log(pgdp)', periods: [{ from: 2008, to: 2012 }, { from: 2013, to: 2017 }, { from: 2018, to: 2022, label: 'late' }] }));
    expect(d.panels.map((p) => p.label)).toEqual(['2008–2012', '2013–2017', 'late']);
    expect(d.panels.every((p) => p.values?.every((v) => v !== null && Number.isFinite(v)))).toBe(true);
  });

  it('categorical: the region groups', () => {
    const d = readMapData(store, spec({ kind: 'categorical', variable: 'group' }));
    expect(new Set(d.panels[0].categories)).toEqual(new Set(['East', 'Central', 'West', 'Northeast']));
  });

  it('says clearly what is wrong', () => {
    expect(inputError(() => readMapData(store, spec({ variable: 'resilence' }))).code).toBe('expr-unknown-column');
    const outside = inputError(() => readMapData(store, spec({ variable: 'resilience', periods: [{ from: 1990, to: 1995 }] })));
    expect([outside.code, outside.message]).toEqual(['figure-period-outside', "The period 1990–1995 holds none of the panel's years (2008–2022)."]);
    const count = inputError(() => readMapData(store, spec({ variable: 'resilience', classification: { method: 'user', classes: 4, breaks: [0.1, 0.2] } })));
    expect([count.code, count.message]).toEqual(['figure-breaks-count', 'User breaks: 4 classes need 3 inner thresholds, not 2.']);
    const order = inputError(() => readMapData(store, spec({ variable: 'resilience', classification: { method: 'user', classes: 3, breaks: [0.3, 0.2] } })));
    expect([order.code, order.message]).toEqual(['figure-breaks-not-ascending', 'User breaks must ascend: 0.2 follows 0.3.']);
    const constant = inputError(() => readMapData(store, spec({ variable: '0 * resilience + 2' })));
    expect(constant.code).toBe('figure-constant-variable');
    expect(inputError(() => readMapData(store, spec({ variable: 'resilience', layer: 'rivers' }))).code).toBe('weights-unknown-layer');
  });
});

describe('aggregation rules', () => {
  it('skips missing years; change needs two years', () => {
    expect(aggregate([], 'mean')).toBeNull();
    expect(aggregate([[2010, 1], [2012, 3]], 'mean')).toBe(2);
    expect(aggregate([[2010, 1]], 'change')).toBeNull();
    expect(aggregate([[2010, 1], [2011, 5], [2012, 4]], 'change')).toBe(3);
    expect(resolvePeriods({ periods: [] }, [2001, 2005], 'x')).toEqual([{ from: 2005, to: 2005, label: '2005' }]);
  });
});
