/**
 * Read-only access to a project that SQLite cannot open in place: a WAL-mode file needs its
 * `-shm` index beside it, which cannot be created in a read-only folder (a mounted AppImage,
 * a CD, a read-only share). Such a file is read into memory and opened from there.
 */
import Database from 'better-sqlite3';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { InputError } from '../core/errors';

/** SQLite error codes meaning "the file is fine but its folder or side files are not writable". */
export const READONLY_LOCATION_CODES: ReadonlySet<string> = new Set([
  'SQLITE_READONLY_DIRECTORY', 'SQLITE_READONLY_CANTINIT', 'SQLITE_READONLY_CANTLOCK', 'SQLITE_CANTOPEN',
]);

const HEADER = 'SQLite format 3\u0000';

/**
 * Open an in-memory, read-only copy of `file`. Bytes 18–19 of the SQLite header (file format
 * write/read version: 2 = WAL, 1 = rollback journal; sqlite.org/fileformat.html §1.3.3) are
 * set to 1 in the copy, because an in-memory database cannot use WAL. The file is not touched.
 *
 * @throws InputError `project-read-only-unsaved-wal` when a non-empty `-wal` file lies beside it (committed
 *   changes not yet in the main file would be missed), or the bytes are not a SQLite file
 */
export function openReadonlySnapshot(file: string): Database.Database {
  const wal = `${file}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) {
    throw new InputError('project-read-only-unsaved-wal',
      `${file} cannot be opened read-only here: its folder is not writable and ${wal} holds changes not yet saved into it; open it once where the folder is writable`,
      { file, wal });
  }
  const bytes = readFileSync(file);
  if (bytes.length < 100 || bytes.subarray(0, 16).toString('latin1') !== HEADER) {
    throw new InputError('project-not-sqlite', `${file} is not a Resilience Workbench project (it is not a SQLite database)`, { file });
  }
  bytes[18] = 1;
  bytes[19] = 1;
  return new Database(bytes, { readonly: true });
}
