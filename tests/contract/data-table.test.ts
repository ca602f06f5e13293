/** The Data tab's channels (src/contract/data.ts): defaults, strict objects, and sentences naming the field. */
import { describe, expect, it } from 'vitest';
import { CHANNELS, parseRequest } from '../../src/contract';
import { InputError } from '../../src/core/errors';

function rejection(channel: string, payload: unknown): string {
  try {
    parseRequest(channel, payload);
  } catch (e) {
    if (e instanceof InputError) return e.message;
    throw e;
  }
  throw new Error(`${channel} accepted ${JSON.stringify(payload)}`);
}

describe('data table contract', () => {
  it('declares the table, edit, delete, undo, log and dependents channels', () => {
    expect(CHANNELS).toEqual(expect.arrayContaining(['panel:table', 'data:editCell', 'variables:delete', 'data:undo', 'data:edits', 'variables:dependents', 'variables:recompute']));
  });

  it('fills the defaults of a table request: region order, missing last, first 100 rows', () => {
    expect(parseRequest('panel:table', { variables: ['gsp'] })).toEqual({
      variables: ['gsp'], sort: { by: 'region', direction: 'asc' }, missing: 'last', missingOnly: false, offset: 0, limit: 100,
    });
    expect(parseRequest('variables:delete', { name: 'gsp' })).toEqual({ name: 'gsp', withDependents: false });
    expect(parseRequest('data:undo', {})).toEqual({});
    expect(parseRequest('data:edits', {})).toEqual({ limit: 200 });
  });

  it('refuses unknown keys, a variable sort without its variable, no variables, a page over 500 rows and a non-finite cell', () => {
    expect(rejection('panel:table', { variables: ['gsp'], extra: 1 })).toContain('extra');
    expect(rejection('panel:table', { variables: ['gsp'], sort: { by: 'variable' } }))
      .toContain('sort.variable: name the variable to sort by exactly when sorting by a variable');
    expect(rejection('panel:table', { variables: [] })).toContain('variables: choose at least one variable');
    expect(rejection('panel:table', { variables: ['gsp'], limit: 501 })).toContain('limit');
    expect(rejection('data:editCell', { variable: 'gsp', region: 'Ohio', period: 1970, value: Number.POSITIVE_INFINITY }))
      .toContain('value');
    expect(rejection('data:editCell', { variable: 'gsp', region: 'Ohio', period: 1970.5, value: 1 })).toContain('period');
    expect(parseRequest('data:editCell', { variable: 'gsp', region: 'Ohio', period: 1970, value: null }))
      .toEqual({ variable: 'gsp', region: 'Ohio', period: 1970, value: null });
  });
});
