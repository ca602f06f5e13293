/**
 * Web mode's session token: `npm run web` prints `http://127.0.0.1:PORT/#token=…`. The renderer
 * takes it from the fragment, removes it from the address bar (so it is not bookmarked or
 * shared) and keeps it in sessionStorage so a reload of the same tab keeps working.
 */
const KEY = 'rwb-token';

/** Reads (and hides) the token from the URL fragment, falling back to this tab's stored token. */
export function takeSessionToken(): string | null {
  const m = /(?:^#|&)token=([0-9a-f]{16,128})/i.exec(window.location.hash);
  if (m) {
    sessionStorage.setItem(KEY, m[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return m[1];
  }
  return sessionStorage.getItem(KEY);
}
