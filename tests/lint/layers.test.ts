import { describe, expect, test } from 'vitest';
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const eslint = new ESLint({ cwd: root });

async function messages(code: string, file: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath: join(root, file) });
  return r.messages.filter((m) => m.ruleId === 'rwb/layers').map((m) => m.message);
}

describe('rwb/layers: the one-way layers of house-style.md', () => {
  test('the engine may not import the store, services or node:fs', async () => {
    const m = await messages("import { ProjectStore } from '../store/project-store';\nimport fs from 'node:fs';\nexport const a = [ProjectStore, fs];\n", 'src/core/example.ts');
    expect(m).toEqual([
      "Layer violation: core must not import store ('../store/project-store'); see house-style.md.",
      "The engine is pure: src/core must not import 'node:fs'.",
    ]);
    expect(await messages("import { fitPanel } from '../models/panel/fit';\nexport const f = fitPanel;\n", 'src/weights/example.ts'))
      .toEqual(["Layer violation: weights must not import models ('../models/panel/fit'); see house-style.md."]);
  });
  test('downward imports are allowed', async () => {
    expect(await messages("import { createRng } from '../../core/random';\nexport const r = createRng;\n", 'src/models/x/example.ts')).toEqual([]);
    expect(await messages("import { ProjectStore } from '../store/project-store';\nexport const s = ProjectStore;\n", 'src/services/example.ts')).toEqual([]);
  });
  test('the renderer imports only types from the contract', async () => {
    expect(await messages("import type { Channel } from '../../src/contract';\nexport type C = Channel;\n", 'renderer/src/example.ts')).toEqual([]);
    expect(await messages("import { contract } from '../../src/contract';\nexport const c = contract;\n", 'renderer/src/example.ts'))
      .toEqual(["The renderer imports only TYPES from src/contract ('../../src/contract'); values come from src/contract/constants.ts."]);
    expect(await messages("import { ProjectStore } from '../../src/store/project-store';\nexport const s = ProjectStore;\n", 'renderer/src/example.ts'))
      .toEqual(["Layer violation: renderer must not import store ('../../src/store/project-store'); see house-style.md."]);
  });
});
