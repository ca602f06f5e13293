/**
 * Channels of the Weights tab: build W from a spec over the project's boundary layer, list
 * and open saved matrices, add manual links (saved as a new version), import and export
 * weights files. Every matrix comes back as a `WeightsView`: the summary, islands in plain
 * sentences, the neighbour lists and the centroids needed for the connectivity map.
 */
import { z } from 'zod';
import { codedWarningSchema, fileRefSchema } from './common';

import { WEIGHTS_BUILD_TYPES, WEIGHTS_FILE_FORMATS, WEIGHTS_STANDARDIZATIONS } from './constants';

export { WEIGHTS_BUILD_TYPES, WEIGHTS_FILE_FORMATS, WEIGHTS_STANDARDIZATIONS } from './constants';

/** A matrix name as stored in the project. */
export const weightsNameSchema = z
  .string()
  .trim()
  .min(1, 'the matrix name is empty')
  .max(100, 'the matrix name is longer than 100 characters');

const regionIdSchema = z.string().min(1, 'a region is required').max(200);

/** The builder's spec: one type with its parameter, and a standardisation. */
export const weightsBuildSpecSchema = z.strictObject({
  type: z.enum(WEIGHTS_BUILD_TYPES),
  /** knn: number of neighbours. */
  k: z.number().int('k must be a whole number').min(1, 'k must be at least 1').max(1000).optional(),
  /** idw: distance decay power. */
  power: z.number().min(0.1, 'the power must be at least 0.1').max(10, 'the power must be at most 10').optional(),
  /** band (required) or idw (optional cut-off): distance in km. */
  km: z.number().positive('the distance must be positive').max(50_000).optional(),
  /** band: use the smallest distance that leaves no region without a neighbour (GeoDa's suggestion) instead of `km`. */
  minKm: z.boolean().optional(),
  /** econ: variable or expression whose mean per region sets the economic distance. */
  variable: z.string().trim().min(1, 'the variable is empty').max(200).optional(),
  /** queen/rook: contiguity order (1 = first-order). */
  order: z.number().int().min(1).max(10).optional(),
  std: z.enum(WEIGHTS_STANDARDIZATIONS).default('row'),
});

/** One summary of a matrix, as the Weights tab shows it. */
export const weightsViewSchema = z.object({
  name: z.string(),
  /** Canonical spec text (e.g. `queen:std=row:links=460000|440000`) or `file:<name>…` for imports. */
  specText: z.string(),
  transformation: z.string(),
  n: z.number().int(),
  nonzeros: z.number().int(),
  percentNonzero: z.number(),
  minNeighbors: z.number().int(),
  meanNeighbors: z.number(),
  maxNeighbors: z.number().int(),
  symmetric: z.boolean(),
  islands: z.array(z.string()),
  /** One sentence per island, e.g. `Hainan (海南) has no neighbours.` */
  islandNotes: z.array(z.string()),
  /** Sizes of the connected components, largest first. */
  componentSizes: z.array(z.number().int()),
  /** histogram[c] = number of regions with c neighbours. */
  histogram: z.array(z.number().int()),
  /** Manual links recorded in the spec, as region-id pairs. */
  links: z.array(z.tuple([z.string(), z.string()])),
  ids: z.array(z.string()),
  /** Neighbour ids per region id (islands map to []). */
  neighbors: z.record(z.string(), z.array(z.string())),
  /** Area-weighted centroid [lon, lat] per region of the layer (for the connectivity lines). */
  centroids: z.record(z.string(), z.tuple([z.number(), z.number()])),
  warnings: z.array(z.string()),
  /** The same warnings with code and details, in the same order (translated by the UI). */
  warningItems: z.array(codedWarningSchema),
});

/** A file to download: name, MIME type and bytes in base64. */
export const downloadSchema = z.object({
  fileName: z.string(),
  mime: z.string(),
  dataBase64: z.string(),
});

/** Weights channels. */
export const weightsChannels = {
  'weights:list': {
    doc: 'The weights matrices saved in the project: name, the spec that built them, and size.',
    request: z.strictObject({}),
    response: z.array(z.object({ name: z.string(), specText: z.string(), n: z.number().int() })),
  },
  'weights:build': {
    doc: 'Builds W from a spec over a boundary layer (default: the project\'s), saves it under a name with its spec, and returns its summary.',
    request: z.strictObject({
      name: weightsNameSchema,
      spec: weightsBuildSpecSchema,
      layer: z.string().min(1).max(200).optional(),
    }),
    response: weightsViewSchema,
  },
  'weights:get': {
    doc: 'Opens a saved matrix: summary, islands, neighbour lists and centroids.',
    request: z.strictObject({ name: weightsNameSchema, layer: z.string().min(1).max(200).optional() }),
    response: weightsViewSchema,
  },
  'weights:addLink': {
    doc: 'Adds a manual (symmetric) link between two regions, e.g. Hainan–Guangdong, and saves the result as a new matrix whose spec records the link.',
    request: z.strictObject({
      name: weightsNameSchema,
      a: regionIdSchema,
      b: regionIdSchema,
      /** Name of the new version (default `<name>+link`). */
      newName: weightsNameSchema.optional(),
    }),
    response: weightsViewSchema,
  },
  'weights:import': {
    doc: 'Reads a .gal, .gwt, .kwt, .json, or dense .csv/.xlsx (id header) weights file, matches its ids to the project\'s regions, and saves it under a name.',
    request: z.strictObject({
      name: weightsNameSchema,
      file: fileRefSchema,
      std: z.enum(WEIGHTS_STANDARDIZATIONS).default('row'),
    }),
    response: weightsViewSchema,
  },
  'weights:export': {
    doc: 'A saved matrix as a .gal, .gwt, .json or .csv file to download.',
    request: z.strictObject({ name: weightsNameSchema, format: z.enum(WEIGHTS_FILE_FORMATS) }),
    // Notes on how the file was written (e.g. ids with spaces written as positions 1…n).
    response: downloadSchema.extend({ warnings: z.array(codedWarningSchema) }),
  },
} as const;
