/**
 * The loopback web server of `npm run web`: the same renderer in a browser, the same contract.
 * Bound to 127.0.0.1 only. Each `POST /api/<channel>` needs the session token (random 32 bytes
 * made at start, compared in constant time) in the `x-rwb-token` header, else 401; a Host
 * header other than 127.0.0.1/localhost:<port> is refused with 403 (DNS-rebinding guard);
 * bodies above the limit get 413; invalid payloads 400 with the field named. Static files of
 * the built renderer are served with the same CSP as the Electron window.
 *
 * Chunked uploads (src/services/import/uploads.ts): `POST /upload?upload=<handle>&offset=<n>`
 * with the same token, Host and Origin checks, `Content-Type: application/octet-stream` and a
 * body of at most `MAX_UPLOAD_CHUNK_BYTES`, written at `offset` into the upload's file (the
 * handle comes from the `upload:begin` channel). Answers an envelope with the bytes received:
 * 404 for an unknown or expired handle, 409 for an out-of-order offset, 413 for a chunk too
 * large or past the declared size, 415 for another content type.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, resolve, sep } from 'node:path';
import { isInputError } from '../core/errors';
import {
  CONTENT_SECURITY_POLICY,
  INTERNAL_ERROR,
  INVALID_REQUEST,
  MAX_JSON_BODY_BYTES,
  MAX_UPLOAD_CHUNK_BYTES,
  TOKEN_HEADER,
  errorEnvelope,
  isChannel,
  okEnvelope,
  type Envelope,
} from '../contract';
import type { Dispatch } from '../services/handlers';
import { chunkTooLarge, type UploadStore } from '../services/import/uploads';

/** Options of `startWebServer`. */
export interface WebServerOptions {
  /** The contract dispatcher (validation + handlers). */
  readonly dispatch: Dispatch;
  /** TCP port; 0 picks a free one. Default 5178. */
  readonly port?: number;
  /** Directory of the built renderer (`dist/renderer`); without it only the API is served. */
  readonly staticDir?: string;
  /** Largest accepted JSON body in bytes (default `MAX_JSON_BODY_BYTES`). */
  readonly maxBodyBytes?: number;
  /** Where `POST /upload` writes chunks (the app service's `uploads`); without it the route answers 404. */
  readonly uploads?: UploadStore;
}

/** A running server. */
export interface WebServer {
  /** Always `127.0.0.1`. */
  readonly host: string;
  /** The address the socket is actually bound to, as reported by the OS. */
  readonly boundAddress: string;
  readonly port: number;
  /** The session token (hex of 32 random bytes). */
  readonly token: string;
  /** The URL to open: `http://127.0.0.1:PORT/#token=…` (the renderer reads and removes the fragment). */
  readonly url: string;
  close(): Promise<void>;
}

/** The only interface the server listens on. */
export const LOOPBACK_HOST = '127.0.0.1';
/** Default port of `npm run web`. */
export const DEFAULT_WEB_PORT = 5178;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Status code for an envelope: 200 ok, 400 invalid request, 404 unknown channel, 422 other input errors, 500 internal. */
export function statusOf(env: Envelope<unknown>): number {
  if (env.ok) return 200;
  if (env.error.code === INVALID_REQUEST) return 400;
  if (env.error.code === 'unknown-channel') return 404;
  if (env.error.code === INTERNAL_ERROR) return 500;
  return 422;
}

/** Constant-time token comparison (both sides hashed first so lengths match). */
export function tokenMatches(expected: string, given: string | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}

/** HTTP status of an upload error: 404 unknown handle, 409 out of order, 413 too large, 422 otherwise. */
export function uploadStatusOf(code: string): number {
  if (code === 'upload-unknown') return 404;
  if (code === 'upload-offset-mismatch') return 409;
  if (code === 'upload-chunk-too-large' || code === 'upload-beyond-size') return 413;
  if (code === 'upload-bad-type') return 415;
  if (code === 'upload-bad-offset') return 400;
  return 422;
}

/**
 * The file under `root` that the decoded request path `rel` names, or null when it leaves
 * `root` (the traversal guard: `rel` comes percent-decoded, so `/assets/..%2f..%2fsecret`
 * arrives here as `assets/../../secret`, which `resolve` takes out of `root`).
 */
export function staticFileFor(root: string, rel: string): string | null {
  const file = resolve(root, rel);
  return file === root || file.startsWith(root + sep) ? file : null;
}

/**
 * Starts the server on 127.0.0.1.
 * @throws the listen error (e.g. `EADDRINUSE`) when the port is taken.
 */
export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const token = randomBytes(32).toString('hex');
  const maxBody = opts.maxBodyBytes ?? MAX_JSON_BODY_BYTES;
  let port = 0;
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      console.error('[rwb web] request failed:', e);
      if (!res.headersSent) sendJson(res, 500, errorEnvelope(INTERNAL_ERROR, 'The server failed to answer.'));
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = (req.headers.host ?? '').toLowerCase();
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      sendJson(res, 403, errorEnvelope('forbidden-host', `Requests must be addressed to 127.0.0.1:${port}.`));
      req.resume();
      return;
    }
    const url = new URL(req.url ?? '/', `http://${host}`);
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      req.resume();
      sendJson(res, 400, errorEnvelope('bad-path', 'The request path is not valid percent-encoding.'));
      return;
    }
    if (pathname.startsWith('/api/')) {
      await handleApi(req, res, pathname.slice(5));
      return;
    }
    if (pathname === '/upload') {
      await handleUpload(req, res, url);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, errorEnvelope('method-not-allowed', 'Only GET is allowed here.'));
      req.resume();
      return;
    }
    await serveStatic(res, pathname, req.method === 'HEAD');
  }

  /** POST from our own page with the session token; otherwise answers (405/403/401) and returns false. */
  function callerAllowed(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'POST') {
      req.resume();
      sendJson(res, 405, errorEnvelope('method-not-allowed', 'API calls must use POST.'));
      return false;
    }
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) {
      req.resume();
      sendJson(res, 403, errorEnvelope('forbidden-origin', 'Requests from other sites are refused.'));
      return false;
    }
    const given = req.headers[TOKEN_HEADER];
    if (!tokenMatches(token, Array.isArray(given) ? given[0] : given)) {
      req.resume();
      sendJson(res, 401, errorEnvelope('unauthorized', 'Missing or wrong session token; open the URL printed by `npm run web`.'));
      return false;
    }
    return true;
  }

  /** `POST /upload?upload=&offset=`: one chunk of a chunked upload, written to the upload's file. */
  async function handleUpload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (!callerAllowed(req, res)) return;
    const fail = (status: number, code: string, message: string, details: Record<string, unknown> = {}, close = false): void => {
      sendJson(res, status, errorEnvelope(code, message, details), close);
      if (close) req.destroy();
      else req.resume();
    };
    if (!opts.uploads) {
      fail(404, 'upload-unknown', 'That upload is unknown or has expired; choose the file again.', { upload: '' });
      return;
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'application/octet-stream') {
      fail(415, 'upload-bad-type', 'Upload chunks must be sent as application/octet-stream.', { contentType: type.slice(0, 80) });
      return;
    }
    const handle = (url.searchParams.get('upload') ?? '').slice(0, 64);
    const offsetText = url.searchParams.get('offset') ?? '';
    if (!/^\d{1,15}$/.test(offsetText)) {
      fail(400, 'upload-bad-offset', 'The upload offset must be a whole number of bytes.', { offset: offsetText.slice(0, 20) });
      return;
    }
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > MAX_UPLOAD_CHUNK_BYTES) {
      const e = chunkTooLarge(declared);
      fail(413, e.code, e.message, { ...e.details }, true);
      return;
    }
    const body = await readBody(req, MAX_UPLOAD_CHUNK_BYTES);
    if (body === null) {
      const e = chunkTooLarge(MAX_UPLOAD_CHUNK_BYTES + 1);
      fail(413, e.code, e.message, { ...e.details }, true);
      return;
    }
    try {
      const progress = await opts.uploads.append(handle, Number(offsetText), body);
      sendJson(res, 200, okEnvelope(progress));
    } catch (e) {
      if (!isInputError(e)) throw e;
      sendJson(res, uploadStatusOf(e.code), errorEnvelope(e.code, e.message, { ...e.details }));
    }
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    if (!callerAllowed(req, res)) return;
    if (!isChannel(channel)) {
      req.resume();
      sendJson(res, 404, errorEnvelope('unknown-channel', `There is no channel "${channel}".`, { channel }));
      return;
    }
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > maxBody) {
      sendJson(res, 413, errorEnvelope('payload-too-large', `The request is larger than the ${formatBytes(maxBody)} limit.`, { limit: formatBytes(maxBody) }), true);
      req.destroy();
      return;
    }
    const body = await readBody(req, maxBody);
    if (body === null) {
      sendJson(res, 413, errorEnvelope('payload-too-large', `The request is larger than the ${formatBytes(maxBody)} limit.`, { limit: formatBytes(maxBody) }), true);
      req.destroy();
      return;
    }
    let payload: unknown = {};
    if (body.length > 0) {
      try {
        payload = JSON.parse(body.toString('utf8'));
      } catch {
        sendJson(res, 400, errorEnvelope(INVALID_REQUEST, `Invalid request for ${channel}: the body is not valid JSON.`));
        return;
      }
    }
    const env = await opts.dispatch(channel, payload);
    sendJson(res, statusOf(env), env);
  }

  const root = opts.staticDir ? resolve(opts.staticDir) : null;
  async function serveStatic(res: ServerResponse, pathname: string, headOnly: boolean): Promise<void> {
    if (!root) {
      sendText(res, 404, 'The renderer is not built. Run `npm run build:renderer`.');
      return;
    }
    const rel = pathname === '/' ? 'index.html' : pathname.replace(/^[/\\]+/, '');
    const file = staticFileFor(root, rel);
    if (file === null) {
      sendText(res, 403, 'Forbidden.');
      return;
    }
    const info = await stat(file).catch(() => null);
    if (!info || !info.isFile()) {
      sendText(res, 404, 'Not found.');
      return;
    }
    const data = await readFile(file);
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': data.length,
      'Cache-Control': rel === 'index.html' ? 'no-store' : 'max-age=3600',
    });
    res.end(headOnly ? undefined : data);
  }

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? DEFAULT_WEB_PORT, LOOPBACK_HOST, () => {
      server.off('error', fail);
      ok();
    });
  });
  const bound = server.address() as AddressInfo;
  port = bound.port;
  return {
    host: LOOPBACK_HOST,
    boundAddress: bound.address,
    port,
    token,
    url: `http://${LOOPBACK_HOST}:${port}/#token=${token}`,
    close: () =>
      new Promise<void>((ok, fail) => {
        server.close((e) => (e ? fail(e) : ok()));
        server.closeAllConnections();
      }),
  };
}

/** Reads the body, or null as soon as it exceeds `max` bytes. */
function readBody(req: IncomingMessage, max: number): Promise<Buffer | null> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      if (over) return;
      size += c.length;
      if (size > max) {
        over = true;
        chunks.length = 0;
        ok(null);
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (!over) ok(Buffer.concat(chunks));
    });
    req.on('error', (e) => {
      if (!over) fail(e);
    });
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, closeConnection = false): void {
  const data = Buffer.from(JSON.stringify(body));
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': data.length,
    'Cache-Control': 'no-store',
    ...(closeConnection ? { Connection: 'close' } : {}),
  });
  res.end(data);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round(n / (1024 * 1024))} MB` : `${n} bytes`;
}
