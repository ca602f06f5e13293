/**
 * The project-inputs module: one panel-with-groups, one default layer, one geometry → ids rule,
 * so `rwb weights --geometry project.rwb` and the app's Weights tab build the same W.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../../src/contract';
import { createDispatcher } from '../../../src/services/handlers';
import { AppService } from '../../../src/services/handlers/app';
import {
  buildProjectWeights, chooseLayer, defaultLayerOf, prepareDesign, projectDefaultLayer, projectGeometry, projectPanel,
} from '../../../src/services/inputs/project-inputs';
import { ensureSampleProject } from '../../../src/services/samples/ensure';
import { loadWeightsFromProject } from '../../../src/services/weights/weights-service';
import { DEFAULT_LAYER_KEY, ProjectStore } from '../../../src/store/project-store';
import { runCli } from '../../cli/run-cli';

const tmp = mkdtempSync(join(tmpdir(), 'rwb-inputs-'));
let china: string;
beforeAll(async () => {
  china = await ensureSampleProject('china-provinces', join(tmp, 'samples'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A private copy of the China sample, so each test writes its own matrices. */
function copyOfChina(name: string): string {
  const path = join(tmp, `${name}.rwb`);
  copyFileSync(china, path);
  return path;
}

describe('the default-layer rule', () => {
  it('prefers the project\'s own choice when it has that layer, else the first layer', () => {
    expect(defaultLayerOf(['counties', 'provinces'], 'provinces')).toBe('provinces');
    expect(defaultLayerOf(['counties', 'provinces'], 'gone')).toBe('counties');
    expect(defaultLayerOf(['counties'], undefined)).toBe('counties');
    expect(defaultLayerOf([], 'provinces')).toBeNull();
  });

  it('reads the project\'s meta default_layer: the first layer by name until the meta names another', () => {
    const path = join(tmp, 'layers.rwb');
    const s = ProjectStore.open(path, { create: true });
    try {
      expect(() => chooseLayer(s)).toThrow('This project has no boundaries yet. Import a GeoJSON or shapefile first.');
      s.upsertRegions([{ code: 'Ohio', nameEn: 'Ohio' }]);
      const square = { type: 'Polygon' as const, coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] };
      s.putGeometries('states', [{ region: 'Ohio', geometry: square }]);
      s.putGeometries('points', [{ region: 'Ohio', geometry: { type: 'Point', coordinates: [-83, 40] } }]);
      expect(chooseLayer(s)).toBe('points');
      s.setMeta(DEFAULT_LAYER_KEY, 'states');
      expect(chooseLayer(s)).toBe('states');
      expect(projectDefaultLayer(s)).toBe('states');
      s.setMeta(DEFAULT_LAYER_KEY, 'gone');
      expect(chooseLayer(s)).toBe('points');
    } finally {
      s.close();
    }
  });

  it('names the layers a project has for an unknown one', () => {
    const store = ProjectStore.open(china, { readonly: true });
    try {
      expect(chooseLayer(store)).toBe('provinces');
      const layers = store.listLayers();
      expect(layers).toContain('provinces');
      expect(() => chooseLayer(store, 'counties')).toThrow(`There is no boundary layer "counties"; the project has ${layers.map((l) => `"${l}"`).join(', ')}.`);
    } finally {
      store.close();
    }
  });
});

describe('project inputs', () => {
  it('the panel carries the regions\' groups as region_group', () => {
    const store = ProjectStore.open(china, { readonly: true });
    try {
      const panel = projectPanel(store);
      const groups = panel.text?.region_group ?? [];
      expect(groups.length).toBe(panel.ids.length);
      expect(new Set(groups)).toEqual(new Set(['East', 'Central', 'West', 'Northeast']));
      // prepareDesign is public: the complete-case design any panel analysis starts from.
      const d = prepareDesign({ panel, y: 'resilience', x: ['digital', 'log(pgdp)'], cluster: 'id' }, 'cluster');
      expect(d.design.names).toEqual(['digital', 'log(pgdp)']);
      expect(d.design.cluster?.length).toBe(d.design.y.length);
      expect(d.rows.length + d.nDropped).toBe(panel.ids.length);
    } finally {
      store.close();
    }
  });

  it('geometry ids are region codes and W warnings carry codes, not only English text', () => {
    const store = ProjectStore.open(china, { readonly: true });
    try {
      const g = projectGeometry(store);
      expect(g.key).toBe('code');
      expect(g.features.map((f) => f.id)).toContain('460000');
      const w = buildProjectWeights(store, { spec: 'queen' });
      expect(w.layer).toBe('provinces');
      expect(w.weights.islands).toEqual(['460000']);
      expect(w.warnings.map((x) => x.code)).toEqual(['weights-islands']);
    } finally {
      store.close();
    }
  });

  it('the CLI path and the app path build the identical W for the same project', async () => {
    const path = copyOfChina('same-w');
    const app = new AppService({ mode: 'web', userDir: join(tmp, 'user'), version: 'test' });
    try {
      app.openPath(path);
      const dispatch = createDispatcher(app.handlers, (c, e) => { throw new Error(`${c}: ${String(e)}`); });
      for (const [cli, spec] of [
        [['--type', 'queen'], { type: 'queen' }],
        [['--type', 'knn', '--k', '4'], { type: 'knn', k: 4 }],
        [['--type', 'band', '--km', 'min'], { type: 'band', minKm: true }],
      ] as const) {
        const env = await dispatch('weights:build', { name: `app-${spec.type}`, spec });
        expect(env.ok, JSON.stringify(env)).toBe(true);
        const view = contract['weights:build'].response.parse(env.ok ? env.value : null);
        const r = await runCli(['weights', '--geometry', path, ...cli, '--json']);
        expect(r.code, r.stderr).toBe(0);
        const doc = JSON.parse(r.stdout) as { ids: string[]; neighbors: Record<string, string[]>; weights: Record<string, number[]> };
        expect(doc.ids).toEqual(view.ids);
        expect(doc.neighbors).toEqual(view.neighbors);
        // The weights too, not only the graph: the matrix the app saved equals the CLI's.
        const store = ProjectStore.open(path, { readonly: true });
        try {
          const saved = loadWeightsFromProject(store, `app-${spec.type}`).weights;
          for (const id of saved.ids) expect(doc.weights[id], `${spec.type} ${id}`).toEqual(saved.neighbors(id).map((j) => saved.get(id, j)));
        } finally {
          store.close();
        }
      }
    } finally {
      app.close();
    }
  }, 60_000);
});
