/**
 * Browser-side delivery of files made by the main side: save a `{ fileName, mime, dataBase64 }`
 * through a temporary object URL (works in web mode and in Electron), and copy HTML to the
 * clipboard with a plain-text fallback so it pastes as a table into Word/WPS.
 */
import type { Download } from '../../../src/contract';
import { uiError } from '../i18n/problem';

/** The bytes of a base64 string. */
export function base64Bytes(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Offers the file to the user as a download under its own name. */
export function saveDownload(d: Download): void {
  const url = URL.createObjectURL(new Blob([base64Bytes(d.dataBase64)], { type: d.mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = d.fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Copies `html` with the browser's copy command from a hidden rich-text element: works where
 * the async clipboard is refused (the desktop app denies permission requests).
 */
function copyViaSelection(html: string): boolean {
  const box = document.createElement('div');
  box.contentEditable = 'true';
  box.style.position = 'fixed';
  box.style.left = '-10000px';
  box.innerHTML = html;
  document.body.appendChild(box);
  const range = document.createRange();
  range.selectNodeContents(box);
  const sel = window.getSelection();
  sel?.removeAllRanges();
  sel?.addRange(range);
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } finally {
    sel?.removeAllRanges();
    box.remove();
  }
  return ok;
}

/**
 * Puts `html` on the clipboard as text/html (with `plain` as text/plain); falls back to the
 * copy command when the async clipboard is unavailable or refused.
 * @throws CodedError `clipboard-failed` (details: reason) when neither way works.
 */
export async function copyHtml(html: string, plain: string): Promise<void> {
  let reason = 'the async clipboard is not available';
  if (typeof ClipboardItem !== 'undefined' && navigator.clipboard?.write) {
    try {
      await navigator.clipboard.write([
        new ClipboardItem({ 'text/html': new Blob([html], { type: 'text/html' }), 'text/plain': new Blob([plain], { type: 'text/plain' }) }),
      ]);
      return;
    } catch (e) {
      reason = e instanceof Error ? e.message : String(e);
    }
  }
  if (copyViaSelection(html)) return;
  throw uiError('clipboard-failed', { reason });
}
