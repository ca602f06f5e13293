import type { TableFit } from '../../src/report/regression-table';

/**
 * Hand-made fits for table tests. Column 1 carries the Produc two-way FE estimates and
 * Stata-convention cluster SEs of tests/fixtures/reference/produc_reference.json `fe_twoways`
 * (R: fe2_cluster in ref_lib.R); t = estimate/se, p two-sided t with G−1 = 47 df
 * (R: 2*pt(-abs(t), 47)).
 */
export const produc: TableFit = {
  model: 'fe', effects: 'twoways', seType: 'cluster', nObs: 816, nGroups: 48, r2Within: 0.95357060817005,
  coefficients: [
    { name: 'log(pcap)', estimate: -0.0301760565798378, se: 0.0582404219714483, t: -0.5181291, p: 0.606799 },
    { name: 'log(pc)', estimate: 0.168828035406845, se: 0.0856798850385663, t: 1.9704512, p: 0.0546933 },
    { name: 'log(emp)', estimate: 0.769306196203368, se: 0.0850678967052448, t: 9.0434374, p: 7.40941e-12 },
    { name: 'unemp', estimate: -0.00422109260354054, se: 0.00319538380943873, t: -1.3209971, p: 0.192898 },
  ],
};

/** Illustrative (made-up) second column for formatting tests: no `unemp`, `individual` effects, classical SEs. */
export const east: TableFit = {
  model: 'fe', effects: 'individual', seType: 'classical', nObs: 153, nGroups: 9, r2Within: 0.8123,
  coefficients: [
    { name: 'log(pcap)', estimate: 0.0412, se: 0.0203, t: 2.0296, p: 0.0443 },
    { name: 'log(pc)', estimate: 0.2519, se: 0.0312, t: 8.0737, p: 1e-13 },
    { name: 'log(emp)', estimate: 0.6431, se: 0.0521, t: 12.3436, p: 1e-20 },
  ],
};
