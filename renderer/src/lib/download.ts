/**
 * Browser-side delivery of files made by the main side: save a `{ fileName, mime, dataBase64 }`
 * through a temporary object URL (works in web mode and in Electron), and copy HTML to the
 * clipboard with a plain-text fallback so it pastes as a table into Word/WPS.
 */
import type { Download } from '../../../src/contract';

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
 * Puts `html` on the clipboard as text/html (with `plain` as text/plain).
 * @throws Error with a sentence when the browser refuses clipboard access.
 */
export async function copyHtml(html: string, plain: string): Promise<void> {
  try {
    if (typeof ClipboardItem !== 'undefined' && navigator.clipboard?.write) {
      await navigator.clipboard.write([
        new ClipboardItem({ 'text/html': new Blob([html], { type: 'text/html' }), 'text/plain': new Blob([plain], { type: 'text/plain' }) }),
      ]);
      return;
    }
    await navigator.clipboard.writeText(plain);
  } catch (e) {
    throw new Error(`The clipboard is not available here (${e instanceof Error ? e.message : String(e)}); export to .docx instead.`);
  }
}
