import { readFileSync } from 'node:fs';
import type { PanelDesign } from '../../../src/models/panel/types';

/** Produc (../shared/data/produc.csv), sorted by state then year: y = log(gsp) on log(pcap), log(pc), log(emp), unemp. */
export function producDesign(): PanelDesign & { unemp: Float64Array } {
  const lines = readFileSync('/work/shared/data/produc.csv', 'utf8').trim().split(/\r?\n/);
  const head = lines[0].split(',');
  const col = (n: string): number => head.indexOf(n);
  const rows = lines.slice(1).map((l) => l.split(','))
    .sort((a, b) => (a[col('state_name')] < b[col('state_name')] ? -1 : a[col('state_name')] > b[col('state_name')] ? 1 : Number(a[col('year')]) - Number(b[col('year')])));
  const num = (n: string, f: (v: number) => number = (v) => v): Float64Array => Float64Array.from(rows, (r) => f(Number(r[col(n)])));
  const unemp = num('unemp');
  return {
    y: num('gsp', Math.log),
    X: [num('pcap', Math.log), num('pc', Math.log), num('emp', Math.log), unemp],
    names: ['log(pcap)', 'log(pc)', 'log(emp)', 'unemp'],
    ids: rows.map((r) => r[col('state_name')]),
    times: rows.map((r) => Number(r[col('year')])),
    unemp,
  };
}
