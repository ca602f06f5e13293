/**
 * Electron main process, kept thin: single-instance lock, the `app://` protocol, session and
 * window hardening, one IPC handler per contract channel (all via `setupX()` modules) and the
 * application service. On first run the China sample project is opened, later the last project.
 * The renderer names no files: imports upload bytes, other project files come from the system
 * dialog (`project:chooseFile`), `project:open` only opens names inside `<userData>/projects`.
 */
import { BrowserWindow, app, dialog, ipcMain, protocol, session } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppService } from '../src/services/handlers/app';
import { createDispatcher } from '../src/services/handlers';
import { setupIpc } from './setup-ipc';
import { APP_INDEX_URL, registerAppScheme, setupAppProtocol } from './setup-protocol';
import { HARDENED_WEB_PREFERENCES, devServerUrlFor, hardenWebContents, isAppPage, setupSessionSecurity } from './setup-security';

const here = fileURLToPath(new URL('.', import.meta.url));
/** The Vite dev server, in unpackaged development builds only (see devServerUrlFor). */
const devServerUrl = devServerUrlFor(app.isPackaged, process.env.VITE_DEV_SERVER_URL);

/** Creates the main window with the hardened preferences and loads the renderer. */
export function createMainWindow(preloadPath: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Resilience Workbench',
    backgroundColor: '#f4f6f8',
    webPreferences: { ...HARDENED_WEB_PREFERENCES, preload: preloadPath },
  });
  hardenWebContents(win.webContents, devServerUrl);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(devServerUrl ?? APP_INDEX_URL);
  return win;
}

/** Starts the app; resolves when the window is created (or at once for a second instance). */
export async function startMain(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  registerAppScheme(protocol);
  let win: BrowserWindow | null = null;
  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, devServerUrl));
  await app.whenReady();

  setupSessionSecurity(session.defaultSession, devServerUrl);
  setupAppProtocol(protocol, join(app.getAppPath(), 'dist', 'renderer'));

  const service = new AppService({
    mode: 'electron',
    userDir: app.getPath('userData'),
    version: app.getVersion(),
    chooseProjectFile: async () => {
      const options = {
        title: 'Open a workbench project',
        properties: ['openFile' as const],
        filters: [{ name: 'Workbench project', extensions: ['rwb'] }],
      };
      const res = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return res.canceled || res.filePaths.length === 0 ? null : res.filePaths[0];
    },
  });
  setupIpc(ipcMain, createDispatcher(service.handlers), (url) => isAppPage(url, devServerUrl));

  app.on('window-all-closed', () => {
    service.close();
    app.quit();
  });

  // The previous session's project, or on first run the China sample, is open before the window shows.
  try {
    await service.openInitial('china-provinces');
  } catch (e) {
    console.error('[rwb] could not open the China sample project:', e);
  }
  win = createMainWindow(join(here, 'preload.cjs'));
}

/** Settles when start-up is done (tests await it). */
export const mainReady: Promise<void> = startMain().catch((e: unknown) => {
  console.error('[rwb] start-up failed:', e);
  app.quit();
});
