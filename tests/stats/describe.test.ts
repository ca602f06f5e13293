import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { describeGroups, describeVariable, describeVariables } from '../../src/stats/describe';
import type { LongPanel } from '../../src/core/panel';
import { producPanel, readProducRows } from '../helpers/produc';
import { RTOL } from '../tolerances';

function expectClose(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(RTOL * Math.max(1, Math.abs(expected)));
}

describe('describeVariable', () => {
  it('counts missing cells and uses the n-1 sd', () => {
    // hand-computed: values 2, 4, 6 -> mean 4, sd 2, median 4, p5 = 2 + 0.1*2 = 2.2, p95 = 5.8
    const s = describeVariable('x', Float64Array.from([2, NaN, 4, 6]));
    expect(s).toEqual({ name: 'x', n: 3, mean: 4, sd: 2, min: 2, p5: 2.2, median: 4, p95: 5.8, max: 6, missing: 1 });
  });

  it('property: order statistics are ordered, and shifting moves the centre but not the sd', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -1e6, max: 1e6 }), fc.constant(NaN)), { minLength: 2, maxLength: 60 }),
        fc.integer({ min: -1000, max: 1000 }),
        (xs, shift) => {
          fc.pre(xs.filter((x) => !Number.isNaN(x)).length >= 2);
          const s = describeVariable('x', Float64Array.from(xs));
          const t = describeVariable('x', Float64Array.from(xs, (x) => x + shift));
          expect(s.n + s.missing).toBe(xs.length);
          expect(s.min <= s.p5 && s.p5 <= s.median && s.median <= s.p95 && s.p95 <= s.max).toBe(true);
          expect(Math.abs(t.sd - s.sd)).toBeLessThanOrEqual(1e-9 * Math.max(1, s.sd));
          expect(Math.abs(t.median - s.median - shift)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(s.median)));
          expect(Math.abs(t.mean - s.mean - shift)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(s.mean)));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('an all-missing variable gives NaN statistics', () => {
    const s = describeVariable('x', Float64Array.from([NaN, NaN]));
    expect(s.n).toBe(0);
    expect(s.missing).toBe(2);
    expect(s.mean).toBeNaN();
    expect(s.sd).toBeNaN();
    expect(s.min).toBeNaN();
  });
});

describe('describeVariables on produc.csv', () => {
  it('gsp and log(gsp) match R', () => {
    const d = describeVariables(producPanel(), ['gsp', 'log(gsp)']);
    expect(d.nRegions).toBe(48);
    expect(d.nPeriods).toBe(17);
    const [gsp, lgsp] = d.variables;
    // R: d <- read.csv("produc.csv"); c(mean(d$gsp), sd(d$gsp), min(d$gsp), quantile(d$gsp, c(.05,.5,.95)), max(d$gsp))
    expect(gsp.name).toBe('gsp');
    expect(gsp.n).toBe(816);
    expect(gsp.missing).toBe(0);
    expectClose(gsp.mean, 61014.319852941175);
    expectClose(gsp.sd, 69973.90452543275);
    expectClose(gsp.min, 4354);
    expectClose(gsp.p5, 7794.25);
    expectClose(gsp.median, 39987);
    expectClose(gsp.p95, 240933.75);
    expectClose(gsp.max, 464550);
    // R: the same on log(d$gsp)
    expect(lgsp.name).toBe('log(gsp)');
    expectClose(lgsp.mean, 10.508849636509282);
    expectClose(lgsp.sd, 1.0211318641428271);
    expectClose(lgsp.min, 8.378850241794492);
    expectClose(lgsp.p5, 8.961140744181996);
    expectClose(lgsp.median, 10.596309514852095);
    expectClose(lgsp.p95, 12.392270582840283);
    expectClose(lgsp.max, 13.048824474069459);
    expect(d.warnings).toEqual([]);
  });

  it('without expressions describes every numeric variable in file order', () => {
    const d = describeVariables(producPanel());
    expect(d.variables.map((v) => v.name)).toEqual(['pcap', 'hwy', 'water', 'util', 'pc', 'gsp', 'emp', 'unemp']);
    const unemp = d.variables[7];
    // R: c(mean(d$unemp), sd(d$unemp), quantile(d$unemp, c(.05,.5,.95)))
    expectClose(unemp.mean, 6.6022058823529415);
    expectClose(unemp.sd, 2.2332171707636443);
    expectClose(unemp.p5, 3.6);
    expectClose(unemp.median, 6.2);
    expectClose(unemp.p95, 11);
  });

  it('reports expression warnings and unknown columns', () => {
    const d = describeVariables(producPanel(), ['log(unemp - 3)']);
    // R: sum(d$unemp <= 3) = 9 rows where log(unemp - 3) is undefined
    expect(d.warnings.map((w) => [w.fn, w.count])).toEqual([['log', 9]]);
    expect(d.variables[0].missing).toBe(9);
    expect(() => describeVariables(producPanel(), ['log(gps)'])).toThrow(
      'unknown column "gps" in expression "log(gps)"; did you mean "gsp"?',
    );
  });
});

describe('describeGroups', () => {
  it('evaluates on the whole panel, then splits rows by label in order of first appearance', () => {
    const panel: LongPanel = {
      source: 'g.csv',
      idColumn: 'id',
      timeColumn: 'year',
      ids: ['A', 'A', 'B', 'B', 'C', 'C'],
      times: [1, 2, 1, 2, 1, 2],
      rowNumbers: [2, 3, 4, 5, 6, 7],
      variables: ['x'],
      values: { x: Float64Array.from([1, 3, 10, 14, 5, 5]) },
    };
    const { overall, groups } = describeGroups(panel, ['diff(x)'], ['West', 'West', 'East', 'East', '', '']);
    // diff(x): A 2, B 4, C 0 (first year missing everywhere)
    expect(overall.variables[0]).toMatchObject({ n: 3, mean: 2, missing: 3 });
    expect(groups.map((g) => [g.group, g.nRegions, g.nPeriods, g.variables[0].n, g.variables[0].mean])).toEqual([
      ['West', 1, 2, 1, 2],
      ['East', 1, 2, 1, 4],
      ['(missing)', 1, 2, 1, 0],
    ]);
    expect(() => describeGroups(panel, [], ['a'])).toThrow('describeGroups: 1 labels for 6 rows');
  });

  it('produc by BEA region matches R for region 5', () => {
    const p = producPanel();
    // the BEA region code (column 4 of produc.csv), as written
    const labels = readProducRows().map((r) => r.region);
    const { groups } = describeGroups(p, ['log(gsp)'], labels);
    const g5 = groups.find((g) => g.group === '5');
    // R: x <- log(d$gsp[d$region == 5]); length(x); mean(x); sd(x); quantile(x, c(.05,.5,.95))
    expect(g5?.nRegions).toBe(8);
    const v = g5?.variables[0];
    expect(v?.n).toBe(136);
    expectClose(v?.mean ?? NaN, 10.599405925566314);
    expectClose(v?.sd ?? NaN, 0.779187903874973);
    expectClose(v?.p5 ?? NaN, 9.022154233461402);
    expectClose(v?.median ?? NaN, 10.865496981713772);
    expectClose(v?.p95 ?? NaN, 11.610834116446405);
  });
});
