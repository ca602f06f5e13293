/**
 * The `weights-read` worker task (what `weights:import` runs in the job worker): a weights file
 * by path or upload comes back as ids + triplets that rebuild the same W as reading the file
 * on the calling thread (reference: `readWeightsFile` directly).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { weightsReadTask } from '../../../src/services/jobs/tasks';
import { readWeightsFile } from '../../../src/services/weights/weights-service';
import { SpatialWeights } from '../../../src/weights/spatial-weights';

const dir = mkdtempSync(join(tmpdir(), 'rwb-weights-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// A path graph a – b – c plus c – a (GAL: id, count, then the neighbour ids).
const gal = '3\na 2\nb c\nb 2\na c\nc 2\na b\n';

describe('weights-read task', () => {
  it('gives the triplets of the file read directly, by path and by upload', async () => {
    const path = join(dir, 'w.gal');
    writeFileSync(path, gal);
    const direct = (await readWeightsFile(path)).original();
    for (const file of [{ path }, { name: 'w.gal', dataBase64: Buffer.from(gal).toString('base64') }]) {
      const steps: number[] = [];
      const t = await weightsReadTask({ file }, (d) => steps.push(d), () => false);
      const w = SpatialWeights.fromTriplets(t.ids, t.rows, t.cols, t.values);
      expect(w.ids).toEqual(direct.ids);
      expect(w.entries()).toEqual(direct.entries());
      expect(steps).toEqual([0, 1]);
    }
  });
});
