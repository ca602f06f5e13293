import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fromGal } from '../../src/weights/io/gal';
import { ensureSampleProject } from '../../src/services/samples/ensure';
import { loadWeightsFromProject } from '../../src/services/weights/weights-service';
import { ProjectStore } from '../../src/store/project-store';
import { readJson, referenceQueen } from '../weights/us48';
import { runCli, runCliProcess } from './run-cli';
import type { CliCommand } from '../../src/cli/command';
import { GEOMETRY_OPTIONS, PANEL_OPTIONS, panelFromArgs } from '../../src/cli/inputs';
import { WEIGHTS_OPTIONS, weightsFromArgs } from '../../src/cli/commands/weights';
import { datasetPath } from '../helpers/paths';

/** A stand-in analysis command that takes W the way moran/sdm do and prints its neighbour lists. */
const probe: CliCommand = {
  name: 'probe',
  summary: 'test',
  usage: 'test',
  options: { ...PANEL_OPTIONS, ...GEOMETRY_OPTIONS, ...WEIGHTS_OPTIONS },
  async run(args, io) {
    const panel = await panelFromArgs(args, io);
    const w = await weightsFromArgs(args, io, panel);
    io.stdout(JSON.stringify({ source: w.specText, n: w.weights.n, transformation: w.weights.transformation, neighbors: w.weights.toNeighborLists() }));
    return 0;
  },
};
const PRODUC = ['--panel', datasetPath('produc.csv'), '--id', 'state_name', '--time', 'year'];

const US48 = datasetPath('us48', 'us48.shp');
const tmp = mkdtempSync(join(tmpdir(), 'rwb-cli-weights-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('rwb weights', () => {
  it('queen --json gives exactly the spdep::poly2nb reference lists in the contract shape', async () => {
    // spdep::poly2nb(queen=TRUE) on us48: tests/fixtures/reference/produc_reference.json "neighbors"
    const r = await runCliProcess(['weights', '--geometry', US48, '--key', 'STATE_NAME', '--type', 'queen', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as Record<string, unknown> & { neighbors: Record<string, string[]>; weights: Record<string, number[]> };
    expect(Object.keys(doc).slice(0, 9)).toEqual(['n', 'ids', 'neighbors', 'weights', 'islands', 'mean_neighbors', 'min_neighbors', 'max_neighbors', 'symmetric']);
    const ref = referenceQueen();
    expect(doc.n).toBe(48);
    expect(doc.neighbors).toEqual(ref);
    expect(doc.weights.Alabama).toEqual([0.25, 0.25, 0.25, 0.25]);
    // summary(poly2nb(us48)): average number of links 4.458333, 1 to 8
    expect(doc).toMatchObject({ islands: [], min_neighbors: 1, max_neighbors: 8, symmetric: true });
    expect(doc.mean_neighbors as number).toBeCloseTo(4.458333, 6);
  });

  it('knn with the ellipsoid metric equals spdep::knearneigh(longlat = TRUE); --out writes a GAL', async () => {
    // tests/fixtures/us48/knn4.json (scripts/reference/knn-us48.R)
    const ref = readJson<{ neighbors: Record<string, string[]> }>('tests/fixtures/us48/knn4.json');
    const out = join(tmp, 'knn4.gal');
    const r = await runCli(['weights', '--geometry', US48, '--key', 'STATE_NAME', '--type', 'knn', '--k', '4', '--metric', 'ellipsoid', '--out', out, '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { neighbors: unknown; ids: string[] };
    expect(doc.neighbors).toEqual(ref.neighbors);
    // STATE_NAME holds spaces ("New York"): the GAL numbers the regions 1..48 in W's order, and says so
    expect(r.stderr).toContain('warning: Region ids such as "New Hampshire" contain spaces or quotes, which GAL files cannot hold: regions are written as their positions 1–48');
    const gal = readFileSync(out, 'utf8');
    expect(gal.split('\n')[0]).toBe('0 48 knn4 STATE_NAME');
    expect(gal.split('\n')[1]).toMatch(/^1 4$/);
    expect(fromGal(gal, { ids: doc.ids }).toNeighborLists()).toEqual(ref.neighbors);
  });

  it('China sample project: Hainan is an island until --link adds Hainan|Guangdong', async () => {
    // --geometry may be a project file; the sample is built from echarts@4.9.0 when missing
    const CHINA = await ensureSampleProject('china-provinces', tmp);
    const plain = await runCli(['weights', '--geometry', CHINA, '--key', 'nameEn', '--type', 'queen', '--json']);
    expect(plain.code).toBe(0);
    expect(plain.stderr).toBe('warning: 1 region(s) have no neighbours (islands, zero rows in W): "Hainan"; add a manual link with links=A|B if that is not intended.\n');
    expect(JSON.parse(plain.stdout)).toMatchObject({ n: 31, islands: ['Hainan'], min_neighbors: 0 });
    const linked = await runCli(['weights', '--geometry', CHINA, '--key', 'nameEn', '--type', 'queen', '--link', 'Hainan|Guangdong', '--json']);
    expect(linked.code).toBe(0);
    expect(linked.stderr).toBe('');
    const doc = JSON.parse(linked.stdout) as { islands: string[]; neighbors: Record<string, string[]> };
    expect(doc.islands).toEqual([]);
    expect(doc.neighbors.Hainan).toEqual(['Guangdong']);
  });

  it('--coords lon,lat on the China project: kNN over provincial capitals equals the sample DGP matrix', async () => {
    // knn4_capitals was stored by the sample builder (src/services/samples, its own brute-force kNN)
    const CHINA = await ensureSampleProject('china-provinces', tmp);
    const r = await runCli(['weights', '--geometry', CHINA, '--type', 'knn', '--k', '4', '--coords', 'lon,lat', '--json']);
    expect(r.code).toBe(0);
    const store = ProjectStore.open(CHINA, { readonly: true });
    const stored = loadWeightsFromProject(store, 'knn4_capitals').weights;
    store.close();
    const doc = JSON.parse(r.stdout) as { ids: string[]; neighbors: Record<string, string[]> };
    expect(doc.neighbors).toEqual(stored.subset(doc.ids).toNeighborLists());
  });

  it('prints a readable summary without --json', async () => {
    const r = await runCli(['weights', '--geometry', US48, '--key', 'STATE_NAME', '--spec', 'rook:std=binary']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('W: rook:std=binary over 48 regions (transformation B)');
    expect(r.stdout).toMatch(/nonzero weights\s+210/);
  });

  it('bad input: exit 2 with one clear line', async () => {
    const big = await runCli(['weights', '--geometry', US48, '--key', 'STATE_NAME', '--type', 'knn', '--k', '48', '--json']);
    expect(big.code).toBe(2);
    expect(big.stdout).toBe('');
    expect(big.stderr).toContain('k = 48 must be less than the number of regions (48).');
    const noType = await runCli(['weights', '--geometry', US48, '--key', 'STATE_NAME']);
    expect(noType.code).toBe(2);
    expect(noType.stderr).toContain('missing required option --type (queen|rook|knn|idw|band|kernel|econ|nested) or --spec');
    const badLink = await runCli(['weights', '--geometry', US48, '--key', 'STATE_NAME', '--type', 'queen', '--link', 'Maine|Atlantis']);
    expect(badLink.code).toBe(2);
    expect(badLink.stderr).toContain('Cannot link "Maine" and "Atlantis": no region "Atlantis" in the weights matrix.');
  });
});

describe('weightsFromArgs (--weights / --weights-spec for analysis commands)', () => {
  it('builds W from --weights-spec over the panel regions, or reads --weights', async () => {
    const a = await runCli(['probe', ...PRODUC, '--geometry', US48, '--key', 'STATE_NAME', '--weights-spec', 'queen'], { commands: [probe] });
    expect(a.code).toBe(0);
    const doc = JSON.parse(a.stdout) as { source: string; n: number; transformation: string; neighbors: Record<string, string[]> };
    expect(doc).toMatchObject({ source: 'queen:std=row', n: 48, transformation: 'R' });
    expect(doc.neighbors).toEqual(referenceQueen());
    const gal = join(tmp, 'q.gal');
    await runCli(['weights', '--geometry', US48, '--key', 'STATE_NAME', '--type', 'queen', '--out', gal]);
    const b = await runCli(['probe', ...PRODUC, '--weights', gal], { commands: [probe] });
    expect(b.code).toBe(0);
    expect((JSON.parse(b.stdout) as { neighbors: unknown }).neighbors).toEqual(referenceQueen());
  });

  it('asks for exactly one weights source and for geometry with a spec', async () => {
    const none = await runCli(['probe', ...PRODUC], { commands: [probe] });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('give the spatial weights with --weights FILE or --weights-spec SPEC (with --geometry and --key)');
    const noGeo = await runCli(['probe', ...PRODUC, '--weights-spec', 'queen'], { commands: [probe] });
    expect(noGeo.code).toBe(2);
    expect(noGeo.stderr).toContain('--weights-spec needs --geometry FILE and --key FIELD (the boundaries to build W from)');
  });
});
