/**
 * The `app://rwb/` protocol that serves the built renderer. Loading from `file://` would give the
 * page the opaque origin `null`; MapLibre then loads its worker from a `data:` URL, which our
 * CSP (`worker-src 'self' blob:`) rightly forbids. A privileged standard scheme gives the page a
 * real origin, so `'self'` means exactly our bundled files.
 */
import type { Protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../src/contract/security';

/** Scheme of the app's pages. */
export const APP_SCHEME = 'app';
/** Host of the app's pages. */
export const APP_HOST = 'rwb';
/** Origin of the app's pages. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** URL of the main page. */
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/**
 * Must run before `app.whenReady()`: declares `app:` a standard, secure scheme. `corsEnabled`
 * lets module scripts and MapLibre's module worker load from it (module loads use CORS mode);
 * no other origin can ever reach it since the session blocks all remote content.
 */
export function registerAppScheme(protocol: Protocol): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } },
  ]);
}

/** Serves files under `rendererDir` at `app://rwb/…` with the CSP header; anything else is 404. */
export function setupAppProtocol(protocol: Protocol, rendererDir: string): void {
  const root = resolve(rendererDir);
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const rel = normalize(decodeURIComponent(url.pathname)).replace(/^[/\\]+/, '') || 'index.html';
    const file = join(root, rel);
    if (url.host !== APP_HOST || !file.startsWith(root + sep)) return new Response('Not found', { status: 404 });
    try {
      const data = await readFile(file);
      return new Response(new Uint8Array(data), {
        status: 200,
        headers: {
          'Content-Type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
          'Content-Security-Policy': CONTENT_SECURITY_POLICY,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
