/** Choropleth colours of the renderer's map. */
import { describe, expect, it } from 'vitest';
import { paletteFor } from '../../../renderer/src/lib/palette';

describe('paletteFor', () => {
  it('gives one distinct colour per class, light to dark', () => {
    for (let n = 2; n <= 7; n++) {
      const p = paletteFor(n);
      expect(p).toHaveLength(n);
      expect(new Set(p).size).toBe(n);
    }
  });
});
