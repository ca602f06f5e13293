/**
 * The one JSON clean-up for everything that leaves the process (IPC, HTTP, `rwb --json`, the
 * stored run specs and their hashes): a plain JSON value with exactly `JSON.stringify`'s rules,
 * plus typed arrays as arrays and, on request, object keys sorted at every depth.
 */

/** A value JSON can hold. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Options of {@link toJsonValue}. */
export interface ToJsonOptions {
  /** Sort object keys at every depth, so equal values give equal text whatever their key order. */
  readonly sortKeys?: boolean;
}

/**
 * A JSON-shaped copy of `value`: `toJSON()` is honoured; non-finite numbers (NaN, ±Infinity,
 * the workbench's "missing") become `null`; typed arrays become arrays of numbers; `undefined`,
 * functions and symbols are left out of objects and become `null` in arrays, as
 * `JSON.stringify` does. Returns undefined when `value` itself has no JSON form.
 * @throws TypeError on a bigint or a circular structure (as `JSON.stringify`).
 */
export function toJsonValue(value: unknown, options: ToJsonOptions = {}): JsonValue | undefined {
  return convert(value, '', options.sortKeys === true, new Set());
}

/** `toJsonValue` for values that must have a JSON form (a top-level `undefined` becomes `null`). */
export function toJsonSafe(value: unknown, options: ToJsonOptions = {}): JsonValue {
  return toJsonValue(value, options) ?? null;
}

function convert(value: unknown, key: string, sort: boolean, seen: Set<object>): JsonValue | undefined {
  let v = value;
  if (typeof v === 'object' && v !== null && 'toJSON' in v && typeof (v as { toJSON: unknown }).toJSON === 'function') {
    v = (v as { toJSON: (k: string) => unknown }).toJSON(key);
  }
  if (v === null) return null;
  switch (typeof v) {
    case 'number': return Number.isFinite(v) ? v : null;
    case 'string':
    case 'boolean': return v;
    case 'bigint': throw new TypeError('Do not know how to serialize a BigInt');
    case 'object': break;
    default: return undefined; // undefined, functions, symbols
  }
  const obj = v as object;
  if (ArrayBuffer.isView(obj) && !(obj instanceof DataView)) {
    return Array.from(obj as unknown as ArrayLike<number | bigint>, (x) => (typeof x === 'number' && Number.isFinite(x) ? x : typeof x === 'bigint' ? Number(x) : null));
  }
  if (v instanceof Number || v instanceof String || v instanceof Boolean) return convert(v.valueOf(), key, sort, seen);
  if (seen.has(obj)) throw new TypeError('Converting circular structure to JSON');
  seen.add(obj);
  try {
    if (Array.isArray(obj)) return obj.map((x, i) => convert(x, String(i), sort, seen) ?? null);
    const out: { [key: string]: JsonValue } = {};
    const keys = Object.keys(obj);
    if (sort) keys.sort();
    for (const k of keys) {
      const x = convert((obj as Record<string, unknown>)[k], k, sort, seen);
      if (x !== undefined) out[k] = x;
    }
    return out;
  } finally {
    seen.delete(obj);
  }
}
