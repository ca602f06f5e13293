import type { Bridge } from '../../src/contract';

declare global {
  interface Window {
    /** The preload bridge (Electron only): one method per contract channel, returning envelopes. */
    readonly rwb?: Bridge;
  }
}

export {};
