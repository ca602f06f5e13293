/**
 * Handlers of the upload channels (src/contract/upload.ts) over the service's `UploadStore`:
 * begin, chunk (Electron: the bytes arrive as a Uint8Array through IPC; the web server writes
 * the chunks of `POST /upload` to the same store) and discard.
 */
import type { Handlers } from '../../contract';
import type { uploadChannels } from '../../contract/upload';
import type { UploadStore } from '../import/uploads';

/** The handlers of the upload channels. */
export type UploadHandlers = Pick<Handlers, keyof typeof uploadChannels>;

/** The upload channels over `uploads`. */
export function createUploadHandlers(uploads: UploadStore): UploadHandlers {
  return {
    'upload:begin': async ({ name, size }) => ({ upload: await uploads.begin(name, size) }),
    'upload:chunk': async ({ upload, offset, data }) => uploads.append(upload, offset, data),
    'upload:discard': async ({ upload }) => ({ discarded: uploads.release(upload) }),
  };
}
