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

/** Statements over `variables` and `observations`, prepared once per store. */
export class ObservationTable {
  private readonly upsertVar: Database.Statement;
  private readonly allVars: Database.Statement<[], VariableDbRow>;
  private readonly varByName: Database.Statement<[string], { id: number }>;
  private readonly deleteVar: Database.Statement<[number]>;
  private readonly upsertObs: Database.Statement<[number, number, number, number | null]>;
  private readonly putMany: (variable: string, rows: ObservationRow[]) => void;

  constructor(db: Database.Database, private readonly regions: RegionTable) {
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
