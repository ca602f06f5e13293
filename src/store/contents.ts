/**
 * What a project file holds, counted in SQL for the project explorer: boundary layers with
 * their region counts, the import sources recorded on variables with their coverage, each
 * variable's observation counts, the weight matrices, the analysis runs (without their
 * results) and the saved figure specs. Aggregates only: no panel is read, no run result parsed.
 */
import type Database from 'better-sqlite3';
import { fromJson } from './sql';

/** A boundary layer and how many regions have a geometry in it. */
export interface LayerCount {
  layer: string;
  regions: number;
}

/** An import source (`variables.source` of variables without an expression) with the variables it brought and their union coverage. */
export interface SourceCoverage {
  source: string;
  /** Variable names in creation order. */
  variables: string[];
  /** Distinct regions / periods with at least one stored cell of those variables. */
  regions: number;
  periods: number;
  firstPeriod: number | null;
  lastPeriod: number | null;
}

/** Observation counts of one variable. */
export interface VariableCount {
  name: string;
  createdAt: string;
  /** Cells with a value (a stored null is not one). */
  n: number;
}

/** A stored weight matrix without its members and entries. */
export interface WeightHeader {
  name: string;
  spec: unknown;
  n: number;
  createdAt: string;
}

/** An analysis run without its results. */
export interface RunHeader {
  id: number;
  kind: string;
  spec: unknown;
  appVersion: string;
  seed: number | null;
  createdAt: string;
}

/** Everything {@link ContentsReader.read} counts. */
export interface StoredContents {
  layers: LayerCount[];
  sources: SourceCoverage[];
  variables: VariableCount[];
  /** Distinct (region, period) pairs with any stored cell: the rows of the project's panel. */
  panelRows: number;
  weights: WeightHeader[];
  runs: RunHeader[];
  figures: { map: number; chart: number };
}

interface SourceDbRow { regions: number; periods: number; first: number | null; last: number | null }

/** Statements over every table of the project, prepared once per store. */
export class ContentsReader {
  private readonly layers: Database.Statement<[], LayerCount>;
  private readonly sourceNames: Database.Statement<[], { source: string; name: string }>;
  private readonly coverage: Database.Statement<[string], SourceDbRow>;
  private readonly variables: Database.Statement<[], { name: string; created_at: string; n: number }>;
  private readonly panelRows: Database.Statement<[], { n: number }>;
  private readonly weights: Database.Statement<[], { name: string; spec: string; n: number; created_at: string }>;
  private readonly runs: Database.Statement<[], { id: number; kind: string; spec: string; app_version: string; seed: number | null; created_at: string }>;
  private readonly figures: Database.Statement<[], { kind: string; n: number }>;
  private readonly version: Database.Statement<[], { changes: number }>;
  private readonly db: Database.Database;
  /** The last answer and the write stamp it was counted at. */
  private cached: { stamp: string; contents: StoredContents } | null = null;

  constructor(db: Database.Database) {
    this.db = db;
    this.version = db.prepare('SELECT total_changes() AS changes');
    this.layers = db.prepare('SELECT layer, count(*) AS regions FROM geometries GROUP BY layer ORDER BY layer');
    this.sourceNames = db.prepare("SELECT source, name FROM variables WHERE source IS NOT NULL AND source <> '' AND expression IS NULL ORDER BY id");
    // One source at a time over the covering index (variable_id, region_id, period): a join
    // grouped by source sorts every cell in temporary b-trees, 4× slower on 2 million cells.
    this.coverage = db.prepare(`SELECT count(DISTINCT region_id) AS regions, count(DISTINCT period) AS periods,
        min(period) AS first, max(period) AS last
      FROM observations WHERE variable_id IN (SELECT id FROM variables WHERE source = ? AND expression IS NULL)`);
    this.variables = db.prepare(`SELECT v.name, v.created_at, count(o.value) AS n
      FROM variables v LEFT JOIN observations o ON o.variable_id = v.id GROUP BY v.id ORDER BY v.id`);
    this.panelRows = db.prepare('SELECT count(*) AS n FROM (SELECT DISTINCT region_id, period FROM observations)');
    this.weights = db.prepare('SELECT name, spec, n, created_at FROM weight_matrices ORDER BY name');
    this.runs = db.prepare('SELECT id, kind, spec, app_version, seed, created_at FROM analysis_runs ORDER BY id');
    this.figures = db.prepare('SELECT kind, count(*) AS n FROM figure_specs GROUP BY kind');
  }

  /**
   * Counts everything, or returns the last count when nothing was written since: the stamp is
   * this connection's `total_changes()` (every row it inserted, updated or deleted) with
   * `PRAGMA data_version` (commits by other connections). On a 2-million-cell project the
   * value and coverage counts read the whole table (bench/cases/project-contents.ts), so the
   * explorer's refetches after tab changes cost nothing unless the project changed.
   */
  read(): StoredContents {
    const stamp = this.stamp();
    if (this.cached?.stamp === stamp) return this.cached.contents;
    const contents = this.count();
    this.cached = { stamp, contents };
    return contents;
  }

  /** This connection's write stamp: `total_changes()` with `PRAGMA data_version` (see `read`). */
  stamp(): string {
    return `${this.version.get()?.changes ?? 0}:${String(this.db.pragma('data_version', { simple: true }))}`;
  }

  private count(): StoredContents {
    const names = new Map<string, string[]>();
    for (const r of this.sourceNames.all()) names.set(r.source, [...(names.get(r.source) ?? []), r.name]);
    const figures = { map: 0, chart: 0 };
    for (const f of this.figures.all()) if (f.kind === 'map' || f.kind === 'chart') figures[f.kind] = f.n;
    return {
      layers: this.layers.all(),
      // Sources in the order their first variable was created; a source whose variables have no cells still shows.
      sources: [...names].map(([source, variables]) => {
        const c = this.coverage.get(source);
        return { source, variables, regions: c?.regions ?? 0, periods: c?.periods ?? 0, firstPeriod: c?.first ?? null, lastPeriod: c?.last ?? null };
      }),
      variables: this.variables.all().map((r) => ({ name: r.name, createdAt: r.created_at, n: r.n })),
      panelRows: this.panelRows.get()?.n ?? 0,
      weights: this.weights.all().map((r) => ({ name: r.name, spec: fromJson(r.spec), n: r.n, createdAt: r.created_at })),
      runs: this.runs.all().map((r) => ({ id: r.id, kind: r.kind, spec: fromJson(r.spec), appVersion: r.app_version, seed: r.seed, createdAt: r.created_at })),
      figures,
    };
  }
}
