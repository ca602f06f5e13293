/** The one JSON clean-up for the wire, the CLI and stored specs (src/core/json.ts). */
import { describe, expect, it } from 'vitest';
import { toJsonSafe, toJsonValue } from '../../src/core/json';

describe('toJsonValue', () => {
  it('turns missing values (NaN, ±Infinity) into null and typed arrays into arrays', () => {
    expect(toJsonValue({ a: NaN, b: Infinity, c: -Infinity, d: 1.5, e: Float64Array.of(1, NaN, 3), f: Int32Array.of(2) }))
      .toEqual({ a: null, b: null, c: null, d: 1.5, e: [1, null, 3], f: [2] });
  });

  it('follows JSON.stringify for undefined, functions, toJSON and nested arrays', () => {
    const value = { u: undefined, fn: () => 1, when: new Date(0), list: [undefined, 1, 'x', { y: [true, null] }], n: new Number(2) };
    expect(JSON.stringify(toJsonValue(value))).toBe(JSON.stringify(value));
    expect(toJsonValue(undefined)).toBeUndefined();
    expect(toJsonSafe(undefined)).toBeNull();
  });

  it('sorts keys at every depth on request, so equal values give equal text', () => {
    const a = toJsonValue({ b: 1, a: { d: 2, c: [{ z: 1, y: 2 }] } }, { sortKeys: true });
    expect(JSON.stringify(a)).toBe('{"a":{"c":[{"y":2,"z":1}],"d":2},"b":1}');
  });

  it('refuses a circular structure and a bigint as JSON.stringify does', () => {
    const o: Record<string, unknown> = {};
    o.self = o;
    expect(() => toJsonValue(o)).toThrow(TypeError);
    expect(() => toJsonValue({ n: 1n })).toThrow(TypeError);
  });
});
