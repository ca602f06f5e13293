/**
 * Numbered schema migrations of a project file. Step `k` (1-based) takes a file from
 * `PRAGMA user_version = k - 1` to `k`. A released step is never edited: a change to the
 * schema is a new step appended at the end (better-sqlite3's advice: migrations in code,
 * tracked by `user_version`, every table `STRICT`).
 *
 * All steps run inside one transaction opened by `applyMigrations`, with `foreign_keys=ON`
 * (SQLite ignores that pragma inside a transaction, so a future step that must rebuild a
 * table uses the "create new, copy, drop, rename" procedure and relies on the
 * `foreign_key_check` run after the last step).
 */
import type Database from 'better-sqlite3';
import { InputError } from '../core/errors';

/** One schema step. */
export interface Migration {
  /** The `user_version` this step produces (1, 2, ...). */
  readonly version: number;
  /** What the step adds, for logs and the project's `meta` history. */
  readonly description: string;
  /** SQL run with `db.exec` (several statements separated by `;`). */
  readonly sql: string;
}

/** ISO-8601 UTC timestamp with milliseconds, computed by SQLite. */
const NOW = "(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))";

/** The migrations, in order. `MIGRATIONS[k - 1].version === k`. */
export const MIGRATIONS: readonly Migration[] = Object.freeze([
  {
    version: 1,
    description: 'meta, regions, geometries, variables, observations',
    sql: `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE regions (
  id           INTEGER PRIMARY KEY,
  code         TEXT NOT NULL UNIQUE CHECK (length(code) > 0),
  name_zh      TEXT,
  name_en      TEXT,
  level        TEXT,
  parent_code  TEXT,
  region_group TEXT,
  lon          REAL,
  lat          REAL,
  attributes   TEXT CHECK (attributes IS NULL OR json_valid(attributes))
) STRICT;

CREATE TABLE geometries (
  region_id INTEGER NOT NULL REFERENCES regions(id) ON DELETE CASCADE,
  layer     TEXT NOT NULL,
  geojson   TEXT NOT NULL CHECK (json_valid(geojson)),
  PRIMARY KEY (region_id, layer)
) STRICT;
CREATE INDEX geometries_by_layer ON geometries(layer, region_id);

CREATE TABLE variables (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
  label      TEXT,
  unit       TEXT,
  source     TEXT,
  expression TEXT,
  simulated  INTEGER NOT NULL DEFAULT 0 CHECK (simulated IN (0, 1)),
  created_at TEXT NOT NULL DEFAULT ${NOW}
) STRICT;

CREATE TABLE observations (
  region_id   INTEGER NOT NULL REFERENCES regions(id),
  period      INTEGER NOT NULL,
  variable_id INTEGER NOT NULL REFERENCES variables(id) ON DELETE CASCADE,
  value       REAL,
  PRIMARY KEY (region_id, period, variable_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX observations_by_variable ON observations(variable_id, region_id, period);
`,
  },
  {
    version: 2,
    description: 'weight matrices (members in order, sparse entries) and analysis runs',
    sql: `
CREATE TABLE weight_matrices (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
  spec       TEXT NOT NULL CHECK (json_valid(spec)),
  n          INTEGER NOT NULL CHECK (n >= 0),
  created_at TEXT NOT NULL DEFAULT ${NOW}
) STRICT;

CREATE TABLE weight_members (
  matrix_id INTEGER NOT NULL REFERENCES weight_matrices(id) ON DELETE CASCADE,
  position  INTEGER NOT NULL,
  region_id INTEGER NOT NULL REFERENCES regions(id),
  PRIMARY KEY (matrix_id, position),
  UNIQUE (matrix_id, region_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX weight_members_by_region ON weight_members(region_id);

CREATE TABLE weight_entries (
  matrix_id INTEGER NOT NULL REFERENCES weight_matrices(id) ON DELETE CASCADE,
  i_region  INTEGER NOT NULL REFERENCES regions(id),
  j_region  INTEGER NOT NULL REFERENCES regions(id),
  value     REAL NOT NULL,
  PRIMARY KEY (matrix_id, i_region, j_region)
) STRICT, WITHOUT ROWID;
CREATE INDEX weight_entries_by_i ON weight_entries(i_region);
CREATE INDEX weight_entries_by_j ON weight_entries(j_region);

CREATE TABLE analysis_runs (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (length(kind) > 0),
  spec        TEXT NOT NULL CHECK (json_valid(spec)),
  results     TEXT NOT NULL CHECK (json_valid(results)),
  input_hash  TEXT NOT NULL,
  app_version TEXT NOT NULL,
  seed        INTEGER,
  created_at  TEXT NOT NULL DEFAULT ${NOW}
) STRICT;
CREATE INDEX analysis_runs_by_kind ON analysis_runs(kind, id);
`,
  },
  {
    version: 3,
    description: 'analysis runs: a version of the kind\'s spec/results schema; old "fe" runs re-labelled by their spec',
    // Until now every regression run was saved as kind 'fe', whatever its model. The stored spec
    // says what ran: a group comparison has `groupColumn`, otherwise `model` is pooled/fe/re.
    // Kinds and their schemas: src/contract/runs.ts (the store keeps them as text).
    sql: `
ALTER TABLE analysis_runs ADD COLUMN kind_version INTEGER NOT NULL DEFAULT 1 CHECK (kind_version > 0);
UPDATE analysis_runs SET kind = CASE
    WHEN json_type(spec, '$.groupColumn') IS NOT NULL THEN 'panel.compare'
    WHEN json_extract(spec, '$.model') = 'pooled' THEN 'panel.pooled'
    WHEN json_extract(spec, '$.model') = 're' THEN 'panel.re'
    ELSE 'panel.fe'
  END
  WHERE kind = 'fe';
`,
  },
  {
    version: 4,
    description: 'saved figure specs (maps and group charts) for re-drawing and reports',
    // kind: 'map' (src/contract/figures.ts mapSpecSchema) or 'chart' (groupChartSpecSchema).
    sql: `
CREATE TABLE figure_specs (
  id         INTEGER PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (kind IN ('map', 'chart')),
  name       TEXT NOT NULL CHECK (length(name) > 0),
  spec       TEXT NOT NULL CHECK (json_valid(spec)),
  created_at TEXT NOT NULL DEFAULT ${NOW}
) STRICT;
CREATE INDEX figure_specs_by_kind ON figure_specs(kind, id);
`,
  },
  {
    version: 5,
    description: 'region aliases: the spellings of region names a user accepted at import',
    // alias: the id as written in a data file (trimmed); one region per alias.
    sql: `
CREATE TABLE region_aliases (
  alias      TEXT PRIMARY KEY CHECK (length(alias) > 0),
  region_id  INTEGER NOT NULL REFERENCES regions(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL DEFAULT ${NOW}
) STRICT;
CREATE INDEX region_aliases_by_region ON region_aliases(region_id);
`,
  },
  {
    version: 6,
    description: 'data edits: the log of cell edits and variable deletions of the Data tab, with what undo needs',
    // kind 'cell': (variable, region_id, period) changed from old_value to new_value; old_present
    //   0 when no observation row existed before (undo then deletes the row again).
    // kind 'delete-variable': payload = { variables: [{ id, name, label, unit, source, expression,
    //   simulated, created_at }] } (the named variable first, then any dependents deleted with it);
    //   their observations are kept, typed, in data_edit_observations (never JSON), so undo
    //   restores every value bit for bit.
    // kind 'recompute': derived variables re-evaluated from their expressions; payload as for a
    //   deletion, their previous observations kept the same way.
    // undone_at: when the edit was undone (NULL while it stands).
    sql: `
CREATE TABLE data_edits (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('cell', 'delete-variable', 'recompute')),
  variable    TEXT NOT NULL CHECK (length(variable) > 0),
  region_id   INTEGER REFERENCES regions(id),
  period      INTEGER,
  old_present INTEGER CHECK (old_present IN (0, 1)),
  old_value   REAL,
  new_value   REAL,
  payload     TEXT CHECK (payload IS NULL OR json_valid(payload)),
  created_at  TEXT NOT NULL DEFAULT ${NOW},
  undone_at   TEXT,
  CHECK ((kind = 'cell') = (region_id IS NOT NULL AND period IS NOT NULL AND old_present IS NOT NULL)),
  CHECK ((kind = 'cell') = (payload IS NULL))
) STRICT;

CREATE TABLE data_edit_observations (
  edit_id     INTEGER NOT NULL REFERENCES data_edits(id) ON DELETE CASCADE,
  variable_id INTEGER NOT NULL,
  region_id   INTEGER NOT NULL REFERENCES regions(id),
  period      INTEGER NOT NULL,
  value       REAL,
  PRIMARY KEY (edit_id, variable_id, region_id, period)
) STRICT, WITHOUT ROWID;
`,
  },
]);

/** The schema version this build writes: the number of migrations. */
export const SCHEMA_VERSION: number = MIGRATIONS.length;

/**
 * Bring `db` from schema `from` to `SCHEMA_VERSION`, all-or-nothing: every pending step, the
 * new `user_version` and a `migrated_to_N` meta row are committed together, or nothing is.
 *
 * @param db - an open, writable connection with `foreign_keys=ON`
 * @param from - the file's current `user_version` (0 for a new file)
 * @param file - the file name, for messages
 * @param applicationId - written with the schema when set (new files), so a file is marked
 *   as ours exactly when its schema is committed
 * @returns the number of steps applied
 * @throws InputError `project-migration-failed` when a step fails or leaves dangling foreign keys
 *   (the file is left as it was)
 */
export function applyMigrations(db: Database.Database, from: number, file: string, applicationId?: number): number {
  const pending = MIGRATIONS.filter((m) => m.version > from);
  if (pending.length === 0) return 0;
  const run = db.transaction(() => {
    if (applicationId !== undefined) db.pragma(`application_id = ${applicationId | 0}`);
    for (const m of pending) {
      db.exec(m.sql);
      db.prepare('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
        .run(`migrated_to_${m.version}`, new Date().toISOString());
    }
    if (from === 0) {
      db.prepare("INSERT OR IGNORE INTO meta(key, value) VALUES ('created_at', ?)").run(new Date().toISOString());
    }
    const dangling = db.pragma('foreign_key_check') as unknown[];
    if (dangling.length > 0) {
      throw new Error(`${dangling.length} rows break foreign keys after migration`);
    }
    // user_version lives in the file header and is rolled back with the transaction.
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  });
  try {
    run();
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new InputError('project-migration-failed',
      `${file} could not be upgraded from schema ${from} to ${SCHEMA_VERSION}: ${why}; the file was left unchanged`,
      { file, from, to: SCHEMA_VERSION, reason: why });
  }
  return pending.length;
}
