/**
 * Hardening of the Electron window and session: the hardened `webPreferences`, the allow-list
 * of URLs (our `app://rwb` pages, `data:`/`blob:` for MapLibre, the Vite dev server during
 * development; nothing remote), permission requests denied, navigation and new windows blocked,
 * and the shared CSP header on every response (Electron's security checklist).
 */
import type { Session, WebContents, WebPreferences } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../src/contract/security';
import { APP_ORIGIN } from './setup-protocol';

/** The window's web preferences (preload path added by the caller). */
export const HARDENED_WEB_PREFERENCES: Readonly<WebPreferences> = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  spellcheck: false,
});

/**
 * The Vite dev server the window loads instead of `app://rwb`, from `VITE_DEV_SERVER_URL`, and
 * only in an unpackaged development build: a packaged app ignores the variable, since the
 * origin it names would get the whole bridge (`window.rwb`). It must be an `http:` URL on a
 * loopback host (`localhost`, `127.0.0.1`, `[::1]`), as `vite` serves it; anything else is
 * ignored with a warning.
 */
export function devServerUrlFor(isPackaged: boolean, value: string | undefined): string | undefined {
  if (isPackaged || !value) return undefined;
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    console.warn(`[rwb] VITE_DEV_SERVER_URL is not a URL, ignored: ${value}`);
    return undefined;
  }
  if (u.protocol !== 'http:' || !['localhost', '127.0.0.1', '[::1]'].includes(u.hostname)) {
    console.warn(`[rwb] VITE_DEV_SERVER_URL must be http on a loopback host, ignored: ${value}`);
    return undefined;
  }
  return value;
}

/** Origins the renderer may load from: the app protocol, plus the dev server when one is given. */
export function allowedOrigins(devServerUrl?: string): string[] {
  return devServerUrl ? [APP_ORIGIN, originOf(new URL(devServerUrl))] : [APP_ORIGIN];
}

/**
 * `scheme://host[:port]` of a URL. (WHATWG `URL.origin` is the string "null" for schemes it
 * does not know, such as our `app:`, so it cannot be compared.)
 */
function originOf(u: URL): string {
  return `${u.protocol}//${u.host}`;
}

/** True for URLs the window may request: our pages and assets, `data:`/`blob:` (MapLibre), devtools. */
export function isAllowedUrl(url: string, devServerUrl?: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'devtools:') return true;
  if (devServerUrl && (u.protocol === 'ws:' || u.protocol === 'http:') && u.host === new URL(devServerUrl).host) return true;
  return allowedOrigins(devServerUrl).includes(originOf(u));
}

/** True when a navigation stays on our own page (a reload); anything else is blocked. */
export function isAppPage(url: string, devServerUrl?: string): boolean {
  try {
    return allowedOrigins(devServerUrl).includes(originOf(new URL(url)));
  } catch {
    return false;
  }
}

/**
 * Session-wide rules: deny every permission, cancel requests to anything but our own content,
 * and set the CSP header on every response.
 */
export function setupSessionSecurity(ses: Session, devServerUrl?: string): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedUrl(details.url, devServerUrl);
    if (!allowed) console.warn(`[rwb] blocked request to ${details.url}`);
    callback({ cancel: !allowed });
  });
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
        'X-Content-Type-Options': ['nosniff'],
      },
    });
  });
}

/** Per-page rules: no navigation away, no new windows, no webviews. */
export function hardenWebContents(contents: WebContents, devServerUrl?: string): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppPage(url, devServerUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppPage(url, devServerUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
