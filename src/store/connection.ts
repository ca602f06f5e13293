/**
 * Opening a project file: recognise it, refuse what we cannot read, set the connection
 * pragmas and migrate older files. The only place that calls `new Database(...)`.
 */
import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { InputError } from '../core/errors';
import { applyMigrations, SCHEMA_VERSION } from './migrations';
import { openReadonlySnapshot, READONLY_LOCATION_CODES } from './snapshot';

/**
 * `PRAGMA application_id` of every project file: the ASCII bytes "RWB1" (0x52574231), so
 * `file(1)` and we can tell a workbench project from any other SQLite database.
 */
export const APPLICATION_ID = 0x52574231;

/** How long a connection waits for another writer's lock before failing (ms). */
export const BUSY_TIMEOUT_MS = 5000;

/** Options of {@link openConnection}. */
export interface OpenOptions {
  /** Create the file (and its schema) when it does not exist. Default false. */
  create?: boolean;
  /**
   * Open read-only (`{ readonly: true, fileMustExist: true }`); never migrates. In a folder
   * that is not writable, the file is read into memory (`openReadonlySnapshot`).
   */
  readonly?: boolean;
}

/** A connection ready for the store, with what opening found. */
export interface OpenedConnection {
  db: Database.Database;
  /** The file had no schema yet (new or empty) and was initialised. */
  created: boolean;
  /** Migration steps applied while opening (0 when the file was current). */
  migrated: number;
  /** `user_version` found on disk before any migration. */
  foundVersion: number;
}

/**
 * Open (or create) a project file and bring it to `SCHEMA_VERSION`.
 *
 * Connection settings: `journal_mode=WAL` (readers never block the writer; a killed process
 * leaves uncommitted frames that recovery discards), `synchronous=FULL` (every commit is
 * fsync'ed to the WAL: a power cut cannot lose a committed import; the cost is one fsync per
 * transaction, small because imports are single transactions), `foreign_keys=ON`,
 * `busy_timeout=5000`.
 *
 * Before SQLite sees an existing file, {@link checkProjectHeader} reads its first 100 bytes and
 * refuses what is not ours (not a regular file, empty, not SQLite, another program's
 * `application_id`, another program's WAL-mode database) without creating `-wal`/`-shm` files
 * or changing a byte.
 *
 * @throws InputError `project-folder-missing` / `project-not-found` when the file (or its folder) does not exist and `create` is not set
 * @throws InputError `project-empty-file` / `project-foreign-sqlite` / `project-not-sqlite` when the file is not a regular file, is empty, is not SQLite,
 *   or is SQLite made by another program
 * @throws InputError `project-newer-version` when its schema is newer than this build's
 * @throws InputError `project-needs-upgrade` when opened read-only but its schema is older than this build's
 * @throws InputError `project-cannot-open` / `project-cannot-open-sqlite` / `project-wal-refused` when SQLite cannot open the file for another reason
 *   (permissions, a read-only folder when opening for writing)
 */
export function openConnection(file: string, opts: OpenOptions = {}): OpenedConnection {
  const readonly = opts.readonly === true;
  const create = opts.create === true && !readonly;
  if (!create && !existsSync(file)) {
    throw new InputError('project-not-found', `${file} does not exist`, { file });
  }
  if (existsSync(file)) checkProjectHeader(file);
  let db: Database.Database;
  try {
    db = new Database(file, { readonly, fileMustExist: !create });
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    if (/directory does not exist/i.test(why)) {
      throw new InputError('project-folder-missing', `${file} cannot be created: its folder does not exist`, { file });
    }
    throw new InputError('project-cannot-open', `${file} cannot be opened: ${why}`, { file, reason: why });
  }
  try {
    return prepareConnection(db, file, readonly);
  } catch (e) {
    db.close();
    const code = (e as { code?: unknown }).code;
    if (readonly && typeof code === 'string' && READONLY_LOCATION_CODES.has(code)) {
      const snapshot = openReadonlySnapshot(file);
      try {
        return prepareConnection(snapshot, file, true);
      } catch (e2) {
        snapshot.close();
        throw asInputError(e2, file);
      }
    }
    throw asInputError(e, file);
  }
}

/** Bytes 0–15 of every SQLite database file (sqlite.org/fileformat.html §1.3.1). */
const SQLITE_MAGIC = Buffer.from('SQLite format 3\u0000', 'latin1');

/** Size of the SQLite database header (sqlite.org/fileformat.html §1.3). */
const SQLITE_HEADER_BYTES = 100;

/** Offset of the big-endian `application_id` in the SQLite header (fileformat.html §1.3.16). */
const APPLICATION_ID_OFFSET = 68;

/**
 * Decide from the file's first bytes, without opening it with SQLite, whether it may be ours.
 * Refused untouched: anything that is not a regular file (a folder, a FIFO that would block a
 * read); an empty file (it is not a project: creating one means naming a file that does not
 * exist yet); bytes not starting with the SQLite header; an `application_id` other than ours;
 * and a database with no `application_id` in WAL mode (bytes 18–19 = 2), which SQLite would
 * open only by creating `-wal`/`-shm` beside it. When a non-empty `-wal` lies beside the file
 * (a project whose first commits were never checkpointed), the header on disk is not the
 * whole story and SQLite decides, as before.
 *
 * @throws InputError `project-not-a-file`, `project-empty-file`, `project-not-sqlite`,
 *   `project-foreign-sqlite`; `project-cannot-open` when the file cannot be read
 */
export function checkProjectHeader(file: string): void {
  try {
    checkHeaderBytes(file);
  } catch (e) {
    if (e instanceof InputError) throw e;
    // The file cannot be read (permissions): the same sentence SQLite's refusal gets.
    const why = e instanceof Error ? e.message : String(e);
    throw new InputError('project-cannot-open', `${file} cannot be opened: ${why}`, { file, reason: why });
  }
}

function checkHeaderBytes(file: string): void {
  const info = statSync(file);
  if (!info.isFile()) {
    throw new InputError('project-not-a-file', `${file} is not a Resilience Workbench project (it is not a regular file)`, { file });
  }
  const wal = `${file}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) return;
  if (info.size === 0) {
    throw new InputError('project-empty-file', `${file} is not a Resilience Workbench project (it is an empty file)`, { file });
  }
  const head = Buffer.alloc(SQLITE_HEADER_BYTES);
  const fd = openSync(file, 'r');
  let n: number;
  try {
    n = readSync(fd, head, 0, SQLITE_HEADER_BYTES, 0);
  } finally {
    closeSync(fd);
  }
  if (n < SQLITE_HEADER_BYTES || !head.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) {
    throw new InputError('project-not-sqlite', `${file} is not a Resilience Workbench project (it is not a SQLite database)`, { file });
  }
  const appId = head.readUInt32BE(APPLICATION_ID_OFFSET);
  const walMode = head[18] === 2 || head[19] === 2;
  if ((appId !== 0 && appId !== APPLICATION_ID) || (appId === 0 && walMode)) {
    throw new InputError('project-foreign-sqlite',
      `${file} is not a Resilience Workbench project (it is a SQLite database made by another program)`,
      { file, applicationId: appId });
  }
}

/** SQLite failures while opening become `cannot-open` input errors naming the file. */
function asInputError(e: unknown, file: string): unknown {
  if (e instanceof InputError || !(e instanceof Database.SqliteError)) return e;
  const hint = e.code.startsWith('SQLITE_READONLY') ? ' (the file or its folder is read-only: open it read-only, or copy it to a writable folder)' : '';
  return new InputError('project-cannot-open-sqlite', `${file} cannot be opened: ${e.message}${hint}`, { file, sqliteCode: e.code, reason: e.message, hint });
}

function prepareConnection(db: Database.Database, file: string, readonly: boolean): OpenedConnection {
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  const { appId, version, tables } = identify(db, file);
  const empty = appId === 0 && version === 0 && tables === 0;
  if (!empty && appId !== APPLICATION_ID) {
    throw new InputError('project-foreign-sqlite',
      `${file} is not a Resilience Workbench project (it is a SQLite database made by another program)`,
      { file, applicationId: appId });
  }
  if (empty && readonly) {
    throw new InputError('project-empty-file',
      `${file} is not a Resilience Workbench project (it is an empty file)`, { file });
  }
  if (version > SCHEMA_VERSION) {
    throw new InputError('project-newer-version',
      `${file} was made by a newer version of Resilience Workbench (schema ${version} > ${SCHEMA_VERSION}); update the app to open it`,
      { file, fileVersion: version, appVersion: SCHEMA_VERSION });
  }
  if (readonly && version < SCHEMA_VERSION) {
    throw new InputError('project-needs-upgrade',
      `${file} was made by an older version of Resilience Workbench (schema ${version} < ${SCHEMA_VERSION}); open it once without read-only to upgrade it`,
      { file, fileVersion: version, appVersion: SCHEMA_VERSION });
  }
  if (!readonly) {
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') {
      throw new InputError('project-wal-refused', `${file} cannot be opened: WAL journal mode refused (got ${String(mode)})`, { file, mode: String(mode) });
    }
    db.pragma('synchronous = FULL');
  }
  db.pragma('foreign_keys = ON');
  let migrated = 0;
  if (!readonly && version < SCHEMA_VERSION) {
    migrated = applyMigrations(db, version, file, empty ? APPLICATION_ID : undefined);
  }
  return { db, created: empty, migrated, foundVersion: version };
}

/** Read the header pragmas; a file that is not SQLite fails here (SQLITE_NOTADB). */
function identify(db: Database.Database, file: string): { appId: number; version: number; tables: number } {
  try {
    const appId = Number(db.pragma('application_id', { simple: true }));
    const version = Number(db.pragma('user_version', { simple: true }));
    const row = db.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number };
    return { appId, version, tables: row.n };
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new InputError('project-not-sqlite',
        `${file} is not a Resilience Workbench project (it is not a SQLite database)`, { file });
    }
    throw e;
  }
}
