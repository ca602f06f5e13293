/**
 * The repository is self-contained: no tracked text file reads data, reference values or
 * code from outside the clone. `npm test` needs nothing beside the clone, so a reference to
 * the old data or reference folder beside the checkout, or to an absolute machine path (under
 * the machine's work or home folders), is a bug (see FORBIDDEN). Files are those git knows (tracked and new,
 * not ignored); outside a git checkout the tree is walked.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasetPath, fixturePath, repoRoot } from '../helpers/paths';


/** What no file may contain (built from pieces so this file does not match itself). */
const FORBIDDEN: readonly { what: string; re: RegExp }[] = [
  { what: 'the shared data/reference folder', re: new RegExp(['shared', '(data|reference)\\b'].join('[\\\\/]')) },
  { what: 'a path built from the parent folder and the shared folder', re: /['"]\.\.['"],\s*['"]shared['"]/ },
  { what: 'an absolute path on this machine', re: new RegExp(`['"\`(\\s]/(${['work', 'home', 'Users', 'mnt'].join('|')})/`) },
];

const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'dist-cli', 'out', '.vite', 'generated']);

function walk(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir)) {
    if (SKIP_DIRS.has(name)) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(relative(repoRoot, p).split(sep).join('/'));
  }
  return out;
}

function repoFiles(): string[] {
  try {
    const ls = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repoRoot, encoding: 'utf8' });
    return ls.split('\0').filter((f) => f !== '' && existsSync(join(repoRoot, f)) && statSync(join(repoRoot, f)).isFile());
  } catch {
    return walk(repoRoot, []);
  }
}

describe('the repository is self-contained', () => {
  it('no source, test, script or document names a path outside the clone', () => {
    const files = repoFiles().filter((f) => f !== 'package-lock.json');
    expect(files.length).toBeGreaterThan(100);
    const hits: string[] = [];
    for (const f of files) {
      const buf = readFileSync(join(repoRoot, f));
      if (buf.includes(0)) continue; // binary (shapefiles, images)
      buf.toString('utf8').split(/\r?\n/).forEach((line, i) => {
        for (const { what, re } of FORBIDDEN) if (re.test(line)) hits.push(`${f}:${i + 1}: ${what}: ${line.trim()}`);
      });
    }
    expect(hits).toEqual([]);
  });

  it('the forbidden patterns catch what they are meant to', () => {
    // Built from pieces, like FORBIDDEN, so that this file names no such path itself.
    const up = `..${'/'}${'sha' + 'red'}`;
    const bad = [
      `const DATA = '/${['work', 'shared', 'data'].join('/')}';`,
      `readFileSync('${up}/reference/produc_reference.json')`,
      `resolve(repoRoot, '..', '${'sha' + 'red'}', 'data')`,
      `Rscript -e 'read.csv("/${'home'}/me/produc.csv")'`,
    ];
    for (const line of bad) expect(FORBIDDEN.some(({ re }) => re.test(line)), line).toBe(true);
    for (const line of ["datasetPath('produc.csv')", 'see assets/datasets/README.md', "join(tmpdir(), 'rwb-')"]) {
      expect(FORBIDDEN.some(({ re }) => re.test(line)), line).toBe(false);
    }
  });

  it('the datasets and reference fixtures the tests read are in the repository', () => {
    for (const f of [['produc.csv'], ['us_income.csv'], ['us48', 'us48.shp'], ['us48', 'us48.dbf'], ['mexico', 'mexicojoin.shp'], ['mexico', 'mexico.csv'], ['README.md']]) {
      expect(existsSync(datasetPath(...f)), f.join('/')).toBe(true);
    }
    expect(existsSync(fixturePath('reference', 'produc_reference.json'))).toBe(true);
    expect(existsSync(fixturePath('reference', 'README.md'))).toBe(true);
  });
});
