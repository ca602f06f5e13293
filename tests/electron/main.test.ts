/**
 * The Electron main process under Node, with the `electron` module replaced by a test double:
 * every contract channel registered with ipcMain.handle, the window hardened, navigation and
 * new windows blocked, remote requests cancelled, the CSP header set, the single-instance lock
 * requested, and the app:// protocol serving only the renderer directory.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS, CONTENT_SECURITY_POLICY } from '../../src/contract';

type Fn = (...args: never[]) => unknown;

/** Everything the double records, shared with the vi.mock factory. */
const h = vi.hoisted(() => {
  const state = {
    lock: true,
    appDir: '',
    userDir: '',
    handlers: new Map<string, Fn>(),
    appEvents: new Map<string, Fn>(),
    windows: [] as { options: Record<string, unknown>; url: string | null; contents: { events: Map<string, Fn>; openHandler: Fn | null } }[],
    permissionHandler: null as Fn | null,
    permissionCheck: null as Fn | null,
    beforeRequest: null as Fn | null,
    headersReceived: null as Fn | null,
    schemes: [] as unknown[],
    protocolHandler: null as Fn | null,
    quit: 0,
  };
  return state;
});

vi.mock('electron', () => {
  class FakeWebContents {
    events = new Map<string, Fn>();
    openHandler: Fn | null = null;
    on(name: string, fn: Fn) {
      this.events.set(name, fn);
      return this;
    }
    setWindowOpenHandler(fn: Fn) {
      this.openHandler = fn;
    }
  }
  class BrowserWindow {
    webContents = new FakeWebContents();
    record: (typeof h.windows)[number];
    constructor(options: Record<string, unknown>) {
      this.record = { options, url: null, contents: this.webContents };
      h.windows.push(this.record);
    }
    once() {
      return this;
    }
    loadURL(url: string) {
      this.record.url = url;
      return Promise.resolve();
    }
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {}
    show() {}
  }
  const app = {
    requestSingleInstanceLock: vi.fn(() => h.lock),
    quit: vi.fn(() => {
      h.quit++;
    }),
    on: vi.fn((name: string, fn: Fn) => {
      h.appEvents.set(name, fn);
    }),
    whenReady: vi.fn(() => Promise.resolve()),
    getPath: vi.fn(() => h.userDir),
    getVersion: vi.fn(() => '0.1.0-test'),
    getAppPath: vi.fn(() => h.appDir),
    // A packaged build: VITE_DEV_SERVER_URL (set in beforeAll) must be ignored.
    isPackaged: true,
  };
  return {
    app,
    BrowserWindow,
    dialog: { showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] })) },
    ipcMain: { handle: vi.fn((channel: string, fn: Fn) => h.handlers.set(channel, fn)) },
    protocol: {
      registerSchemesAsPrivileged: vi.fn((s: unknown[]) => h.schemes.push(...s)),
      handle: vi.fn((_scheme: string, fn: Fn) => {
        h.protocolHandler = fn;
      }),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: Fn) => {
          h.permissionHandler = fn;
        },
        setPermissionCheckHandler: (fn: Fn) => {
          h.permissionCheck = fn;
        },
        webRequest: {
          onBeforeRequest: (fn: Fn) => {
            h.beforeRequest = fn;
          },
          onHeadersReceived: (fn: Fn) => {
            h.headersReceived = fn;
          },
        },
      },
    },
  };
});

const electron = await import('electron');

/** A dev-server URL in the environment of a packaged app: it must get nothing. */
const DEV_SERVER = 'http://localhost:5173/';
const savedDevServer = process.env.VITE_DEV_SERVER_URL;

describe('electron main (test double)', () => {
  beforeAll(async () => {
    h.appDir = mkdtempSync(join(tmpdir(), 'rwb-appdir-'));
    h.userDir = mkdtempSync(join(tmpdir(), 'rwb-userdata-'));
    mkdirSync(join(h.appDir, 'dist', 'renderer'), { recursive: true });
    writeFileSync(join(h.appDir, 'dist', 'renderer', 'index.html'), '<!doctype html><title>workbench</title>');
    writeFileSync(join(h.appDir, 'secret.txt'), 'outside the renderer');
    process.env.VITE_DEV_SERVER_URL = DEV_SERVER;
    const main = await import('../../electron/main');
    await main.mainReady;
  }, 120_000);

  afterAll(() => {
    if (savedDevServer === undefined) delete process.env.VITE_DEV_SERVER_URL;
    else process.env.VITE_DEV_SERVER_URL = savedDevServer;
    h.appEvents.get('window-all-closed')?.();
    rmSync(h.appDir, { recursive: true, force: true });
    rmSync(h.userDir, { recursive: true, force: true });
  });

  it('requests the single-instance lock before anything else', () => {
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalledTimes(1);
    expect(h.appEvents.has('second-instance')).toBe(true);
  });

  it('registers exactly one ipcMain.handle per contract channel', () => {
    expect(electron.ipcMain.handle).toHaveBeenCalledTimes(CHANNELS.length);
    expect([...h.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
  });

  it('creates one window with hardened webPreferences and loads app://rwb', () => {
    expect(h.windows).toHaveLength(1);
    const prefs = h.windows[0].options.webPreferences as Record<string, unknown>;
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(String(prefs.preload)).toMatch(/preload\.cjs$/);
    expect(h.windows[0].url).toBe('app://rwb/index.html');
  });

  it('blocks navigation away from the app and denies new windows', () => {
    const { events, openHandler } = h.windows[0].contents;
    const nav = events.get('will-navigate') as (e: { preventDefault: () => void }, url: string) => void;
    const away = { preventDefault: vi.fn() };
    nav(away, 'https://example.com/');
    expect(away.preventDefault).toHaveBeenCalled();
    const file = { preventDefault: vi.fn() };
    nav(file, 'file:///etc/passwd');
    expect(file.preventDefault).toHaveBeenCalled();
    const reload = { preventDefault: vi.fn() };
    nav(reload, 'app://rwb/index.html');
    expect(reload.preventDefault).not.toHaveBeenCalled();
    expect(events.has('will-redirect')).toBe(true);
    const webview = { preventDefault: vi.fn() };
    (events.get('will-attach-webview') as (e: typeof webview) => void)(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    expect(openHandler).not.toBeNull();
    expect((openHandler as () => unknown)()).toEqual({ action: 'deny' });
    // Every later web contents is hardened too.
    expect(h.appEvents.has('web-contents-created')).toBe(true);
  });

  it('denies every permission request', () => {
    const cb = vi.fn();
    (h.permissionHandler as (wc: unknown, p: string, cb: (ok: boolean) => void) => void)({}, 'geolocation', cb);
    expect(cb).toHaveBeenCalledWith(false);
    expect((h.permissionCheck as () => boolean)()).toBe(false);
  });

  it('cancels requests to anything but the app, data: and blob:', () => {
    const decide = (url: string) => {
      const cb = vi.fn();
      (h.beforeRequest as (d: { url: string }, cb: (r: { cancel: boolean }) => void) => void)({ url }, cb);
      return (cb.mock.calls[0][0] as { cancel: boolean }).cancel;
    };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(decide('https://demotiles.maplibre.org/font/0-255.pbf')).toBe(true);
    expect(decide('http://127.0.0.1:5178/api/app:info')).toBe(true);
    expect(decide('file:///etc/passwd')).toBe(true);
    expect(decide('app://rwb/assets/index.js')).toBe(false);
    expect(decide('app://other/index.html')).toBe(true);
    expect(decide('blob:app://rwb/1234')).toBe(false);
    expect(decide('data:text/plain,hi')).toBe(false);
    warn.mockRestore();
  });

  it('sets the CSP header on every response', () => {
    const cb = vi.fn();
    (h.headersReceived as (d: unknown, cb: (r: unknown) => void) => void)({ responseHeaders: { 'X-Other': ['1'] } }, cb);
    const headers = (cb.mock.calls[0][0] as { responseHeaders: Record<string, string[]> }).responseHeaders;
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(headers['Content-Security-Policy'][0]).toContain(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; worker-src 'self' blob:; connect-src 'self'",
    );
    expect(headers['X-Other']).toEqual(['1']);
  });

  it('serves only the renderer directory on app://rwb with the CSP header', async () => {
    expect(h.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } }]);
    const serve = h.protocolHandler as (r: { url: string }) => Promise<Response>;
    const index = await serve({ url: 'app://rwb/index.html' });
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<title>workbench</title>');
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect((await serve({ url: 'app://rwb/../secret.txt' })).status).toBe(404);
    expect((await serve({ url: 'app://rwb/%2e%2e/secret.txt' })).status).toBe(404);
    expect((await serve({ url: 'app://evil/index.html' })).status).toBe(404);
  });

  it('a packaged build ignores VITE_DEV_SERVER_URL: the window loads app://rwb and the dev origin is blocked', () => {
    expect(h.windows[0].url).toBe('app://rwb/index.html');
    const cb = vi.fn();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    (h.beforeRequest as (d: { url: string }, cb: (r: { cancel: boolean }) => void) => void)({ url: `${DEV_SERVER}src/main.tsx` }, cb);
    warn.mockRestore();
    expect(cb).toHaveBeenCalledWith({ cancel: true });
    const nav = h.windows[0].contents.events.get('will-navigate') as (e: { preventDefault: () => void }, url: string) => void;
    const toDev = { preventDefault: vi.fn() };
    nav(toDev, DEV_SERVER);
    expect(toDev.preventDefault).toHaveBeenCalled();
  });

  describe('IPC handlers', () => {
    const trusted = { senderFrame: { url: 'app://rwb/index.html' } };
    const call = (channel: string, event: unknown, payload: unknown) =>
      (h.handlers.get(channel) as (e: unknown, p: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>)(event, payload);

    beforeEach(() => {
      vi.spyOn(console, 'error').mockImplementation(() => undefined);
    });

    it('answers app:info from the trusted window, with the China sample opened on first run', async () => {
      const env = await call('app:info', trusted, {});
      expect(env.ok).toBe(true);
      const info = env.value as { mode: string; version: string; sample: string | null; notice: string | null; projectPath: string };
      expect(info.mode).toBe('electron');
      expect(info.version).toBe('0.1.0-test');
      expect(info.sample).toBe('china-provinces');
      expect(info.notice).toMatch(/simulated demonstration data/);
      expect(info.projectPath).toBe(join(h.userDir, 'china-provinces.rwb'));
    });

    it('validates payloads with zod before any service runs', async () => {
      const env = await call('panel:values', trusted, { variable: 'resilience', period: '2022' });
      expect(env.ok).toBe(false);
      expect(env.error?.code).toBe('invalid-request');
      expect(env.error?.message).toMatch(/^Invalid request for panel:values: period: /);
    });

    it('refuses calls from frames that are not the app, the dev-server origin included (packaged)', async () => {
      const env = await call('app:info', { senderFrame: { url: 'https://evil.example/' } }, {});
      expect(env).toEqual({ ok: false, error: { code: 'forbidden-sender', message: 'This request did not come from the workbench window.', details: {} } });
      expect((await call('app:info', { senderFrame: { url: DEV_SERVER } }, {})).error?.code).toBe('forbidden-sender');
    });

    it('takes no filesystem path from the renderer: imports by path and project:open by path are refused', async () => {
      const csv = join(h.appDir, 'panel.csv');
      writeFileSync(csv, 'id,year,x\na,2000,1\n');
      const imp = await call('import:preview', trusted, { panel: { source: { path: csv }, id: 'id', time: 'year' } });
      expect(imp.error?.code).toBe('app-paths-not-allowed-files');
      const byPath = await call('project:open', trusted, { path: join(h.userDir, 'china-provinces.rwb') });
      expect(byPath.error?.code).toBe('invalid-request');
      const absolute = await call('project:open', trusted, { name: join(h.userDir, 'china-provinces.rwb') });
      expect(absolute.error?.code).toBe('project-not-in-folder');
      // The project folder exists from the start, so the user can put projects there.
      expect(existsSync(join(h.userDir, 'projects'))).toBe(true);
    });

    it('returns null from project:chooseFile when the dialog is cancelled', async () => {
      const env = await call('project:chooseFile', trusted, {});
      expect(env).toEqual({ ok: true, value: null });
      expect(electron.dialog.showOpenDialog).toHaveBeenCalled();
    });

    it('opens the file chosen in the dialog (project files only)', async () => {
      const chosen = join(h.userDir, 'china-provinces.rwb');
      const dialogMock = vi.mocked(electron.dialog.showOpenDialog) as unknown as {
        mockResolvedValueOnce: (v: { canceled: boolean; filePaths: string[] }) => void;
        mock: { calls: unknown[][] };
      };
      dialogMock.mockResolvedValueOnce({ canceled: false, filePaths: [chosen] });
      const env = await call('project:chooseFile', trusted, {});
      expect(env.ok).toBe(true);
      expect((env.value as { path: string }).path).toBe(chosen);
      const options = dialogMock.mock.calls.at(-1)?.at(-1) as { filters: { extensions: string[] }[]; properties: string[] };
      expect(options.filters).toEqual([{ name: 'Workbench project', extensions: ['rwb'] }]);
      expect(options.properties).toEqual(['openFile']);
    });
  });
});
