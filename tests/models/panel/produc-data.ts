/** Loads produc.csv into a panel design for the reference tests (tiny local CSV parser). */
import { readFileSync } from 'node:fs';
import type { PanelDesign } from '../../../src/models/panel/types';

export const PRODUC_CSV = '/work/shared/data/produc.csv';
export const X_NAMES = ['log(pcap)', 'log(pc)', 'log(emp)', 'unemp'];

interface Row { state: string; year: number; pcap: number; pc: number; gsp: number; emp: number; unemp: number }

/** Rows sorted by state_name, year (the order of the R reference script). */
export function readProduc(): Row[] {
  const lines = readFileSync(PRODUC_CSV, 'utf8').trim().split(/\r?\n/);
  const head = lines[0].split(',');
  const col = (n: string): number => head.indexOf(n);
  const rows = lines.slice(1).map((l) => {
    const f = l.split(',');
    return { state: f[col('state_name')], year: Number(f[col('year')]), pcap: Number(f[col('pcap')]), pc: Number(f[col('pc')]),
      gsp: Number(f[col('gsp')]), emp: Number(f[col('emp')]), unemp: Number(f[col('unemp')]) };
  });
  return rows.sort((a, b) => (a.state < b.state ? -1 : a.state > b.state ? 1 : a.year - b.year));
}

/** y = log(gsp), X = log(pcap), log(pc), log(emp), unemp; optionally keep only some rows. */
export function producDesign(keep?: (row: Row, index: number) => boolean): PanelDesign {
  const rows = readProduc().filter((r, i) => (keep ? keep(r, i) : true));
  return {
    y: Float64Array.from(rows, (r) => Math.log(r.gsp)),
    X: [
      Float64Array.from(rows, (r) => Math.log(r.pcap)),
      Float64Array.from(rows, (r) => Math.log(r.pc)),
      Float64Array.from(rows, (r) => Math.log(r.emp)),
      Float64Array.from(rows, (r) => r.unemp),
    ],
    names: [...X_NAMES],
    ids: rows.map((r) => r.state),
    times: rows.map((r) => r.year),
  };
}
