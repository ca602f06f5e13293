/**
 * devServerUrlFor (electron/setup-security.ts): VITE_DEV_SERVER_URL is honoured only in an
 * unpackaged development build and only for an http URL on a loopback host (issue 8: a
 * packaged build gave the origin it named the whole bridge).
 */
import { describe, expect, it, vi } from 'vitest';
import { allowedOrigins, devServerUrlFor } from '../../electron/setup-security';

describe('devServerUrlFor', () => {
  it('is ignored in a packaged build', () => {
    expect(devServerUrlFor(true, 'http://localhost:5173/')).toBeUndefined();
    expect(allowedOrigins(devServerUrlFor(true, 'http://localhost:5173/'))).toEqual(['app://rwb']);
  });

  it('is honoured unpackaged for http on localhost, 127.0.0.1 and [::1]', () => {
    for (const url of ['http://localhost:5173/', 'http://127.0.0.1:5173/', 'http://[::1]:5173/']) {
      expect(devServerUrlFor(false, url)).toBe(url);
    }
    expect(devServerUrlFor(false, undefined)).toBeUndefined();
    expect(devServerUrlFor(false, '')).toBeUndefined();
  });

  it('refuses, with a warning, a remote host, https, other schemes and text that is not a URL', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    for (const url of ['http://evil.example:5173/', 'https://localhost:5173/', 'file:///tmp/index.html', 'http://localhost.evil.example/', 'not a url']) {
      expect(devServerUrlFor(false, url)).toBeUndefined();
    }
    expect(warn).toHaveBeenCalledTimes(5);
    warn.mockRestore();
  });
});
