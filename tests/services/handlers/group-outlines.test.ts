/** `geometry:groupOutlines`: the region groups of a layer dissolved into outlines (src/geo/dissolve). */
import { describe, expect, it } from 'vitest';
import { useAppService } from '../../helpers/app-service-harness';

const app = useAppService({ prefix: 'rwb-outlines-' });

describe('geometry:groupOutlines', () => {
  it('gives the NBS four regions of the China sample, each a closed outline', async () => {
    await app.call('project:openSample', { name: 'china-provinces' });
    const fc = await app.call('geometry:groupOutlines', {});
    // NBS (2011) four economic regions: East, Central, West, Northeast.
    expect(fc.features.map((f) => f.properties.group).sort()).toEqual(['Central', 'East', 'Northeast', 'West']);
    for (const f of fc.features) {
      expect(f.geometry.coordinates.length).toBeGreaterThan(0);
      // The longest line of each group is closed (its first point repeated last).
      const longest = [...f.geometry.coordinates].sort((a, b) => b.length - a.length)[0];
      expect(longest[0]).toEqual(longest[longest.length - 1]);
    }
  });

  it('dissolves inner borders away: Northeast (3 provinces) has fewer boundary points than its members together', async () => {
    const geo = await app.call('geometry:get', {});
    const fc = await app.call('geometry:groupOutlines', {});
    const members = geo.features.filter((f) => f.properties?.regionGroup === 'Northeast');
    expect(members).toHaveLength(3);
    const memberPoints = members.reduce((n, f) => n + JSON.stringify(f.geometry.coordinates).split('],[').length, 0);
    const ne = fc.features.find((f) => f.properties.group === 'Northeast')!;
    const outlinePoints = ne.geometry.coordinates.reduce((n, l) => n + l.length, 0);
    expect(outlinePoints).toBeLessThan(memberPoints);
  });
});
