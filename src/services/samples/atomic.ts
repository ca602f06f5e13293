/**
 * Atomic file output for the sample builder: everything is written to a temporary file in
 * the destination directory and renamed over the final name only when complete, so a crash
 * or a failed build never leaves a half-written sample (rename is atomic on one filesystem).
 */
import { copyFileSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ProjectStore } from '../../store/project-store';

function tempName(path: string): string {
  return `${path}.tmp-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

function removeQuietly(...paths: string[]): void {
  for (const p of paths) rmSync(p, { force: true });
}

/** Write `data` to `path` through a temporary file and a rename. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = tempName(path);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    removeQuietly(tmp);
    throw e;
  }
}

/** Copy `from` to `to` through a temporary file and a rename. */
export function copyFileAtomic(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  const tmp = tempName(to);
  try {
    copyFileSync(from, tmp);
    renameSync(tmp, to);
  } catch (e) {
    removeQuietly(tmp);
    throw e;
  }
}

/**
 * Build a project file atomically: create a fresh store at a temporary path, let `fill`
 * write into it, checkpoint the WAL into the main file, close, and
 * rename over `path`. On any error the temporary file (and its -wal/-shm) is removed and
 * `path` is untouched.
 */
export async function buildProjectAtomic<T>(path: string, fill: (store: ProjectStore) => Promise<T> | T): Promise<T> {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = tempName(path);
  let store: ProjectStore | null = null;
  try {
    store = ProjectStore.open(tmp, { create: true });
    const result = await fill(store);
    store.checkpoint();
    store.close();
    store = null;
    removeQuietly(`${tmp}-wal`, `${tmp}-shm`);
    // A stale WAL beside the old file would be replayed into the new one: remove it first.
    removeQuietly(`${path}-wal`, `${path}-shm`);
    renameSync(tmp, path);
    return result;
  } catch (e) {
    if (store?.isOpen) store.close();
    removeQuietly(tmp, `${tmp}-wal`, `${tmp}-shm`);
    throw e;
  }
}
