import { describe, expect, test } from 'vitest';
import { messages } from './lint-helper';

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

const HOW = 'add it to LAYERS in eslint-rules/layers.js with the layers and packages it may import (see house-style.md)';

describe('rwb/layers: folders must be declared', () => {
  test('a file in an undeclared folder under src/ fails, saying how to declare its layer', async () => {
    expect(await messages('export const a = 1;\n', 'src/esda2/x.ts')).toEqual([`src/esda2 is not a declared layer: ${HOW}.`]);
    expect(await messages('export const a = 1;\n', 'src/foo/deep/y.ts')).toEqual([`src/foo is not a declared layer: ${HOW}.`]);
  });
  test('a file directly in src/ fails', async () => {
    expect(await messages('export const a = 1;\n', 'src/x.ts')).toEqual([
      'src/x.ts is not in a layer: move it into a layer folder under src/, or declare a new folder by adding it to LAYERS in eslint-rules/layers.js with the layers and packages it may import (see house-style.md).',
    ]);
  });
  test('an import landing in an undeclared folder fails', async () => {
    expect(await messages("import { a } from '../esda2/x';\nexport const b = a;\n", 'src/services/example.ts'))
      .toEqual([`'../esda2/x' lands in src/esda2, which is not a declared layer: ${HOW}.`]);
  });
  test('the reserved folders of the target tree are declared', async () => {
    for (const layer of ['geo', 'esda', 'composite', 'report', 'samples', 'transport']) {
      expect(await messages("import { InputError } from '../core/errors';\nexport const e = InputError;\n", `src/${layer}/example.ts`)).toEqual([]);
    }
  });
});

describe('rwb/layers: the engine is pure', () => {
  test('no node:* nor bare Node built-ins', async () => {
    expect(await messages("import { join } from 'node:path';\nexport const j = join;\n", 'src/geo/example.ts'))
      .toEqual(["The engine is pure: src/geo must not import 'node:path'."]);
    expect(await messages("import { Worker } from 'node:worker_threads';\nexport const w = Worker;\n", 'src/models/simulate/example.ts'))
      .toEqual(["The engine is pure: src/models must not import 'node:worker_threads'."]);
    expect(await messages("import { Worker } from 'worker_threads';\nimport fs from 'fs/promises';\nexport const w = [Worker, fs];\n", 'src/samples/china/example.ts'))
      .toEqual(["The engine is pure: src/samples must not import 'worker_threads'.", "The engine is pure: src/samples must not import 'fs/promises'."]);
    expect(await messages("export async function f() { return import('node:fs'); }\n", 'src/stats/example.ts'))
      .toEqual(["The engine is pure: src/stats must not import 'node:fs'."]);
    expect(await messages("import type { Worker } from 'node:worker_threads';\nexport type W = Worker;\n", 'src/esda/example.ts'))
      .toEqual(["The engine is pure: src/esda must not import 'node:worker_threads'."]);
  });
  test('no exceljs, docx, electron or better-sqlite3', async () => {
    expect(await messages("import ExcelJS from 'exceljs';\nexport const x = ExcelJS;\n", 'src/report/example.ts'))
      .toEqual(["The engine is pure: src/report must not import 'exceljs'."]);
    expect(await messages("export const load = () => import('docx');\n", 'src/report/example.ts'))
      .toEqual(["The engine is pure: src/report must not import 'docx'."]);
    expect(await messages("import Database from 'better-sqlite3';\nimport { app } from 'electron';\nexport const d = [Database, app];\n", 'src/weights/example.ts'))
      .toEqual(["The engine is pure: src/weights must not import 'better-sqlite3'.", "The engine is pure: src/weights must not import 'electron'."]);
  });
  test('no Node or DOM globals', async () => {
    expect(await messages('export const e = process.env.HOME;\nexport const t = document.title;\n', 'src/core/example.ts', 'no-restricted-globals'))
      .toEqual([
        "Unexpected use of 'process'. The engine is pure (no Node globals): take the value as an argument from services.",
        "Unexpected use of 'document'. The engine is pure (no DOM or network): take the value as an argument.",
      ]);
    expect(await messages('export const e = process.env.HOME;\n', 'src/services/example.ts', 'no-restricted-globals')).toEqual([]);
  });
});

describe('rwb/layers: packages are allow-listed per layer', () => {
  test('a package outside the layer list fails, naming the package, the layer and how to allow it', async () => {
    expect(await messages("import { Matrix } from 'ml-matrix';\nexport const m = Matrix;\n", 'src/core/example.ts'))
      .toEqual(["Package 'ml-matrix' is not allowed in src/core ('ml-matrix'): if it belongs there, add it to LAYERS.core.packages in eslint-rules/layers.js (see house-style.md)."]);
    // core has no packages: expressions are parsed by our own parser, mathjs is only a devDependency (for a test)
    expect(await messages("import { parse } from 'mathjs';\nexport const p = parse;\n", 'src/core/expressions/example.ts'))
      .toEqual(["Package 'mathjs' is not allowed in src/core ('mathjs'): if it belongs there, add it to LAYERS.core.packages in eslint-rules/layers.js (see house-style.md)."]);
    expect(await messages("import _ from 'lodash/fp';\nexport const l = _;\n", 'src/services/example.ts'))
      .toEqual(["Package 'lodash' is not allowed in src/services ('lodash/fp'): if it belongs there, add it to LAYERS.services.packages in eslint-rules/layers.js (see house-style.md)."]);
    expect(await messages("import Database from 'better-sqlite3';\nexport const d = Database;\n", 'src/services/example.ts'))
      .toEqual(["Package 'better-sqlite3' is not allowed in src/services ('better-sqlite3'): if it belongs there, add it to LAYERS.services.packages in eslint-rules/layers.js (see house-style.md)."]);
    expect(await messages("import { z } from 'zod';\nexport const s = z;\n", 'src/store/example.ts'))
      .toEqual(["Package 'zod' is not allowed in src/store ('zod'): if it belongs there, add it to LAYERS.store.packages in eslint-rules/layers.js (see house-style.md)."]);
    expect(await messages("import { tsImport } from 'tsx/esm/api';\nexport const t = tsImport;\n", 'src/services/jobs/example.ts'))
      .toEqual(["Package 'tsx' is not allowed in src/services ('tsx/esm/api'): if it belongs there, add it to LAYERS.services.packages in eslint-rules/layers.js (see house-style.md)."]);
    expect(await messages("import { app } from 'electron';\nexport const a = app;\n", 'src/cli/example.ts'))
      .toEqual(["Package 'electron' is not allowed in src/cli ('electron'): if it belongs there, add it to LAYERS.cli.packages in eslint-rules/layers.js (see house-style.md)."]);
  });
  test("each layer's own packages pass (subpaths and scopes included), and geojson types everywhere", async () => {
    const ok: [string, string][] = [
      ["import KDBush from 'kdbush';\nimport Flatbush from 'flatbush';\nexport const k = [KDBush, Flatbush];\n", 'src/geo/example.ts'],
      ["import { Matrix } from 'ml-matrix';\nexport const m = Matrix;\n", 'src/linalg/example.ts'],
      ["import t from '@stdlib/stats-base-dists-t';\nexport const d = t;\n", 'src/stats/example.ts'],
      ["import Papa from 'papaparse';\nimport { z } from 'zod';\nimport KDBush from 'kdbush';\nexport const p = [Papa, z, KDBush];\n", 'src/weights/io/example.ts'],
      ["import type { Geometry } from 'geojson';\nexport type G = Geometry;\n", 'src/samples/china/example.ts'],
      ["import Database from 'better-sqlite3';\nimport { existsSync } from 'node:fs';\nexport const d = [Database, existsSync];\n", 'src/store/example.ts'],
      ["import { z } from 'zod';\nexport const s = z;\n", 'src/contract/example.ts'],
      ["import ExcelJS from 'exceljs';\nimport { Document } from 'docx';\nimport JSZip from 'jszip';\nimport iconv from 'iconv-lite';\nimport proj4 from 'proj4';\nimport * as shp from 'shapefile';\nimport { readFile } from 'node:fs/promises';\nimport { Worker } from 'worker_threads';\nexport const x = [ExcelJS, Document, JSZip, iconv, proj4, shp, readFile, Worker];\n", 'src/services/export/example.ts'],
      ["import { register } from 'tsx/esm/api';\nregister();\n", 'src/services/jobs/worker-bootstrap.mjs'],
      ["import { createServer } from 'node:http';\nimport { dispatch } from '../services/handlers';\nexport const s = [createServer, dispatch];\n", 'src/transport/example.ts'],
      ["import { parseArgs } from 'node:util';\nimport { describePanel } from '../services/describe';\nexport const p = [parseArgs, describePanel];\n", 'src/cli/example.ts'],
      ["import { app } from 'electron';\nimport { join } from 'node:path';\nimport { dispatch } from '../src/services/handlers';\nexport const a = [app, join, dispatch];\n", 'electron/example.ts'],
    ];
    for (const [code, file] of ok) expect({ file, m: await messages(code, file) }).toEqual({ file, m: [] });
  });
});

describe('rwb/layers: the renderer', () => {
  test('may not import zod, node:*, electron or better-sqlite3', async () => {
    const browser = (source: string) => `The renderer runs in the browser and talks to main only through window.rwb: it must not import '${source}'.`;
    expect(await messages("import { z } from 'zod';\nexport const s = z;\n", 'renderer/src/example.ts')).toEqual([browser('zod')]);
    expect(await messages("import type { ZodType } from 'zod';\nexport type T = ZodType;\n", 'renderer/src/example.ts')).toEqual([browser('zod')]);
    expect(await messages("import fs from 'node:fs';\nimport path from 'path';\nexport const f = [fs, path];\n", 'renderer/src/components/example.tsx'))
      .toEqual([browser('node:fs'), browser('path')]);
    expect(await messages("import { ipcRenderer } from 'electron';\nimport Database from 'better-sqlite3';\nexport const i = [ipcRenderer, Database];\n", 'renderer/src/example.ts'))
      .toEqual([browser('electron'), browser('better-sqlite3')]);
    expect(await messages("import ExcelJS from 'exceljs';\nexport const x = ExcelJS;\n", 'renderer/src/example.ts'))
      .toEqual(["Package 'exceljs' is not allowed in renderer/ ('exceljs'): if it belongs there, add it to LAYERS.renderer.packages in eslint-rules/layers.js (see house-style.md)."]);
  });
  test('takes values only from src/contract/constants.ts and src/stats/class-breaks.ts', async () => {
    expect(await messages("import { WEIGHTS_FILE_FORMATS } from '../../src/contract/constants';\nimport { classBreaks } from '../../src/stats/class-breaks';\nexport const a = [WEIGHTS_FILE_FORMATS, classBreaks];\n", 'renderer/src/example.ts')).toEqual([]);
    expect(await messages("import { MAX_PATH_CHARS } from '../../../src/contract/constants.ts';\nexport const a = MAX_PATH_CHARS;\n", 'renderer/src/lib/example.ts')).toEqual([]);
    expect(await messages("import { WEIGHTS_BUILD_TYPES } from '../../src/contract/weights';\nexport const a = WEIGHTS_BUILD_TYPES;\n", 'renderer/src/example.ts'))
      .toEqual(["The renderer imports only TYPES from src/contract ('../../src/contract/weights'); values come from src/contract/constants.ts."]);
    expect(await messages("export { parseRequest } from '../../src/contract/validate';\n", 'renderer/src/example.ts'))
      .toEqual(["The renderer imports only TYPES from src/contract ('../../src/contract/validate'); values come from src/contract/constants.ts."]);
    expect(await messages("import { quantile } from '../../src/stats/quantile';\nexport const q = quantile;\n", 'renderer/src/example.ts'))
      .toEqual(["The renderer may take from src/ only types from src/contract and the modules src/contract/constants.ts and src/stats/class-breaks.ts ('../../src/stats/quantile')."]);
    expect(await messages("import { InputError } from '../../src/core/errors';\nexport const e = InputError;\n", 'renderer/src/example.ts'))
      .toEqual(["Layer violation: renderer must not import core ('../../src/core/errors'); see house-style.md."]);
  });
  test('the renderer libraries pass', async () => {
    expect(await messages("import { useState } from 'react';\nimport { createRoot } from 'react-dom/client';\nimport maplibregl from 'maplibre-gl';\nimport 'maplibre-gl/dist/maplibre-gl.css';\nimport workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';\nimport type { ExpressionSpecification } from '@maplibre/maplibre-gl-style-spec';\nimport i18next from 'i18next';\nimport { useTranslation } from 'react-i18next';\nexport type E = ExpressionSpecification;\nexport const r = [useState, createRoot, maplibregl, workerUrl, i18next, useTranslation];\n", 'renderer/src/example.tsx')).toEqual([]);
  });
  test('src/contract/constants.ts, which the renderer imports, may import no package', async () => {
    expect(await messages("import { z } from 'zod';\nexport const FORMATS = ['gal', 'gwt'] as const;\nexport const s = z.enum(FORMATS);\n", 'src/contract/constants.ts'))
      .toEqual(["src/contract/constants.ts is imported by the renderer and must not import packages ('zod'): keep it plain values."]);
    expect(await messages("export { MAX_PATH_CHARS } from './limits';\nexport const FORMATS = ['gal', 'gwt'] as const;\n", 'src/contract/constants.ts')).toEqual([]);
  });
});

describe('rwb/layers: electron/ and src/cli/ reach the store only through services', () => {
  const VIA = (from: string, source: string) => `Layer violation: ${from} must not import store ('${source}'); reach the store through a use case in src/services (see house-style.md).`;
  test('electron importing the store fails', async () => {
    expect(await messages("import { ProjectStore } from '../src/store/project-store';\nexport const s = ProjectStore;\n", 'electron/example.ts'))
      .toEqual([VIA('electron', '../src/store/project-store')]);
    expect(await messages("import type { ProjectStore } from '../src/store/project-store';\nexport type S = ProjectStore;\n", 'electron/example.ts'))
      .toEqual([VIA('electron', '../src/store/project-store')]);
  });
  test('the CLI importing the store fails', async () => {
    expect(await messages("import { ProjectStore } from '../../store/project-store';\nexport const s = ProjectStore;\n", 'src/cli/commands/example.ts'))
      .toEqual([VIA('cli', '../../store/project-store')]);
    expect(await messages("export * from '../store/runs';\n", 'src/cli/example.ts')).toEqual([VIA('cli', '../store/runs')]);
  });
  test('no exceptions are left: the commands that used to open the store themselves fail too', async () => {
    for (const file of ['src/cli/commands/derive.ts', 'src/cli/commands/import.ts', 'src/cli/commands/weights.ts']) {
      expect(await messages("import { ProjectStore } from '../../store/project-store';\nexport const s = ProjectStore;\n", file))
        .toEqual([VIA('cli', '../../store/project-store')]);
    }
  });
  test('transport: core, contract, services only', async () => {
    expect(await messages("import { ProjectStore } from '../store/project-store';\nexport const s = ProjectStore;\n", 'src/transport/web-server.ts'))
      .toEqual([VIA('transport', '../store/project-store')]);
    expect(await messages("import { fitPanel } from '../models/panel/fit';\nexport const f = fitPanel;\n", 'src/transport/web-server.ts'))
      .toEqual(["Layer violation: transport must not import models ('../models/panel/fit'); see house-style.md."]);
    expect(await messages("import { contract } from '../contract';\nimport { InputError } from '../core/errors';\nexport const c = [contract, InputError];\n", 'src/transport/web-server.ts')).toEqual([]);
  });
});

describe('rwb/layers: every import form is checked', () => {
  test('type positions, import = require and re-exports', async () => {
    expect(await messages("export type Fs = typeof import('node:fs');\n", 'src/linalg/example.ts'))
      .toEqual(["The engine is pure: src/linalg must not import 'node:fs'."]);
    expect(await messages("import fs = require('node:fs');\nexport const f = fs;\n", 'src/core/example.ts'))
      .toEqual(["The engine is pure: src/core must not import 'node:fs'."]);
    expect(await messages("export { Worker } from 'node:worker_threads';\n", 'src/models/example.ts'))
      .toEqual(["The engine is pure: src/models must not import 'node:worker_threads'."]);
    // A type position is type-only: fine for the renderer and the contract.
    expect(await messages("export type W = import('../../src/contract/weights').WeightsSpec;\n", 'renderer/src/example.ts')).toEqual([]);
    expect(await messages("export type { WeightsSpec } from '../../src/contract/weights';\n", 'renderer/src/example.ts')).toEqual([]);
  });
});
