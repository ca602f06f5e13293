import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CliCommand } from '../../src/cli/command';
import { InputError } from '../../src/core/errors';
import { REPO_ROOT, runCli } from './run-cli';

const pkgVersion = (JSON.parse(readFileSync(`${REPO_ROOT}package.json`, 'utf8')) as { version: string }).version;

describe('rwb frame', () => {
  it('--help lists the commands and exits 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: rwb <command> [options]');
    expect(r.stdout).toMatch(/^ {2}describe {2}descriptive statistics/m);
    expect(r.stdout).toMatch(/^ {2}import {4}add a panel/m);
    expect(r.stderr).toBe('');
  });

  it('<cmd> --help and help <cmd> print the command usage', async () => {
    const a = await runCli(['describe', '--help']);
    expect(a.code).toBe(0);
    expect(a.stdout.startsWith('Usage: rwb describe --panel FILE --id COL --time COL')).toBe(true);
    const b = await runCli(['help', 'derive']);
    expect(b.code).toBe(0);
    expect(b.stdout.startsWith('Usage: rwb derive --project P.rwb')).toBe(true);
  });

  it('--version prints the package version', async () => {
    const r = await runCli(['--version']);
    expect(r).toEqual({ code: 0, stdout: `rwb ${pkgVersion}\n`, stderr: '' });
  });

  it('unknown command and missing command exit 2', async () => {
    const r = await runCli(['desribe']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('rwb: unknown command "desribe" (did you mean "describe"?); run "rwb --help" for the list of commands\n');
    const none = await runCli([]);
    expect(none.code).toBe(2);
    expect(none.stderr.endsWith('rwb: missing command\n')).toBe(true);
  });

  it('unknown option, missing value, missing required option and stray argument exit 2 with a usage hint', async () => {
    const unknown = await runCli(['describe', '--panel', 'x.csv', '--tim', 'year']);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toBe('rwb describe: unknown option --tim (did you mean --time?); run "rwb describe --help" for usage\n');
    const noValue = await runCli(['describe', '--panel']);
    expect(noValue.stderr).toBe('rwb describe: option --panel needs a value; run "rwb describe --help" for usage\n');
    expect(noValue.code).toBe(2);
    const missing = await runCli(['describe', '--id', 'state_name', '--time', 'year']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('rwb describe: missing required option --panel; run "rwb describe --help" for usage\n');
    const stray = await runCli(['describe', 'produc.csv']);
    expect(stray.code).toBe(2);
    expect(stray.stderr).toBe(
      'rwb describe: unexpected argument "produc.csv" (options start with --; quote values with spaces); run "rwb describe --help" for usage\n',
    );
  });

  it('a string option takes a value starting with one dash (negative indicators, negative numbers)', async () => {
    const seen: unknown[] = [];
    const echo: CliCommand[] = [
      {
        name: 'echo',
        summary: 'records its options',
        usage: 'Usage: rwb echo',
        options: { x: { type: 'string', multiple: true }, flag: { type: 'boolean' } },
        run(args) {
          seen.push(args.values);
          return Promise.resolve(0);
        },
      },
    ];
    const r = await runCli(['echo', '--x', '-log(y)', '--x', '-1', '--x=-z', '--flag'], { commands: echo });
    expect(r.code).toBe(0);
    expect(seen).toEqual([{ x: ['-log(y)', '-1', '-z'], flag: true }]);
    // an option name after a string option is still an option: the value is missing
    const missing = await runCli(['echo', '--x', '--flag'], { commands: echo });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('rwb echo: option --x needs a value; run "rwb echo --help" for usage\n');
  });

  const failing: CliCommand[] = [
    {
      name: 'boom',
      summary: 'fails',
      usage: 'Usage: rwb boom',
      options: { kind: { type: 'string' } },
      run(args) {
        if (args.values.kind === 'input') return Promise.reject(new InputError('bad', 'data.csv: row 3 is odd\nreally'));
        return Promise.reject(new Error('index out of range'));
      },
    },
  ];

  it('an InputError exits 2 with its message on one line', async () => {
    const r = await runCli(['boom', '--kind', 'input'], { commands: failing });
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'rwb boom: data.csv: row 3 is odd really\n' });
  });

  it('an internal error exits 1 asking for a report; the stack only with RWB_DEBUG=1', async () => {
    const r = await runCli(['boom'], { commands: failing });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'rwb boom: internal error: index out of range\n' +
        'This is a bug in rwb; please report it with the command you ran (set RWB_DEBUG=1 to include the stack trace).\n',
    );
    const d = await runCli(['boom'], { commands: failing, env: { RWB_DEBUG: '1' } });
    expect(d.code).toBe(1);
    expect(d.stderr).toContain('please report it with the command you ran.\n');
    expect(d.stderr).toMatch(/Error: index out of range\n\s+at /);
  });
});
