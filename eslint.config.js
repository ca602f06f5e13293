// ESLint flat config. `rwb/layers` (eslint-rules/layers.js) enforces the one-way layers of
// ../shared/docs/house-style.md:
//   core <- linalg <- stats <- weights <- models   (pure engine: no fs, electron, sqlite, DOM)
//   store (SQLite only) ; services join store + engine ; cli / electron / web server call services
//   renderer imports only TYPES from src/contract.
import tseslint from 'typescript-eslint';
import globals from 'globals';
import layers from './eslint-rules/layers.js';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.vite/**', 'out/**', 'assets/generated/**', 'bench/results.json', 'tests/output/**'] },
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { rwb: layers },
    rules: {
      'rwb/layers': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/ban-ts-comment': 'error',
    },
  },
  {
    // Services run in the CLI and the web server too; the store never sees electron.
    files: ['src/services/**/*.ts', 'src/transport/**/*.ts', 'src/store/**/*.ts', 'src/contract/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only electron/ imports electron.' }] }] },
  },
  {
    files: ['src/contract/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { paths: [
      { name: 'electron', message: 'The renderer talks to main only through window.rwb.' },
      { name: 'better-sqlite3', message: 'Only src/store talks to SQLite.' },
    ] }] },
  },
);
