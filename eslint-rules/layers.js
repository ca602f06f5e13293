// Local ESLint rule: the one-way layers of ../shared/docs/house-style.md.
// Resolves every relative import against the importing file and compares the layer it lands in
// (src/<layer>, electron, renderer) with the layers the importing file may depend on.
import path from 'node:path';

/** Which layers each layer may import (itself always allowed). */
const ALLOWED = {
  core: [],
  linalg: ['core'],
  stats: ['core', 'linalg'],
  weights: ['core', 'linalg', 'stats'],
  models: ['core', 'linalg', 'stats', 'weights'],
  store: ['core'],
  contract: ['core'],
  services: ['core', 'linalg', 'stats', 'weights', 'models', 'store', 'contract'],
  cli: ['core', 'linalg', 'stats', 'weights', 'models', 'store', 'contract', 'services'],
  electron: ['core', 'contract', 'services', 'store'],
  transport: ['core', 'contract', 'services'],
  renderer: ['contract'],
};
const ENGINE = new Set(['core', 'linalg', 'stats', 'weights', 'models']);
const ENGINE_FORBIDDEN = new Set(['electron', 'better-sqlite3', 'fs', 'node:fs', 'fs/promises', 'node:fs/promises']);

function layerOf(absFile, root) {
  const rel = path.relative(root, absFile).split(path.sep);
  if (rel[0] === 'src' && rel.length > 2) return rel[1];
  if (rel[0] === 'electron' || rel[0] === 'renderer') return rel[0];
  return null;
}

export default {
  rules: {
    layers: {
      meta: { type: 'problem', schema: [], messages: {
        layer: "Layer violation: {{from}} must not import {{to}} ('{{source}}'); see house-style.md.",
        pure: "The engine is pure: {{from}} must not import '{{source}}'.",
        typesOnly: "The renderer imports only TYPES from src/contract ('{{source}}').",
      } },
      create(context) {
        const file = context.filename;
        const root = context.cwd;
        const from = layerOf(file, root);
        if (!from) return {};
        function check(node, source, typeOnly) {
          if (ENGINE.has(from) && ENGINE_FORBIDDEN.has(source)) {
            context.report({ node, messageId: 'pure', data: { from: `src/${from}`, source } });
            return;
          }
          if (!source.startsWith('.')) return;
          const to = layerOf(path.resolve(path.dirname(file), source) + '/x', root);
          if (!to || to === from) return;
          if (!ALLOWED[from].includes(to)) {
            context.report({ node, messageId: 'layer', data: { from, to, source } });
          } else if (from === 'renderer' && !typeOnly) {
            context.report({ node, messageId: 'typesOnly', data: { source } });
          }
        }
        return {
          ImportDeclaration(node) {
            const allTypes = node.importKind === 'type' || (node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === 'type'));
            check(node, node.source.value, allTypes);
          },
          ExportNamedDeclaration(node) { if (node.source) check(node, node.source.value, node.exportKind === 'type'); },
          ExportAllDeclaration(node) { check(node, node.source.value, node.exportKind === 'type'); },
          ImportExpression(node) { if (node.source.type === 'Literal' && typeof node.source.value === 'string') check(node, node.source.value, false); },
        };
      },
    },
  },
};
