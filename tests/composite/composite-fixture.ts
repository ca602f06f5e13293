/**
 * Test helper: the fixed indicator table of scripts/reference/composite-reference.R (Produc
 * 1970–1974, 48 states, 240 rows in file order) and its reference values
 * (tests/fixtures/reference/composite_reference.json).
 */
import type { Direction } from '../../src/composite';
import { readProducRows, type ProducRow } from '../helpers/produc';
import { fixturePath, readJsonFile } from '../helpers/paths';

/** The reference JSON (only the blocks the tests read are typed loosely). */
export type CompositeReference = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const reference = (): CompositeReference => readJsonFile<CompositeReference>(fixturePath('reference', 'composite_reference.json'));

/** The table's rows (1970–1974) and indicator columns in the R script's order. */
export function indicatorTable(): {
  rows: ProducRow[]; ids: string[]; times: number[];
  indicators: { name: string; direction: Direction; dimension: string; values: Float64Array }[];
} {
  const rows = readProducRows().filter((r) => r.year <= 1974);
  const col = (f: (r: ProducRow) => number) => Float64Array.from(rows, f);
  return {
    rows,
    ids: rows.map((r) => r.state),
    times: rows.map((r) => r.year),
    indicators: [
      { name: 'gsp/emp', direction: '+', dimension: 'economy', values: col((r) => r.gsp / r.emp) },
      { name: 'unemp', direction: '-', dimension: 'economy', values: col((r) => r.unemp) },
      { name: 'pcap/emp', direction: '+', dimension: 'infrastructure', values: col((r) => r.pcap / r.emp) },
      { name: 'hwy/pcap', direction: '+', dimension: 'infrastructure', values: col((r) => r.hwy / r.pcap) },
      { name: 'water/pcap', direction: '-', dimension: 'infrastructure', values: col((r) => r.water / r.pcap) },
    ],
  };
}
