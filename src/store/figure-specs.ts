/**
 * Saved figure specs in a project file (`figure_specs`, migration 4): a map or group-chart spec
 * under a name, so the app, `rwb map --spec` and `rwb report` re-draw the same figure.
 */
import type Database from 'better-sqlite3';
import { InputError } from '../core/errors';
import { fromJson, requireName, toJson } from './sql';

/** Kinds of saved figures. */
export type FigureKind = 'map' | 'chart';

/** One saved figure spec; `id` and `createdAt` are assigned when saving. */
export interface FigureSpecRow {
  id?: number;
  kind: FigureKind;
  name: string;
  /** The spec (JSON) as validated by src/contract/figures.ts. */
  spec: unknown;
  createdAt?: string;
}

interface FigureDbRow { id: number; kind: string; name: string; spec: string; created_at: string }

const toRow = (r: FigureDbRow): FigureSpecRow => ({ id: r.id, kind: r.kind as FigureKind, name: r.name, spec: fromJson(r.spec), createdAt: r.created_at });

/** Statements over `figure_specs`, prepared once per store. */
export class FigureSpecTable {
  private readonly insert: Database.Statement;
  private readonly all: Database.Statement<[], FigureDbRow>;
  private readonly byId: Database.Statement<[number], FigureDbRow>;
  private readonly remove: Database.Statement<[number]>;

  constructor(db: Database.Database) {
    this.insert = db.prepare(`INSERT INTO figure_specs(kind, name, spec) VALUES (@kind, @name, @spec)`);
    this.all = db.prepare('SELECT * FROM figure_specs ORDER BY id');
    this.byId = db.prepare('SELECT * FROM figure_specs WHERE id = ?');
    this.remove = db.prepare('DELETE FROM figure_specs WHERE id = ?');
  }

  /**
   * Save a figure spec (every save is a new row).
   * @returns the new id
   * @throws InputError `project-empty-name` for an empty name, `store-figure-kind` for an unknown kind, `not-json`.
   */
  save(r: FigureSpecRow): number {
    const name = requireName(r.name, 'Figure name');
    if (r.kind !== 'map' && r.kind !== 'chart') {
      throw new InputError('store-figure-kind', `Figure "${name}": kind must be map or chart, not "${String(r.kind)}".`, { name, kind: String(r.kind) });
    }
    const info = this.insert.run({ kind: r.kind, name, spec: toJson(r.spec, `spec of figure ${name}`) });
    return Number(info.lastInsertRowid);
  }

  /** Saved figures in the order they were saved. */
  list(): FigureSpecRow[] {
    return this.all.all().map(toRow);
  }

  /** One saved figure, or `undefined`. */
  get(id: number): FigureSpecRow | undefined {
    const r = this.byId.get(id);
    return r ? toRow(r) : undefined;
  }

  /** Delete a saved figure; returns whether it existed. */
  delete(id: number): boolean {
    return this.remove.run(id).changes > 0;
  }
}
