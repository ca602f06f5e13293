/**
 * Reading stored observations back as the in-memory `LongPanel` every layer consumes.
 */
import type Database from 'better-sqlite3';
import { InputError } from '../core/errors';
import type { LongPanel } from '../core/panel';
import { compareCodes } from './sql';
import { unknownRegion, type RegionTable } from './regions';
import type { ObservationTable } from './observations';

/** Options of {@link PanelReader.readPanel}. */
export interface ReadPanelOptions {
  /** Variables to read, in this order; default all, in creation order. */
  variables?: string[];
  /** Regions to keep; default all. */
  regions?: string[];
}

type ObsTuple = [regionId: number, period: number, variableId: number, value: number | null];

/** Prepared panel queries of one store. */
export class PanelReader {
  private readonly byVariables: Database.Statement<[string], ObsTuple>;
  private readonly byVariablesAndRegions: Database.Statement<[string, string], ObsTuple>;
  private readonly regionCodes: Database.Statement<[], { id: number; code: string }>;

  constructor(db: Database.Database, private readonly regions: RegionTable, private readonly observations: ObservationTable) {
    const base = `SELECT o.region_id, o.period, o.variable_id, o.value FROM observations o
      WHERE o.variable_id IN (SELECT value FROM json_each(?))`;
    this.byVariables = db.prepare<[string], ObsTuple>(base).raw(true);
    this.byVariablesAndRegions = db.prepare<[string, string], ObsTuple>(
      `${base} AND o.region_id IN (SELECT value FROM json_each(?))`).raw(true);
    this.regionCodes = db.prepare('SELECT id, code FROM regions');
  }

  /**
   * The stored panel: one row per (region, period) that has at least one stored cell among
   * the chosen variables, sorted by region code (string order, as `panelRegions`) then
   * period; `idColumn` `'region'`, `timeColumn` `'period'`, `NaN` for missing; `rowNumbers`
   * are 1-based positions (a project has no source-file rows).
   *
   * @throws InputError `unknown-variable` / `unknown-region` naming a requested name that is not stored
 * @throws InputError `duplicate-variable` when a variable is requested twice
   */
  readPanel(source: string, opts: ReadPanelOptions = {}): LongPanel {
    const vars = opts.variables === undefined
      ? this.observations.variableIds()
      : opts.variables.map((name) => ({ id: this.observations.variableId(name), name }));
    const column = new Map<number, number>();
    vars.forEach((v, k) => {
      if (column.has(v.id)) {
        throw new InputError('duplicate-variable', `Variable "${v.name}" is requested twice`, { variable: v.name });
      }
      column.set(v.id, k);
    });
    const varIds = JSON.stringify(vars.map((v) => v.id));
    let tuples: ObsTuple[];
    if (opts.regions === undefined) {
      tuples = this.byVariables.all(varIds);
    } else {
      const ids = this.regions.idsByCode();
      const wanted = opts.regions.map((code) => {
        const id = ids.get(code);
        if (id === undefined) throw unknownRegion(code, 'the panel request');
        return id;
      });
      tuples = this.byVariablesAndRegions.all(varIds, JSON.stringify(wanted));
    }
    const codeOf = new Map<number, string>();
    for (const r of this.regionCodes.all()) codeOf.set(r.id, r.code);

    // Distinct (region, period) keys, then sort them into rows.
    const keyIndex = new Map<string, number>();
    const keys: { code: string; period: number }[] = [];
    const keyOfTuple = new Int32Array(tuples.length);
    for (let t = 0; t < tuples.length; t++) {
      const [regionId, period] = tuples[t];
      const key = `${regionId}:${period}`;
      let k = keyIndex.get(key);
      if (k === undefined) {
        k = keys.length;
        keyIndex.set(key, k);
        keys.push({ code: codeOf.get(regionId) ?? String(regionId), period });
      }
      keyOfTuple[t] = k;
    }
    const order = keys.map((_, k) => k)
      .sort((a, b) => compareCodes(keys[a].code, keys[b].code) || keys[a].period - keys[b].period);
    const rowOfKey = new Int32Array(keys.length);
    order.forEach((k, row) => { rowOfKey[k] = row; });

    const n = keys.length;
    const values: Record<string, Float64Array> = {};
    const columns = vars.map((v) => {
      const a = new Float64Array(n).fill(Number.NaN);
      values[v.name] = a;
      return a;
    });
    for (let t = 0; t < tuples.length; t++) {
      const value = tuples[t][3];
      if (value !== null) columns[column.get(tuples[t][2]) ?? 0][rowOfKey[keyOfTuple[t]]] = value;
    }
    return {
      source,
      idColumn: 'region',
      timeColumn: 'period',
      ids: order.map((k) => keys[k].code),
      times: order.map((k) => keys[k].period),
      rowNumbers: order.map((_, row) => row + 1),
      variables: vars.map((v) => v.name),
      values,
    };
  }
}
