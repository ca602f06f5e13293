/**
 * The Produc panel (48 states × 1970–1986) stacked for the spatial panel engine on the queen
 * contiguity of us48, row-standardised: regions in the reference's order (STATE_NAME
 * alphabetical), neighbours from the reference file's `neighbors` block
 * (spdep::poly2nb(us48, queen = TRUE)), y = log(gsp), X = log(pcap), log(pc), log(emp), unemp.
 */
import { CsrMatrix } from '../../../src/linalg/sparse';
import { stackPanel } from '../../../src/models/spatial-panel';
import type { SpatialPanelInput } from '../../../src/models/spatial-panel';
import { producReference } from '../../helpers/paths';
import { readProducRows } from '../../helpers/produc';

interface Ref { order: string[]; neighbors: Record<string, string[]> }

/** Row-standardised queen W of us48 in the reference order. */
export function producW(): { ids: string[]; w: CsrMatrix } {
  const ref = producReference<Ref>();
  const ids = ref.order;
  const pos = new Map(ids.map((id, i) => [id, i]));
  const I: number[] = [], J: number[] = [], V: number[] = [];
  ids.forEach((id, i) => {
    const nb = ref.neighbors[id];
    for (const j of nb) { I.push(i); J.push(pos.get(j) as number); V.push(1 / nb.length); }
  });
  return { ids, w: CsrMatrix.fromTriplets(ids.length, ids.length, I, J, V) };
}

/** The stacked Produc input (names as in the reference: log_pcap, log_pc, log_emp, unemp). */
export function producInput(): SpatialPanelInput {
  const { ids, w } = producW();
  const rows = readProducRows();
  return stackPanel({
    regionIds: ids, ids: rows.map((r) => r.state), times: rows.map((r) => r.year), yName: 'log_gsp',
    y: rows.map((r) => Math.log(r.gsp)),
    x: [
      { name: 'log_pcap', values: rows.map((r) => Math.log(r.pcap)) },
      { name: 'log_pc', values: rows.map((r) => Math.log(r.pc)) },
      { name: 'log_emp', values: rows.map((r) => Math.log(r.emp)) },
      { name: 'unemp', values: rows.map((r) => r.unemp) },
    ],
    w,
  });
}
