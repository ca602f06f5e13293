/**
 * `rwb import --alias "NAME=REGION"` / `--aliases FILE` (issue 13): the names the app's Import
 * dialog lets a user accept, on the command line. The names are kept in the project's
 * region_aliases, so the next import of the same yearbook matches without them.
 *
 * Reference values (mexico.csv, assets/datasets/mexico; Esquivel 1999 via the PySAL example):
 * Baja California pcgdp1940 = 22361, Coahuila pcgdp1940 = 8537, Aguascalientes pcgdp1940 = 10384.
 * mexicojoin.dbf: CODE MX02 = NAME "Baja California Norte", MX07 "Coahuila De Zaragoza", MX16
 * "Michoacan de Ocampo", MX22 "Queretaro de Arteaga", MX30 "Veracruz-Llave" (docs/notes/i13-import.md).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/store/project-store';
import { datasetPath } from '../helpers/paths';
import { runCli } from './run-cli';

const MEXICO = [
  '--geometry', datasetPath('mexico', 'mexicojoin.shp'), '--key', 'CODE', '--name-en-field', 'NAME',
  '--panel', datasetPath('mexico', 'mexico.csv'), '--id', 'State', '--time', 'year', '--format', 'wide',
];

function tmpDir(): string {
  return mkdtempSync(join(tmpdir(), 'rwb-aliases-'));
}

/** pcgdp of `region` in `year` in the project file. */
function pcgdp(project: string, region: string, year: number): number | undefined {
  const store = ProjectStore.open(project, { readonly: true });
  try {
    const p = store.readPanel({ variables: ['pcgdp'] });
    const i = p.ids.findIndex((id, k) => id === region && p.times[k] === year);
    return i < 0 ? undefined : p.values.pcgdp[i];
  } finally {
    store.close();
  }
}

function aliasesIn(project: string): { alias: string; region: string }[] {
  const store = ProjectStore.open(project, { readonly: true });
  try {
    return store.listRegionAliases().map((a) => ({ alias: a.alias, region: a.region })).sort((a, b) => a.alias.localeCompare(b.alias));
  } finally {
    store.close();
  }
}

describe('rwb import --alias / --aliases', () => {
  it('without names the five yearbook spellings are refused with their long forms offered; nothing is written', async () => {
    const project = join(tmpDir(), 'mx.rwb');
    const r = await runCli(['import', '--project', project, ...MEXICO]);
    expect(r.code).toBe(2);
    // One sentence for the first of the five (Coahuila, Michoacan, Quertaro, Veracruz follow).
    expect(r.stderr).toBe('rwb import: mexico.csv: region "Baja California" (column "State", row 3) is not in mexicojoin.shp — did you mean "Baja California Norte" (MX02)? (and 4 more problems)\n');
    expect(existsSync(project)).toBe(false);
  });

  it('names given by name, by code and from a file are accepted, kept in region_aliases, and the next import matches', async () => {
    const dir = tmpDir();
    const project = join(dir, 'mx.rwb');
    const file = join(dir, 'names.csv');
    writeFileSync(file, 'alias,region,note\nMichoacan,Michoacan de Ocampo,long form\nQuertaro,MX22,misspelt\n\nVeracruz,veracruz llave,case and hyphen ignored\n');
    const r = await runCli(['import', '--project', project, ...MEXICO,
      '--alias', 'Baja California=Baja California Norte', '--alias', 'Coahuila = MX07', '--aliases', file, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { committed: boolean; counts: { regions: number; rows: number }; aliases: { alias: string; region: string }[] };
    expect(out.committed).toBe(true);
    expect(out.counts).toMatchObject({ regions: 32, rows: 32 * 7 });
    const expected = [
      { alias: 'Baja California', region: 'MX02' },
      { alias: 'Coahuila', region: 'MX07' },
      { alias: 'Michoacan', region: 'MX16' },
      { alias: 'Quertaro', region: 'MX22' },
      { alias: 'Veracruz', region: 'MX30' },
    ];
    expect([...out.aliases].sort((a, b) => a.alias.localeCompare(b.alias))).toEqual(expected);
    expect(aliasesIn(project)).toEqual(expected);
    expect(pcgdp(project, 'MX02', 1940)).toBe(22361);
    expect(pcgdp(project, 'MX07', 1940)).toBe(8537);

    // The same yearbook again, without names and without boundaries: it matches.
    const again = await runCli(['import', '--project', project, '--panel', datasetPath('mexico', 'mexico.csv'), '--id', 'State', '--time', 'year', '--format', 'wide', '--json']);
    expect(again.code, again.stderr).toBe(0);
    const second = JSON.parse(again.stdout) as { counts: { newRegions: number; replacedObservations: number } };
    expect(second.counts).toMatchObject({ newRegions: 0, replacedObservations: 32 * 7 });
    expect(pcgdp(project, 'MX07', 1940)).toBe(8537);

    // The readable report lists the names kept.
    const text = await runCli(['import', '--project', join(dir, 'text.rwb'), ...MEXICO, '--aliases', file,
      '--alias', 'Baja California=MX02', '--alias', 'Coahuila=Coahuila de Zaragoza']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('names kept: ');
    expect(text.stdout).toContain('"Coahuila" → MX07');
  });

  it('bad names: exit 2 with one sentence, the project byte-for-byte unchanged', async () => {
    const dir = tmpDir();
    const project = join(dir, 'mx.rwb');
    const ok = await runCli(['import', '--project', project, '--geometry', datasetPath('mexico', 'mexicojoin.shp'), '--key', 'CODE', '--name-en-field', 'NAME']);
    expect(ok.code, ok.stderr).toBe(0);
    const before = readFileSync(project);
    const panel = ['--panel', datasetPath('mexico', 'mexico.csv'), '--id', 'State', '--time', 'year', '--format', 'wide'];

    const unknown = await runCli(['import', '--project', project, ...panel, '--alias', 'Baja California=Atlantis']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('rwb import: mexico.csv: the name "Baja California" was matched to region "Atlantis", which is neither in the project nor in the boundaries (and 5 more problems)\n');

    const noEq = await runCli(['import', '--project', project, ...panel, '--alias', 'Baja California']);
    expect(noEq.code).toBe(2);
    expect(noEq.stderr).toContain('--alias "Baja California" is not NAME=REGION');

    const noPanel = await runCli(['import', '--project', project, '--geometry', datasetPath('mexico', 'mexicojoin.shp'), '--key', 'CODE', '--alias', 'a=b']);
    expect(noPanel.code).toBe(2);
    expect(noPanel.stderr).toContain('--alias and --aliases name the regions of a panel file: give --panel too');

    const columns = join(dir, 'cols.csv');
    writeFileSync(columns, 'name,code\nCoahuila,MX07\n');
    const badFile = await runCli(['import', '--project', project, ...panel, '--aliases', columns]);
    expect(badFile).toMatchObject({ code: 2 });
    expect(badFile.stderr).toBe('rwb import: cols.csv: an aliases file needs the columns "alias" (the name as the panel file writes it) and "region" (the region\'s code or name); it has "name", "code"\n');

    const conflict = join(dir, 'conflict.csv');
    writeFileSync(conflict, 'alias,region\nCoahuila,MX07\nCoahuila,MX05\n');
    const twice = await runCli(['import', '--project', project, ...panel, '--aliases', conflict]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toBe('rwb import: conflict.csv: "Coahuila" is given two regions, "MX07" (row 2) and "MX05" (row 3)\n');

    const blank = join(dir, 'blank.csv');
    writeFileSync(blank, 'alias,region\nCoahuila,\n');
    const empty = await runCli(['import', '--project', project, ...panel, '--aliases', blank]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toBe('rwb import: blank.csv: row 2 has an empty "region" cell\n');

    expect(readFileSync(project).equals(before)).toBe(true);
    expect(aliasesIn(project)).toEqual([]);
  });

  it('a name shared by two regions is refused: the code must be given', async () => {
    const dir = tmpDir();
    const geo = join(dir, 'towns.geojson');
    const square = (x: number) => ({ type: 'Polygon', coordinates: [[[x, 0], [x + 1, 0], [x + 1, 1], [x, 1], [x, 0]]] });
    writeFileSync(geo, JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { code: 'IL01', name: 'Springfield' }, geometry: square(0) },
        { type: 'Feature', properties: { code: 'MO01', name: 'Springfield' }, geometry: square(2) },
      ],
    }));
    const csv = join(dir, 'towns.csv');
    writeFileSync(csv, 'town,year,pop\nSpringfeld,2000,1\n');
    const project = join(dir, 'p.rwb');
    const args = ['import', '--project', project, '--geometry', geo, '--key', 'code', '--name-en-field', 'name', '--panel', csv, '--id', 'town', '--time', 'year'];
    const r = await runCli([...args, '--alias', 'Springfeld=springfield']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('rwb import: towns.csv: the name "Springfeld" was matched to "springfield", which names several regions (IL01, MO01); give the region\'s code instead (and 1 more problem)\n');
    const byCode = await runCli([...args, '--alias', 'Springfeld=MO01', '--json']);
    expect(byCode.code, byCode.stderr).toBe(0);
    expect(aliasesIn(project)).toEqual([{ alias: 'Springfeld', region: 'MO01' }]);
  });
});
