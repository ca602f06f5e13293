/** Channels that feed the map: boundaries and one variable's values for one period. */
import { z } from 'zod';
import { nullableNumber } from './common';

const position = z.array(z.number()).min(2);
const polygonCoords = z.array(z.array(position));

/** A polygon or multipolygon geometry (the only kinds region layers hold). */
export const areaGeometrySchema = z.union([
  z.object({ type: z.literal('Polygon'), coordinates: polygonCoords }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(polygonCoords) }),
]);

/** A GeoJSON FeatureCollection of region areas; properties carry code, names, group and level. */
export const featureCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.union([z.string(), z.number()]).optional(),
      geometry: areaGeometrySchema,
      properties: z.record(z.string(), z.unknown()).nullable(),
    }),
  ),
});

/** Dissolved outlines of the region groups: one MultiLineString feature per group (`properties.group`). */
export const groupOutlinesSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      geometry: z.object({ type: z.literal('MultiLineString'), coordinates: z.array(z.array(position)) }),
      properties: z.object({ group: z.string() }),
    }),
  ),
});

/** Map channels. */
export const mapChannels = {
  'geometry:get': {
    doc: 'Boundaries of one layer (default: the first) as a GeoJSON FeatureCollection.',
    request: z.strictObject({ layer: z.string().min(1).max(200).optional() }),
    response: featureCollectionSchema,
  },
  'geometry:groupOutlines': {
    doc: 'Outlines of the region groups of one layer (default: the default layer), dissolved from its boundaries (src/geo/dissolve): one MultiLineString per group.',
    request: z.strictObject({ layer: z.string().min(1).max(200).optional() }),
    response: groupOutlinesSchema,
  },
  'panel:values': {
    doc: 'Values of one variable in one period, one entry per region with data (null = missing).',
    request: z.strictObject({ variable: z.string().min(1).max(200), period: z.number().int() }),
    response: z.array(z.object({ region: z.string(), value: nullableNumber })),
  },
  'panel:coverage': {
    doc: 'The periods in which a variable has at least one value, ascending (the map says "no data for 2022 — data cover 1970–1986" and moves into range).',
    request: z.strictObject({ variable: z.string().min(1).max(200) }),
    response: z.object({ periods: z.array(z.number().int()) }),
  },
} as const;
