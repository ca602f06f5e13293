/**
 * Spatial weight matrices in a project file: the ordered member regions (`weight_members`,
 * so islands without entries keep their place) and the sparse nonzero entries
 * (`weight_entries`), both by region row id.
 */
import type Database from 'better-sqlite3';
import { InputError } from '../core/errors';
import { fromJson, requireName, toJson } from './sql';
import { unknownRegion, type RegionTable } from './regions';

/** A stored weights matrix: `ids` in matrix order, nonzero entries by region code. */
export interface StoredWeights {
  name: string;
  /** How it was built (`{ kind: 'queen', transform: 'R' }`, ...), JSON. */
  spec: unknown;
  ids: string[];
  entries: { i: string; j: string; value: number }[];
}

/** Statements over the weights tables, prepared once per store. */
export class WeightTable {
  private readonly deleteByName: Database.Statement<[string]>;
  private readonly insertMatrix: Database.Statement<[string, string, number]>;
  private readonly insertMember: Database.Statement<[number | bigint, number, number]>;
  private readonly insertEntry: Database.Statement<[number | bigint, number, number, number]>;
  private readonly list: Database.Statement<[], { name: string; spec: string; n: number }>;
  private readonly header: Database.Statement<[string], { id: number; name: string; spec: string }>;
  private readonly members: Database.Statement<[number], { position: number; region_id: number; code: string }>;
  private readonly entries: Database.Statement<[number], { i_region: number; j_region: number; value: number }>;
  private readonly saveTx: (w: StoredWeights) => void;

  constructor(db: Database.Database, private readonly regions: RegionTable) {
    this.deleteByName = db.prepare('DELETE FROM weight_matrices WHERE name = ?');
    this.insertMatrix = db.prepare('INSERT INTO weight_matrices(name, spec, n) VALUES (?, ?, ?)');
    this.insertMember = db.prepare('INSERT INTO weight_members(matrix_id, position, region_id) VALUES (?, ?, ?)');
    this.insertEntry = db.prepare('INSERT INTO weight_entries(matrix_id, i_region, j_region, value) VALUES (?, ?, ?, ?)');
    this.list = db.prepare('SELECT name, spec, n FROM weight_matrices ORDER BY name');
    this.header = db.prepare('SELECT id, name, spec FROM weight_matrices WHERE name = ?');
    this.members = db.prepare(`SELECT m.position, m.region_id, r.code FROM weight_members m
      JOIN regions r ON r.id = m.region_id WHERE m.matrix_id = ? ORDER BY m.position`);
    this.entries = db.prepare('SELECT i_region, j_region, value FROM weight_entries WHERE matrix_id = ?');
    this.saveTx = db.transaction((w: StoredWeights) => this.write(w));
  }

  /**
   * Save a weights matrix under `w.name`, replacing one of the same name, all-or-nothing.
   *
   * @throws InputError `unknown-region` when an id is not a project region
   * @throws InputError `project-weights-duplicate-region` when an id appears twice in `ids`
   * @throws InputError `project-weights-entry-outside` when an entry's i or j is not in `ids`
   * @throws InputError `project-weights-duplicate-entry` when the same (i, j) appears twice
   * @throws InputError `project-weights-entry-not-finite` when a value is not a finite number
   */
  saveWeights(w: StoredWeights): void {
    this.saveTx(w);
  }

  /** Name, spec and size of every stored matrix, by name. */
  listWeights(): { name: string; spec: unknown; n: number }[] {
    return this.list.all().map((r) => ({ name: r.name, spec: fromJson(r.spec), n: r.n }));
  }

  /** A stored matrix with `ids` in saved order and entries sorted by (row, column) position; `undefined` when absent. */
  getWeights(name: string): StoredWeights | undefined {
    const h = this.header.get(name);
    if (h === undefined) return undefined;
    const members = this.members.all(h.id);
    const position = new Map<number, number>();
    const code = new Map<number, string>();
    for (const m of members) { position.set(m.region_id, m.position); code.set(m.region_id, m.code); }
    const raw = this.entries.all(h.id);
    raw.sort((a, b) => (position.get(a.i_region) ?? 0) - (position.get(b.i_region) ?? 0)
      || (position.get(a.j_region) ?? 0) - (position.get(b.j_region) ?? 0));
    return {
      name: h.name,
      spec: fromJson(h.spec),
      ids: members.map((m) => m.code),
      entries: raw.map((e) => ({ i: code.get(e.i_region) ?? '', j: code.get(e.j_region) ?? '', value: e.value })),
    };
  }

  private write(w: StoredWeights): void {
    const name = requireName(w.name, 'Weights name');
    const where = `weights "${name}"`;
    const regionIds = this.regions.idsByCode();
    const member = new Map<string, number>();
    for (const code of w.ids) {
      const id = regionIds.get(code);
      if (id === undefined) throw unknownRegion(code, where);
      if (member.has(code)) {
        throw new InputError('project-weights-duplicate-region', `Region "${code}" appears twice in ${where}`, { region: code, weights: name, where });
      }
      member.set(code, id);
    }
    this.deleteByName.run(name);
    const matrixId = this.insertMatrix.run(name, toJson(w.spec, `spec of ${where}`), w.ids.length).lastInsertRowid;
    w.ids.forEach((code, position) => this.insertMember.run(matrixId, position, member.get(code) ?? -1));
    const seen = new Set<string>();
    for (const e of w.entries) {
      const i = member.get(e.i), j = member.get(e.j);
      if (i === undefined || j === undefined) {
        const outside = i === undefined ? e.i : e.j;
        throw new InputError('project-weights-entry-outside',
          `Entry (${e.i}, ${e.j}) of ${where} names "${outside}", which is not one of its regions`,
          { weights: name, region: outside, i: e.i, j: e.j, where });
      }
      const key = `${i}:${j}`;
      if (seen.has(key)) {
        throw new InputError('project-weights-duplicate-entry', `Entry (${e.i}, ${e.j}) appears twice in ${where}`, { weights: name, i: e.i, j: e.j, where });
      }
      seen.add(key);
      if (typeof e.value !== 'number' || !Number.isFinite(e.value)) {
        throw new InputError('project-weights-entry-not-finite',
          `Entry (${e.i}, ${e.j}) of ${where} is not a finite number: ${String(e.value)}`, { weights: name, i: e.i, j: e.j, where, value: String(e.value) });
      }
      this.insertEntry.run(matrixId, i, j, e.value);
    }
  }
}
