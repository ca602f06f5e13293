/**
 * Handlers of the GWR channels (src/contract/gwr.ts): the model builder's options. The fit
 * itself runs as the `gtwr` job (./job, services/gwr/gwr-job.ts).
 */
import type { Handlers } from '../../contract';
import { GWR_CRITERIA, GWR_KERNEL_NAMES } from '../../contract/constants';
import type { gwrChannels } from '../../contract/gwr';
import { createSpaceTimeIndex } from '../../models/gwr/space-time';
import type { ProjectStore } from '../../store/project-store';
import { projectGeometry, projectPanel } from '../inputs/project-inputs';
import { centroidPoints, coordinatePoints } from '../gwr/gwr-points';

/** The handlers of the GWR channels. */
export type GwrHandlers = Pick<Handlers, keyof typeof gwrChannels>;

/** The GWR channels. */
export function createGwrHandlers(store: () => ProjectStore): GwrHandlers {
  return {
    'gwr:options': async ({ locations, layer }) => {
      const s = store();
      const panel = projectPanel(s);
      const geometry = projectGeometry(s, { layer });
      const pts = locations === 'points' ? coordinatePoints('lon', 'lat', geometry, { ...panel, values: {} }) : centroidPoints(geometry);
      const n = pts.ids.length;
      // k-d tree over the locations (also refuses missing or duplicate coordinates, as the fit would)
      const index = createSpaceTimeIndex({ location: Int32Array.from({ length: n }, (_, i) => i), time: new Float64Array(n), x: pts.x, y: pts.y, lonLat: pts.lonLat, names: pts.ids });
      const nearest: number[] = [];
      for (let i = 0; i < n && n > 1; i++) nearest.push(index.nearestLocationDistance(i));
      nearest.sort((a, b) => a - b);
      const median = nearest.length ? nearest[(nearest.length - 1) >> 1] : 0;
      return {
        kernels: [...GWR_KERNEL_NAMES], criteria: [...GWR_CRITERIA],
        periods: [...new Set(panel.times)].sort((a, b) => a - b),
        regions: n, medianNearestKm: median, tau0: median * median,
      };
    },
  };
}
