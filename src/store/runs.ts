/**
 * Analysis runs in a project file (`analysis_runs`): what was asked, what came out, and what
 * it needs to be reproduced (input hash, app version, seed).
 */
import type Database from 'better-sqlite3';
import { InputError } from '../core/errors';
import { fromJson, requireName, toJson } from './sql';

/** One saved analysis. `id` and `createdAt` are assigned by the store when saving. */
export interface RunRow {
  id?: number;
  /** What ran, e.g. `'panel.fe'`, `'panel.compare'` (the registry: src/contract/runs.ts). */
  kind: string;
  /** Version of the kind's spec/results schema (default 1). */
  version?: number;
  /** The request (JSON). */
  spec: unknown;
  /** The result (JSON; like `JSON.stringify`, non-finite numbers are stored as `null`). */
  results: unknown;
  /** `computeInputHash` of the data the run used. */
  inputHash: string;
  appVersion: string;
  /** Seed of the random stream, when the run drew random numbers. */
  seed?: number | null;
  /** ISO-8601 UTC; the save time unless given. */
  createdAt?: string;
}

interface RunDbRow {
  id: number; kind: string; kind_version: number; spec: string; results: string; input_hash: string; app_version: string;
  seed: number | null; created_at: string;
}

/** Statements over `analysis_runs`, prepared once per store. */
export class RunTable {
  private readonly insert: Database.Statement;
  private readonly all: Database.Statement<[], RunDbRow>;
  private readonly byKind: Database.Statement<[string], RunDbRow>;
  private readonly byId: Database.Statement<[number], RunDbRow>;

  constructor(db: Database.Database) {
    this.insert = db.prepare(`INSERT INTO analysis_runs(kind, kind_version, spec, results, input_hash, app_version, seed, created_at)
      VALUES (@kind, @kind_version, @spec, @results, @input_hash, @app_version, @seed,
              coalesce(@created_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))`);
    this.all = db.prepare('SELECT * FROM analysis_runs ORDER BY id');
    this.byKind = db.prepare('SELECT * FROM analysis_runs WHERE kind = ? ORDER BY id');
    this.byId = db.prepare('SELECT * FROM analysis_runs WHERE id = ?');
  }

  /**
   * Save a run (a given `id` is ignored: every save is a new run).
   *
   * @returns the new run's id
   * @throws InputError `invalid-name` for an empty kind, `project-invalid-run-field` for a bad hash, version or seed
   */
  saveRun(r: RunRow): number {
    const kind = requireName(r.kind, 'Run kind');
    const field = (name: string, ok: boolean, want: string): void => {
      if (!ok) throw new InputError('project-invalid-run-field', `run ${kind}: ${name} must be ${want}`, { field: name, owner: `run ${kind}`, kind, want });
    };
    field('inputHash', typeof r.inputHash === 'string', 'text');
    field('appVersion', typeof r.appVersion === 'string', 'text');
    field('version', r.version === undefined || (Number.isSafeInteger(r.version) && r.version > 0), 'a positive integer');
    field('seed', r.seed === undefined || r.seed === null || Number.isSafeInteger(r.seed), 'an integer');
    field('createdAt', r.createdAt === undefined || typeof r.createdAt === 'string', 'text');
    const info = this.insert.run({
      kind,
      kind_version: r.version ?? 1,
      spec: toJson(r.spec, `spec of run ${kind}`),
      results: toJson(r.results, `results of run ${kind}`),
      input_hash: r.inputHash,
      app_version: r.appVersion,
      seed: r.seed ?? null,
      created_at: r.createdAt ?? null,
    });
    return Number(info.lastInsertRowid);
  }

  /** Runs in the order they were saved, optionally of one kind. */
  listRuns(kind?: string): RunRow[] {
    return (kind === undefined ? this.all.all() : this.byKind.all(kind)).map(toRunRow);
  }

  /** One run, or `undefined`. */
  getRun(id: number): RunRow | undefined {
    const row = this.byId.get(id);
    return row === undefined ? undefined : toRunRow(row);
  }
}

function toRunRow(r: RunDbRow): RunRow {
  return {
    id: r.id, kind: r.kind, version: r.kind_version, spec: fromJson(r.spec), results: fromJson(r.results), inputHash: r.input_hash,
    appVersion: r.app_version, seed: r.seed, createdAt: r.created_at,
  };
}
