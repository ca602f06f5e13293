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
  private readonly all: Database.Statement<[], ObsTuple>;
  private readonly byVariables: Database.Statement<[string], ObsTuple>;
  private readonly byVariablesAndRegions: Database.Statement<[string, string], ObsTuple>;
  private readonly regionCodes: Database.Statement<[], { id: number; code: string }>;

  constructor(db: Database.Database, private readonly regions: RegionTable, private readonly observations: ObservationTable) {
    // Every query returns cells grouped by (region_id, period): the primary-key order, so the
    // unfiltered read is a plain scan and rows can be cut where (region, period) changes.
    const cols = 'SELECT region_id, period, variable_id, value FROM observations';
    const byVar = 'variable_id IN (SELECT value FROM json_each(?))';
    const order = 'ORDER BY region_id, period';
    this.all = db.prepare<[], ObsTuple>(`${cols} ${order}`).raw(true);
    this.byVariables = db.prepare<[string], ObsTuple>(`${cols} WHERE ${byVar} ${order}`).raw(true);
    this.byVariablesAndRegions = db.prepare<[string, string], ObsTuple>(
      `${cols} WHERE ${byVar} AND region_id IN (SELECT value FROM json_each(?)) ${order}`).raw(true);
    this.regionCodes = db.prepare('SELECT id, code FROM regions');
  }

  /**
   * The stored panel: one row per (region, period) that has at least one stored cell among
   * the chosen variables, sorted by region code (string order, as `panelRegions`) then
   * period; `idColumn` `'region'`, `timeColumn` `'period'`, `NaN` for missing; `rowNumbers`
   * are 1-based positions (a project has no source-file rows).
   *
   * @throws InputError `unknown-variable` / `unknown-region` naming a requested name that is not stored
   * @throws InputError `project-duplicate-variable` when a variable is requested twice
   */
  readPanel(source: string, opts: ReadPanelOptions = {}): LongPanel {
    const vars = opts.variables === undefined
      ? this.observations.variableIds()
      : opts.variables.map((name) => ({ id: this.observations.variableId(name), name }));
    const column = new Map<number, number>();
    vars.forEach((v, k) => {
      if (column.has(v.id)) {
        throw new InputError('project-duplicate-variable', `Variable "${v.name}" is requested twice`, { variable: v.name });
      }
      column.set(v.id, k);
    });
    const tuples = this.query(vars.map((v) => v.id), opts);

    // Cut rows where (region, period) changes; columns are sized for the worst case (one
    // cell per row) and trimmed below.
    const m = tuples.length;
    const columns = vars.map(() => new Float64Array(m).fill(Number.NaN));
    const rowRegion: number[] = [];
    const rowPeriod: number[] = [];
    let row = -1;
    let prevRegion = -1;
    let prevPeriod = Number.NaN;
    for (let t = 0; t < m; t++) {
      const [regionId, period, variableId, value] = tuples[t];
      if (regionId !== prevRegion || period !== prevPeriod) {
        row++;
        rowRegion.push(regionId);
        rowPeriod.push(period);
        prevRegion = regionId;
        prevPeriod = period;
      }
      if (value !== null) columns[column.get(variableId) ?? 0][row] = value;
    }
    const n = row + 1;

    // Rows come in region-id blocks, each sorted by period; put the blocks in code order.
    const codeOf = new Map<number, string>();
    for (const r of this.regionCodes.all()) codeOf.set(r.id, r.code);
    const blocks: { code: string; start: number; end: number }[] = [];
    for (let r = 0; r < n; r++) {
      if (r === 0 || rowRegion[r] !== rowRegion[r - 1]) blocks.push({ code: codeOf.get(rowRegion[r]) ?? '', start: r, end: r + 1 });
      else blocks[blocks.length - 1].end = r + 1;
    }
    const sorted = [...blocks].sort((a, b) => compareCodes(a.code, b.code));
    const perm = new Int32Array(n); // new row -> stored row
    let k = 0;
    for (const b of sorted) for (let r = b.start; r < b.end; r++) perm[k++] = r;
    const identity = sorted.every((b, i) => b === blocks[i]);
    const values: Record<string, Float64Array> = {};
    vars.forEach((v, j) => {
      const col = columns[j];
      values[v.name] = identity ? col.slice(0, n) : Float64Array.from(perm, (r) => col[r]);
    });
    const ids: string[] = [];
    const times: number[] = [];
    for (const b of sorted) {
      for (let r = b.start; r < b.end; r++) { ids.push(b.code); times.push(rowPeriod[r]); }
    }
    return {
      source,
      idColumn: 'region',
      timeColumn: 'period',
      ids,
      times,
      rowNumbers: ids.map((_, r) => r + 1),
      variables: vars.map((v) => v.name),
      values,
    };
  }

  private query(variableIds: number[], opts: ReadPanelOptions): ObsTuple[] {
    if (opts.regions === undefined) {
      return opts.variables === undefined ? this.all.all() : this.byVariables.all(JSON.stringify(variableIds));
    }
    const ids = this.regions.idsByCode();
    const wanted = opts.regions.map((code) => {
      const id = ids.get(code);
      if (id === undefined) throw unknownRegion(code, 'the panel request');
      return id;
    });
    return this.byVariablesAndRegions.all(JSON.stringify(variableIds), JSON.stringify(wanted));
  }
}
