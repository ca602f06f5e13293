/**
 * The path policy of `project:open` (issue 8): the renderer names a project inside the project
 * folder `<userDir>/projects`, never a filesystem path. Names that leave the folder (`..`,
 * absolute, drive letters, backslashes, symbolic links pointing out) are refused with the same
 * sentence as a missing project, so an answer never tells whether a path outside exists; a
 * file in the folder that is not a project is refused without being touched, and session.json
 * keeps pointing at the last project that really opened.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECTS_FOLDER } from '../../../src/services/projects/folder';
import { SESSION_FILE } from '../../../src/services/handlers/app';
import { useAppService } from '../../helpers/app-service-harness';

const app = useAppService({ prefix: 'rwb-app-open-' });
const { call, failure } = app;

/** The one sentence for every name that does not resolve to a file in the folder. */
const notInFolder = (name: string) => ({
  code: 'project-not-in-folder',
  message: `There is no project "${name}" in the project folder ${join(app.userDir, PROJECTS_FOLDER)} (a project is a .rwb file inside it)`,
  details: { name, folder: join(app.userDir, PROJECTS_FOLDER), extension: '.rwb' },
});

describe('project:open opens names inside the project folder only', () => {
  let folder: string;
  let outside: string;
  beforeAll(async () => {
    const sample = await call('project:openSample', { name: 'us-states' });
    folder = join(app.userDir, PROJECTS_FOLDER);
    mkdirSync(join(folder, 'study'), { recursive: true });
    copyFileSync(sample.path, join(folder, 'study', 'us.rwb'));
    // A real project outside the folder, which no name may reach.
    outside = join(app.userDir, 'outside');
    mkdirSync(outside);
    copyFileSync(sample.path, join(outside, 'secret.rwb'));
  }, 120_000);

  it('opens a project by its name in the folder', async () => {
    const s = await call('project:open', { name: 'study/us.rwb' });
    expect(s.path).toBe(join(folder, 'study', 'us.rwb'));
    expect(s.sample).toBe('us-states');
    expect(JSON.parse(readFileSync(join(app.userDir, SESSION_FILE), 'utf8'))).toEqual({ lastProject: s.path });
  });

  it('project:list gives the folder and the names project:open takes (no links followed, no other files)', async () => {
    writeFileSync(join(folder, 'readme.txt'), 'put projects here');
    symlinkSync(join(outside, 'secret.rwb'), join(folder, 'link.rwb'));
    const listed = await call('project:list', {});
    rmSync(join(folder, 'link.rwb'));
    rmSync(join(folder, 'readme.txt'));
    const st = statSync(join(folder, 'study', 'us.rwb'));
    expect(listed).toEqual({ folder, projects: ['study/us.rwb'], files: [{ name: 'study/us.rwb', bytes: st.size, modified: st.mtime.toISOString() }] });
    expect(listed.files[0].bytes).toBeGreaterThan(0);
    for (const name of listed.projects) expect((await call('project:open', { name })).path).toBe(join(folder, name));
  });

  it('refuses absolute paths, .., drive letters, backslashes, other extensions with the not-found sentence', async () => {
    const names = [
      join(outside, 'secret.rwb'), '/etc/passwd', '../outside/secret.rwb', 'study/../../outside/secret.rwb',
      './study/us.rwb', 'study//us.rwb', 'C:/Users/x/secret.rwb', 'study\\us.rwb', '..\\outside\\secret.rwb',
      'study/us.rwb\u0000.txt', '../session.json', 'study', 'nothing.rwb',
    ];
    for (const name of names) expect(await failure('project:open', { name })).toEqual(notInFolder(name));
  });

  it('a symbolic link out of the folder is refused like a missing file: the answer does not tell whether the target exists', async () => {
    const link = join(folder, 'link.rwb');
    symlinkSync(join(outside, 'secret.rwb'), link);
    const existing = await failure('project:open', { name: 'link.rwb' });
    rmSync(link);
    symlinkSync(join(outside, 'missing.rwb'), link);
    const missing = await failure('project:open', { name: 'link.rwb' });
    rmSync(link);
    expect(existing).toEqual(notInFolder('link.rwb'));
    expect(missing).toEqual(existing);
    // A link to the outside folder too.
    symlinkSync(outside, join(folder, 'out'));
    expect(await failure('project:open', { name: 'out/secret.rwb' })).toEqual(notInFolder('out/secret.rwb'));
    rmSync(join(folder, 'out'));
    // The request schema: no other keys (the old { path }) and a bounded name.
    expect((await failure('project:open', { path: join(outside, 'secret.rwb') })).code).toBe('invalid-request');
    expect((await failure('project:open', { name: `${'a'.repeat(300)}.rwb` })).code).toBe('invalid-request');
  });

  it('an empty file in the folder is refused without touching it, and session.json still names the last real project', async () => {
    await call('project:open', { name: 'study/us.rwb' });
    const session = readFileSync(join(app.userDir, SESSION_FILE), 'utf8');
    const empty = join(folder, 'notes.rwb');
    writeFileSync(empty, '');
    const e = await failure('project:open', { name: 'notes.rwb' });
    expect(e.code).toBe('project-empty-file');
    expect(readFileSync(empty).length).toBe(0);
    expect(existsSync(`${empty}-wal`) || existsSync(`${empty}-shm`)).toBe(false);
    expect(readFileSync(join(app.userDir, SESSION_FILE), 'utf8')).toBe(session);
    expect((await call('app:info', {})).projectPath).toBe(join(folder, 'study', 'us.rwb'));
  });
});
