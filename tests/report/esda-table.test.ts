import { describe, expect, it } from 'vitest';
import { buildEsdaTable } from '../../src/report/esda-table';
import { tableGrid } from '../../src/report/regression-table';
import { tableToCsv } from '../../src/services/export/table-text';

const entries = [
  { column: 'queen', year: 2011, value: 0.2243, z: 2.507, p: 0.006, n: 48 },
  { column: 'queen', year: 2010, value: 0.05, z: 0.8, p: 0.21, n: 48 },
  { column: 'knn4', year: 2010, value: 0.31, z: 1.7, p: 0.045, n: 47 },
];

describe('the per-year Moran table', () => {
  it('years as rows (ascending), matrices as columns, stars from p, z in parentheses, regions row, notes', () => {
    const t = buildEsdaTable(entries, ['queen', 'knn4'], { statistic: 'moran', permutations: 999 });
    const g = tableGrid(t);
    expect(g.rows[0]).toEqual(['', "Moran's I", "Moran's I"]);
    expect(g.rows[1]).toEqual(['', 'queen', 'knn4']);
    expect(g.rows[2]).toEqual(['2010', '0.050', '0.310**']);
    expect(g.rows[3]).toEqual(['', '(0.800)', '(1.700)']);
    expect(g.rows[4]).toEqual(['2011', '0.224***', '']);
    expect(g.rows[6]).toEqual(['Regions', '48', '47']);
    expect(t.notes).toBe('z-values under randomisation in parentheses; ***, **, * significant at 1%, 5%, 10% (pseudo p from 999 random permutations).');
    expect(tableToCsv(t)).toContain('2011');
  });

  it('in Chinese', () => {
    const t = buildEsdaTable(entries, ['queen'], { statistic: 'geary', language: 'zh' });
    expect(t.dependent).toBe('吉尔里系数 C');
    expect(t.notes).toBe('括号内为随机化假设下的 z 值；***、**、*分别表示在1%、5%、10%的水平上显著（随机化假设下的单侧 p 值）。');
    expect(tableGrid(t).rows.at(-1)?.[0]).toBe('地区数');
  });

  it('nothing to tabulate is an error', () => {
    expect(() => buildEsdaTable([], ['queen'], { statistic: 'moran' })).toThrow('There are no results to put in the table.');
  });
});
