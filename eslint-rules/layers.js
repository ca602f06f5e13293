// Local ESLint rule: the one-way layers of docs/house-style.md.
// Every file under src/<layer>/, electron/ and renderer/ belongs to a declared layer. The rule
//  - refuses a file in an undeclared folder (src/foo/…, or a file directly in src/);
//  - resolves every relative import against the importing file and checks that the layer it
//    lands in is one the importing layer may depend on;
//  - checks every bare import (packages, node:* and bare Node built-ins) against the layer's
//    package allow-list;
//  - keeps the renderer to TYPES from src/contract plus the value-only modules
//    src/contract/constants.ts and src/stats/class-breaks.ts.
// Types-only imports are checked like any other: a type import still couples two layers.
import path from 'node:path';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is eslint-rules/layers.js), whatever directory ESLint runs from. */
const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** The engine layers of house-style.md (also read by eslint.config.js and tests/lint). */
export const ENGINE_LAYERS = ['core', 'geo', 'linalg', 'stats', 'figures', 'weights', 'esda', 'models', 'composite', 'report', 'samples'];
const ENGINE = new Set(ENGINE_LAYERS);

/** Packages that ship types only (no runtime code), allowed in every layer. */
const TYPE_PACKAGES = ['geojson'];

/** The packages every Node-side process may use: `node:*` covers node:fs and bare 'fs' alike. */
const NODE = 'node:*';

/**
 * The declared layers: which layers each may import (itself always) and which packages.
 * A package entry is a name ('ml-matrix'), a scope ('@stdlib/*') or NODE. Keep this the
 * layer chain of house-style.md; a new folder under src/ is an error until it is listed here.
 */
export const LAYERS = {
  // The engine: pure (no node:*, electron, better-sqlite3, exceljs, docx, DOM).
  core: { layers: [], packages: [] },
  geo: { layers: ['core'], packages: ['kdbush', 'flatbush', '@turf/*'] },
  linalg: { layers: ['core', 'geo'], packages: ['ml-matrix'] },
  stats: { layers: ['core', 'geo', 'linalg'], packages: ['@stdlib/*'] },
  // weights/io reads GAL/GWT/CSV/JSON text (papaparse, zod) handed over as strings.
  // figures: the display list, projections, map and chart layouts, SVG (issue 9); data in, drawing out.
  figures: { layers: ['core', 'geo', 'linalg', 'stats'], packages: [] },
  weights: { layers: ['core', 'geo', 'linalg', 'stats'], packages: ['kdbush', 'flatbush', '@turf/*', 'papaparse', 'zod'] },
  esda: { layers: ['core', 'geo', 'linalg', 'stats', 'weights'], packages: [] },
  models: { layers: ['core', 'geo', 'linalg', 'stats', 'weights', 'esda'], packages: ['ml-matrix'] },
  composite: { layers: ['core', 'geo', 'linalg', 'stats'], packages: [] },
  report: { layers: ['core', 'geo', 'linalg', 'stats', 'figures', 'weights', 'esda', 'models', 'composite'], packages: [] },
  samples: { layers: ['core', 'geo', 'linalg', 'stats', 'weights', 'models'], packages: [] },
  // The only SQLite code.
  store: { layers: ['core'], packages: ['better-sqlite3', NODE] },
  contract: { layers: ['core'], packages: ['zod'] },
  // Use cases and handlers: the only code that joins store and engine; file formats live here.
  services: {
    layers: [...ENGINE_LAYERS, 'store', 'contract'],
    packages: ['zod', 'exceljs', 'docx', 'jszip', 'papaparse', 'iconv-lite', 'proj4', 'shapefile', '@resvg/resvg-js', 'pdfkit', NODE],
  },
  transport: { layers: ['core', 'contract', 'services'], packages: [NODE] },
  // cli and electron reach the store only through services.
  cli: { layers: [...ENGINE_LAYERS, 'contract', 'services'], packages: [NODE] },
  electron: { layers: ['core', 'contract', 'services'], packages: ['electron', NODE] },
  // The renderer: see RENDERER_VALUE_MODULES below for what it may take from src/.
  renderer: {
    layers: ['contract', 'stats'],
    packages: ['react', 'react-dom', 'maplibre-gl', '@maplibre/*', 'i18next', 'react-i18next'],
  },
};

/** Modules under src/ the renderer may import VALUES from (extension-less, from the root). */
const RENDERER_VALUE_MODULES = new Set(['src/contract/constants', 'src/stats/class-breaks']);

/** The value-only module the renderer imports from the contract may not pull in any package. */
const PACKAGE_FREE_FILES = new Set(['src/contract/constants.ts']);

/** Never allowed in the engine, whatever LAYERS says (checked below when the rule loads). */
const ENGINE_FORBIDDEN = ['electron', 'better-sqlite3', 'exceljs', 'docx', NODE];

/** Never allowed in the renderer: it runs in the browser and talks to main through window.rwb. */
const RENDERER_FORBIDDEN = ['electron', 'better-sqlite3', 'zod', NODE];

/**
 * TEMPORARY exceptions (issue 7), each one file importing one layer it should not. Remove a line
 * as soon as its file goes through src/services; never add one without an issue naming it.
 */
// Files allowed one otherwise forbidden layer while a restructuring is under way (none today).
const TEMPORARY_EXCEPTIONS = [];

/**
 * Packages one kind of file may import beyond its layer's list. The worker bootstrap loads
 * TypeScript worker entries from source through tsx (tests, CLI from source, `npm run web`);
 * the bundled app and CLI never load it.
 */
const FILE_PACKAGES = [
  { file: /^src\/services\/(.+\/)?worker-bootstrap\.mjs$/, packages: ['tsx'] },
];

const NODE_BUILTINS = new Set(builtinModules.filter((m) => !m.startsWith('_')));

for (const name of ENGINE_LAYERS) {
  for (const p of LAYERS[name].packages) {
    if (ENGINE_FORBIDDEN.includes(p)) throw new Error(`eslint-rules/layers.js: the engine layer ${name} may not allow '${p}'.`);
  }
}
for (const p of LAYERS.renderer.packages) {
  if (RENDERER_FORBIDDEN.includes(p)) throw new Error(`eslint-rules/layers.js: the renderer may not allow '${p}'.`);
}

/** 'node:fs/promises' and 'fs/promises' -> NODE; '@a/b/c' -> '@a/b'; 'a/b?url' -> 'a'. */
function packageOf(source) {
  const bare = source.split('?')[0];
  if (bare.startsWith('node:')) return NODE;
  const parts = bare.split('/');
  const name = bare.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  if (NODE_BUILTINS.has(name) || NODE_BUILTINS.has(bare)) return NODE;
  return name;
}

function allows(list, pkg) {
  return list.some((entry) => entry === pkg || (entry.endsWith('/*') && pkg.startsWith(entry.slice(0, -1))));
}

/** Where a path (relative to the root, '/'-separated) sits: a declared layer, an unknown one, or outside. */
function placeOf(rel, isImport) {
  const parts = rel.split('/');
  if (parts[0] === 'electron' || parts[0] === 'renderer') return { layer: parts[0] };
  if (parts[0] !== 'src' || parts.length < 2) return null;
  // An import of '../contract' lands in the folder src/contract; a file src/x.ts is in no layer.
  const name = parts.length === 2 && isImport ? parts[1].replace(/\.[cm]?[jt]sx?$/, '') : parts[1];
  if (parts.length === 2 && !isImport) return { unknown: rel, loose: true };
  if (Object.hasOwn(LAYERS, name)) return { layer: name };
  return { unknown: parts.length === 2 ? rel : `src/${name}` };
}

const HOW_TO_DECLARE = 'add it to LAYERS in eslint-rules/layers.js with the layers and packages it may import (see house-style.md)';

export default {
  rules: {
    layers: {
      meta: {
        type: 'problem',
        schema: [],
        messages: {
          unknownLayer: `{{where}} is not a declared layer: ${HOW_TO_DECLARE}.`,
          looseFile: `{{where}} is not in a layer: move it into a layer folder under src/, or declare a new folder by ${HOW_TO_DECLARE.replace('add it', 'adding it')}.`,
          unknownTarget: `'{{source}}' lands in {{where}}, which is not a declared layer: ${HOW_TO_DECLARE}.`,
          layer: "Layer violation: {{from}} must not import {{to}} ('{{source}}'); see house-style.md.",
          viaServices: "Layer violation: {{from}} must not import store ('{{source}}'); reach the store through a use case in src/services (see house-style.md).",
          pure: "The engine is pure: src/{{from}} must not import '{{source}}'.",
          package: "Package '{{pkg}}' is not allowed in {{where}} ('{{source}}'): if it belongs there, add it to LAYERS.{{from}}.packages in eslint-rules/layers.js (see house-style.md).",
          packageFree: "{{file}} is imported by the renderer and must not import packages ('{{source}}'): keep it plain values.",
          rendererPackage: "The renderer runs in the browser and talks to main only through window.rwb: it must not import '{{source}}'.",
          typesOnly: "The renderer imports only TYPES from src/contract ('{{source}}'); values come from src/contract/constants.ts.",
          rendererSrc: "The renderer may take from src/ only types from src/contract and the modules src/contract/constants.ts and src/stats/class-breaks.ts ('{{source}}').",
        },
      },
      create(context) {
        const file = context.filename;
        const root = ROOT;
        const relFile = path.relative(root, file).split(path.sep).join('/');
        const here = placeOf(relFile, false);
        if (!here) return {};
        if (here.unknown) {
          return {
            Program(node) {
              context.report({ node, loc: { line: 1, column: 0 }, messageId: here.loose ? 'looseFile' : 'unknownLayer', data: { where: here.unknown } });
            },
          };
        }
        const from = here.layer;
        const spec = LAYERS[from];
        const where = from === 'electron' || from === 'renderer' ? `${from}/` : `src/${from}`;

        function checkPackage(node, source) {
          const pkg = packageOf(source);
          if (allows(TYPE_PACKAGES, pkg)) return;
          if (PACKAGE_FREE_FILES.has(relFile)) {
            context.report({ node, messageId: 'packageFree', data: { file: relFile, source } });
            return;
          }
          if (ENGINE.has(from) && allows(ENGINE_FORBIDDEN, pkg)) {
            context.report({ node, messageId: 'pure', data: { from, source } });
          } else if (from === 'renderer' && allows(RENDERER_FORBIDDEN, pkg)) {
            context.report({ node, messageId: 'rendererPackage', data: { source } });
          } else if (!allows(spec.packages, pkg) && !FILE_PACKAGES.some((e) => e.file.test(relFile) && allows(e.packages, pkg))) {
            context.report({ node, messageId: 'package', data: { pkg, where, from, source } });
          }
        }

        function check(node, source, typeOnly) {
          if (typeof source !== 'string' || source === '') return;
          if (!source.startsWith('.') && !source.startsWith('/')) {
            checkPackage(node, source);
            return;
          }
          const target = path.resolve(path.dirname(file), source.split('?')[0]);
          const relTarget = path.relative(root, target).split(path.sep).join('/');
          const there = placeOf(relTarget, true);
          if (!there) return;
          if (there.unknown) {
            context.report({ node, messageId: 'unknownTarget', data: { source, where: there.unknown } });
            return;
          }
          const to = there.layer;
          if (to === from) return;
          if (TEMPORARY_EXCEPTIONS.some((e) => e.file === relFile && e.layer === to)) return;
          if (from === 'renderer') {
            const module = relTarget.replace(/\.(ts|tsx|js|mjs)$/, '').replace(/\/index$/, '');
            if (RENDERER_VALUE_MODULES.has(module)) return;
            if (to === 'contract' && typeOnly) return;
            if (to === 'contract') context.report({ node, messageId: 'typesOnly', data: { source } });
            else if (spec.layers.includes(to)) context.report({ node, messageId: 'rendererSrc', data: { source } });
            else context.report({ node, messageId: 'layer', data: { from, to, source } });
            return;
          }
          if (spec.layers.includes(to)) return;
          if (to === 'store' && spec.layers.includes('services')) {
            context.report({ node, messageId: 'viaServices', data: { from, source } });
          } else {
            context.report({ node, messageId: 'layer', data: { from, to, source } });
          }
        }

        return {
          ImportDeclaration(node) {
            const allTypes = node.importKind === 'type' || (node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === 'type'));
            check(node, node.source.value, allTypes);
          },
          ExportNamedDeclaration(node) {
            if (!node.source) return;
            const allTypes = node.exportKind === 'type' || (node.specifiers.length > 0 && node.specifiers.every((s) => s.exportKind === 'type'));
            check(node, node.source.value, allTypes);
          },
          ExportAllDeclaration(node) { check(node, node.source.value, node.exportKind === 'type'); },
          ImportExpression(node) {
            if (node.source.type === 'Literal') check(node, node.source.value, false);
            else if (node.source.type === 'TemplateLiteral' && node.source.expressions.length === 0) check(node, node.source.quasis[0].value.cooked, false);
          },
          // `import x = require('y')`
          TSImportEqualsDeclaration(node) {
            const ref = node.moduleReference;
            if (ref.type === 'TSExternalModuleReference' && ref.expression.type === 'Literal') check(node, ref.expression.value, node.importKind === 'type');
          },
          // `typeof import('y')` / `import('y').T` in a type position
          TSImportType(node) {
            const arg = node.argument;
            const lit = arg && arg.type === 'TSLiteralType' ? arg.literal : arg;
            if (lit && lit.type === 'Literal') check(node, lit.value, true);
          },
        };
      },
    },
  },
};
