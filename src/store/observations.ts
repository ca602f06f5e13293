/**
 * Variables and their panel values (tables `variables`, `observations`): typed
 * `(region, period, variable) → REAL` cells, `NULL` = missing.
 */
import type Database from 'better-sqlite3';
import { InputError } from '../core/errors';
import { flag, optText, requireName } from './sql';
import { unknownRegion, type RegionTable } from './regions';

/** A panel variable's description. Absent optional fields are kept on update. */
export interface VariableRow {
  name: string;
  label?: string | null;
  unit?: string | null;
  /** Where the data came from (yearbook, file name). */
  source?: string | null;
  /** The mathjs expression it was derived by, e.g. `log(gsp)`. */
  expression?: string | null;
  /** True for simulated demonstration data (the app labels it so). */
  simulated?: boolean;
}

/** One cell of a variable. */
export interface ObservationRow {
  region: string;
  /** Integer year or period number. */
  period: number;
  /** `null` or `NaN` = missing. */
  value: number | null;
}

interface VariableDbRow {
  id: number; name: string; label: string | null; unit: string | null; source: string | null;
  expression: string | null; simulated: number;
}

const UPSERT_VARIABLE = `
INSERT INTO variables(name, label, unit, source, expression, simulated)
VALUES (@name, @label, @unit, @source, @expression, @simulated)
ON CONFLICT(name) DO UPDATE SET
  label      = CASE WHEN @set_label      THEN excluded.label      ELSE label      END,
  unit       = CASE WHEN @set_unit       THEN excluded.unit       ELSE unit       END,
  source     = CASE WHEN @set_source     THEN excluded.source     ELSE source     END,
  expression = CASE WHEN @set_expression THEN excluded.expression ELSE expression END,
  simulated  = CASE WHEN @set_simulated  THEN excluded.simulated  ELSE simulated  END`;

/**
 * Columns of a panel to write at once: row `r` is `(regions[r], periods[r])`, and
 * `columns[v][r]` the value of `variables[v]` there (`NaN` = missing).
 */
export interface ObservationColumns {
  readonly variables: readonly string[];
  readonly regions: readonly string[];
  readonly periods: readonly number[];
  readonly columns: readonly Float64Array[];
}

/** Observations bound per multi-row INSERT (4 parameters each: 512 parameters). */
const ROWS_PER_INSERT = 128;

/**
 * A bulk write of at least this many observations, and at least as many as the table holds,
 * drops the secondary index `observations_by_variable` and builds it again at the end (in the
 * same transaction, from its own stored SQL, so the schema is the same after): one sort
 * instead of an index insert per observation. Measured on 2 million observations written in
 * key order: 2.3 s of CPU against 4.0 s with the index kept (SQLite 3, WAL).
 */
const REINDEX_MIN_OBSERVATIONS = 200_000;
const SECONDARY_INDEX = 'observations_by_variable';

/** Panel rows written between two progress reports. */
const ROWS_PER_REPORT = 8192;

/**
 * Page cache of a bulk write (KiB, as SQLite's negative `cache_size`): 64 MiB keeps the
 * B-tree pages being filled, and the index rebuild's sort, in memory; the connection's own
 * size is restored afterwards.
 */
const BULK_CACHE_KIB = 64 * 1024;

/** Statements over `variables` and `observations`, prepared once per store. */
export class ObservationTable {
  private readonly upsertVar: Database.Statement;
  private readonly allVars: Database.Statement<[], VariableDbRow>;
  private readonly varByName: Database.Statement<[string], { id: number }>;
  private readonly deleteVar: Database.Statement<[number]>;
  private readonly upsertObs: Database.Statement<[number, number, number, number | null]>;
  private readonly putMany: (variable: string, rows: ObservationRow[]) => void;
  private readonly putColumns: (data: ObservationColumns, onRows?: (written: number) => void) => void;
  private readonly insertStatements = new Map<number, Database.Statement>();

  constructor(private readonly db: Database.Database, private readonly regions: RegionTable) {
    this.upsertVar = db.prepare(UPSERT_VARIABLE);
    this.allVars = db.prepare('SELECT * FROM variables ORDER BY id');
    this.varByName = db.prepare('SELECT id FROM variables WHERE name = ?');
    this.deleteVar = db.prepare('DELETE FROM variables WHERE id = ?');
    this.upsertObs = db.prepare(`INSERT INTO observations(region_id, period, variable_id, value) VALUES (?, ?, ?, ?)
      ON CONFLICT(region_id, period, variable_id) DO UPDATE SET value = excluded.value`);
    // A better-sqlite3 transaction function called inside another transaction becomes a
    // savepoint, so a bulk write joins the caller's `store.transaction(...)`.
    this.putMany = db.transaction((variable: string, rows: ObservationRow[]) => {
      const variableId = this.variableId(variable);
      const ids = this.regions.idsByCode();
      for (let k = 0; k < rows.length; k++) {
        const row = rows[k];
        const regionId = ids.get(row.region);
        if (regionId === undefined) throw unknownRegion(String(row.region), `observations of "${variable}"`);
        const period = row.period;
        if (!Number.isSafeInteger(period)) {
          throw new InputError('project-invalid-period',
            `Period ${String(period)} of region "${row.region}" in "${variable}" is not an integer`,
            { region: row.region, variable, period, periodText: String(period) });
        }
        const v = row.value;
        if (v !== null && typeof v !== 'number') {
          throw new InputError('project-invalid-value',
            `Value of "${variable}" for "${row.region}" ${period} is not a number: ${JSON.stringify(v)}`,
            { region: row.region, variable, period, value: JSON.stringify(v) });
        }
        this.upsertObs.run(regionId, period, variableId, v === null || Number.isNaN(v) ? null : v);
      }
    });
    this.putColumns = db.transaction((data: ObservationColumns, onRows?: (written: number) => void) => this.writeColumns(data, onRows));
  }

  /**
   * The multi-row INSERT of `n` observations, prepared once per size: an upsert, or (`plain`)
   * a bare INSERT for cells that cannot exist yet (≈ 10% faster).
   */
  private insertOf(n: number, plain: boolean): Database.Statement {
    const key = plain ? -n : n;
    let st = this.insertStatements.get(key);
    if (!st) {
      const values = Array.from({ length: n }, () => '(?, ?, ?, ?)').join(', ');
      st = this.db.prepare(`INSERT INTO observations(region_id, period, variable_id, value) VALUES ${values}${
        plain ? '' : '\n        ON CONFLICT(region_id, period, variable_id) DO UPDATE SET value = excluded.value'}`);
      this.insertStatements.set(key, st);
    }
    return st;
  }

  private writeColumns(data: ObservationColumns, onRows?: (written: number) => void): void {
    const { regions, periods, columns } = data;
    const n = regions.length;
    if (periods.length !== n || columns.length !== data.variables.length || columns.some((c) => c.length !== n)) {
      throw new RangeError('putObservationColumns: regions, periods and every column must have one entry per row');
    }
    // Variables in id order: (region_id, period, variable_id) is the primary key.
    const vars = data.variables.map((name, j) => ({ id: this.variableId(name), col: columns[j], name }));
    vars.sort((a, b) => a.id - b.id);
    const first = vars.length ? vars[0].name : '';
    const ids = this.regions.idsByCode();
    const rid = new Int32Array(n);
    let minP = Infinity;
    let maxP = -Infinity;
    for (let r = 0; r < n; r++) {
      const id = ids.get(regions[r]);
      if (id === undefined) throw unknownRegion(String(regions[r]), `observations of "${first}"`);
      rid[r] = id;
      const period = periods[r];
      if (!Number.isSafeInteger(period)) {
        throw new InputError('project-invalid-period',
          `Period ${String(period)} of region "${regions[r]}" in "${first}" is not an integer`,
          { region: regions[r], variable: first, period, periodText: String(period) });
      }
      if (period < minP) minP = period;
      if (period > maxP) maxP = period;
    }
    const order = primaryKeyOrder(rid, periods, minP, maxP);
    const cells = n * vars.length;
    // A bare INSERT when no cell can conflict: the variables hold no observations yet and no
    // (region, period) repeats (rows are in key order, so a repeat is adjacent).
    let plain = vars.length > 0 && this.db.prepare(`SELECT 1 FROM observations WHERE variable_id IN (${vars.map(() => '?').join(', ')}) LIMIT 1`).get(...vars.map((v) => v.id)) === undefined;
    for (let k = 1; k < n && plain; k++) {
      const r = order ? order[k] : k;
      const q = order ? order[k - 1] : k - 1;
      if (rid[r] === rid[q] && periods[r] === periods[q]) plain = false;
    }
    const previousCache = this.db.pragma('cache_size', { simple: true }) as number;
    if (cells > ROWS_PER_INSERT * 64) this.db.pragma(`cache_size = -${BULK_CACHE_KIB}`);
    let indexSql: string | undefined;
    if (cells >= REINDEX_MIN_OBSERVATIONS) {
      const stored = (this.db.prepare('SELECT count(*) AS n FROM observations').get() as { n: number }).n;
      const row = this.db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?").get(SECONDARY_INDEX) as { sql: string | null } | undefined;
      if (cells >= stored && row?.sql) {
        indexSql = row.sql;
        this.db.exec(`DROP INDEX ${SECONDARY_INDEX}`);
      }
    }
    try {
      const full = this.insertOf(ROWS_PER_INSERT, plain);
      const params: (number | null)[] = new Array(ROWS_PER_INSERT * 4);
      let filled = 0;
      for (let k = 0; k < n; k++) {
        const r = order ? order[k] : k;
        const regionId = rid[r];
        const period = periods[r];
        for (const v of vars) {
          const x = v.col[r];
          params[filled++] = regionId;
          params[filled++] = period;
          params[filled++] = v.id;
          params[filled++] = Number.isNaN(x) ? null : x;
          if (filled === params.length) {
            full.run(params);
            filled = 0;
          }
        }
        if (onRows && (k + 1) % ROWS_PER_REPORT === 0) onRows(k + 1);
      }
      if (filled > 0) this.insertOf(filled / 4, plain).run(params.slice(0, filled));
      if (indexSql !== undefined) {
        this.db.exec(indexSql);
        indexSql = undefined;
      }
    } finally {
      // A failed write is rolled back by the caller (the index with it); the index statement
      // is run again here only so that a caller catching the error inside its own
      // transaction still has it.
      if (indexSql !== undefined) this.db.exec(indexSql);
      if (cells > ROWS_PER_INSERT * 64) this.db.pragma(`cache_size = ${previousCache}`);
    }
    onRows?.(n);
  }

  /**
   * Insert or update a variable by `name`. A field left `undefined` keeps its stored value
   * (`simulated` defaults to false on insert).
   *
   * @throws InputError `invalid-name` for an empty name, `project-invalid-simulated` for a mistyped field
   */
  upsertVariable(v: VariableRow): void {
    const name = requireName(v.name, 'Variable name');
    const owner = `variable ${name}`;
    if (v.simulated !== undefined && typeof v.simulated !== 'boolean') {
      throw new InputError('project-invalid-simulated', `${owner}: simulated must be true or false`, { field: 'simulated', owner });
    }
    this.upsertVar.run({
      name,
      label: optText(v.label, 'label', owner), set_label: flag(v.label !== undefined),
      unit: optText(v.unit, 'unit', owner), set_unit: flag(v.unit !== undefined),
      source: optText(v.source, 'source', owner), set_source: flag(v.source !== undefined),
      expression: optText(v.expression, 'expression', owner), set_expression: flag(v.expression !== undefined),
      simulated: flag(v.simulated === true), set_simulated: flag(v.simulated !== undefined),
    });
  }

  /** All variables in creation order, absent fields `null`. */
  listVariables(): VariableRow[] {
    return this.allVars.all().map((r) => ({
      name: r.name, label: r.label, unit: r.unit, source: r.source, expression: r.expression, simulated: r.simulated === 1,
    }));
  }

  /**
   * Delete a variable and (cascade) all its observations.
   *
   * @throws InputError `project-unknown-variable` when no variable has that name
   */
  deleteVariable(name: string): void {
    this.deleteVar.run(this.variableId(name));
  }

  /**
   * Upsert cells of `variable` by (region, period), all-or-nothing, in one transaction (or a
   * savepoint of the caller's). `NaN` and `null` are stored as `NULL` (missing); `±Infinity`
   * is stored as is; `-0` comes back as `0` (SQLite has no negative zero). When `rows` holds
   * the same (region, period) twice, the later row wins.
   *
   * @throws InputError `project-unknown-variable` when the variable was not created with `upsertVariable`
   * @throws InputError `unknown-region` naming the first region code not in the project
   * @throws InputError `project-invalid-period` for a non-integer period, `project-invalid-value` for a non-number
   */
  putObservations(variable: string, rows: ObservationRow[]): void {
    this.putMany(variable, rows);
  }

  /**
   * Upsert the cells of several variables at once, all-or-nothing (one transaction, or a
   * savepoint of the caller's): rows are written in primary-key order (region, period,
   * variable) by multi-row INSERTs, so the table's B-tree is filled at its end rather than
   * at one place per variable. Same rules as `putObservations` (NaN = missing, later
   * duplicates win). `onRows(written)` is called every few thousand rows and at the end; a
   * throw from it rolls the write back.
   *
   * @throws InputError as `putObservations`; RangeError when the arrays differ in length
   */
  putObservationColumns(data: ObservationColumns, onRows?: (written: number) => void): void {
    this.putColumns(data, onRows);
  }

  /**
   * Row id of a variable.
   *
   * @throws InputError `project-unknown-variable`
   */
  variableId(name: string): number {
    const row = this.varByName.get(name);
    if (row === undefined) {
      throw new InputError('project-unknown-variable',
        `Unknown variable "${name}" in this project: create it with upsertVariable first`, { variable: name });
    }
    return row.id;
  }

  /** (id, name) of every variable in creation order. */
  variableIds(): { id: number; name: string }[] {
    return this.allVars.all().map((r) => ({ id: r.id, name: r.name }));
  }
}

/**
 * The permutation of rows sorting them by (region id, period), file order kept among equal
 * keys; `undefined` when they are sorted already. Rows are sorted by one packed Float64 key
 * (region id, period offset, row) when it fits in 2^53, else by comparison.
 */
function primaryKeyOrder(rid: Int32Array, periods: readonly number[], minP: number, maxP: number): Uint32Array | undefined {
  const n = rid.length;
  let sorted = true;
  for (let r = 1; r < n && sorted; r++) {
    if (rid[r] < rid[r - 1] || (rid[r] === rid[r - 1] && periods[r] < periods[r - 1])) sorted = false;
  }
  if (sorted) return undefined;
  const span = maxP - minP + 1;
  let maxId = 0;
  for (let r = 0; r < n; r++) if (rid[r] > maxId) maxId = rid[r];
  if ((maxId + 1) * span * n < Number.MAX_SAFE_INTEGER) {
    const keys = new Float64Array(n);
    for (let r = 0; r < n; r++) keys[r] = (rid[r] * span + (periods[r] - minP)) * n + r;
    keys.sort();
    const order = new Uint32Array(n);
    for (let k = 0; k < n; k++) order[k] = keys[k] % n;
    return order;
  }
  const order = Uint32Array.from({ length: n }, (_, r) => r);
  order.sort((a, b) => rid[a] - rid[b] || periods[a] - periods[b] || a - b);
  return order;
}
