// ESLint flat config. `rwb/layers` (eslint-rules/layers.js) enforces the one-way layers of
// docs/house-style.md. A layer may import itself and the layers listed:
//   engine (pure: no node:*, electron, better-sqlite3, exceljs, docx, DOM):
//     core: -                 geo: core               linalg: core geo
//     stats: core geo linalg  weights: + stats        esda: + weights        models: + esda
//     composite: core geo linalg stats                report: all of the above
//     samples: core geo linalg stats weights models
//   store: core (the only SQLite code)                contract: core (zod)
//   services: engine + store + contract               transport: core contract services
//   cli: engine + contract + services (NOT store)     electron: core contract services (NOT store)
//   renderer: TYPES from src/contract; VALUES only from src/contract/constants.ts and
//             src/stats/class-breaks.ts; no zod, node:*, electron, better-sqlite3.
// Packages are allow-listed per layer (LAYERS in eslint-rules/layers.js); a folder under src/
// that is not declared there is an error. The engine is also type-checked without the DOM lib
// (tsconfig.engine.json, part of `npm test`); browser globals are declared only for renderer/.
import tseslint from 'typescript-eslint';
import globals from 'globals';
import layers, { ENGINE_LAYERS } from './eslint-rules/layers.js';

const ENGINE_FILES = ENGINE_LAYERS.map((layer) => `src/${layer}/**/*.ts`);

/** Globals the engine may not touch: it runs unchanged in a worker, the CLI, the app and tests. */
const NOT_IN_ENGINE = [
  ...['process', 'Buffer', '__dirname', '__filename', 'require', 'global', 'setImmediate', 'clearImmediate']
    .map((name) => ({ name, message: 'The engine is pure (no Node globals): take the value as an argument from services.' })),
  ...['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'fetch']
    .map((name) => ({ name, message: 'The engine is pure (no DOM or network): take the value as an argument.' })),
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.vite/**', 'out/**', 'assets/generated/**', 'bench/results.json', 'tests/output/**'] },
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { rwb: layers },
    rules: {
      'rwb/layers': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/ban-ts-comment': 'error',
    },
  },
  {
    // Only the renderer runs in a browser.
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ENGINE_FILES,
    rules: { 'no-restricted-globals': ['error', ...NOT_IN_ENGINE] },
  },
);
