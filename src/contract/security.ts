/**
 * The Content-Security-Policy shared by the Electron window and the loopback web server.
 * No remote content at all; MapLibre needs `blob:` workers and images; React needs inline styles.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Header carrying the web mode's session token on every `/api/<channel>` request. */
export const TOKEN_HEADER = 'x-rwb-token';
