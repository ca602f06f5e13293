/** The preload exposes ONE object, `window.rwb`, with exactly the contract's channels as methods — never ipcRenderer. */
import { describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../src/contract';

const h = vi.hoisted(() => ({ exposed: [] as { key: string; api: Record<string, unknown> }[] }));

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: vi.fn((key: string, api: Record<string, unknown>) => {
      h.exposed.push({ key, api });
    }),
  },
  ipcRenderer: {
    invoke: vi.fn(async (channel: string, req: unknown) => ({ ok: true, value: { channel, req } })),
    on: vi.fn(),
    send: vi.fn(),
  },
}));

describe('preload bridge', () => {
  it('exposes window.rwb with one method per channel, each invoking that channel', async () => {
    const electron = await import('electron');
    await import('../../electron/preload');
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect(h.exposed).toHaveLength(1);
    const { key, api } = h.exposed[0];
    expect(key).toBe('rwb');
    expect(Object.keys(api).sort()).toEqual([...CHANNELS].sort());
    for (const c of CHANNELS) expect(typeof api[c], c).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.values(api)).not.toContain(electron.ipcRenderer);
    expect(api).not.toHaveProperty('invoke');

    const call = api['panel:values'] as (req: unknown) => Promise<unknown>;
    await expect(call({ variable: 'gsp', period: 1970 })).resolves.toEqual({
      ok: true,
      value: { channel: 'panel:values', req: { variable: 'gsp', period: 1970 } },
    });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('panel:values', { variable: 'gsp', period: 1970 });
    await (api['app:info'] as (req?: unknown) => Promise<unknown>)();
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith('app:info', {});
    expect(electron.ipcRenderer.on).not.toHaveBeenCalled();
    expect(electron.ipcRenderer.send).not.toHaveBeenCalled();
  });
});
