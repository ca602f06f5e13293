/**
 * Region aliases in a project file (`region_aliases`, migration 5): a spelling a data file uses
 * for a region ("Baja California" for the boundary's "Baja California Norte") that the user
 * accepted once at import, so the next import of the same yearbook matches without asking.
 */
import type Database from 'better-sqlite3';
import { requireName } from './sql';
import { unknownRegion, type RegionTable } from './regions';

/** One alias: the id as written in a file → the region's code. */
export interface RegionAliasRow {
  alias: string;
  region: string;
}

/** Statements over `region_aliases`, prepared once per store. */
export class RegionAliasTable {
  private readonly upsert: Database.Statement<[string, number]>;
  private readonly all: Database.Statement<[], RegionAliasRow>;
  private readonly putMany: (rows: readonly RegionAliasRow[]) => void;

  constructor(db: Database.Database, regions: RegionTable) {
    this.upsert = db.prepare(`INSERT INTO region_aliases(alias, region_id) VALUES (?, ?)
      ON CONFLICT(alias) DO UPDATE SET region_id = excluded.region_id`);
    this.all = db.prepare(`SELECT a.alias AS alias, r.code AS region FROM region_aliases a JOIN regions r ON r.id = a.region_id
      ORDER BY a.alias`);
    this.putMany = db.transaction((rows: readonly RegionAliasRow[]) => {
      const ids = regions.idsByCode();
      for (const row of rows) {
        const alias = requireName(row.alias.trim(), 'Region alias');
        const id = ids.get(row.region);
        if (id === undefined) throw unknownRegion(row.region, `the alias "${alias}"`);
        this.upsert.run(alias, id);
      }
    });
  }

  /**
   * Store or replace aliases (alias → region code), all-or-nothing.
   *
   * @throws InputError `project-empty-name` for an empty alias, `project-unknown-region` for a code not in `regions`
   */
  put(rows: readonly RegionAliasRow[]): void {
    this.putMany(rows);
  }

  /** All aliases, sorted by alias. */
  list(): RegionAliasRow[] {
    return this.all.all();
  }
}
