import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RTOL } from '../tolerances';
import { runCli, runCliProcess } from './run-cli';
import { datasetPath } from '../helpers/paths';

const PRODUC = datasetPath('produc.csv');
const PANEL = ['--panel', PRODUC, '--id', 'state_name', '--time', 'year'];

interface DescribeJson {
  n_regions: number;
  n_periods: number;
  variables: { name: string; n: number; mean: number; sd: number; min: number; p5: number; median: number; p95: number; max: number; missing: number }[];
}

function close(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(RTOL * Math.max(1, Math.abs(expected)));
}

function tmpFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'rwb-cli-'));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('rwb describe', () => {
  it('--json prints only one JSON document with the R values for gsp and log(gsp)', async () => {
    const r = await runCli(['describe', ...PANEL, '--var', 'gsp', '--var', 'log(gsp)', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as DescribeJson;
    expect(Object.keys(out)).toEqual(['n_regions', 'n_periods', 'variables']);
    expect(out.n_regions).toBe(48);
    expect(out.n_periods).toBe(17);
    expect(out.variables.map((v) => v.name)).toEqual(['gsp', 'log(gsp)']);
    const [gsp, lgsp] = out.variables;
    expect(Object.keys(gsp)).toEqual(['name', 'n', 'mean', 'sd', 'min', 'p5', 'median', 'p95', 'max', 'missing']);
    // R: d <- read.csv("produc.csv"); mean, sd, min, quantile(type = 7) .05/.5/.95, max of d$gsp
    expect(gsp.n).toBe(816);
    expect(gsp.missing).toBe(0);
    close(gsp.mean, 61014.319852941175);
    close(gsp.sd, 69973.90452543275);
    close(gsp.min, 4354);
    close(gsp.p5, 7794.25);
    close(gsp.median, 39987);
    close(gsp.p95, 240933.75);
    close(gsp.max, 464550);
    // R: the same on log(d$gsp)
    close(lgsp.mean, 10.508849636509282);
    close(lgsp.sd, 1.0211318641428271);
    close(lgsp.p5, 8.961140744181996);
    close(lgsp.median, 10.596309514852095);
    close(lgsp.p95, 12.392270582840283);
  });

  it('describes every numeric column by default', async () => {
    const r = await runCli(['describe', ...PANEL, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as DescribeJson;
    // produc.csv: state (text) and region (a numeric code) besides the id/time columns
    expect(out.variables.map((v) => v.name)).toEqual(['region', 'pcap', 'hwy', 'water', 'util', 'pc', 'gsp', 'emp', 'unemp']);
  });

  it('prints an aligned table without --json', async () => {
    const r = await runCli(['describe', ...PANEL, '--var', 'gsp', '--var', 'diff(unemp)']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('produc.csv: 48 regions, 17 periods, 816 rows');
    expect(lines[2]).toBe('variable       N      mean       SD   min       P5  median     P95     max  missing');
    // diff(unemp) is missing in the first year of each of the 48 states
    expect(lines[5]).toMatch(/^diff\(unemp\) +768 +0\.126953 +1\.44071 +-4\.1 +-2\.1 +0 +2\.8 +6\.4 +48$/);
    expect(lines[4]).toMatch(/^gsp +816 +61014\.3 +69973\.9 +4354 +7794\.25 +39987 +240934 +464550 +0$/);
  });

  it('warns on stderr about rows set to missing, keeping stdout pure JSON', async () => {
    const r = await runCli(['describe', ...PANEL, '--var', 'log(unemp - 3)', '--json']);
    expect(r.code).toBe(0);
    // R: sum(d$unemp <= 3) = 9
    expect(r.stderr).toBe('warning: log(unemp - 3): log of a non-positive value in 9 rows, set to missing\n');
    expect((JSON.parse(r.stdout) as DescribeJson).variables[0].missing).toBe(9);
  });

  it('exit 2: missing file', async () => {
    const r = await runCli(['describe', '--panel', '/nonexistent/panel.csv', '--id', 'id', '--time', 'year', '--json']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'rwb describe: /nonexistent/panel.csv: file not found\n' });
  });

  it('exit 2: unknown id column lists the columns', async () => {
    const r = await runCli(['describe', '--panel', PRODUC, '--id', 'State', '--time', 'year']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'rwb describe: produc.csv: no id column "State" (columns: state_name, state, year, region, pcap, hwy, water, util, pc, gsp, emp, unemp)\n',
    );
  });

  it('exit 2: unknown column in an expression, with a suggestion', async () => {
    const r = await runCli(['describe', ...PANEL, '--var', 'log(gps)', '--json']);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: 'rwb describe: unknown column "gps" in expression "log(gps)"; did you mean "gsp"?\n',
    });
  });

  it('exit 2: bad expression names the position', async () => {
    const r = await runCli(['describe', ...PANEL, '--var', 'log(gsp']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('rwb describe: syntax error at position 8 in expression "log(gsp": Parenthesis ) expected\n');
  });

  it('exit 2: duplicate (id, time) rows name both rows', async () => {
    const file = tmpFile('dup.csv', 'id,year,x\nA,2000,1\nB,2000,2\nA,2000,3\n');
    const r = await runCli(['describe', '--panel', file, '--id', 'id', '--time', 'year']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'rwb describe: dup.csv: duplicate (A, 2000) at rows 2 and 4\n' });
  });

  it('exit 2: text in a numeric column names column and row', async () => {
    const file = tmpFile('text.csv', 'id,year,x\nA,2000,1\nB,2000,2\nC,2000,abc\nD,2000,4\n');
    const r = await runCli(['describe', '--panel', file, '--id', 'id', '--time', 'year']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('rwb describe: text.csv: column "x", row 4: "abc" is not a number\n');
  });

  it('resolves a relative --panel against the working directory', async () => {
    const r = await runCli(['describe', '--panel', 'produc.csv', '--id', 'state_name', '--time', 'year', '--var', 'emp', '--json'], {
      cwd: datasetPath(),
    });
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as DescribeJson).variables[0].n).toBe(816);
  });
});

describe('rwb as a child process (node bin/rwb.mjs)', () => {
  // Each run starts node + tsx; run them together and allow for a busy machine.
  it('exit codes and streams: 0 with JSON only on stdout, 2 for a missing file and an unknown option, 0 for --help', async () => {
    const [ok, missing, unknown, help] = await Promise.all([
      runCliProcess(['describe', ...PANEL, '--var', 'log(gsp)', '--json']),
      runCliProcess(['describe', '--panel', 'no-such.csv', '--id', 'a', '--time', 'b']),
      runCliProcess(['describe', '--bogus']),
      runCliProcess(['--help']),
    ]);
    expect(ok.code).toBe(0);
    const out = JSON.parse(ok.stdout) as DescribeJson;
    close(out.variables[0].mean, 10.508849636509282); // R: mean(log(d$gsp))
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^rwb describe: .*no-such\.csv: file not found\n$/);
    expect(missing.stdout).toBe('');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('rwb describe: unknown option --bogus; run "rwb describe --help" for usage\n');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Commands:');
  }, 120_000);
});
