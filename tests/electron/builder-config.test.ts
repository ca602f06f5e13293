/**
 * electron-builder.yml, the configuration `npm run dist` builds with, loaded and validated by
 * electron-builder's own loader and schema (app-builder-lib 26): the Electron fuses that harden
 * the packaged binary are declared there with the values Electron's security checklist asks for
 * (https://www.electronjs.org/docs/latest/tutorial/fuses), and forge.config.ts (not used)
 * declares none that could be mistaken for them.
 */
import { readFileSync } from 'node:fs';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util/out/DebugLogger';
import { describe, expect, it } from 'vitest';
import { repoPath } from '../helpers/paths';

describe('electron-builder.yml', () => {
  it('declares the hardening fuses under electronFuses, and the file passes electron-builder validation', async () => {
    const config = await getConfig(repoPath(), 'electron-builder.yml', null, { value: Promise.resolve({}) } as never);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  }, 60_000);

  it('a misspelt fuse is refused by the schema (so the test above would see one)', async () => {
    const config = await getConfig(repoPath(), 'electron-builder.yml', null, { value: Promise.resolve({}) } as never);
    const typo = { ...config, electronFuses: { ...config.electronFuses, grantFileProtocolExtraPrivilege: false } };
    await expect(validateConfiguration(typo as never, new DebugLogger(false))).rejects.toThrow(/configuration.electronFuses/);
  }, 60_000);

  it('forge.config.ts (not used by the build) declares no fuses of its own', () => {
    const forge = readFileSync(repoPath('forge.config.ts'), 'utf8');
    expect(forge).not.toMatch(/FusesPlugin|FuseV1Options/);
    expect(forge).toContain('electron-builder.yml');
  });
});
