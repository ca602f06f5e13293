/** A second instance of the app quits at once: no window, no IPC, no project opened. */
import { describe, expect, it, vi } from 'vitest';

const h = vi.hoisted(() => ({ windows: 0, handles: 0, quit: 0, ready: 0 }));

vi.mock('electron', () => ({
  app: {
    requestSingleInstanceLock: vi.fn(() => false),
    quit: vi.fn(() => {
      h.quit++;
    }),
    on: vi.fn(),
    whenReady: vi.fn(() => {
      h.ready++;
      return Promise.resolve();
    }),
    getPath: vi.fn(() => '/nonexistent'),
    getVersion: vi.fn(() => '0'),
    getAppPath: vi.fn(() => '/nonexistent'),
  },
  BrowserWindow: class {
    constructor() {
      h.windows++;
    }
  },
  dialog: {},
  ipcMain: {
    handle: vi.fn(() => {
      h.handles++;
    }),
  },
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
  session: { defaultSession: {} },
}));

describe('electron main, second instance', () => {
  it('quits without creating a window when the single-instance lock is held elsewhere', async () => {
    const electron = await import('electron');
    const main = await import('../../electron/main');
    await main.mainReady;
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalledTimes(1);
    expect(h.quit).toBe(1);
    expect(h.windows).toBe(0);
    expect(h.handles).toBe(0);
    expect(h.ready).toBe(0);
  });
});
