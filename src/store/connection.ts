/**
 * Opening a project file: recognise it, refuse what we cannot read, set the connection
 * pragmas and migrate older files. The only place that calls `new Database(...)`.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
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
 * @throws InputError `not-found` when the file (or its folder) does not exist and `create` is not set
 * @throws InputError `not-a-project` when the file is not SQLite, or is SQLite made by another program
 * @throws InputError `newer-version` when its schema is newer than this build's
 * @throws InputError `needs-upgrade` when opened read-only but its schema is older than this build's
 * @throws InputError `cannot-open` when SQLite cannot open the file for another reason
 *   (permissions, a read-only folder when opening for writing)
 */
export function openConnection(file: string, opts: OpenOptions = {}): OpenedConnection {
  const readonly = opts.readonly === true;
  const create = opts.create === true && !readonly;
  if (!create && !existsSync(file)) {
    throw new InputError('project-not-found', `${file} does not exist`, { file });
  }
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
