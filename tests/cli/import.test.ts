import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/store/project-store';
import { RTOL } from '../tolerances';
import { runCli } from './run-cli';
import { datasetPath, repoPath } from '../helpers/paths';

const DATA = datasetPath();
const GEOMETRY = ['--geometry', `${DATA}/us48/us48.shp`, '--key', 'STATE_NAME'];
const PANEL = ['--panel', `${DATA}/produc.csv`, '--id', 'state_name', '--time', 'year'];

function tmpDir(): string {
  return mkdtempSync(join(tmpdir(), 'rwb-import-'));
}

function close(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(RTOL * Math.max(1, Math.abs(expected)));
}

interface ImportJson {
  project: string;
  dry_run: boolean;
  committed?: boolean;
  counts: { regions: number; newRegions: number; variables: number; rows: number; observations: number; geometries: number };
  errors: { code: string; message: string }[];
  writtenVariables?: string[];
}

describe('rwb import / describe / derive on a project file', () => {
  let project: string;

  beforeAll(async () => {
    project = join(tmpDir(), 'us.rwb');
    const r = await runCli(['import', '--project', project, ...GEOMETRY, ...PANEL, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as ImportJson;
    expect(out.project).toBe(project);
    expect(out.dry_run).toBe(false);
    expect(out.committed).toBe(true);
    // 48 states x 17 years; 9 numeric columns (region code, pcap, hwy, water, util, pc, gsp, emp, unemp)
    expect(out.counts).toMatchObject({ regions: 48, newRegions: 48, variables: 9, rows: 816, observations: 816 * 9, geometries: 48 });
    expect(r.stderr).toBe('warning: produc.csv: text column "state" not imported (not numbers)\n');
  });

  it('the imported project is a panel input for describe', async () => {
    const r = await runCli(['describe', '--panel', project, '--time', 'year', '--var', 'gsp', '--var', 'year - 1970', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { n_regions: number; n_periods: number; variables: { name: string; mean: number; max: number }[] };
    expect(out.n_regions).toBe(48);
    expect(out.n_periods).toBe(17);
    close(out.variables[0].mean, 61014.319852941175); // R: mean(d$gsp)
    expect(out.variables[1]).toMatchObject({ name: 'year - 1970', mean: 8, max: 16 });
  });

  it('describe --by a numeric column gives one block per group (R: produc region 5)', async () => {
    const r = await runCli(['describe', '--panel', `${DATA}/produc.csv`, '--id', 'state_name', '--time', 'year', '--var', 'log(gsp)', '--by', 'region', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { by: string; groups: { group: string; n_regions: number; variables: { n: number; mean: number }[] }[] };
    expect(out.by).toBe('region');
    expect(out.groups.map((g) => g.group)).toEqual(['6', '8', '7', '9', '1', '5', '3', '4', '2']); // R: unique(d$region)
    const g5 = out.groups.find((g) => g.group === '5');
    expect(g5?.n_regions).toBe(8);
    close(g5?.variables[0].mean ?? NaN, 10.599405925566314); // R: mean(log(d$gsp[d$region == 5]))
    const bad = await runCli(['describe', '--panel', `${DATA}/produc.csv`, '--id', 'state_name', '--time', 'year', '--by', 'regoin']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('rwb describe: produc.csv: no column "regoin" to group by; did you mean "region"?\n');
  });

  it('a project panel carries the regions\' groups as region_group for --by', async () => {
    const store = ProjectStore.open(project);
    const east = new Set(['Maine', 'New Hampshire', 'Vermont', 'Massachusetts', 'Rhode Island', 'Connecticut']);
    store.upsertRegions(store.listRegions().map((r) => ({ code: r.code, regionGroup: east.has(r.code) ? 'New England' : 'Other' })));
    store.close();
    const r = await runCli(['describe', '--panel', project, '--var', 'gsp', '--by', 'region_group', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { groups: { group: string; n_regions: number; n_periods: number }[] };
    expect(out.groups.map((g) => [g.group, g.n_regions, g.n_periods]).sort()).toEqual([
      ['New England', 6, 17],
      ['Other', 42, 17],
    ]);
  });

  it('derive stores an expression variable; a second derive of the name needs --replace', async () => {
    const r = await runCli(['derive', '--project', project, '--name', 'lgsp', '--expr', 'log(gsp)', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ name: 'lgsp', expression: 'log(gsp)', rows: 816, n: 816, missing: 0, replaced: false });
    const d = await runCli(['describe', '--panel', project, '--var', 'lgsp', '--json']);
    close((JSON.parse(d.stdout) as { variables: { mean: number }[] }).variables[0].mean, 10.508849636509282); // R: mean(log(d$gsp))

    const again = await runCli(['derive', '--project', project, '--name', 'lgsp', '--expr', 'log(pcap)']);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(`rwb derive: variable "lgsp" already exists in ${project}; choose another name or replace it\n`);
    const replaced = await runCli(['derive', '--project', project, '--name', 'lgsp', '--expr', 'diff(log(gsp))', '--replace']);
    expect(replaced.code).toBe(0);
    expect(replaced.stdout).toBe(`replaced variable lgsp = diff(log(gsp)): 768 values, 48 missing, in ${project}\n`);
  });

  it('derive refuses bad names and bad expressions with exit 2', async () => {
    const name = await runCli(['derive', '--project', project, '--name', 'log gsp', '--expr', 'log(gsp)']);
    expect(name.code).toBe(2);
    expect(name.stderr).toBe(
      'rwb derive: variable name "log gsp" is not an identifier: use letters, digits and _, not starting with a digit (e.g. log_gsp)\n',
    );
    const expr = await runCli(['derive', '--project', project, '--name', 'z', '--expr', 'log(gps)']);
    expect(expr).toEqual({ code: 2, stdout: '', stderr: 'rwb derive: unknown column "gps" in expression "log(gps)"; did you mean "gsp"?\n' });
    const missing = await runCli(['derive', '--project', join(tmpDir(), 'none.rwb'), '--name', 'z', '--expr', '1']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^rwb derive: .*none\.rwb does not exist\n$/);
  });

  it('an unknown region fails with a suggestion and leaves the project unchanged', async () => {
    const csv = join(tmpDir(), 'tn.csv');
    writeFileSync(csv, 'state_name,year,gsp\nAlabama,1990,1\nTennesse,1990,2\n');
    const before = ProjectStore.open(project, { readonly: true });
    const panelBefore = before.readPanel({ variables: ['gsp'] });
    before.close();
    const r = await runCli(['import', '--project', project, '--panel', csv, '--id', 'state_name', '--time', 'year', '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'rwb import: tn.csv: region "Tennesse" (column "state_name", row 3) is not a region of the project — did you mean "Tennessee"?\n',
    );
    const after = ProjectStore.open(project, { readonly: true });
    expect(after.readPanel({ variables: ['gsp'] })).toEqual(panelBefore);
    after.close();
  });
});

describe('rwb import errors and --dry-run', () => {
  it('--dry-run reports and writes nothing', async () => {
    const project = join(tmpDir(), 'dry.rwb');
    const r = await runCli(['import', '--project', project, ...GEOMETRY, ...PANEL, '--dry-run', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as ImportJson;
    expect(out.dry_run).toBe(true);
    expect(out.counts).toMatchObject({ regions: 48, rows: 816 });
    expect(existsSync(project)).toBe(false);
  });

  it('a duplicated (id, year) row: exit 2, the report names the rows, and no project file is left', async () => {
    const dir = tmpDir();
    const csv = join(dir, 'dup.csv');
    writeFileSync(csv, 'id,year,x\nA,2000,1\nB,2000,2\nA,2000,3\n');
    const project = join(dir, 'p.rwb');
    const dry = await runCli(['import', '--project', project, '--panel', csv, '--id', 'id', '--time', 'year', '--dry-run', '--json']);
    expect(dry.code).toBe(2);
    expect((JSON.parse(dry.stdout) as ImportJson).errors.map((e) => e.code)).toEqual(['import-duplicate-row']);
    expect(dry.stderr).toBe('rwb import: dup.csv: duplicate (A, 2000) at rows 2 and 4\n');
    const r = await runCli(['import', '--project', project, '--panel', csv, '--id', 'id', '--time', 'year']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'rwb import: dup.csv: duplicate (A, 2000) at rows 2 and 4\n' });
    expect(existsSync(project)).toBe(false);
  });

  it('a text cell in a numeric column: exit 2 naming column and row', async () => {
    const dir = tmpDir();
    const csv = join(dir, 'text.csv');
    writeFileSync(csv, 'id,year,x\nA,2000,1\nB,2000,2\nC,2000,abc\nD,2000,4\n');
    const r = await runCli(['import', '--project', join(dir, 'p.rwb'), '--panel', csv, '--id', 'id', '--time', 'year']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('rwb import: text.csv: column "x", row 4: "abc" is not a number\n');
  });

  it('usage errors: nothing to import, panel without --id, bad --interpolate', async () => {
    const project = join(tmpDir(), 'p.rwb');
    const none = await runCli(['import', '--project', project]);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe('rwb import: nothing to import: give --panel and/or --geometry; run "rwb import --help" for usage\n');
    const noId = await runCli(['import', '--project', project, '--panel', `${DATA}/produc.csv`, '--time', 'year']);
    expect(noId.stderr).toBe(
      'rwb import: missing required option --id (the column with the region ids); run "rwb import --help" for usage\n',
    );
    const interp = await runCli(['import', '--project', project, ...PANEL, '--interpolate', 'spline']);
    expect(interp.stderr).toBe(
      'rwb import: option --interpolate must be one of none, linear, got "spline"; run "rwb import --help" for usage\n',
    );
    expect(existsSync(project)).toBe(false);
  });
});

describe('rwb import: files with no data, files of the wrong type, wide yearbooks (issue 13)', () => {
  /** The project's files as bytes (the .rwb and any -wal/-shm beside it). */
  function snapshot(project: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const suffix of ['', '-wal', '-shm']) if (existsSync(project + suffix)) out[suffix] = readFileSync(project + suffix).toString('base64');
    return out;
  }

  async function smallProject(dir: string): Promise<string> {
    const project = join(dir, 'p.rwb');
    const csv = join(dir, 'seed.csv');
    writeFileSync(csv, 'id,year,x\nA,2000,1\nB,2000,2\n');
    const r = await runCli(['import', '--project', project, '--panel', csv, '--id', 'id', '--time', 'year']);
    expect(r.code, r.stderr).toBe(0);
    return project;
  }

  it('a header-only CSV: exit 2, one sentence naming the file, the project byte-for-byte unchanged', async () => {
    const dir = tmpDir();
    const project = await smallProject(dir);
    const csv = join(dir, 'produc-header.csv');
    writeFileSync(csv, readFileSync(`${DATA}/produc.csv`, 'utf8').split(/\r?\n/)[0] + '\n');
    const before = snapshot(project);
    const r = await runCli(['import', '--project', project, '--panel', csv, '--id', 'state_name', '--time', 'year']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'rwb import: produc-header.csv has a header row but no data rows: there is nothing to import\n' });
    expect(snapshot(project)).toEqual(before);
  });

  it('a PNG renamed .csv or .xlsx: exit 2, "not a text table: it looks like a PNG image", project unchanged', async () => {
    const dir = tmpDir();
    const project = await smallProject(dir);
    const before = snapshot(project);
    for (const [name, sentence] of [
      ['x.csv', 'x.csv is not a text table: it looks like a PNG image'],
      ['x.xlsx', 'x.xlsx is not an Excel workbook (.xlsx): it looks like a PNG image'],
    ]) {
      const file = join(dir, name);
      copyFileSync(repoPath('docs', 'screenshot-china.png'), file);
      const r = await runCli(['import', '--project', project, '--panel', file, '--id', 'id', '--time', 'year']);
      expect(r).toEqual({ code: 2, stdout: '', stderr: `rwb import: ${sentence}\n` });
      expect(snapshot(project)).toEqual(before);
    }
  });

  it('--format wide reads mexico.csv\'s pcgdp1940 … pcgdp2000 headers', async () => {
    const project = join(tmpDir(), 'mx.rwb');
    const r = await runCli(['import', '--project', project, '--panel', `${DATA}/mexico/mexico.csv`, '--id', 'State', '--time', 'year', '--format', 'wide', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as ImportJson & { panel: { variables: string[]; firstPeriod: number; lastPeriod: number } };
    // 32 states × 7 decades (mexico.csv)
    expect(out.counts).toMatchObject({ regions: 32, variables: 1, rows: 32 * 7 });
    expect(out.panel).toMatchObject({ variables: ['pcgdp'], firstPeriod: 1940, lastPeriod: 2000 });
    expect(r.stderr).toBe('warning: mexico.csv: columns "hanson03", "hanson98", "esquivel99", "inegi", "inegi2" not imported (wide format uses the year columns only)\n');
  });
});
