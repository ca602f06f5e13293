import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayWidth, formatNumber, formatTable, toJsonText } from '../../src/cli/output';

describe('toJsonText', () => {
  it('writes null for non-finite numbers, arrays for typed arrays, and parses back', () => {
    const text = toJsonText({ a: NaN, b: [1, Infinity, -0.5], c: Float64Array.from([2, NaN]), d: undefined, e: { f: 'x"y' } });
    expect(JSON.parse(text)).toEqual({ a: null, b: [1, null, -0.5], c: [2, null], e: { f: 'x"y' } });
    expect(text).toBe('{\n  "a": null,\n  "b": [1, null, -0.5],\n  "c": [2, null],\n  "e": {\n    "f": "x\\"y"\n  }\n}\n');
  });

  it('puts arrays of objects one item per line', () => {
    expect(toJsonText([{ a: 1 }, []])).toBe('[\n  {\n    "a": 1\n  },\n  []\n]\n');
  });

  /** The layout rule written out directly (the tree walk toJsonText replaced by native stringify + folding). */
  function reference(v: unknown, indent = ''): string {
    const scalar = (x: unknown) => x === null || typeof x !== 'object';
    if (scalar(v)) return JSON.stringify(v);
    const inner = indent + '  ';
    if (Array.isArray(v)) {
      if (v.length === 0) return '[]';
      if (v.every(scalar)) return `[${v.map((x) => JSON.stringify(x)).join(', ')}]`;
      return `[\n${v.map((x) => inner + reference(x, inner)).join(',\n')}\n${indent}]`;
    }
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${reference(x, inner)}`).join(',\n')}\n${indent}}`;
  }

  it('lays out any JSON value exactly as the one-line-scalar-arrays rule says (property)', () => {
    // Strings with brackets, quotes, commas, escapes and newlines; numbers of every magnitude.
    const text = fc.string({ unit: fc.constantFrom('a', '[', ']', '{', '}', ',', '"', '\\', '\n', ' ', '北', ':') });
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), text, fc.boolean(), fc.constant(null),
        tie('array'), tie('object')),
      array: fc.array(tie('value'), { maxLength: 4 }),
      object: fc.dictionary(text, tie('value'), { maxKeys: 4 }),
    })).value;
    fc.assert(fc.property(json, (v) => {
      const normalised = JSON.parse(JSON.stringify(v)) as unknown; // -0 → 0, as toJsonSafe
      expect(toJsonText(normalised)).toBe(reference(normalised) + '\n');
    }), { numRuns: 400 });
  });
});

describe('formatNumber', () => {
  it('keeps integers, rounds to 6 significant digits, NA for missing', () => {
    expect(formatNumber(464550)).toBe('464550');
    expect(formatNumber(61014.319852941175)).toBe('61014.3');
    expect(formatNumber(0.126953)).toBe('0.126953');
    expect(formatNumber(2.5)).toBe('2.5');
    expect(formatNumber(1.23456789e-7)).toBe('1.23457e-7');
    expect(formatNumber(NaN)).toBe('NA');
    expect(formatNumber(-Infinity)).toBe('-Inf');
  });
});

describe('formatTable', () => {
  it('aligns text left, numbers right, and counts CJK characters as two columns', () => {
    expect(displayWidth('北京a')).toBe(5);
    const t = formatTable(['region', 'value'], [['北京', 1.5], ['Hebei', 10]]);
    expect(t).toBe('region  value\n------  -----\n北京      1.5\nHebei      10\n');
  });
});
