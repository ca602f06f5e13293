import { describe, expect, it } from 'vitest';
import { featureCentroids, planarCentroid } from '../../src/geo/centroid';
import { loadUs48, readJson } from '../weights/us48';

type KnnFixture = { source: string; ids: string[]; centroids: Record<string, [number, number]>; neighbors: Record<string, string[]> };
const knnRef = () => readJson<KnnFixture>('tests/fixtures/us48/knn4.json');

describe('centroids', () => {
  it('equal sf::st_centroid (GEOS, planar) on us48 to 1e-12 relative', async () => {
    // sf::st_coordinates(sf::st_centroid(us48)) — tests/fixtures/us48/knn4.json "centroids"
    const ref = knnRef();
    const p = featureCentroids(await loadUs48(), true);
    p.ids.forEach((id, i) => {
      expect(p.x[i]).toBeCloseTo(ref.centroids[id][0], 10);
      expect(p.y[i]).toBeCloseTo(ref.centroids[id][1], 10);
      expect(Math.abs(p.x[i] / ref.centroids[id][0] - 1)).toBeLessThan(1e-12);
    });
  });

  it('are area-weighted: holes subtract, winding does not matter', () => {
    // 4×4 square with a 2×2 hole in its right half: area 12, centroid x = (16·2 − 4·3)/12 = 5/3
    const shell = [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]];
    const hole = [[2, 1], [4, 1], [4, 3], [2, 3], [2, 1]];
    const [cx, cy] = planarCentroid([[shell, hole]]);
    expect(cx).toBeCloseTo(5 / 3, 14);
    expect(cy).toBeCloseTo(2, 14);
    const [rx] = planarCentroid([[[...shell].reverse(), [...hole].reverse()]]);
    expect(rx).toBeCloseTo(5 / 3, 14);
    // a triangle's centroid is the mean of its vertices; a big square outweighs a small one
    expect(planarCentroid([[[[0, 0], [3, 0], [0, 3], [0, 0]]]])).toEqual([1, 1]);
    const [mx] = planarCentroid([[[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]], [[[10, 0], [11, 0], [11, 1], [10, 1], [10, 0]]]]);
    expect(mx).toBeCloseTo((4 * 1 + 1 * 10.5) / 5, 14);
  });
});
