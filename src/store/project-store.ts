/**
 * A Resilience Workbench project: one SQLite file (better-sqlite3) holding regions,
 * boundaries, variables, panel observations, weight matrices and analysis runs. The only
 * public entry to the store; services call it, nothing else touches SQLite.
 */
import type Database from 'better-sqlite3';
import type { FeatureCollection, Geometry } from 'geojson';
import type { LongPanel } from '../core/panel';
import { openConnection, type OpenOptions } from './connection';
import { SCHEMA_VERSION } from './migrations';
import { ObservationTable, type ObservationColumns, type ObservationRow, type VariableRow } from './observations';
import { PanelReader, type ReadPanelOptions } from './read-panel';
import { RegionTable, type RegionRow } from './regions';
import { RunTable, type RunRow } from './runs';
import { FigureSpecTable, type FigureSpecRow } from './figure-specs';
import { RegionAliasTable, type RegionAliasRow } from './region-aliases';
import { WeightTable, type StoredWeights } from './weight-matrices';
import { DataEditTable, type DataEditRow } from './data-edits';
import { ContentsReader, type StoredContents } from './contents';

export { SCHEMA_VERSION } from './migrations';
export { APPLICATION_ID } from './connection';
export type { OpenOptions } from './connection';
export type { RegionRow } from './regions';
export type { RegionAliasRow } from './region-aliases';
export type { VariableRow, ObservationRow, ObservationColumns } from './observations';
export type { StoredWeights } from './weight-matrices';
export type { RunRow } from './runs';
export type { StoredContents } from './contents';
export type { FigureKind, FigureSpecRow } from './figure-specs';
export type { ReadPanelOptions } from './read-panel';
export type { DataEditKind, DataEditRow, DeletedVariable } from './data-edits';
export { computeInputHash } from './hash';

/** Meta key naming the project's default geometry layer (read by src/services/inputs/layers.ts). */
export const DEFAULT_LAYER_KEY = 'default_layer';

/**
 * An open project file. Every write is a synchronous transaction; bulk writes called inside
 * {@link ProjectStore.transaction} join it (as savepoints), so an import is all-or-nothing.
 */
export class ProjectStore {
  /** The file this store reads and writes. */
  readonly path: string;
  /** True when opening created the schema (a new or empty file). */
  readonly created: boolean;
  /** Migration steps applied while opening. */
  readonly migratedSteps: number;
  private readonly db: Database.Database;
  private readonly regions: RegionTable;
  private readonly observations: ObservationTable;
  private readonly panels: PanelReader;
  private readonly weights: WeightTable;
  private readonly runs: RunTable;
  private readonly figures: FigureSpecTable;
  private readonly aliases: RegionAliasTable;
  private readonly edits: DataEditTable;
  private readonly contentsReader: ContentsReader;
  private readonly getMetaStmt: Database.Statement<[string], { value: string }>;
  private readonly setMetaStmt: Database.Statement<[string, string]>;

  private constructor(path: string, db: Database.Database, created: boolean, migratedSteps: number) {
    this.path = path;
    this.db = db;
    this.created = created;
    this.migratedSteps = migratedSteps;
    this.regions = new RegionTable(db);
    this.observations = new ObservationTable(db, this.regions);
    this.panels = new PanelReader(db, this.regions, this.observations);
    this.weights = new WeightTable(db, this.regions);
    this.runs = new RunTable(db);
    this.figures = new FigureSpecTable(db);
    this.aliases = new RegionAliasTable(db, this.regions);
    this.edits = new DataEditTable(db, this.regions, this.observations);
    this.contentsReader = new ContentsReader(db);
    this.getMetaStmt = db.prepare('SELECT value FROM meta WHERE key = ?');
    this.setMetaStmt = db.prepare('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  }

  /**
   * Open a project file, migrating one made by an older version (all-or-nothing).
   *
   * @param path - the `.rwb` file
   * @param opts - `create`: make the file when missing; `readonly`: open read-only, never migrate
   * @throws InputError `not-found` (missing file without `create`), `not-a-project`,
   *   `newer-version`, `needs-upgrade` (older file opened read-only), `migration-failed`, `cannot-open`
   */
  static open(path: string, opts: OpenOptions = {}): ProjectStore {
    const c = openConnection(path, opts);
    try {
      return new ProjectStore(path, c.db, c.created, c.migrated);
    } catch (e) {
      c.db.close();
      throw e;
    }
  }

  /** Close the file (SQLite checkpoints the WAL into it when this is the last connection). */
  close(): void {
    this.db.close();
  }

  /**
   * Copy the WAL's committed pages into the main file and truncate the WAL, so the `.rwb`
   * file alone holds everything (before copying or attaching it elsewhere).
   */
  checkpoint(): void {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  /**
   * The connection's SQLite settings, for diagnostics and tests: journal mode, foreign-key
   * enforcement, synchronous level (0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA) and busy timeout (ms).
   */
  connectionSettings(): { journalMode: string; foreignKeys: boolean; synchronous: number; busyTimeoutMs: number } {
    return {
      journalMode: String(this.db.pragma('journal_mode', { simple: true })),
      foreignKeys: this.db.pragma('foreign_keys', { simple: true }) === 1,
      synchronous: Number(this.db.pragma('synchronous', { simple: true })),
      busyTimeoutMs: Number(this.db.pragma('busy_timeout', { simple: true })),
    };
  }

  /** `PRAGMA integrity_check`: `['ok']` for a sound file, else SQLite's list of problems. */
  integrityCheck(): string[] {
    return (this.db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  }

  /** True while the connection is open. */
  get isOpen(): boolean {
    return this.db.open;
  }

  /**
   * Run `fn` in one transaction: committed when it returns, rolled back when it throws (the
   * error is rethrown). Nested calls become savepoints. `fn` must be synchronous.
   *
   * @throws TypeError `Transaction function cannot return a promise` when `fn` is async
   *   (what it wrote before its first `await` is rolled back)
   */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /** A value of the project's key/value `meta` table. */
  getMeta(key: string): string | undefined {
    return this.getMetaStmt.get(key)?.value;
  }

  /** Set a `meta` value. */
  setMeta(key: string, value: string): void {
    this.setMetaStmt.run(key, value);
  }

  /** Remove a `meta` value (nothing when absent). */
  deleteMeta(key: string): void {
    this.db.prepare('DELETE FROM meta WHERE key = ?').run(key);
  }

  /**
   * Insert or update regions by `code`, all-or-nothing. A field left `undefined` keeps its
   * stored value; `null` clears it.
   *
   * @throws InputError `invalid-name` (empty code), `invalid-field` (mistyped field, non-finite lon/lat)
   */
  upsertRegions(rows: RegionRow[]): void {
    this.regions.upsertRegions(rows);
  }

  /** All regions sorted by code (string order); absent fields `null`, `attributes` only when stored. */
  listRegions(): RegionRow[] {
    return this.regions.listRegions();
  }

  /**
   * Store or replace region aliases (a data file's spelling → region code), all-or-nothing.
   *
   * @throws InputError `project-empty-name` (empty alias), `project-unknown-region` naming the code
   */
  putRegionAliases(rows: readonly RegionAliasRow[]): void {
    this.aliases.put(rows);
  }

  /** The stored region aliases, sorted by alias. */
  listRegionAliases(): RegionAliasRow[] {
    return this.aliases.list();
  }

  /**
   * Store or replace each region's boundary in `layer` (e.g. `'provinces'`), all-or-nothing.
   *
   * @throws InputError `unknown-region` naming the code, `invalid-geometry` for a non-GeoJSON geometry
   */
  putGeometries(layer: string, rows: { region: string; geometry: Geometry }[]): void {
    this.regions.putGeometries(layer, rows);
  }

  /** Names of the stored geometry layers, sorted. */
  listLayers(): string[] {
    return this.regions.listLayers();
  }

  /**
   * One layer as GeoJSON, features sorted by region code with `id` = code and properties
   * `code, nameZh, nameEn, regionGroup, level`. The default layer (meta `default_layer`, else
   * the first) is chosen by the services' one rule, `chooseLayer` in src/services/inputs/layers.ts.
   *
   * @throws InputError `unknown-layer` listing the stored layers
   */
  getGeometryCollection(layer: string): FeatureCollection {
    return this.regions.getGeometryCollection(layer);
  }

  /**
   * Insert or update a variable by `name`; `undefined` fields keep their stored value.
   *
   * @throws InputError `invalid-name`, `invalid-field`
   */
  upsertVariable(v: VariableRow): void {
    this.observations.upsertVariable(v);
  }

  /** All variables in creation order, absent fields `null`. */
  listVariables(): VariableRow[] {
    return this.observations.listVariables();
  }

  /**
   * Delete a variable and all its observations.
   *
   * @throws InputError `unknown-variable`
   */
  deleteVariable(name: string): void {
    this.observations.deleteVariable(name);
  }

  /**
   * Upsert cells of `variable` by (region, period) in one transaction, or as a savepoint of
   * the caller's `transaction()`. `null`/`NaN` are stored as missing; later duplicates win.
   *
   * @throws InputError `unknown-variable` (create it with `upsertVariable` first),
   *   `unknown-region` naming the code, `invalid-period`, `invalid-value`
   */
  putObservations(variable: string, rows: ObservationRow[]): void {
    this.observations.putObservations(variable, rows);
  }

  /**
   * Upsert several variables' cells given as columns, in primary-key order by multi-row
   * INSERTs (the bulk path of imports), all-or-nothing; `onRows` reports rows written.
   *
   * @throws as `putObservations`
   */
  putObservationColumns(data: ObservationColumns, onRows?: (written: number) => void): void {
    this.observations.putObservationColumns(data, onRows);
  }

  /**
   * The stored panel (`idColumn` `'region'`, `timeColumn` `'period'`, `source` = project
   * path): one row per (region, period) with at least one stored cell among the chosen
   * variables, sorted by region code then period, `NaN` for missing.
   *
   * @throws InputError `unknown-variable`, `unknown-region`, `duplicate-variable`
   */
  readPanel(opts?: ReadPanelOptions): LongPanel {
    return this.panels.readPanel(this.path, opts);
  }

  /**
   * Save a weights matrix (ordered `ids`, sparse entries), replacing one of the same name.
   *
   * @throws InputError `unknown-region`, `duplicate-weight-region`, `weight-entry-outside`,
   *   `duplicate-weight-entry`, `invalid-weight`
   */
  saveWeights(w: StoredWeights): void {
    this.weights.saveWeights(w);
  }

  /** Name, spec and size of every stored matrix, by name. */
  listWeights(): { name: string; spec: unknown; n: number }[] {
    return this.weights.listWeights();
  }

  /** A stored matrix (ids in saved order, entries by row then column position), or `undefined`. */
  getWeights(name: string): StoredWeights | undefined {
    return this.weights.getWeights(name);
  }

  /**
   * Save an analysis run; returns its new id (`id` in `r` is ignored, `createdAt` defaults to now).
   *
   * @throws InputError `invalid-name` (empty kind), `invalid-field` (non-integer seed, ...), `not-json`
   */
  saveRun(r: RunRow): number {
    return this.runs.saveRun(r);
  }

  /** Saved runs in the order they were saved, optionally of one `kind`. */
  listRuns(kind?: string): RunRow[] {
    return this.runs.listRuns(kind);
  }

  /** One saved run, or `undefined`. */
  getRun(id: number): RunRow | undefined {
    return this.runs.getRun(id);
  }

  /**
   * Save a figure spec (map or group chart) under a name; returns its new id.
   * @throws InputError `project-empty-name`, `store-figure-kind`, `not-json`
   */
  saveFigure(r: FigureSpecRow): number {
    return this.figures.save(r);
  }

  /** Saved figure specs in the order they were saved. */
  listFigures(): FigureSpecRow[] {
    return this.figures.list();
  }

  /** What the project holds, counted in SQL (layers, sources, variables, weights, runs, figures) for the project explorer. */
  contents(): StoredContents {
    return this.contentsReader.read();
  }

  /** A stamp that changes whenever this project is written (by this connection or another). */
  writeStamp(): string {
    return this.contentsReader.stamp();
  }

  /** One saved figure spec, or `undefined`. */
  getFigure(id: number): FigureSpecRow | undefined {
    return this.figures.get(id);
  }

  /** Delete a saved figure spec; returns whether it existed. */
  deleteFigure(id: number): boolean {
    return this.figures.delete(id);
  }

  /**
   * Set one cell of `variable` at (region, period) and log the edit, in one transaction
   * (`null` = missing). The log keeps the old value, so {@link ProjectStore.undoEdit} restores it.
   *
   * @throws InputError `project-unknown-variable`, `project-unknown-region`, `project-invalid-period`,
   *   `project-invalid-value`
   */
  editCell(variable: string, region: string, period: number, value: number | null): DataEditRow {
    return this.edits.editCell(variable, region, period, value);
  }

  /**
   * Delete variables and their observations as one logged, undoable edit (one transaction);
   * `names[0]` is the variable asked for, the rest are deleted with it (its dependents).
   *
   * @throws InputError `project-unknown-variable`
   */
  deleteVariablesLogged(names: readonly string[]): DataEditRow {
    return this.edits.deleteVariables(names);
  }

  /**
   * Replace derived variables' values as one logged, undoable edit (one transaction): for each
   * name in order the old rows are kept in the log and `valuesOf(name)` is written; it may read
   * (through this store) the values already written for the names before it.
   *
   * @throws InputError `project-unknown-variable`, and what `valuesOf` or `putObservations` throw
   */
  recomputeLogged(names: readonly string[], valuesOf: (name: string) => ObservationRow[]): DataEditRow {
    return this.edits.recompute(names, valuesOf);
  }

  /**
   * Undo the last edit still standing, or edit `id`, in one transaction; returns it, marked undone.
   *
   * @throws InputError `data-undo-nothing`, `data-undo-unknown`, `data-undo-already`,
   *   `data-undo-variable-gone`, `data-undo-changed`, `data-undo-variable-exists`
   */
  undoEdit(id?: number): DataEditRow {
    return this.edits.undo(id);
  }

  /** The last `limit` logged edits (default 200), newest first. */
  listEdits(limit = 200): DataEditRow[] {
    return this.edits.list(limit);
  }

  /** One logged edit, or `undefined`. */
  getEdit(id: number): DataEditRow | undefined {
    return this.edits.get(id);
  }

  /** The schema version of this build (the file's, once open). */
  get schemaVersion(): number {
    return SCHEMA_VERSION;
  }
}
