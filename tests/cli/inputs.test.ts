import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { CliArgs, CliIo } from '../../src/cli/command';
import { geometryFromArgs, panelFromArgs, variablesFromArgs } from '../../src/cli/inputs';
import { InputError } from '../../src/core/errors';
import { ProjectStore } from '../../src/store/project-store';
import { RTOL } from '../tolerances';
import { runCli } from './run-cli';
import { datasetPath } from '../helpers/paths';

function args(values: CliArgs['values']): CliArgs {
  return { command: 'test', values, positionals: [] };
}

function captureIo(): CliIo & { err: () => string } {
  let err = '';
  return { stdout: () => undefined, stderr: (t) => void (err += t), env: {}, cwd: datasetPath(), err: () => err };
}

async function rejection(p: Promise<unknown>): Promise<InputError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

function close(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(RTOL * Math.max(1, Math.abs(expected)));
}

describe('panelFromArgs / variablesFromArgs', () => {
  it('loads a panel relative to the working directory and names variables by their expression text', async () => {
    const io = captureIo();
    const panel = await panelFromArgs(args({ panel: 'produc.csv', id: 'state_name', time: 'year' }), io);
    expect(panel.ids.length).toBe(816);
    const vars = variablesFromArgs(panel, ['log(gsp)', 'log(unemp - 3)'], io);
    expect(vars.map((v) => v.name)).toEqual(['log(gsp)', 'log(unemp - 3)']);
    expect(vars[0].values[0]).toBeCloseTo(Math.log(28418), 12); // produc.csv row 2: Alabama 1970 gsp = 28418
    // R: sum(d$unemp <= 3) = 9
    expect(io.err()).toBe('warning: log(unemp - 3): log of a non-positive value in 9 rows, set to missing\n');
  });

  it('requires --panel, and --id/--time for a csv', async () => {
    expect((await rejection(panelFromArgs(args({})))).message).toBe('missing required option --panel');
    expect((await rejection(panelFromArgs(args({ panel: 'x.csv', time: 'year' })))).message).toBe(
      'missing required option --id (the column with the region ids)',
    );
  });
});

describe('project panels', () => {
  it('a missing or empty project file is bad input (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rwb-empty-'));
    const missing = await runCli(['describe', '--panel', join(dir, 'none.rwb')]);
    expect(missing).toEqual({ code: 2, stdout: '', stderr: `rwb describe: ${join(dir, 'none.rwb')} does not exist\n` });
    const file = join(dir, 'empty.rwb');
    ProjectStore.open(file, { create: true }).close();
    const empty = await runCli(['describe', '--panel', file]);
    expect(empty).toEqual({
      code: 2,
      stdout: '',
      stderr: `rwb describe: ${file}: the project holds no panel data yet (import some with rwb import)\n`,
    });
  });
});

describe('geometryFromArgs', () => {
  it('reads us48 by STATE_NAME', async () => {
    const g = await geometryFromArgs(args({ geometry: 'us48/us48.shp', key: 'STATE_NAME' }), captureIo());
    expect(g.features.length).toBe(48);
    expect(g.key).toBe('STATE_NAME');
    expect(g.features.map((f) => f.id)).toContain('Tennessee');
  });

  it('requires --key', async () => {
    expect((await rejection(geometryFromArgs(args({ geometry: 'us48/us48.shp' })))).message).toBe(
      'missing required option --key (the property that holds the region ids)',
    );
  });
});

describe('rwb describe on other panel layouts', () => {
  it('a wide csv (one column per year) matches R', async () => {
    const r = await runCli(['describe', '--panel', 'us_income.csv', '--id', 'Name', '--time', 'year', '--value-name', 'income', '--json'], {
      cwd: datasetPath(),
    });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { n_regions: number; n_periods: number; variables: { name: string; n: number; mean: number; sd: number; p5: number; median: number; p95: number }[] };
    expect(out.n_regions).toBe(48);
    expect(out.n_periods).toBe(81);
    const v = out.variables[0];
    expect(v.name).toBe('income');
    expect(v.n).toBe(3888);
    // R: d <- read.csv("us_income.csv", check.names = FALSE); x <- unlist(d[, 3:ncol(d)]); mean, sd, quantile(x, c(.05,.5,.95))
    close(v.mean, 9967.513888888889);
    close(v.sd, 11566.192679368716);
    close(v.p5, 362.35);
    close(v.median, 3558);
    close(v.p95, 33883.7);
  });

  it('an xlsx panel', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('data');
    ws.addRows([
      ['province', 'year', 'gdp'],
      ['北京', 2020, 100],
      ['北京', 2021, 110],
      ['天津', 2020, 50],
      ['天津', 2021, 40],
    ]);
    const file = join(mkdtempSync(join(tmpdir(), 'rwb-xlsx-')), 'gdp.xlsx');
    await wb.xlsx.writeFile(file);
    const r = await runCli(['describe', '--panel', file, '--id', 'province', '--time', 'year', '--var', 'growth(gdp)', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { n_regions: number; variables: { n: number; mean: number; missing: number }[] };
    expect(out.n_regions).toBe(2);
    // hand-computed: 110/100 - 1 = 0.1 and 40/50 - 1 = -0.2; first year missing
    expect(out.variables[0].n).toBe(2);
    expect(out.variables[0].missing).toBe(2);
    close(out.variables[0].mean, -0.05);
  });
});
