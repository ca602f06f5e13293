/** Channels of the Import dialog: preview (writes nothing) and commit (one transaction). */
import { z } from 'zod';
import { fileRefSchema, identifierSchema } from './common';
import { defineChannels } from './define';
import { INTERPOLATIONS, PANEL_FORMATS } from './constants';
import { MAX_BASE64_CHARS } from './limits';

const columnName = z.string().min(1, 'the column name is empty').max(200);

/** What to import: a panel file, boundary files, or both. */
export const importRequestSchema = z
  .strictObject({
    panel: z
      .strictObject({
        source: fileRefSchema,
        id: columnName,
        time: columnName,
        format: z.enum(PANEL_FORMATS).optional(),
        valueName: identifierSchema.optional(),
        sheet: z.string().max(200).optional(),
        interpolate: z.enum(INTERPOLATIONS).optional(),
        /** Region names the user chose for ids of this file: id as written → region code (kept in the project). */
        aliases: z
          .record(z.string().min(1).max(200), z.string().min(1).max(200))
          .refine((m) => Object.keys(m).length <= 10000, 'at most 10000 aliases')
          .optional(),
      })
      .optional(),
    geometry: z
      .strictObject({
        sources: z.array(fileRefSchema).min(1, 'choose at least one boundary file').max(10, 'at most 10 boundary files'),
        key: columnName,
        layer: z.string().min(1).max(100).optional(),
        /** Attributes giving the regions' Chinese name, English name and group ("By region group"). */
        nameZhField: columnName.optional(),
        nameEnField: columnName.optional(),
        groupField: columnName.optional(),
      })
      .optional(),
  })
  .superRefine((req, ctx) => {
    if (!req.panel && !req.geometry) {
      ctx.addIssue({ code: 'custom', message: 'choose a panel file, boundary files, or both', path: [] });
    }
    const files = [...(req.panel ? [req.panel.source] : []), ...(req.geometry?.sources ?? [])];
    const chars = files.reduce((s, f) => s + ('dataBase64' in f ? f.dataBase64.length : 0), 0);
    if (chars > MAX_BASE64_CHARS) {
      ctx.addIssue({ code: 'custom', message: 'the files together are larger than the 200 MB upload limit', path: [] });
    }
  });

/** What to import. */
export type ImportRequestPayload = z.infer<typeof importRequestSchema>;

/** One finding of the import check: a code, a plain sentence and details (rows, columns, regions, suggestions). */
export const importIssueSchema = z.object({
  code: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()),
});

/** What an import writes (or would write): counts of regions, periods, variables, cells and boundaries. */
export const importCountsSchema = z.object({
  /** Distinct regions in the panel and/or geometry. */
  regions: z.number().int(),
  /** Of those, regions the project does not have yet. */
  newRegions: z.number().int(),
  existingRegions: z.number().int(),
  periods: z.number().int(),
  variables: z.number().int(),
  newVariables: z.number().int(),
  existingVariables: z.number().int(),
  /** Panel rows (region × period). */
  rows: z.number().int(),
  /** Cells written (rows × variables). */
  observations: z.number().int(),
  /** Observations that already exist in the project and are replaced. */
  replacedObservations: z.number().int(),
  /** Boundaries written. */
  geometries: z.number().int(),
  /** Cells filled by interpolation. */
  interpolated: z.number().int(),
});

/** The panel file as read: layout, columns used and ignored, period range, text encoding. */
export const importPanelInfoSchema = z.object({
  source: z.string(),
  format: z.enum(['long', 'wide']),
  idColumn: z.string(),
  timeColumn: z.string(),
  variables: z.array(z.string()),
  textColumns: z.array(z.string()),
  ignoredColumns: z.array(z.string()),
  firstPeriod: z.number().int().nullable(),
  lastPeriod: z.number().int().nullable(),
  encoding: z.string().optional(),
});

/** The boundary files as read: layer name, key, coordinates (lon/lat or projected units), feature count. */
export const importGeometryInfoSchema = z.object({
  source: z.string(),
  layer: z.string(),
  key: z.string(),
  lonLat: z.boolean(),
  units: z.string().optional(),
  features: z.number().int(),
});

/** The import service's preview (src/services/import/import-service.ts `ImportPreview`): nothing written. */
export const importReportSchema = z.object({
  /** Problems that block the commit (duplicate rows, non-numeric cells, unknown regions, ...). */
  errors: z.array(importIssueSchema),
  /** Findings that do not block it (gaps, unbalanced panel, geometry without data, ...). */
  warnings: z.array(importIssueSchema),
  counts: importCountsSchema,
  panel: importPanelInfoSchema.optional(),
  geometry: importGeometryInfoSchema.optional(),
  /** When ids match no region: the regions the user may pick for them (code and a name). */
  regionChoices: z.array(z.object({ code: z.string(), name: z.string().nullable() })).optional(),
});

/** A successful commit (`ImportResult`): the preview's report plus what was written. */
export const importResultSchema = importReportSchema.extend({
  committed: z.literal(true),
  /** Variables written. */
  writtenVariables: z.array(z.string()),
  /** Geometry layer written, if any. */
  layer: z.string().optional(),
  /** The request's names kept in the project (id as written → region code), if any. */
  aliases: z.array(z.object({ alias: z.string(), region: z.string() })).optional(),
});

/** Files whose columns and fields the Import dialog lists before a preview. */
export const importInspectRequestSchema = z
  .strictObject({
    panel: z.strictObject({ source: fileRefSchema, sheet: z.string().max(200).optional() }).optional(),
    geometry: z
      .strictObject({ sources: z.array(fileRefSchema).min(1, 'choose at least one boundary file').max(10, 'at most 10 boundary files') })
      .optional(),
  })
  .refine((r) => r.panel !== undefined || r.geometry !== undefined, 'choose a panel file, boundary files, or both');

/** The columns, sheets and layout of a panel file and the fields and layer of boundary files (services/import/inspect.ts). */
export const importInspectionSchema = z.object({
  panel: z
    .object({
      source: z.string(),
      columns: z.array(z.string()),
      sheets: z.array(z.string()),
      format: z.enum(['long', 'wide']),
      wide: z.object({ variables: z.array(z.string()), years: z.array(z.number().int()), columns: z.number().int() }).nullable(),
      idGuess: z.string().nullable(),
      timeGuess: z.string().nullable(),
    })
    .optional(),
  geometry: z.object({ source: z.string(), fields: z.array(z.string()), layer: z.string() }).optional(),
  errors: z.array(importIssueSchema),
});

/** Import channels. */
export const importChannels = defineChannels({
  'import:preview': {
    doc: 'Reads and checks the files against the open project; reports errors and warnings; writes nothing.',
    request: importRequestSchema,
    response: importReportSchema,
  },
  'import:inspect': {
    doc: 'Lists a chosen panel file\'s columns, sheets and wide-header layout and boundary files\' fields and layer name (read in the job worker); problems such as a PNG named .csv come back as errors.',
    request: importInspectRequestSchema,
    response: importInspectionSchema,
  },
  'import:commit': {
    doc: 'Re-checks and writes regions, boundaries, variables and observations in one transaction; an error leaves the project unchanged.',
    request: importRequestSchema,
    response: importResultSchema,
  },
});
