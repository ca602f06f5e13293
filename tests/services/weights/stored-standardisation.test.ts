/**
 * Issue 13, defect 10: the China sample's `knn4_capitals` showed spec "std=row" but
 * "Standardisation none" — the sample stores its row-standardised W with a spec object
 * `{ type: 'knn', k: 4, std: 'row', … }` and no transformation code, which the loader read as
 * "as stored" (O). A spec naming its standardisation now gives that transformation; the weights
 * themselves do not change (row-standardising row-standardised weights is the identity).
 *
 * Reference values: the sample's spec (src/services/samples/china.ts, std 'row'); row sums 1.
 */
import { describe, expect, it } from 'vitest';
import { loadWeightsFromProject } from '../../../src/services/weights/weights-service';
import { ProjectStore } from '../../../src/store/project-store';
import { useAppService } from '../../helpers/app-service-harness';

const app = useAppService({ prefix: 'rwb-stored-std-' });

describe('a stored matrix whose spec names its standardisation', () => {
  it('knn4_capitals of the China sample is row-standardised, as its spec says', async () => {
    const s = await app.call('project:openSample', { name: 'china-provinces' });
    const view = await app.call('weights:get', { name: 'knn4_capitals' });
    expect(view.transformation).toBe('R');
    const store = ProjectStore.open(s.path, { readonly: true });
    try {
      const stored = store.getWeights('knn4_capitals');
      const { weights } = loadWeightsFromProject(store, 'knn4_capitals');
      const before = new Map(stored!.entries.map((e) => [`${e.i}|${e.j}`, e.value]));
      const after = weights.entries();
      expect(after.length).toBe(before.size);
      for (const e of after) expect(e.value).toBeCloseTo(before.get(`${e.i}|${e.j}`) ?? NaN, 12);
      const rowSums = new Map<string, number>();
      for (const e of after) rowSums.set(String(e.i), (rowSums.get(String(e.i)) ?? 0) + e.value);
      for (const sum of rowSums.values()) expect(sum).toBeCloseTo(1, 12);
    } finally {
      store.close();
    }
  }, 180_000);
});
