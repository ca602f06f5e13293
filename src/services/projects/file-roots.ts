/**
 * Folders from which a request may name a local file by path. The app passes none (the
 * renderer uploads bytes, in both modes); tests and benchmarks of very large imports name a
 * temporary folder so that what they measure is the import, not the upload. A path outside
 * every root, a missing file and a link escaping a root all get the same answer, so the
 * answer never tells whether a path outside the roots exists.
 */
import { realpathSync, statSync } from 'node:fs';
import { sep } from 'node:path';

/** Folders whose files requests may name by path (empty: none). */
export type FileRoots = readonly string[];

/** True when `path` is a regular file whose real path lies inside one of `roots` (real paths too). */
export function insideFileRoots(path: string, roots: FileRoots): boolean {
  if (roots.length === 0) return false;
  let real: string;
  try {
    real = realpathSync(path);
    if (!statSync(real).isFile()) return false;
  } catch {
    return false;
  }
  return roots.some((root) => {
    try {
      const r = realpathSync(root);
      return real.startsWith(r.endsWith(sep) ? r : r + sep);
    } catch {
      return false;
    }
  });
}
