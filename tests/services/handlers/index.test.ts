/** The dispatcher: validate first, then call; InputError keeps its sentence, other errors become `internal`. */
import { describe, expect, it, vi } from 'vitest';
import { InputError } from '../../../src/core/errors';
import { CHANNELS, INTERNAL_MESSAGE, type Handlers } from '../../../src/contract';
import { ResponseContractError, checkResponse, createDispatcher } from '../../../src/services/handlers';

function handlersWith(overrides: Partial<Handlers>): Handlers {
  const all: Record<string, unknown> = {};
  for (const c of CHANNELS) all[c] = async () => { throw new Error(`${c} not expected in this test`); };
  return { ...(all as Handlers), ...overrides };
}

describe('createDispatcher', () => {
  it('passes the parsed request to the handler and wraps the value', async () => {
    const values = vi.fn(async (req: { variable: string; period: number }) => [{ region: 'A', value: req.period }]);
    const d = createDispatcher(handlersWith({ 'panel:values': values }));
    await expect(d('panel:values', { variable: 'gsp', period: 1970 })).resolves.toEqual({ ok: true, value: [{ region: 'A', value: 1970 }] });
    expect(values).toHaveBeenCalledWith({ variable: 'gsp', period: 1970 });
  });

  it('never calls the handler for an invalid request', async () => {
    const values = vi.fn(async () => []);
    const d = createDispatcher(handlersWith({ 'panel:values': values }));
    const env = await d('panel:values', { variable: 'gsp', period: 'x' });
    expect(env.ok).toBe(false);
    if (!env.ok) {
      expect(env.error.code).toBe('invalid-request');
      expect(env.error.message).toMatch(/^Invalid request for panel:values: period: /);
    }
    expect(values).not.toHaveBeenCalled();
  });

  it('returns an InputError as its code, message and details', async () => {
    const d = createDispatcher(handlersWith({
      'project:open': async () => { throw new InputError('not-found', 'No project file at /x.rwb.', { path: '/x.rwb' }); },
    }));
    await expect(d('project:open', { name: 'x.rwb' })).resolves.toEqual({
      ok: false,
      error: { code: 'not-found', message: 'No project file at /x.rwb.', details: { path: '/x.rwb' } },
    });
  });

  it('hides other errors behind a generic sentence and logs them on the main side', async () => {
    const boom = new TypeError('cannot read properties of undefined (secret internals)');
    const log = vi.fn();
    const d = createDispatcher(handlersWith({ 'project:summary': async () => { throw boom; } }), log);
    const env = await d('project:summary', {});
    expect(env).toEqual({ ok: false, error: { code: 'internal', message: INTERNAL_MESSAGE, details: {} } });
    expect(JSON.stringify(env)).not.toContain('secret');
    expect(log).toHaveBeenCalledWith('project:summary', boom);
  });

  it('turns a handler value that breaks its response schema into an internal error, logged with the field', async () => {
    const log = vi.fn();
    const d = createDispatcher(handlersWith({
      // A wrong shape: value must be a number or null, not a string.
      'panel:values': async () => [{ region: 'A', value: 'twelve' }] as unknown as { region: string; value: number | null }[],
    }), log);
    const env = await d('panel:values', { variable: 'gsp', period: 1970 });
    expect(env).toEqual({ ok: false, error: { code: 'internal', message: INTERNAL_MESSAGE, details: {} } });
    expect(log).toHaveBeenCalledTimes(1);
    const [channel, error] = log.mock.calls[0] as [string, Error];
    expect(channel).toBe('panel:values');
    expect(error).toBeInstanceOf(ResponseContractError);
    expect(error.message).toMatch(/^The response of panel:values breaks the contract: 0\.value: /);
  });

  it('checks every channel\'s response, not only some: a bare number matches no response schema', () => {
    for (const c of CHANNELS) expect(() => checkResponse(c, 42), c).toThrow(ResponseContractError);
  });

  it('sends plain JSON: missing values (NaN) as null and typed arrays as arrays', async () => {
    const d = createDispatcher(handlersWith({ 'panel:values': async () => [{ region: 'A', value: Number.NaN }] }));
    await expect(d('panel:values', { variable: 'gsp', period: 1970 })).resolves.toEqual({ ok: true, value: [{ region: 'A', value: null }] });
  });
});
