/**
 * What the Import dialog lists before a preview (issue 13, defects 5–7): a panel file's
 * columns (CSV header, XLSX sheet), its sheets, whether it reads as wide (and the variables
 * and years its headers name) with a guess of the id and time columns; boundary files' fields
 * and the layer name a commit would give them. Problems (a PNG named .csv, a damaged zip) come
 * back as issues, so the dialog can say them at once.
 */
import { isInputError } from '../../core/errors';
import type { ValidationIssue } from '../../core/panel-validate';
import type { FileSource } from '../io/file-source';
import { sourceExtension } from '../io/file-source';
import { readGeometryFields } from '../io/geometry-reader';
import { parseWideHeader } from '../io/panel-reader';
import { cellText, parseCell } from '../io/cell-parse';
import { readCsvHead, readTable, type RawTable } from '../io/table-reader';

/** What to inspect. */
export interface InspectRequest {
  panel?: { source: FileSource; sheet?: string };
  geometry?: { sources: FileSource[] };
}

/** A panel file as the dialog lists it. */
export interface PanelInspection {
  source: string;
  columns: string[];
  /** XLSX: the sheets (the first is read unless one is named). */
  sheets: string[];
  /** The layout Detect would read with `timeGuess` (`wide` when no time column and year headers). */
  format: 'long' | 'wide';
  /** Wide headers: the variables (`''` is the file's own name) and the years they name. */
  wide: { variables: string[]; years: number[]; columns: number } | null;
  /** A likely id column (the first mostly-text column), or null. */
  idGuess: string | null;
  /** A likely time column (`year`, `time`, `period`, `年份`, `年度`, `年`), or null. */
  timeGuess: string | null;
}

/** Boundary files as the dialog lists them. */
export interface GeometryInspection {
  source: string;
  fields: string[];
  /** The layer name a commit gives by default (the shapefile's or file's base name). */
  layer: string;
}

/** The inspection: each part, or its problem. */
export interface Inspection {
  panel?: PanelInspection;
  geometry?: GeometryInspection;
  errors: ValidationIssue[];
}

const TIME_NAMES = ['year', 'time', 'period', 'yr', '年份', '年度', '年', '时间'];

function stem(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/** Columns, layout and guesses of a table's header and first rows. */
export function inspectTable(table: RawTable): PanelInspection {
  const columns = [...table.header];
  const timeGuess = columns.find((c) => TIME_NAMES.includes(c.trim().toLowerCase())) ?? null;
  const textShare = (c: number) => {
    let text = 0;
    let seen = 0;
    for (const row of table.rows.slice(0, 200)) {
      const p = parseCell(row[c] ?? null);
      if (p.kind === 'missing') continue;
      seen++;
      if (p.kind === 'text' && cellText(row[c] ?? null) !== '') text++;
    }
    return seen === 0 ? 0 : text / seen;
  };
  const idIdx = columns.findIndex((c, k) => c !== timeGuess && parseWideHeader(c) === undefined && textShare(k) > 0.5);
  const idGuess = idIdx >= 0 ? columns[idIdx] : (columns[0] ?? null);
  const wideCols = columns.flatMap((c) => (c === idGuess ? [] : [parseWideHeader(c)])).filter((w) => w !== undefined);
  const wide = wideCols.length
    ? {
        variables: [...new Set(wideCols.map((w) => w.stem))],
        years: [...new Set(wideCols.map((w) => w.year))].sort((a, b) => a - b),
        columns: wideCols.length,
      }
    : null;
  return {
    source: table.source,
    columns,
    sheets: [...(table.sheets ?? [])],
    format: timeGuess === null && wide !== null ? 'wide' : 'long',
    wide,
    idGuess,
    timeGuess,
  };
}

function issue(e: unknown): ValidationIssue {
  if (!isInputError(e)) throw e;
  return { code: e.code, message: e.message, details: { ...e.details } };
}

/**
 * Inspect a panel file and/or boundary files. A CSV is read only up to its first 256 KiB.
 *
 * @throws only unexpected (internal) errors; input problems are in `errors`.
 */
export async function inspectImport(req: InspectRequest): Promise<Inspection> {
  const out: Inspection = { errors: [] };
  if (req.panel) {
    const src = req.panel.source;
    try {
      const ext = sourceExtension(src);
      const table = ext === 'csv' || ext === 'txt' || ext === 'tsv' ? await readCsvHead(src) : await readTable(src, { sheet: req.panel.sheet });
      out.panel = inspectTable(table);
    } catch (e) {
      out.errors.push(issue(e));
    }
  }
  if (req.geometry && req.geometry.sources.length) {
    try {
      const g = await readGeometryFields(req.geometry.sources);
      out.geometry = { source: g.source, fields: g.fields, layer: stem(g.source) };
    } catch (e) {
      out.errors.push(issue(e));
    }
  }
  return out;
}
