/**
 * Handlers of the map channels (src/contract/map.ts): the boundaries of a layer (the default
 * layer rule of services/inputs/layers.ts), the dissolved outlines of its region groups, and
 * one variable's values in one period.
 */
import type { Handlers } from '../../contract';
import type { mapChannels } from '../../contract/map';
import { dissolveOutlines, type DissolveInput } from '../../geo/dissolve';
import type { ProjectStore } from '../../store/project-store';
import { chooseLayer } from '../inputs/layers';
import { requireVariables } from '../inputs/variables';

/** The handlers of the map channels. */
export type MapHandlers = Pick<Handlers, keyof typeof mapChannels>;

type AreaCollection = Awaited<ReturnType<Handlers['geometry:get']>>;

/** The map channels over the open project (`store` throws `no-project` when none is open). */
export function createMapHandlers(store: () => ProjectStore): MapHandlers {
  return {
    'geometry:get': async ({ layer }) => {
      const s = store();
      return s.getGeometryCollection(chooseLayer(s, layer)) as AreaCollection;
    },
    'geometry:groupOutlines': async ({ layer }) => {
      const s = store();
      const groups = new Map(s.listRegions().map((r) => [r.code, r.regionGroup]));
      const inputs: DissolveInput[] = [];
      for (const f of s.getGeometryCollection(chooseLayer(s, layer)).features) {
        const g = f.geometry;
        if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) continue;
        const group = groups.get(String(f.properties?.code ?? f.id));
        if (group) inputs.push({ key: group, geometry: g });
      }
      return {
        type: 'FeatureCollection' as const,
        features: dissolveOutlines(inputs).map((o) => ({
          type: 'Feature' as const,
          geometry: { type: 'MultiLineString' as const, coordinates: o.lines },
          properties: { group: o.key },
        })),
      };
    },
    'panel:values': async ({ variable, period }) => {
      const s = store();
      requireVariables(s, [variable]);
      const panel = s.readPanel({ variables: [variable] });
      const col = panel.values[variable];
      const out: { region: string; value: number | null }[] = [];
      for (let r = 0; r < panel.ids.length; r++) {
        if (panel.times[r] !== period) continue;
        const v = col[r];
        out.push({ region: panel.ids[r], value: Number.isFinite(v) ? v : null });
      }
      return out;
    },
    // Issue 13, defect 9: the periods with data, so the map can say which years a variable covers.
    'panel:coverage': async ({ variable }) => {
      const s = store();
      requireVariables(s, [variable]);
      const panel = s.readPanel({ variables: [variable] });
      const col = panel.values[variable];
      const periods = new Set<number>();
      for (let r = 0; r < panel.ids.length; r++) if (Number.isFinite(col[r])) periods.add(panel.times[r]);
      return { periods: [...periods].sort((a, b) => a - b) };
    },
  };
}
