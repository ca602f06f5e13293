/**
 * The Data tab's edits and their undo (tables `data_edits`, `data_edit_observations`, schema 6):
 * a cell edit, a variable deletion and an undo are each ONE transaction that changes the data
 * and writes the log together, so a failure anywhere leaves the project as it was.
 *
 * Undo restores exactly: a cell gets its old REAL back (or loses the row it did not have); a
 * deleted variable comes back with its id, name, label, unit, source, expression, simulated flag
 * and creation time, and its observations are copied back from the typed side table (never
 * through JSON, so every double is restored bit for bit).
 */
import type Database from 'better-sqlite3';
import { InputError } from '../core/errors';
import { toJson } from './sql';
import { unknownRegion, type RegionTable } from './regions';
import type { ObservationRow, ObservationTable } from './observations';

/** What an edit did. */
export type DataEditKind = 'cell' | 'delete-variable' | 'recompute';

/** A deleted variable as the log keeps it (enough to put it back as it was). */
export interface DeletedVariable {
  readonly id: number;
  readonly name: string;
  readonly label: string | null;
  readonly unit: string | null;
  readonly source: string | null;
  readonly expression: string | null;
  readonly simulated: boolean;
  readonly createdAt: string;
  /** Observation rows it had (kept in `data_edit_observations` until undone). */
  readonly cells: number;
}

/** One logged edit. */
export interface DataEditRow {
  readonly id: number;
  readonly kind: DataEditKind;
  /** The edited variable, or the variable whose deletion was asked for. */
  readonly variable: string;
  /** Cell edits: the region code and period; `null` for deletions. */
  readonly region: string | null;
  readonly period: number | null;
  /** Cell edits: the value before (`null` = missing or no row) and after (`null` = missing). */
  readonly oldValue: number | null;
  readonly newValue: number | null;
  /** Cell edits: whether an observation row existed before the edit; `null` for deletions. */
  readonly oldPresent: boolean | null;
  /**
   * Deletions: every variable deleted (the named one first, then dependents deleted with it);
   * recomputations: every variable recomputed, in order (`cells` = rows before).
   */
  readonly deleted: readonly DeletedVariable[];
  readonly createdAt: string;
  /** When the edit was undone, or `null` while it stands. */
  readonly undoneAt: string | null;
}

interface EditDbRow {
  id: number; kind: DataEditKind; variable: string; region_code: string | null; period: number | null;
  old_present: number | null; old_value: number | null; new_value: number | null; payload: string | null;
  created_at: string; undone_at: string | null;
}

interface VariableDbRow {
  id: number; name: string; label: string | null; unit: string | null; source: string | null;
  expression: string | null; simulated: number; created_at: string;
}

const SELECT_EDIT = `SELECT e.id, e.kind, e.variable, r.code AS region_code, e.period, e.old_present, e.old_value,
  e.new_value, e.payload, e.created_at, e.undone_at FROM data_edits e LEFT JOIN regions r ON r.id = e.region_id`;

const NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

/** Statements over the edit log, prepared once per store. */
export class DataEditTable {
  private readonly cellOf: Database.Statement<[number, number, number], { value: number | null }>;
  private readonly upsertCell: Database.Statement<[number, number, number, number | null]>;
  private readonly deleteCell: Database.Statement<[number, number, number]>;
  private readonly insertCellEdit: Database.Statement<[string, number, number, number, number | null, number | null]>;
  private readonly insertDeleteEdit: Database.Statement<[string, string]>;
  private readonly insertRecomputeEdit: Database.Statement<[string, string]>;
  private readonly deleteObservationsOf: Database.Statement<[number]>;
  private readonly variableById: Database.Statement<[number], VariableDbRow>;
  private readonly keepObservations: Database.Statement<[number, number]>;
  private readonly restoreObservations: Database.Statement<[number]>;
  private readonly dropKept: Database.Statement<[number]>;
  private readonly variableByName: Database.Statement<[string], VariableDbRow>;
  private readonly variableClash: Database.Statement<[string, number], { name: string }>;
  private readonly insertVariable: Database.Statement<[number, string, string | null, string | null, string | null, string | null, number, string]>;
  private readonly deleteVariableById: Database.Statement<[number]>;
  private readonly countCells: Database.Statement<[number], { n: number }>;
  private readonly markUndone: Database.Statement<[number]>;
  private readonly editById: Database.Statement<[number], EditDbRow>;
  private readonly lastStanding: Database.Statement<[], EditDbRow>;
  private readonly recent: Database.Statement<[number], EditDbRow>;
  private readonly editTx: (variable: string, region: string, period: number, value: number | null) => DataEditRow;
  private readonly deleteTx: (names: readonly string[]) => DataEditRow;
  private readonly recomputeTx: (names: readonly string[], valuesOf: (name: string) => ObservationRow[]) => DataEditRow;
  private readonly undoTx: (id: number | undefined) => DataEditRow;

  constructor(db: Database.Database, private readonly regions: RegionTable, private readonly observations: ObservationTable) {
    this.cellOf = db.prepare('SELECT value FROM observations WHERE region_id = ? AND period = ? AND variable_id = ?');
    this.upsertCell = db.prepare(`INSERT INTO observations(region_id, period, variable_id, value) VALUES (?, ?, ?, ?)
      ON CONFLICT(region_id, period, variable_id) DO UPDATE SET value = excluded.value`);
    this.deleteCell = db.prepare('DELETE FROM observations WHERE region_id = ? AND period = ? AND variable_id = ?');
    this.insertCellEdit = db.prepare(`INSERT INTO data_edits(kind, variable, region_id, period, old_present, old_value, new_value)
      VALUES ('cell', ?, ?, ?, ?, ?, ?)`);
    this.insertDeleteEdit = db.prepare("INSERT INTO data_edits(kind, variable, payload) VALUES ('delete-variable', ?, ?)");
    this.insertRecomputeEdit = db.prepare("INSERT INTO data_edits(kind, variable, payload) VALUES ('recompute', ?, ?)");
    this.deleteObservationsOf = db.prepare('DELETE FROM observations WHERE variable_id = ?');
    this.variableById = db.prepare('SELECT * FROM variables WHERE id = ?');
    this.keepObservations = db.prepare(`INSERT INTO data_edit_observations(edit_id, variable_id, region_id, period, value)
      SELECT ?, variable_id, region_id, period, value FROM observations WHERE variable_id = ?`);
    this.restoreObservations = db.prepare(`INSERT INTO observations(region_id, period, variable_id, value)
      SELECT region_id, period, variable_id, value FROM data_edit_observations WHERE edit_id = ?`);
    this.dropKept = db.prepare('DELETE FROM data_edit_observations WHERE edit_id = ?');
    this.variableByName = db.prepare('SELECT * FROM variables WHERE name = ?');
    this.variableClash = db.prepare('SELECT name FROM variables WHERE name = ? OR id = ? ORDER BY id LIMIT 1');
    this.insertVariable = db.prepare(`INSERT INTO variables(id, name, label, unit, source, expression, simulated, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    this.deleteVariableById = db.prepare('DELETE FROM variables WHERE id = ?');
    this.countCells = db.prepare('SELECT count(*) AS n FROM observations WHERE variable_id = ?');
    this.markUndone = db.prepare(`UPDATE data_edits SET undone_at = ${NOW} WHERE id = ?`);
    this.editById = db.prepare(`${SELECT_EDIT} WHERE e.id = ?`);
    this.lastStanding = db.prepare(`${SELECT_EDIT} WHERE e.undone_at IS NULL ORDER BY e.id DESC LIMIT 1`);
    this.recent = db.prepare(`${SELECT_EDIT} ORDER BY e.id DESC LIMIT ?`);

    this.editTx = db.transaction((variable: string, region: string, period: number, value: number | null) => {
      const variableId = this.observations.variableId(variable);
      const regionId = this.regions.idsByCode().get(region);
      if (regionId === undefined) throw unknownRegion(region, `the edit of "${variable}"`);
      if (!Number.isSafeInteger(period)) {
        throw new InputError('project-invalid-period',
          `Period ${String(period)} of region "${region}" in "${variable}" is not an integer`,
          { region, variable, period, periodText: String(period) });
      }
      if (value !== null && typeof value !== 'number') {
        throw new InputError('project-invalid-value',
          `Value of "${variable}" for "${region}" ${period} is not a number: ${JSON.stringify(value)}`,
          { region, variable, period, value: JSON.stringify(value) });
      }
      const stored = value === null || Number.isNaN(value) ? null : value;
      const before = this.cellOf.get(regionId, period, variableId);
      this.upsertCell.run(regionId, period, variableId, stored);
      const id = Number(this.insertCellEdit.run(variable, regionId, period, before === undefined ? 0 : 1, before?.value ?? null, stored).lastInsertRowid);
      return this.get(id) as DataEditRow;
    });

    this.deleteTx = db.transaction((names: readonly string[]) => {
      const rows = this.variableRows(names);
      const id = Number(this.insertDeleteEdit.run(names[0], toJson({ variables: rows.map((r) => this.kept(r)) }, 'deleted variables')).lastInsertRowid);
      for (const r of rows) {
        this.keepObservations.run(id, r.id);
        this.deleteVariableById.run(r.id); // observations go with it (ON DELETE CASCADE)
      }
      return this.get(id) as DataEditRow;
    });

    this.recomputeTx = db.transaction((names: readonly string[], valuesOf: (name: string) => ObservationRow[]) => {
      const rows = this.variableRows(names);
      const id = Number(this.insertRecomputeEdit.run(names[0], toJson({ variables: rows.map((r) => this.kept(r)) }, 'recomputed variables')).lastInsertRowid);
      for (const r of rows) {
        this.keepObservations.run(id, r.id);
        this.deleteObservationsOf.run(r.id);
        // Called only now, so a variable computed from an earlier one of `names` sees its new values.
        this.observations.putObservations(r.name, valuesOf(r.name));
      }
      return this.get(id) as DataEditRow;
    });

    this.undoTx = db.transaction((wanted: number | undefined) => {
      const row = wanted === undefined ? this.lastStanding.get() : this.editById.get(wanted);
      if (row === undefined) {
        if (wanted === undefined) throw new InputError('data-undo-nothing', 'There is no edit to undo in this project.', {});
        throw new InputError('data-undo-unknown', `There is no edit #${wanted} in this project.`, { id: wanted });
      }
      const id = row.id;
      if (row.undone_at !== null) throw new InputError('data-undo-already', `Edit #${id} was already undone.`, { id });
      if (row.kind === 'cell') this.undoCell(row);
      else if (row.kind === 'recompute') this.undoRecompute(row);
      else this.undoDelete(row);
      this.markUndone.run(id);
      return this.get(id) as DataEditRow;
    });
  }

  /**
   * Set one cell and log the edit, in one transaction; `null`/`NaN` store a missing value.
   *
   * @throws InputError `project-unknown-variable`, `project-unknown-region`, `project-invalid-period`,
   *   `project-invalid-value`
   */
  editCell(variable: string, region: string, period: number, value: number | null): DataEditRow {
    return this.editTx(variable, region, period, value);
  }

  /**
   * Delete variables (with their observations) and log it as one edit, in one transaction.
   * `names[0]` is the variable asked for; the caller adds its dependents when they go with it.
   *
   * @throws InputError `project-unknown-variable`
   */
  deleteVariables(names: readonly string[]): DataEditRow {
    if (names.length === 0) throw new Error('deleteVariables: no variable named');
    return this.deleteTx(names);
  }

  /**
   * Replace the values of variables (derived ones, recomputed by the caller) as one logged edit,
   * in one transaction: for each name in order, its rows are kept in the log, cleared, and
   * `valuesOf(name)` is written (it may read the values written for the names before it).
   *
   * @throws InputError `project-unknown-variable`, and whatever `valuesOf` or the writes throw
   */
  recompute(names: readonly string[], valuesOf: (name: string) => ObservationRow[]): DataEditRow {
    if (names.length === 0) throw new Error('recompute: no variable named');
    return this.recomputeTx(names, valuesOf);
  }

  /**
   * Undo the last edit still standing, or edit `id`, in one transaction.
   *
   * @throws InputError `data-undo-nothing`, `data-undo-unknown`, `data-undo-already`,
   *   `data-undo-variable-gone`, `data-undo-changed` (a cell edited again since),
   *   `data-undo-variable-exists` (a variable now has the deleted one's name or id)
   */
  undo(id?: number): DataEditRow {
    return this.undoTx(id);
  }

  /** One logged edit, or `undefined`. */
  get(id: number): DataEditRow | undefined {
    const r = this.editById.get(id);
    return r === undefined ? undefined : toEdit(r);
  }

  /** The last `limit` edits, newest first. */
  list(limit: number): DataEditRow[] {
    return this.recent.all(limit).map(toEdit);
  }

  private undoCell(row: EditDbRow): void {
    const v = this.variableByName.get(row.variable);
    const ids = this.regions.idsByCode();
    const regionId = row.region_code === null ? undefined : ids.get(row.region_code);
    if (v === undefined || regionId === undefined || row.period === null) {
      throw new InputError('data-undo-variable-gone',
        `Edit #${row.id} cannot be undone: the variable "${row.variable}" no longer exists.`, { id: row.id, variable: row.variable });
    }
    const now = this.cellOf.get(regionId, row.period, v.id);
    if (now === undefined || now.value !== row.new_value) {
      throw new InputError('data-undo-changed',
        `Edit #${row.id} cannot be undone: "${row.variable}" of ${row.region_code} in ${row.period} was changed after it (undo the later edit first).`,
        { id: row.id, variable: row.variable, region: row.region_code, period: row.period });
    }
    if (row.old_present === 1) this.upsertCell.run(regionId, row.period, v.id, row.old_value);
    else this.deleteCell.run(regionId, row.period, v.id);
  }

  private variableRows(names: readonly string[]): VariableDbRow[] {
    return names.map((name) => {
      this.observations.variableId(name); // the one "unknown variable" sentence
      return this.variableByName.get(name) as VariableDbRow;
    });
  }

  private kept(r: VariableDbRow): DeletedVariable {
    return {
      id: r.id, name: r.name, label: r.label, unit: r.unit, source: r.source, expression: r.expression,
      simulated: r.simulated === 1, createdAt: r.created_at, cells: this.countCells.get(r.id)?.n ?? 0,
    };
  }

  private undoRecompute(row: EditDbRow): void {
    for (const d of deletedOf(row)) {
      const now = this.variableById.get(d.id);
      if (now === undefined || now.name !== d.name) {
        throw new InputError('data-undo-variable-gone',
          `Edit #${row.id} cannot be undone: the variable "${d.name}" no longer exists.`, { id: row.id, variable: d.name });
      }
      this.deleteObservationsOf.run(d.id);
    }
    this.restoreObservations.run(row.id);
    this.dropKept.run(row.id);
  }

  private undoDelete(row: EditDbRow): void {
    for (const d of deletedOf(row)) {
      const clash = this.variableClash.get(d.name, d.id);
      if (clash !== undefined) {
        throw new InputError('data-undo-variable-exists',
          `Edit #${row.id} cannot be undone: the variable "${clash.name}" now has the name or the place of the deleted "${d.name}"; delete "${clash.name}" first.`,
          { id: row.id, variable: d.name, other: clash.name });
      }
      this.insertVariable.run(d.id, d.name, d.label, d.unit, d.source, d.expression, d.simulated ? 1 : 0, d.createdAt);
    }
    this.restoreObservations.run(row.id);
    this.dropKept.run(row.id);
  }
}

function deletedOf(r: EditDbRow): DeletedVariable[] {
  if (r.payload === null) return [];
  return (JSON.parse(r.payload) as { variables: DeletedVariable[] }).variables;
}

function toEdit(r: EditDbRow): DataEditRow {
  return Object.freeze({
    id: r.id,
    kind: r.kind,
    variable: r.variable,
    region: r.region_code,
    period: r.period,
    oldValue: r.old_value,
    newValue: r.new_value,
    oldPresent: r.old_present === null ? null : r.old_present === 1,
    deleted: Object.freeze(deletedOf(r)),
    createdAt: r.created_at,
    undoneAt: r.undone_at,
  });
}
