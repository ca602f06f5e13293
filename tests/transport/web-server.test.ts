/** The loopback web server: token, Host guard, body limit, validation, static files with CSP. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { InputError } from '../../src/core/errors';
import { CHANNELS, CONTENT_SECURITY_POLICY, type Handlers } from '../../src/contract';
import { createDispatcher } from '../../src/services/handlers';
import { startWebServer, tokenMatches, type WebServer } from '../../src/transport/web-server';

/** crypto.timingSafeEqual as the server calls it, recorded (the real function still answers). */
const crypto = vi.hoisted(() => ({ calls: [] as [Buffer, Buffer][] }));
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  return {
    ...real,
    timingSafeEqual: (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
      crypto.calls.push([Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)]);
      return real.timingSafeEqual(a, b);
    },
  };
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(port: number, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Reply> {
  return new Promise((ok, fail) => {
    const req = request(
      { host: '127.0.0.1', port, method: opts.method ?? 'POST', path: opts.path, headers: { host: `127.0.0.1:${port}`, ...opts.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', fail);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

describe('web server', () => {
  let server: WebServer;
  let parentDir: string;
  let staticDir: string;
  const calls: unknown[] = [];

  beforeAll(async () => {
    // The static root sits beside a secret that no request may reach.
    parentDir = mkdtempSync(join(tmpdir(), 'rwb-static-'));
    staticDir = join(parentDir, 'static');
    mkdirSync(staticDir);
    writeFileSync(join(parentDir, 'secret.txt'), 'SECRET outside the static root');
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>rwb</title>');
    mkdirSync(join(staticDir, 'assets'));
    writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    const handlers: Record<string, unknown> = {};
    for (const c of CHANNELS) handlers[c] = async () => { throw new Error('not used'); };
    const h = handlers as Handlers;
    h['panel:values'] = async (req) => {
      calls.push(req);
      return [{ region: 'Ohio', value: req.period - 1900 }];
    };
    h['project:open'] = async ({ name }) => { throw new InputError('not-found', `No project ${name}.`, { name }); };
    server = await startWebServer({ dispatch: createDispatcher(h, () => undefined), port: 0, staticDir, maxBodyBytes: 4096 });
  });

  afterAll(async () => {
    await server.close();
    rmSync(parentDir, { recursive: true, force: true });
  });

  const api = (channel: string, body: unknown, headers: Record<string, string> = {}) =>
    send(server.port, {
      path: `/api/${channel}`,
      headers: { 'content-type': 'application/json', 'x-rwb-token': server.token, ...headers },
      body: JSON.stringify(body),
    });

  it('binds to 127.0.0.1 only and prints a URL carrying the token in the fragment', () => {
    expect(server.boundAddress).toBe('127.0.0.1');
    expect(server.host).toBe('127.0.0.1');
    expect(server.token).toMatch(/^[0-9a-f]{64}$/);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#token=${server.token}`);
  });

  it('answers 200 with the envelope for a valid call', async () => {
    const r = await api('panel:values', { variable: 'gsp', period: 1970 });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ ok: true, value: [{ region: 'Ohio', value: 70 }] });
    expect(r.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('answers 401 without the token and with a wrong one', async () => {
    const before = calls.length;
    const none = await send(server.port, { path: '/api/panel:values', headers: { 'content-type': 'application/json' }, body: '{"variable":"gsp","period":1970}' });
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body).error.message).toBe('Missing or wrong session token; open the URL printed by `npm run web`.');
    const wrong = await api('panel:values', { variable: 'gsp', period: 1970 }, { 'x-rwb-token': 'f'.repeat(64) });
    expect(wrong.status).toBe(401);
    expect(calls.length).toBe(before);
  });

  it('answers 403 for a foreign Host header (DNS rebinding) and a foreign Origin', async () => {
    const host = await api('panel:values', { variable: 'gsp', period: 1970 }, { host: `evil.example:${server.port}` });
    expect(host.status).toBe(403);
    expect(JSON.parse(host.body).error.message).toBe(`Requests must be addressed to 127.0.0.1:${server.port}.`);
    const page = await send(server.port, { method: 'GET', path: '/', headers: { host: 'attacker.test' } });
    expect(page.status).toBe(403);
    const origin = await api('panel:values', { variable: 'gsp', period: 1970 }, { origin: 'https://evil.example' });
    expect(origin.status).toBe(403);
    const local = await api('panel:values', { variable: 'gsp', period: 1970 }, { host: `localhost:${server.port}` });
    expect(local.status).toBe(200);
  });

  it('answers 413 for a body above the limit', async () => {
    const r = await api('panel:values', { variable: 'x'.repeat(5000), period: 1970 });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error.code).toBe('payload-too-large');
  });

  it('answers 413 for an oversized chunked body without a Content-Length', async () => {
    const r = await send(server.port, {
      path: '/api/panel:values',
      headers: { 'content-type': 'application/json', 'x-rwb-token': server.token, 'transfer-encoding': 'chunked' },
      body: JSON.stringify({ variable: 'y'.repeat(6000), period: 1 }),
    });
    expect(r.status).toBe(413);
  });

  it('answers 400 for an invalid payload, naming the field, and for malformed JSON', async () => {
    const r = await api('panel:values', { variable: 'gsp', period: 'nineteen seventy' });
    expect(r.status).toBe(400);
    const env = JSON.parse(r.body);
    expect(env.ok).toBe(false);
    expect(env.error.code).toBe('invalid-request');
    expect(env.error.message).toMatch(/^Invalid request for panel:values: period: /);
    const bad = await send(server.port, { path: '/api/panel:values', headers: { 'x-rwb-token': server.token }, body: '{not json' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.message).toBe('Invalid request for panel:values: the body is not valid JSON.');
  });

  it('answers 422 with the sentence of an input error, 404 for an unknown channel, 405 for GET on the API', async () => {
    const r = await api('project:open', { name: 'nowhere.rwb' });
    expect(r.status).toBe(422);
    expect(JSON.parse(r.body).error).toEqual({ code: 'not-found', message: 'No project nowhere.rwb.', details: { name: 'nowhere.rwb' } });
    expect((await api('fs:read', {})).status).toBe(404);
    expect((await send(server.port, { method: 'GET', path: '/api/app:info', headers: { 'x-rwb-token': server.token } })).status).toBe(405);
  });

  it('serves the renderer with the CSP header and nothing outside its directory', async () => {
    const index = await send(server.port, { method: 'GET', path: '/' });
    expect(index.status).toBe(200);
    expect(index.body).toContain('<title>rwb</title>');
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    const js = await send(server.port, { method: 'GET', path: '/assets/app.js' });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const escape = await send(server.port, { method: 'GET', path: '/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd' });
    expect([403, 404]).toContain(escape.status);
    expect(escape.body).not.toContain('root:');
    expect((await send(server.port, { method: 'GET', path: '/missing.js' })).status).toBe(404);
    const malformed = await send(server.port, { method: 'GET', path: '/%E0%A4%A' });
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.body).error.message).toBe('The request path is not valid percent-encoding.');
  });

  it('refuses encoded .. paths that would reach a file beside the static root (the traversal guard)', async () => {
    // Decoded, these leave the root (`..%2f` is one URL segment, so the URL parser keeps it;
    // percent-decoding makes it `../`). Without the guard in staticFileFor they serve secret.txt.
    for (const path of ['/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e%2fsecret.txt', '/assets%2f..%2f..%2fsecret.txt', '/..%2f..%2f' + parentDir.slice(1).split('/').map(encodeURIComponent).join('%2f') + '%2fsecret.txt']) {
      const r = await send(server.port, { method: 'GET', path });
      expect({ path, status: r.status }).toEqual({ path, status: 403 });
      expect(r.body).not.toContain('SECRET');
    }
    // Inside the root, .. is harmless.
    const inside = await send(server.port, { method: 'GET', path: '/assets/..%2findex.html' });
    expect(inside.status).toBe(200);
  });

  it('compares tokens with crypto.timingSafeEqual on fixed-length digests, whatever the lengths given', async () => {
    crypto.calls.length = 0;
    expect(tokenMatches('abc', 'abc')).toBe(true);
    expect(tokenMatches('abc', 'abd')).toBe(false);
    expect(tokenMatches('abc', 'abcd')).toBe(false);
    expect(tokenMatches('abc', '')).toBe(false);
    expect(tokenMatches('abc', 'x'.repeat(10_000))).toBe(false);
    // Every given string reached timingSafeEqual (no early return on length or content),
    // always with two 32-byte SHA-256 digests.
    expect(crypto.calls).toHaveLength(5);
    for (const [a, b] of crypto.calls) expect([a.length, b.length]).toEqual([32, 32]);
    expect(tokenMatches('abc', undefined)).toBe(false);
    // The server's check goes through it too.
    crypto.calls.length = 0;
    expect((await api('panel:values', { variable: 'gsp', period: 1970 }, { 'x-rwb-token': 'wrong' })).status).toBe(401);
    expect(crypto.calls).toHaveLength(1);
  });

  it('refuses a taken port with the listen error', async () => {
    await expect(startWebServer({ dispatch: async () => ({ ok: true, value: [] }), port: server.port })).rejects.toThrow(/EADDRINUSE/);
  });
});
