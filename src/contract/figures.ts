/**
 * Figures (issue 9): one map specification → one drawing, used by the app's Export dialog,
 * `rwb map` and reports. The spec is stored with the figure (reports' appendix), so a figure is
 * reproducible from it. Channels return the SVG for the preview and the exported file's bytes.
 */
import { z } from 'zod';
import {
  FIGURE_FORMATS, FIGURE_LANGUAGES, GROUP_CHART_KINDS, MAP_AGGREGATIONS, MAP_CLASS_METHODS,
  MAP_PALETTES, MAP_PROJECTIONS,
} from './constants';
import { downloadSchema } from './weights';

const text = (max: number) => z.string().max(max, `the text is longer than ${max} characters`);

/** One period of a map: a single year (from = to) or a range collapsed by the spec's aggregation. */
export const mapPeriodSchema = z.strictObject({
  from: z.number().int(),
  to: z.number().int(),
  /** Panel heading; default "2008–2012" or "2010". */
  label: text(80).optional(),
}).refine((p) => p.to >= p.from, 'a period ends before it starts');

/** How values are classed and coloured. */
export const mapClassificationSchema = z.strictObject({
  method: z.enum(MAP_CLASS_METHODS).default('jenks'),
  classes: z.number().int().min(3).max(9).default(5),
  /** Inner thresholds for method 'user' (classes − 1 of them, ascending). */
  breaks: z.array(z.number()).max(8).optional(),
  /** One set of breaks over all periods (small multiples) — the default — or one per panel. */
  shared: z.boolean().default(true),
});

/** Colours. `center` makes a diverging palette symmetric around a value (0 for coefficients). */
export const mapPaletteSchema = z.strictObject({
  name: z.enum(MAP_PALETTES).default('YlOrRd'),
  reverse: z.boolean().default(false),
  center: z.number().nullable().default(null),
});

/** Size of the figure on paper and its raster resolution. */
export const figureSizeSchema = z.strictObject({
  widthMm: z.number().min(40).max(600).default(160),
  heightMm: z.number().min(30).max(600).default(120),
  dpi: z.number().int().min(72).max(1200).default(300),
});

/** A map figure: what to draw, how, and the words around it. */
export const mapSpecSchema = z.strictObject({
  version: z.literal(1).default(1),
  /** Boundary layer; default the project's default layer. */
  layer: z.string().min(1).max(200).optional(),
  /**
   * What colours the regions: a numeric variable (choropleth) or a categorical one (region
   * groups: `group` is the project's region group column, e.g. the NBS four regions).
   */
  kind: z.enum(['choropleth', 'categorical']).default('choropleth'),
  /** Variable name (choropleth) or 'group' / a text column (categorical). */
  variable: z.string().min(1).max(200),
  /** One panel per period (small multiples when more than one). Empty: the last year. */
  periods: z.array(mapPeriodSchema).max(12).default([]),
  aggregation: z.enum(MAP_AGGREGATIONS).default('mean'),
  classification: mapClassificationSchema.prefault({}),
  palette: mapPaletteSchema.prefault({}),
  projection: z.enum(MAP_PROJECTIONS).default('auto'),
  lang: z.enum(FIGURE_LANGUAGES).default('en'),
  title: text(200).optional(),
  subtitle: text(200).optional(),
  /** Source note under the map, e.g. "Data: NBS yearbooks 2009–2023". */
  source: text(400).optional(),
  notes: text(1000).optional(),
  /** Standard-map approval number (审图号) / map source note printed in the layout. */
  mapApproval: text(200).optional(),
  /** Dissolved outlines of the region groups drawn over the classes. */
  groupOutlines: z.boolean().default(false),
  /** Region names on the map (in the figure's language where the project has them). */
  labels: z.boolean().default(false),
  /** For China national maps: Taiwan, Hong Kong, Macao (no data when absent) and the South China Sea inset. */
  chinaFrame: z.enum(['auto', 'on', 'off']).default('auto'),
  /** Panels per row in small multiples; default chosen from the count. */
  columns: z.number().int().min(1).max(6).optional(),
  size: figureSizeSchema.prefault({}),
});

/** A map spec as stored and exchanged (after defaults). */
export type MapSpec = z.output<typeof mapSpecSchema>;
/** A map spec as a caller writes it. */
export type MapSpecInput = z.input<typeof mapSpecSchema>;

/** A chart of the region-group views: group means over time (line), or distributions (box / bar). */
export const groupChartSpecSchema = z.strictObject({
  version: z.literal(1).default(1),
  kind: z.enum(GROUP_CHART_KINDS).default('line'),
  variable: z.string().min(1).max(200),
  /** Grouping column; default the project's region groups (NBS four regions for China). */
  groupBy: z.string().min(1).max(200).optional(),
  /** Year for box / bar charts; default the last year. */
  period: z.number().int().optional(),
  lang: z.enum(FIGURE_LANGUAGES).default('en'),
  title: text(200).optional(),
  source: text(400).optional(),
  size: figureSizeSchema.prefault({}),
});
export type GroupChartSpec = z.output<typeof groupChartSpecSchema>;

/** What a rendered figure reports beside its SVG: breaks, counts, missing regions, warnings. */
export const figureSummarySchema = z.object({
  widthPt: z.number(),
  heightPt: z.number(),
  /** Pixel size of the PNG at the spec's DPI. */
  widthPx: z.number().int(),
  heightPx: z.number().int(),
  /** Inner class thresholds used (shared) or per panel. */
  breaks: z.array(z.array(z.number())),
  /** Legend entries as drawn (labels in the figure's language). */
  legend: z.array(z.object({ label: z.string(), color: z.string(), count: z.number().int() })),
  /** Regions drawn as "no data", per panel. */
  missing: z.array(z.array(z.string())),
  panels: z.array(z.string()),
  warnings: z.array(z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() })),
});
export type FigureSummary = z.infer<typeof figureSummarySchema>;

/** A saved figure spec (project table figure_specs): a map or a group chart under a name. */
export const savedFigureSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  createdAt: z.string(),
  figure: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('map'), spec: mapSpecSchema }),
    z.object({ kind: z.literal('chart'), spec: groupChartSpecSchema }),
  ]),
});
export type SavedFigure = z.infer<typeof savedFigureSchema>;

/** Figure channels. */
export const figureChannels = {
  'figure:map': {
    doc: 'Draw a map spec: the SVG document (exactly what an export writes) and its summary.',
    request: z.strictObject({ spec: mapSpecSchema }),
    response: z.object({ svg: z.string(), summary: figureSummarySchema, spec: mapSpecSchema }),
  },
  'figure:mapExport': {
    doc: 'A map spec exported as PNG (at the spec DPI), SVG or PDF, to download.',
    request: z.strictObject({ spec: mapSpecSchema, format: z.enum(FIGURE_FORMATS) }),
    response: downloadSchema,
  },
  'figure:chart': {
    doc: 'Draw a region-group chart (line of group means over time, box or bar by group) as SVG.',
    request: z.strictObject({ spec: groupChartSpecSchema }),
    response: z.object({ svg: z.string(), spec: groupChartSpecSchema }),
  },
  'figure:chartExport': {
    doc: 'A region-group chart exported as PNG, SVG or PDF, to download.',
    request: z.strictObject({ spec: groupChartSpecSchema, format: z.enum(FIGURE_FORMATS) }),
    response: downloadSchema,
  },
  'figure:save': {
    doc: 'Save a map or group-chart spec to the open project under a name (for re-drawing and reports).',
    request: z.strictObject({
      name: z.string().min(1).max(200),
      figure: z.discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('map'), spec: mapSpecSchema }),
        z.strictObject({ kind: z.literal('chart'), spec: groupChartSpecSchema }),
      ]),
    }),
    response: z.object({ id: z.number().int() }),
  },
  'figure:list': {
    doc: 'The figure specs saved in the open project, oldest first.',
    request: z.strictObject({}),
    response: z.array(savedFigureSchema),
  },
  'figure:delete': {
    doc: 'Delete a saved figure spec by id.',
    request: z.strictObject({ id: z.number().int() }),
    response: z.object({ deleted: z.boolean() }),
  },
  'figure:report': {
    doc: 'A report of the open project: saved regression runs and saved figures, as HTML (inline SVG) or PDF, with the run specs in an appendix.',
    request: z.strictObject({
      format: z.enum(['html', 'pdf']),
      lang: z.enum(FIGURE_LANGUAGES).default('en'),
      /** Saved run ids to include (left out: all). */
      runs: z.array(z.number().int()).max(500).optional(),
      /** Saved figure ids to include (left out: all). */
      figures: z.array(z.number().int()).max(500).optional(),
    }),
    response: downloadSchema,
  },
  'figure:reportItems': {
    doc: 'What a report can hold: the readable saved runs (id, kind, heading, date) and the saved figures.',
    request: z.strictObject({ lang: z.enum(FIGURE_LANGUAGES).default('en') }),
    response: z.object({
      runs: z.array(z.object({ id: z.number().int(), kind: z.string(), heading: z.string(), createdAt: z.string() })),
      figures: z.array(savedFigureSchema),
    }),
  },
} as const;
