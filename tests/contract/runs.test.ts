/** The run registry: kinds, versions and the schemas a stored run is checked against. */
import { describe, expect, it } from 'vitest';
import { parseRun, regressionRunKind, RUN_KINDS, RUN_REGISTRY } from '../../src/contract/runs';
import { InputError } from '../../src/core/errors';

const spec = { y: 'log(gsp)', x: ['log(pcap)'], model: 'fe', effects: 'twoways', se: 'cluster', cluster: null, group: null, dkLag: null, source: 'produc.csv' };
const results = { fit: { coefficients: [{ name: 'log(pcap)', estimate: 0.1, se: null }], nObs: 816 }, nDropped: 0, nOutsideGroup: 0, warnings: [] };

function failure(f: () => unknown): InputError {
  try { f(); } catch (e) { if (e instanceof InputError) return e; throw e; }
  throw new Error('expected an InputError');
}

describe('run registry', () => {
  it('has a version and both schemas for every kind', () => {
    expect(Object.keys(RUN_REGISTRY).sort()).toEqual([...RUN_KINDS].sort());
    for (const k of RUN_KINDS) expect(RUN_REGISTRY[k].version).toBeGreaterThanOrEqual(1);
  });

  it('names a single regression by its model', () => {
    expect([regressionRunKind('pooled'), regressionRunKind('fe'), regressionRunKind('re')]).toEqual(['panel.pooled', 'panel.fe', 'panel.re']);
  });

  it('reads back a well-formed run with its kind and version', () => {
    const r = parseRun({ id: 3, kind: 'panel.fe', version: 1, spec, results });
    expect(r.kind).toBe('panel.fe');
    expect(r.version).toBe(1);
    expect(r.spec).toEqual(spec);
    expect(parseRun({ kind: 'panel.re', spec: { ...spec, model: 're' }, results }).version).toBe(1); // no version = 1
  });

  it('refuses an unknown kind, a newer version and a damaged spec or result, naming what is wrong', () => {
    const k = failure(() => parseRun({ id: 1, kind: 'fe', spec, results }));
    expect(k.code).toBe('run-unknown-kind');
    expect(k.message).toBe('The run 1 (fe) has a kind this version does not know (kinds: panel.pooled, panel.fe, panel.re, panel.compare).');
    const v = failure(() => parseRun({ id: 2, kind: 'panel.fe', version: 9, spec, results }));
    expect(v.code).toBe('run-unsupported-version');
    expect(v.message).toBe('The run 2 (panel.fe) was saved by a newer version of the app (schema 9 > 1).');
    const s = failure(() => parseRun({ id: 4, kind: 'panel.fe', spec: { ...spec, x: [] }, results }));
    expect(s.code).toBe('run-invalid');
    expect(s.message).toMatch(/^The run 4 \(panel\.fe\) is damaged: spec\.x: /);
    expect(s.details).toMatchObject({ path: 'spec.x' });
    const c = failure(() => parseRun({ id: 5, kind: 'panel.compare', spec, results }));
    expect(c.code).toBe('run-invalid');
    expect(c.details).toMatchObject({ path: 'spec.groupColumn' });
  });
});
