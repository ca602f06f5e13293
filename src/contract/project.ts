/** Channels that open a project file and summarise it. */
import { z } from 'zod';
import { PROJECT_TEMPLATES, SAMPLE_NAMES } from './constants';
import { emptyRequest, nullableNumber } from './common';
import { MAX_PROJECT_NAME_CHARS } from './limits';

/**
 * A project named by the renderer: a relative path of a `.rwb` file inside the project folder
 * (`<userDir>/projects`), never a filesystem path (services/projects/folder.ts checks it).
 */
export const projectNameSchema = z
  .string()
  .min(1, 'the project name is empty')
  .max(MAX_PROJECT_NAME_CHARS, `a project name is at most ${MAX_PROJECT_NAME_CHARS} characters`);

/** A region as the renderer sees it. */
export const regionInfoSchema = z.object({
  code: z.string(),
  nameZh: z.string().nullable(),
  nameEn: z.string().nullable(),
  level: z.string().nullable(),
  parent: z.string().nullable(),
  regionGroup: z.string().nullable(),
  lon: nullableNumber,
  lat: nullableNumber,
});

/** A variable as the renderer sees it (expression set when it is derived). */
export const variableInfoSchema = z.object({
  name: z.string(),
  label: z.string().nullable(),
  unit: z.string().nullable(),
  source: z.string().nullable(),
  expression: z.string().nullable(),
  simulated: z.boolean(),
});

/** What the left panel needs to know about the open project. */
export const projectSummarySchema = z.object({
  path: z.string(),
  name: z.string(),
  sample: z.string().nullable(),
  notice: z.string().nullable(),
  regions: z.array(regionInfoSchema),
  periods: z.array(z.number().int()),
  variables: z.array(variableInfoSchema),
  layers: z.array(z.string()),
  /** The layer the map shows first (project meta `default_layer`, else the first). */
  defaultLayer: z.string().nullable(),
  regionGroups: z.array(z.string()),
});


/** A name typed for a new project (`.rwb` is added when missing; folders separated by `/`). */
const newNameSchema = z.string().trim().min(1, 'the project name is empty')
  .max(MAX_PROJECT_NAME_CHARS, `a project name is at most ${MAX_PROJECT_NAME_CHARS} characters`);

/** A recently opened project (the renderer opens it again by `key`, never by path). */
export const recentProjectSchema = z.object({
  key: z.string(),
  kind: z.enum(['sample', 'folder', 'file']),
  name: z.string(),
  path: z.string(),
  opened: z.string(),
});

/** Project channels. */
export const projectChannels = {
  'project:openSample': {
    doc: 'Opens (building and copying it to the user directory first if needed) an embedded sample project.',
    request: z.strictObject({ name: z.enum(SAMPLE_NAMES) }),
    response: projectSummarySchema,
  },
  'project:open': {
    doc: 'Opens a project file (.rwb) in the project folder (<userDir>/projects) by its name there, e.g. "study/china.rwb"; no filesystem paths (other files come through project:chooseFile).',
    request: z.strictObject({ name: projectNameSchema }),
    response: projectSummarySchema,
  },
  'project:list': {
    doc: 'The project folder (<userDir>/projects) and the .rwb files in it, as the names project:open takes, with their size and modification time.',
    request: emptyRequest,
    response: z.object({
      folder: z.string(),
      projects: z.array(z.string()),
      /** The same projects with their size in bytes and last modification (ISO 8601). */
      files: z.array(z.object({ name: z.string(), bytes: z.number().int(), modified: z.string() })),
    }),
  },
  'project:new': {
    doc: 'Creates a project in the project folder (<userDir>/projects) by name, empty or from a template (China provinces or prefecture cities: geometry, codes, names and four-region groups, no data), and opens it.',
    request: z.strictObject({ name: newNameSchema, template: z.enum(PROJECT_TEMPLATES).default('empty') }),
    response: projectSummarySchema,
  },
  'project:saveAs': {
    doc: 'Copies the open project to a new name in the project folder and opens the copy (a copy of a sample is no longer the sample).',
    request: z.strictObject({ name: newNameSchema }),
    response: projectSummarySchema,
  },
  'project:rename': {
    doc: 'Renames the open project, which must be in the project folder (not a sample), and keeps it open.',
    request: z.strictObject({ name: newNameSchema }),
    response: projectSummarySchema,
  },
  'project:resetSample': {
    doc: 'Replaces the user copy of a bundled sample with a fresh copy (the changes made to it are lost) and opens it.',
    request: z.strictObject({ name: z.enum(SAMPLE_NAMES) }),
    response: projectSummarySchema,
  },
  'project:recent': {
    doc: 'The recently opened projects whose files still exist, newest first.',
    request: emptyRequest,
    response: z.object({ projects: z.array(recentProjectSchema) }),
  },
  'project:openRecent': {
    doc: 'Opens a recent project by its key from project:recent (never a path).',
    request: z.strictObject({ key: z.string().min(1).max(64) }),
    response: projectSummarySchema,
  },
  'project:chooseFile': {
    doc: 'Desktop only: asks the user for a project file with the system dialog and opens it; null when cancelled.',
    request: emptyRequest,
    response: projectSummarySchema.nullable(),
  },
  'project:summary': {
    doc: 'Regions, periods, variables (label, unit, simulated, expression), layers and region groups of the open project.',
    request: emptyRequest,
    response: projectSummarySchema,
  },
} as const;

/** A boundary layer of the project and how many regions have a geometry in it. */
export const contentsLayerSchema = z.object({ layer: z.string(), regions: z.number().int() });

/** An import source recorded on variables (`variables.source`): what it brought and what it covers. */
export const contentsSourceSchema = z.object({
  source: z.string(),
  variables: z.array(z.string()),
  regions: z.number().int(),
  periods: z.number().int(),
  firstPeriod: z.number().int().nullable(),
  lastPeriod: z.number().int().nullable(),
});

/** A variable in the explorer: its summary fields, when it was created and how many cells it has. */
export const contentsVariableSchema = variableInfoSchema.extend({
  createdAt: z.string(),
  /** Cells with a value. */
  n: z.number().int(),
  /** Rows of the project's panel (region–period pairs with any data) where it has no value. */
  missing: z.number().int(),
});

/** A saved weight matrix: the fields weights:list gives, and when it was saved. */
export const contentsWeightsSchema = z.object({ name: z.string(), specText: z.string(), n: z.number().int(), createdAt: z.string() });

/** A saved analysis run without its results. */
export const contentsRunSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  createdAt: z.string(),
  appVersion: z.string(),
  seed: z.number().int().nullable(),
  /** One line from the spec, e.g. `lgsp ~ pcap + emp · fe, twoways`. */
  summary: z.string(),
});

/** What the project explorer lists. */
export const projectContentsSchema = z.object({
  /** Boundary layers (datasets of geometry) and the import sources of the variables. */
  datasets: z.object({ layers: z.array(contentsLayerSchema), sources: z.array(contentsSourceSchema) }),
  variables: z.array(contentsVariableSchema),
  /** Region–period pairs with any stored cell (the rows `missing` counts against). */
  panelRows: z.number().int(),
  weights: z.array(contentsWeightsSchema),
  runs: z.array(contentsRunSchema),
  figures: z.object({ map: z.number().int(), chart: z.number().int() }),
});

/** The project explorer's channel (issue 13), kept apart so the group above stays as it was. */
export const projectContentsChannels = {
  'project:contents': {
    doc: 'What the open project holds, counted in SQL: boundary layers with region counts, import sources with their variables and coverage, variables (source, expression, cells, missing), weight matrices, analysis runs (kind, date, one-line summary) and the number of saved figures.',
    request: z.strictObject({}),
    response: projectContentsSchema,
  },
} as const;
