/**
 * A region's value over a period, for the Small multiples tooltip: the years `from`…`to`
 * collapsed by the map spec's aggregation — mean of the years with data, the first or last
 * year with data, or change = last − first (both with data). Missing when no year has data
 * (change: fewer than two).
 */
import type { MapAggregation } from '../../../src/contract/constants';

/** Values by year, each a map region → value (null = missing). */
export type ValuesByYear = ReadonlyMap<number, ReadonlyMap<string, number | null>>;

/** The aggregated value of `code` over `from`…`to`, or null. */
export function aggregateValue(byYear: ValuesByYear, code: string, from: number, to: number, how: MapAggregation): number | null {
  const xs: number[] = [];
  for (let y = from; y <= to; y++) {
    const v = byYear.get(y)?.get(code);
    if (v !== null && v !== undefined && Number.isFinite(v)) xs.push(v);
  }
  if (xs.length === 0) return null;
  switch (how) {
    case 'mean':
      return xs.reduce((a, b) => a + b, 0) / xs.length;
    case 'first':
      return xs[0];
    case 'last':
      return xs[xs.length - 1];
    case 'change':
      return xs.length < 2 ? null : xs[xs.length - 1] - xs[0];
  }
}
