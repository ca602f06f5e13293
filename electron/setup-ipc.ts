/**
 * IPC registration derived from the contract: one `ipcMain.handle` per channel of `CHANNELS`
 * (nothing declared twice). Each call is checked for a trusted sender frame, then goes through
 * the dispatcher, which validates the payload with the channel's zod schema before any service
 * runs and returns an envelope.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { CHANNELS, errorEnvelope } from '../src/contract';
import type { Dispatch } from '../src/services/handlers';

/** Registers every contract channel; returns the channel names registered. */
export function setupIpc(ipcMain: Pick<IpcMain, 'handle'>, dispatch: Dispatch, isTrustedUrl: (url: string) => boolean): string[] {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, raw: unknown) => {
      const url = event.senderFrame?.url ?? '';
      if (!isTrustedUrl(url)) {
        return errorEnvelope('forbidden-sender', 'This request did not come from the workbench window.');
      }
      return dispatch(channel, raw);
    });
  }
  return [...CHANNELS];
}
