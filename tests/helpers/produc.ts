/**
 * Munnell's Produc panel (assets/datasets/produc.csv: 48 US states × 1970–1986) for the
 * reference tests, read with a tiny local CSV parser (the file has no quotes) so the tests do
 * not depend on the import code they may be checking.
 */
import { readFileSync } from 'node:fs';
import type { LongPanel } from '../../src/core/panel';
import type { PanelDesign } from '../../src/models/panel/types';
import { datasetPath } from './paths';

/** Where the file is. */
export const PRODUC_CSV = datasetPath('produc.csv');

/** The numeric columns besides year and region, in file order. */
export const PRODUC_NUMERIC = ['pcap', 'hwy', 'water', 'util', 'pc', 'gsp', 'emp', 'unemp'] as const;
type Numeric = (typeof PRODUC_NUMERIC)[number];

/** One line of the file: `state_name` as `state`, the BEA `region` code as written. */
export type ProducRow = { state: string; year: number; region: string } & Record<Numeric, number>;

/** Every row, in file order (file row = index + 2, the header being row 1). */
export function readProducRows(): ProducRow[] {
  const lines = readFileSync(PRODUC_CSV, 'utf8').trim().split(/\r?\n/);
  const head = lines[0].split(',');
  const col = (n: string): number => head.indexOf(n);
  return lines.slice(1).map((l) => {
    const f = l.split(',');
    const row = { state: f[col('state_name')], year: Number(f[col('year')]), region: f[col('region')] } as ProducRow;
    for (const v of PRODUC_NUMERIC) row[v] = Number(f[col(v)]);
    return row;
  });
}

/** Rows sorted by state_name, then year (the order of the R reference scripts). */
export function readProduc(): ProducRow[] {
  return readProducRows().sort((a, b) => (a.state < b.state ? -1 : a.state > b.state ? 1 : a.year - b.year));
}

/** The file as a long panel (id `state_name`, time `year`, the numeric columns), in file order. */
export function producPanel(): LongPanel {
  const rows = readProducRows();
  const values: Record<string, Float64Array> = {};
  for (const v of PRODUC_NUMERIC) values[v] = Float64Array.from(rows, (r) => r[v]);
  return {
    source: 'produc.csv',
    idColumn: 'state_name',
    timeColumn: 'year',
    ids: rows.map((r) => r.state),
    times: rows.map((r) => r.year),
    rowNumbers: rows.map((_, i) => i + 2),
    variables: [...PRODUC_NUMERIC],
    values,
  };
}

/** Regressor names of {@link producDesign}. */
export const X_NAMES = ['log(pcap)', 'log(pc)', 'log(emp)', 'unemp'];

/**
 * The textbook design, sorted by state then year: y = log(gsp), X = log(pcap), log(pc),
 * log(emp), unemp (`unemp` is also returned on its own, the same array as `X[3]`);
 * optionally keep only some rows (index into the sorted rows).
 */
export function producDesign(keep?: (row: ProducRow, index: number) => boolean): PanelDesign & { unemp: Float64Array } {
  const rows = readProduc().filter((r, i) => (keep ? keep(r, i) : true));
  const unemp = Float64Array.from(rows, (r) => r.unemp);
  return {
    y: Float64Array.from(rows, (r) => Math.log(r.gsp)),
    X: [
      Float64Array.from(rows, (r) => Math.log(r.pcap)),
      Float64Array.from(rows, (r) => Math.log(r.pc)),
      Float64Array.from(rows, (r) => Math.log(r.emp)),
      unemp,
    ],
    names: [...X_NAMES],
    ids: rows.map((r) => r.state),
    times: rows.map((r) => r.year),
    unemp,
  };
}
