/** The project explorer's channel (issue 13): `project:contents`, an empty strict request and a checked response. */
import { describe, expect, it } from 'vitest';
import { CHANNELS, contract, parseRequest } from '../../src/contract';
import { InputError } from '../../src/core/errors';

/** A response as the US sample gives it, cut to one variable (plm::Produc: 48 states × 17 years). */
const VALUE = {
  datasets: {
    layers: [{ layer: 'states', regions: 48 }],
    sources: [{ source: 'produc.csv', variables: ['gsp'], regions: 48, periods: 17, firstPeriod: 1970, lastPeriod: 1986 }],
  },
  variables: [{ name: 'gsp', label: null, unit: null, source: 'produc.csv', expression: null, simulated: false, createdAt: '2026-01-01T00:00:00.000Z', n: 816, missing: 0 }],
  panelRows: 816,
  weights: [{ name: 'queen', specText: 'queen:std=row', n: 48, createdAt: '2026-01-01T00:00:00.000Z' }],
  runs: [{ id: 1, kind: 'panel.fe', createdAt: '2026-01-01T00:00:00.000Z', appVersion: '0.1.0', seed: null, summary: 'lgsp ~ pcap · fe, twoways' }],
  figures: { map: 0, chart: 0 },
};

describe('project:contents contract', () => {
  it('is a channel with an empty request that refuses any field', () => {
    expect(CHANNELS).toContain('project:contents');
    expect(parseRequest('project:contents', {})).toEqual({});
    let refused: unknown;
    try { parseRequest('project:contents', { path: '/etc/passwd' }); } catch (e) { refused = e; }
    expect(refused).toBeInstanceOf(InputError);
    expect((refused as InputError).code).toBe('invalid-request');
  });

  it('accepts the explorer lists and refuses a response without the runs, or with a fractional count', () => {
    const schema = contract['project:contents'].response;
    expect(schema.parse(VALUE)).toEqual(VALUE);
    const { runs: _runs, ...noRuns } = VALUE;
    expect(schema.safeParse(noRuns).success).toBe(false);
    expect(schema.safeParse({ ...VALUE, panelRows: 81.6 }).success).toBe(false);
  });
});
