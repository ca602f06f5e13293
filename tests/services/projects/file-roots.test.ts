/**
 * Requests may name a local file only inside the service's import roots (none in the app);
 * outside, missing and escaping-by-link paths get the same answer.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allowedFileRef } from '../../../src/services/handlers/import';
import { insideFileRoots } from '../../../src/services/projects/file-roots';
import { inputError } from '../../helpers/input-error';

const dir = mkdtempSync(join(tmpdir(), 'rwb-roots-'));
const root = join(dir, 'root');
const outside = join(dir, 'outside.csv');
mkdirSync(join(root, 'sub'), { recursive: true });
writeFileSync(join(root, 'sub', 'p.csv'), 'id,year,x\n');
writeFileSync(outside, 'secret\n');
symlinkSync(outside, join(root, 'escape.csv'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('import roots', () => {
  it('a file inside a root is allowed, by any spelling of its path', () => {
    expect(insideFileRoots(join(root, 'sub', 'p.csv'), [root])).toBe(true);
    expect(insideFileRoots(join(root, 'sub', '..', 'sub', 'p.csv'), [root])).toBe(true);
  });
  it('no roots, a file outside, a link escaping the root, a folder and a missing file are refused', () => {
    expect(insideFileRoots(join(root, 'sub', 'p.csv'), [])).toBe(false);
    expect(insideFileRoots(outside, [root])).toBe(false);
    expect(insideFileRoots(join(root, 'escape.csv'), [root])).toBe(false);
    expect(insideFileRoots(join(root, 'sub'), [root])).toBe(false);
    expect(insideFileRoots(join(root, 'missing.csv'), [root])).toBe(false);
    expect(insideFileRoots(join(root, '..', 'outside.csv'), [root])).toBe(false);
  });
  it('the refusal is one sentence whether the path exists or not', () => {
    const a = inputError(() => allowedFileRef({ path: outside }, [root]));
    const b = inputError(() => allowedFileRef({ path: join(dir, 'nowhere.csv') }, [root]));
    expect(a.code).toBe('app-paths-not-allowed-files');
    expect(b.code).toBe(a.code);
    expect(b.message).toBe(a.message);
    expect(allowedFileRef({ path: join(root, 'sub', 'p.csv') }, [root])).toEqual({ path: join(root, 'sub', 'p.csv') });
  });
});
