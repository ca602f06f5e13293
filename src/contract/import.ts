/** Channels of the Import dialog: preview (writes nothing) and commit (one transaction). */
import { z } from 'zod';
import { fileRefSchema, identifierSchema } from './common';
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
        format: z.enum(['long', 'wide', 'auto']).optional(),
        valueName: identifierSchema.optional(),
        sheet: z.string().max(200).optional(),
        interpolate: z.enum(['none', 'linear']).optional(),
      })
      .optional(),
    geometry: z
      .strictObject({
        sources: z.array(fileRefSchema).min(1, 'choose at least one boundary file').max(10, 'at most 10 boundary files'),
        key: columnName,
        layer: z.string().min(1).max(100).optional(),
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
export const importIssueSchema = z.looseObject({
  code: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});

/** The import service's report: errors (block the commit), warnings, and counts it chooses to add. */
export const importReportSchema = z.looseObject({
  errors: z.array(importIssueSchema),
  warnings: z.array(importIssueSchema),
});

/** Import channels. */
export const importChannels = {
  'import:preview': {
    doc: 'Reads and checks the files against the open project; reports errors and warnings; writes nothing.',
    request: importRequestSchema,
    response: importReportSchema,
  },
  'import:commit': {
    doc: 'Re-checks and writes regions, boundaries, variables and observations in one transaction; an error leaves the project unchanged.',
    request: importRequestSchema,
    response: z.looseObject({}),
  },
} as const;
