import { describe, expect, it } from 'vitest';
import { ALGEBRA_TOL, relErr } from '../../tolerances';
import { metricOf } from '../../../src/models/gwr/fit';
import { scoreBandwidth } from '../../../src/models/gwr/select';
import { buildSweepCache, createSweeper, sweepAdaptive } from '../../../src/models/gwr/sweep';
import { problemOf, reference } from './produc-fixture';

// Reference values here are the direct local fits of the same k (scoreBandwidth: one weighted
// least-squares fit per focal point, itself checked against gwr_gtwr_produc.json in fit.test.ts);
// the sweep must equal them to double-precision round-off (ALGEBRA_TOL).
const ref = reference();
const obs = ref.data.obs.year.map((y, i) => ({ y, i })).filter(({ y }) => y >= 1982).map(({ i }) => i + 1);
const problem = problemOf(ref, obs);
const metric = metricOf({ kernel: 'bisquare', adaptive: true, bandwidth: 1, tau: 40000 });

describe('resumable sweep', () => {
  it('a pass of larger k continues the running sums: equal to a fresh pass and to direct fits', () => {
    for (const kernel of ['bisquare', 'tricube', 'boxcar'] as const) {
      for (const withCache of [false, true]) {
        const cache = withCache ? buildSweepCache(problem, 260, metric) : undefined;
        const sweeper = createSweeper(problem, kernel, metric);
        sweeper.score([12, 30, 61], cache);
        const later = [61, 100, 240];
        const resumed = sweeper.score(later, cache);
        const fresh = sweepAdaptive(problem, kernel, metric, later);
        later.forEach((k, q) => {
          const direct = scoreBandwidth(problem, { kernel, adaptive: true, bandwidth: k, tau: 40000 }, 'aicc');
          expect(relErr(resumed.traceS[q], fresh.traceS[q]), `${kernel} k=${k}`).toBeLessThan(ALGEBRA_TOL);
          expect(relErr(resumed.rss[q], fresh.rss[q])).toBeLessThan(ALGEBRA_TOL);
          expect(relErr(resumed.traceS[q], direct.traceS)).toBeLessThan(ALGEBRA_TOL);
        });
        // a pass that goes back to smaller k starts again and is still right
        const back = sweeper.score([13, 50], cache);
        const fresh2 = sweepAdaptive(problem, kernel, metric, [13, 50]);
        expect(relErr(back.cv[1], fresh2.cv[1])).toBeLessThan(ALGEBRA_TOL);
      }
    }
  });
});
