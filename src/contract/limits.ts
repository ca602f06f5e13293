/**
 * Payload limits at the boundary. Uploads are base64 inside JSON, so the JSON body limit is
 * the upload limit × 4/3 plus room for the rest of the request.
 */

/** Largest decoded size of all uploaded files of one request (200 MB). */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

/** Largest base64 text of one uploaded file (4/3 of MAX_UPLOAD_BYTES, rounded up). */
export const MAX_BASE64_CHARS = Math.ceil(MAX_UPLOAD_BYTES / 3) * 4;

/** Largest JSON body the web server accepts (base64 uploads + 1 MB for the rest). */
export const MAX_JSON_BODY_BYTES = MAX_BASE64_CHARS + 1024 * 1024;

/** Longest path accepted in a request. */
export const MAX_PATH_CHARS = 4096;

/** Longest project name (a relative path inside the project folder) accepted by `project:open`. */
export const MAX_PROJECT_NAME_CHARS = 255;

/** Longest expression accepted by `variables:derive`. */
export const MAX_EXPRESSION_CHARS = 2000;
