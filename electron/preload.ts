/**
 * The preload bridge (sandboxed, bundled to CommonJS): exposes ONE object, `window.rwb`, with a
 * named method per contract channel, generated from `CHANNELS`. The page never gets
 * `ipcRenderer` itself (Electron Fiddle's `src/preload/preload.ts` pattern).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS, type Bridge } from '../src/contract';

/** Builds the bridge object from an `invoke` function (ipcRenderer.invoke in the app). */
export function buildBridge(invoke: (channel: string, req: unknown) => Promise<unknown>): Bridge {
  const methods: Record<string, (req: unknown) => Promise<unknown>> = {};
  for (const channel of CHANNELS) methods[channel] = (req: unknown) => invoke(channel, req ?? {});
  return Object.freeze(methods) as unknown as Bridge;
}

contextBridge.exposeInMainWorld(
  'rwb',
  buildBridge((channel, req) => ipcRenderer.invoke(channel, req)),
);
