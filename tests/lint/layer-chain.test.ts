import { describe, expect, test } from 'vitest';
import { posix } from 'node:path';
import { messages } from './lint-helper';

// The layer chain of docs/house-style.md, written out independently of
// eslint-rules/layers.js: a layer may import itself and those listed.
const ENGINE = ['core', 'geo', 'linalg', 'stats', 'figures', 'weights', 'esda', 'models', 'composite', 'report', 'samples'];
const CHAIN: Record<string, string[]> = {
  core: [],
  geo: ['core'],
  linalg: ['core', 'geo'],
  stats: ['core', 'geo', 'linalg'],
  figures: ['core', 'geo', 'linalg', 'stats'],
  weights: ['core', 'geo', 'linalg', 'stats'],
  esda: ['core', 'geo', 'linalg', 'stats', 'weights'],
  models: ['core', 'geo', 'linalg', 'stats', 'weights', 'esda'],
  composite: ['core', 'geo', 'linalg', 'stats'],
  report: ['core', 'geo', 'linalg', 'stats', 'figures', 'weights', 'esda', 'models', 'composite'],
  samples: ['core', 'geo', 'linalg', 'stats', 'weights', 'models'],
  store: ['core'],
  contract: ['core'],
  services: [...ENGINE, 'store', 'contract'],
  transport: ['core', 'contract', 'services'],
  cli: [...ENGINE, 'contract', 'services'],
  electron: ['core', 'contract', 'services'],
};
const ALL = [...Object.keys(CHAIN), 'renderer'];
const dirOf = (layer: string) => (layer === 'electron' || layer === 'renderer' ? layer : `src/${layer}`);

describe('rwb/layers follows the layer chain', () => {
  for (const [from, allowed] of Object.entries(CHAIN)) {
    test(`${from} may import exactly ${allowed.join(', ') || 'nothing else'}`, async () => {
      const file = `${dirOf(from)}/example.ts`;
      const others = ALL.filter((l) => l !== from);
      const code = others.map((to, i) => {
        const source = posix.relative(dirOf(from), `${dirOf(to)}/x`);
        return `import { a as a${i} } from '${source.startsWith('.') ? source : `./${source}`}';\nexport const b${i} = a${i};\n`;
      }).join('');
      const refused = (await messages(code, file)).map((m) => {
        const source = /\('([^']+)'\)/.exec(m)?.[1] ?? m;
        return others.find((to) => posix.join(dirOf(from), source) === `${dirOf(to)}/x`) ?? m;
      });
      expect(refused.sort()).toEqual(others.filter((to) => !allowed.includes(to)).sort());
    });
  }
});
