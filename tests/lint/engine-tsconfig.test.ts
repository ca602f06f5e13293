import { describe, expect, test } from 'vitest';
import ts from 'typescript';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './lint-helper';

function parsedConfig(configFile: string): ts.ParsedCommandLine {
  const path = join(root, configFile);
  const { config, error } = ts.readConfigFile(path, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  return ts.parseJsonConfigFileContent(config, ts.sys, root, undefined, path);
}

/** Type-checks `code` as if it were src/core/probe.ts under `configFile` (in memory, no file written). */
function diagnostics(code: string, configFile: string): string[] {
  const { options } = parsedConfig(configFile);
  const probe = join(root, 'src', 'core', '__engine_probe__.ts').split('\\').join('/');
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (file, language, ...rest) =>
    file === probe ? ts.createSourceFile(file, code, language) : getSourceFile.call(host, file, language, ...rest);
  host.fileExists = (file) => file === probe || fileExists.call(host, file);
  host.readFile = (file) => (file === probe ? code : readFile.call(host, file));
  const program = ts.createProgram({ rootNames: [probe], options, host });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

const USES_DOM = 'export const title: string = document.title;\nexport const w = window.innerWidth;\n';

describe('tsconfig.engine.json: the engine is type-checked without the DOM', () => {
  test('document and window in the engine fail to type-check', () => {
    const m = diagnostics(USES_DOM, 'tsconfig.engine.json');
    expect(m.some((s) => s.startsWith("Cannot find name 'document'"))).toBe(true);
    expect(m.some((s) => s.startsWith("Cannot find name 'window'"))).toBe(true);
  });
  test('the same file passes under the app tsconfig (so it is the engine config that refuses it)', () => {
    expect(diagnostics(USES_DOM, 'tsconfig.json')).toEqual([]);
  });
  test('plain ES2023 passes', () => {
    expect(diagnostics('export const h = Math.hypot(3, 4);\nexport const s = [3, 1, 2].toSorted();\n', 'tsconfig.engine.json')).toEqual([]);
  });
  test('it covers exactly the engine layers of the layer rule, and npm test runs it', async () => {
    const { ENGINE_LAYERS } = (await import(pathToFileURL(join(root, 'eslint-rules', 'layers.js')).href)) as { ENGINE_LAYERS: string[] };
    const { config } = ts.readConfigFile(join(root, 'tsconfig.engine.json'), ts.sys.readFile);
    expect(config.include).toEqual(ENGINE_LAYERS.map((l) => `src/${l}`));
    expect(config.compilerOptions.lib).toEqual(['ES2023']);
    expect(config.compilerOptions.types).toEqual([]);
    const pkg = JSON.parse(ts.sys.readFile(join(root, 'package.json')) ?? '{}') as { scripts: Record<string, string> };
    expect(pkg.scripts.test).toContain('tsc --noEmit -p tsconfig.engine.json');
  });
});
