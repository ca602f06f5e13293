/** Expression and describe benchmarks: 1,000,000 rows (20,000 regions × 50 periods). */
import type { BenchCase } from '../run';
import { createRng } from '../../src/core/random';
import { compileExpression } from '../../src/core/expressions';
import type { LongPanel } from '../../src/core/panel';
import { describeVariables } from '../../src/stats/describe';

function panel(G: number, T: number): LongPanel {
  const rng = createRng(7);
  const ids: string[] = [];
  const times: number[] = [];
  const x = new Float64Array(G * T);
  for (let g = 0; g < G; g++) {
    for (let t = 0; t < T; t++) {
      x[ids.length] = Math.exp(rng.normal());
      ids.push(`r${g}`);
      times.push(1970 + t);
    }
  }
  return { source: 'bench', idColumn: 'id', timeColumn: 'year', ids, times, rowNumbers: ids.map((_, i) => i + 2), variables: ['x'], values: { x } };
}

function evalCase(name: string, expr: string): BenchCase {
  return {
    name,
    setup: () => {
      const p = panel(20_000, 50);
      const c = compileExpression(expr);
      return () => c.evaluate(p);
    },
  };
}

export const cases: BenchCase[] = [
  evalCase('expr-arith-1m', 'log(x) * 2 + x ^ 2 - 1'),
  evalCase('expr-diff-log-1m', 'diff(log(x))'),
  evalCase('expr-winsor-1m', 'winsor(x, 0.01)'),
  {
    name: 'describe-3-vars-1m',
    setup: () => {
      const p = panel(20_000, 50);
      return () => describeVariables(p, ['x', 'log(x)', 'zscore(x)']);
    },
  },
];
