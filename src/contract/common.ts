/** Schemas shared by several channel groups. */
import { z } from 'zod';
import { MAX_BASE64_CHARS, MAX_PATH_CHARS } from './limits';

/** An empty request (channels that take no argument are still called with `{}`). */
export const emptyRequest = z.strictObject({});

/** A local file path (Electron and the CLI; the web mode uploads bytes instead). */
export const pathSchema = z.string().min(1, 'a path is required').max(MAX_PATH_CHARS, `a path is at most ${MAX_PATH_CHARS} characters`);

/** A file uploaded from the browser: its name and its bytes in base64. */
export const uploadSchema = z.strictObject({
  name: z.string().min(1, 'the file name is empty').max(255, 'the file name is longer than 255 characters'),
  dataBase64: z
    .string()
    .max(MAX_BASE64_CHARS, 'the file is larger than the 200 MB upload limit')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'the file data is not base64'),
});

/** An upload handle (`upload:begin`): 32 hex digits. */
export const uploadHandleSchema = z.string().regex(/^[0-9a-f]{32}$/, 'the upload handle is not 32 hex digits');

/** A file sent before the request by chunked upload (`upload:begin`, src/contract/upload.ts): its handle and name. */
export const uploadRefSchema = z.strictObject({
  upload: uploadHandleSchema,
  name: z.string().min(1, 'the file name is empty').max(255, 'the file name is longer than 255 characters'),
});

/**
 * A file given by path (only inside the service's import roots), by an upload handle (the
 * app's way) or by base64 bytes (the older form, still accepted).
 */
export const fileRefSchema = z.union([z.strictObject({ path: pathSchema }), uploadRefSchema, uploadSchema]);

/** A file given by path, upload handle or uploaded bytes. */
export type FileRef = z.infer<typeof fileRefSchema>;

/** A name usable as a variable: an identifier, as expressions reference columns by name. */
export const identifierSchema = z
  .string()
  .min(1, 'the name is empty')
  .max(64, 'the name is longer than 64 characters')
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'the name must start with a letter or _ and contain only letters, digits and _');

/** A number that may be missing (JSON has no NaN: missing values travel as null). */
export const nullableNumber = z.number().nullable();

/**
 * A warning or note as it crosses the wire: a stable kebab-case code, the English sentence, and
 * every value the sentence interpolates (the UI shows the catalogue's `errors.<code>` filled
 * with `details`, else `message`). Sent next to the older plain-sentence `warnings` lists.
 */
export const codedWarningSchema = z.object({
  code: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()),
});
