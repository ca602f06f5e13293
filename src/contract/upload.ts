/**
 * Chunked uploads (src/services/import/uploads.ts): begin with the file's name and size, send
 * the bytes in order in chunks of at most `MAX_UPLOAD_CHUNK_BYTES` — Electron through
 * `upload:chunk` (a Uint8Array, cloned by IPC as bytes), the browser through `POST /upload`
 * (`application/octet-stream`, see src/transport/web-server.ts) — then name the file in an
 * import or weights request as `{ upload, name }`.
 */
import { z } from 'zod';
import { uploadHandleSchema } from './common';
import { MAX_UPLOAD_CHUNK_BYTES } from './constants';
import { MAX_UPLOAD_BYTES } from './limits';

const progress = z.object({ received: z.number().int(), size: z.number().int() });

/** Upload channels. */
export const uploadChannels = {
  'upload:begin': {
    doc: 'Starts a chunked upload of a file of the given name and size (at most 200 MB); returns its handle.',
    request: z.strictObject({
      name: z.string().min(1, 'the file name is empty').max(255, 'the file name is longer than 255 characters'),
      size: z.number().int().min(0).max(MAX_UPLOAD_BYTES, 'the file is larger than the 200 MB upload limit'),
    }),
    response: z.object({ upload: uploadHandleSchema }),
  },
  'upload:chunk': {
    doc: 'Electron: writes the next chunk (bytes, at most 4 MB) of an upload at its offset; the browser posts chunks to /upload instead.',
    request: z.strictObject({
      upload: uploadHandleSchema,
      offset: z.number().int().min(0),
      data: z.instanceof(Uint8Array, { message: 'the chunk must be bytes (in the browser, POST it to /upload)' }).refine((d) => d.byteLength <= MAX_UPLOAD_CHUNK_BYTES, 'a chunk is at most 4 MB'),
    }),
    response: progress,
  },
  'upload:discard': {
    doc: 'Removes an upload that will not be used (imports and weights reads remove theirs when done).',
    request: z.strictObject({ upload: uploadHandleSchema }),
    response: z.object({ discarded: z.boolean() }),
  },
} as const;
