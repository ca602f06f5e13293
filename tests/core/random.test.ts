import { describe, expect, test } from 'vitest';
import { createRng } from '../../src/core/random';

describe('createRng', () => {
  test('same seed, same stream; different seed, different stream', () => {
    const a = createRng(42), b = createRng(42), c = createRng(43);
    const xa = Array.from({ length: 5 }, () => a.uniform());
    const xb = Array.from({ length: 5 }, () => b.uniform());
    const xc = Array.from({ length: 5 }, () => c.uniform());
    expect(xa).toEqual(xb);
    expect(xa).not.toEqual(xc);
  });
  test('uniform in [0,1) with mean near 1/2; normal with mean 0 and variance 1', () => {
    const r = createRng(7);
    let s = 0, min = 1, max = 0;
    for (let i = 0; i < 100000; i++) { const u = r.uniform(); s += u; min = Math.min(min, u); max = Math.max(max, u); }
    expect(min).toBeGreaterThanOrEqual(0); expect(max).toBeLessThan(1);
    expect(Math.abs(s / 100000 - 0.5)).toBeLessThan(0.005);
    let m = 0, v = 0; const n = 100000;
    for (let i = 0; i < n; i++) { const z = r.normal(); m += z; v += z * z; }
    expect(Math.abs(m / n)).toBeLessThan(0.02);
    expect(Math.abs(v / n - 1)).toBeLessThan(0.02);
  });
  test('shuffle is a permutation; non-integer seed is refused', () => {
    const r = createRng(1);
    const a = r.shuffle([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect([...a].sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(() => createRng(1.5)).toThrow(/integer/);
  });
});
