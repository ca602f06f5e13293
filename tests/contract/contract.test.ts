/** The typed contract: every channel has schemas, and bad payloads are refused with a sentence naming the field. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InputError } from '../../src/core/errors';
import {
  CHANNELS,
  CONTENT_SECURITY_POLICY,
  MAX_BASE64_CHARS,
  MAX_JSON_BODY_BYTES,
  MAX_UPLOAD_BYTES,
  contract,
  defineChannels,
  envelopeSchema,
  isChannel,
  parseRequest,
} from '../../src/contract';

/** Runs parseRequest and returns the InputError it throws (fails the test when it does not throw). */
function rejection(channel: string, payload: unknown): InputError {
  try {
    parseRequest(channel, payload);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error(`${channel} accepted ${JSON.stringify(payload)}`);
}

describe('contract', () => {
  it('lists the channels of issue 2 (app, project, map, data, import, derive)', () => {
    // Later issues add channels (weights, regression); these are the foundation's.
    expect([...CHANNELS]).toEqual(
      expect.arrayContaining([
        'app:info',
        'geometry:get',
        'import:commit',
        'import:preview',
        'panel:describe',
        'panel:values',
        'project:chooseFile',
        'project:open',
        'project:openSample',
        'project:summary',
        'variables:derive',
      ]),
    );
  });

  it('refuses a channel name declared twice when the groups are joined (a spread would overwrite it)', () => {
    const spec = { doc: 'a test channel', request: z.strictObject({}), response: z.null() };
    expect(() => defineChannels({ 'a:one': spec }, { 'a:two': spec, 'a:one': spec }))
      .toThrow('Channel "a:one" is declared twice (again in group 2 of defineChannels); channel names must be unique.');
    expect(Object.keys(defineChannels({ 'a:one': spec }, { 'a:two': spec }))).toEqual(['a:one', 'a:two']);
    expect(() => defineChannels({ 'no-colon': spec })).toThrow('Channel "no-colon" is not named group:action');
  });

  it('joins the real groups with defineChannels: every group\'s channels are in the table once', async () => {
    // file → its export (figures.ts exports figureChannels)
    const groups = await Promise.all([['app', 'app'], ['project', 'project'], ['project', 'projectContents'], ['map', 'map'], ['data', 'data'], ['import', 'import'], ['weights', 'weights'], ['regression', 'regression'], ['job', 'job'], ['figures', 'figure'], ['upload', 'upload'], ['esda', 'esda'], ['composite', 'index'], ['spatial-panel', 'spatialPanel'], ['gwr', 'gwr']]
      .map(async ([file, g]) => Object.keys((await import(`../../src/contract/${file}.ts`) as Record<string, object>)[`${g}Channels`])));
    expect(groups.flat().sort()).toEqual([...CHANNELS].sort());
  });

  it('gives every channel a request schema, a response schema and a doc line', () => {
    for (const c of CHANNELS) {
      const spec = contract[c];
      expect(spec.request, c).toBeInstanceOf(z.ZodType);
      expect(spec.response, c).toBeInstanceOf(z.ZodType);
      expect(spec.doc.length, c).toBeGreaterThan(10);
      expect(isChannel(c)).toBe(true);
    }
    expect(isChannel('constructor')).toBe(false);
    expect(isChannel('toString')).toBe(false);
  });

  it('accepts well-formed requests', () => {
    expect(parseRequest('app:info', {})).toEqual({});
    expect(parseRequest('app:info', undefined)).toEqual({});
    expect(parseRequest('project:openSample', { name: 'us-states' })).toEqual({ name: 'us-states' });
    expect(parseRequest('panel:values', { variable: 'gsp', period: 1970 })).toEqual({ variable: 'gsp', period: 1970 });
    expect(parseRequest('variables:derive', { name: 'lgsp', expression: ' log(gsp) ' })).toEqual({ name: 'lgsp', expression: 'log(gsp)' });
    const imp = parseRequest('import:preview', {
      panel: { source: { name: 'a.csv', dataBase64: Buffer.from('id,year,x\nA,2000,1\n').toString('base64') }, id: 'id', time: 'year' },
    });
    expect(imp.panel?.id).toBe('id');
  });

  it('refuses an unknown sample name, naming the field and the choices', () => {
    const e = rejection('project:openSample', { name: 'mars' });
    expect(e.code).toBe('invalid-request');
    expect(e.message).toMatch(/^Invalid request for project:openSample: name: /);
    expect(e.message).toContain('"china-provinces"');
    expect(e.details.fields).toEqual(['name']);
  });

  it('refuses a non-integer period and a missing variable', () => {
    const e = rejection('panel:values', { variable: 'gsp', period: 1970.5 });
    expect(e.message).toMatch(/period: .*int/i);
    const m = rejection('panel:values', { period: 1970 });
    expect(m.message).toMatch(/variable: /);
  });

  it('refuses unknown keys (strict objects)', () => {
    const e = rejection('project:open', { name: 'a.rwb', extra: 1 });
    expect(e.message).toMatch(/Unrecognized key.*"extra"/);
  });

  it('refuses a variable name that is not an identifier and an empty expression', () => {
    expect(rejection('variables:derive', { name: '1abc', expression: 'log(gsp)' }).message).toContain(
      'name: the name must start with a letter or _ and contain only letters, digits and _',
    );
    expect(rejection('variables:derive', { name: 'a', expression: '   ' }).message).toContain('expression: the expression is empty');
  });

  it('refuses an import with nothing to import, bad base64, or too many boundary files', () => {
    expect(rejection('import:preview', {}).message).toContain('choose a panel file, boundary files, or both');
    expect(
      rejection('import:commit', { panel: { source: { name: 'a.csv', dataBase64: 'not base64!' }, id: 'id', time: 'year' } }).message,
    ).toContain('panel.source');
    const many = Array.from({ length: 11 }, (_, i) => ({ path: `/tmp/f${i}.shp` }));
    expect(rejection('import:preview', { geometry: { sources: many, key: 'K' } }).message).toContain('geometry.sources: at most 10 boundary files');
  });

  it('refuses an unknown channel', () => {
    const e = rejection('fs:readFile', {});
    expect(e.code).toBe('unknown-channel');
    expect(e.message).toBe('There is no channel "fs:readFile".');
  });

  it('sizes the upload limits consistently (200 MB decoded, base64 inside the JSON body limit)', () => {
    expect(MAX_UPLOAD_BYTES).toBe(200 * 1024 * 1024);
    expect((MAX_BASE64_CHARS / 4) * 3).toBeGreaterThanOrEqual(MAX_UPLOAD_BYTES);
    expect(MAX_JSON_BODY_BYTES).toBeGreaterThan(MAX_BASE64_CHARS);
  });

  it('checks envelopes: ok with a valid value, failures with code/message/details', () => {
    const s = envelopeSchema(contract['panel:values'].response);
    expect(s.safeParse({ ok: true, value: [{ region: 'A', value: null }] }).success).toBe(true);
    expect(s.safeParse({ ok: true, value: [{ region: 'A', value: 'x' }] }).success).toBe(false);
    expect(s.safeParse({ ok: false, error: { code: 'x', message: 'y', details: {} } }).success).toBe(true);
    expect(s.safeParse({ ok: false, error: { code: 'x' } }).success).toBe(false);
  });

  it('uses the CSP of the brief: no remote content, blob workers for MapLibre', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; worker-src 'self' blob:; connect-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*/);
  });
});
