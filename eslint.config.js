// ESLint flat config. The import rules below enforce the one-way layers of
// ../shared/docs/house-style.md:
//   core <- linalg <- stats <- weights <- models   (pure engine: no fs, electron, sqlite, DOM)
//   store (SQLite only) ; services join store + engine ; cli / electron / web server call services
//   renderer imports only TYPES from src/contract.
import tseslint from 'typescript-eslint';
import globals from 'globals';

const engineForbiddenModules = [
  { name: 'electron', message: 'The engine is pure: no electron.' },
  { name: 'better-sqlite3', message: 'Only src/store talks to SQLite.' },
  { name: 'fs', message: 'The engine is pure: no file system.' },
  { name: 'node:fs', message: 'The engine is pure: no file system.' },
  { name: 'fs/promises', message: 'The engine is pure: no file system.' },
  { name: 'node:fs/promises', message: 'The engine is pure: no file system.' },
];

/** Patterns for imports of layers that `layer` must not depend on. */
function upward(...layers) {
  return layers.map((l) => ({
    group: [`**/${l}`, `**/${l}/**`],
    message: `Layer violation: this layer must not import src/${l} (see house-style.md).`,
  }));
}

const engine = ['core', 'linalg', 'stats', 'weights', 'models'];
const outer = ['store', 'services', 'contract', 'cli'];

function layerRule(files, forbiddenLayers, extraPaths = [], allowTypeImports = false) {
  return {
    files,
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: extraPaths,
        patterns: [...upward(...forbiddenLayers), { group: ['**/electron/**', '**/renderer/**'], message: 'Layer violation: src must not import electron/ or renderer/.' }],
      }],
    },
  };
}

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.vite/**', 'out/**', 'assets/generated/**', 'bench/results.json', 'tests/output/**'] },
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/ban-ts-comment': 'error',
    },
  },
  layerRule(['src/core/**/*.ts'], [...engine.slice(1), ...outer], engineForbiddenModules),
  layerRule(['src/linalg/**/*.ts'], [...engine.slice(2), ...outer], engineForbiddenModules),
  layerRule(['src/stats/**/*.ts'], [...engine.slice(3), ...outer], engineForbiddenModules),
  layerRule(['src/weights/**/*.ts'], [...engine.slice(4), ...outer], engineForbiddenModules),
  layerRule(['src/models/**/*.ts'], outer, engineForbiddenModules),
  layerRule(['src/store/**/*.ts'], ['linalg', 'stats', 'weights', 'models', 'services', 'contract', 'cli'], [{ name: 'electron', message: 'The store does not know about electron.' }]),
  layerRule(['src/contract/**/*.ts'], ['linalg', 'stats', 'weights', 'models', 'store', 'services', 'cli'], [{ name: 'electron', message: 'The contract is shared with the renderer.' }, { name: 'better-sqlite3', message: 'The contract is shared with the renderer.' }]),
  layerRule(['src/services/**/*.ts'], ['cli'], [{ name: 'electron', message: 'Services run in the CLI and the web server too: no electron.' }]),
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [
          { name: 'electron', message: 'The renderer talks to main only through window.rwb.' },
          { name: 'better-sqlite3', message: 'The renderer never touches the project file.' },
        ],
        patterns: [
          { group: ['**/src/contract', '**/src/contract/**'], allowTypeImports: true, message: 'The renderer imports only TYPES from src/contract.' },
          { group: ['**/src/core/**', '**/src/linalg/**', '**/src/stats/**', '**/src/weights/**', '**/src/models/**', '**/src/store/**', '**/src/services/**', '**/src/cli/**', '**/electron/**', 'node:*'], message: 'The renderer imports only TYPES from src/contract.' },
        ],
      }],
    },
  },
);
