/** A region's value over a period for the Small multiples tooltip. */
import { describe, expect, it } from 'vitest';
import { aggregateValue } from '../../../renderer/src/lib/aggregate';

const byYear = new Map([
  [2008, new Map([['11', 1], ['12', null]])],
  [2009, new Map([['11', 2], ['12', 5]])],
  [2010, new Map([['11', 6]])],
]);

describe('aggregateValue', () => {
  it('mean, first, last and change over the years with data (hand computed)', () => {
    expect(aggregateValue(byYear, '11', 2008, 2010, 'mean')).toBe(3);
    expect(aggregateValue(byYear, '11', 2008, 2010, 'first')).toBe(1);
    expect(aggregateValue(byYear, '11', 2008, 2010, 'last')).toBe(6);
    expect(aggregateValue(byYear, '11', 2008, 2010, 'change')).toBe(5);
  });

  it('skips missing years; change needs two years with data; nothing gives null', () => {
    expect(aggregateValue(byYear, '12', 2008, 2010, 'mean')).toBe(5);
    expect(aggregateValue(byYear, '12', 2008, 2010, 'change')).toBeNull();
    expect(aggregateValue(byYear, '99', 2008, 2010, 'mean')).toBeNull();
  });
});
