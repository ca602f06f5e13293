/**
 * Small conversions between TypeScript values and SQLite cells, shared by the store's
 * modules. No SQL runs here.
 */
import { InputError } from '../core/errors';

/** A value bindable to a better-sqlite3 parameter. */
export type SqlValue = string | number | bigint | Buffer | null;

/**
 * Serialise a JSON-ish value for a `TEXT CHECK (json_valid(...))` column. `undefined` is
 * stored as `null`; like `JSON.stringify`, non-finite numbers inside become `null`.
 *
 * @throws InputError `project-not-json` when the value cannot be serialised (cycles, BigInt)
 */
export function toJson(value: unknown, what: string): string {
  try {
    return JSON.stringify(value ?? null);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new InputError('project-not-json', `${what} cannot be saved as JSON: ${why}`, { what, reason: why });
  }
}

/** Parse a JSON column written by {@link toJson}; `null` cells give `null`. */
export function fromJson(text: string | null): unknown {
  return text === null ? null : (JSON.parse(text) as unknown);
}

/** SQLite integer flag for a boolean. */
export function flag(b: boolean): 0 | 1 {
  return b ? 1 : 0;
}

/**
 * A nullable text field: `undefined`/`null` give `null`.
 *
 * @throws InputError `project-field-not-finite` / `project-field-not-text` when the value is not a string
 */
export function optText(value: unknown, field: string, owner: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') {
    throw new InputError('project-field-not-text', `${owner}: ${field} must be text, got ${typeof value}`, { field, owner, type: typeof value });
  }
  return value;
}

/**
 * A nullable real field: `undefined`/`null`/`NaN` give `null`.
 *
 * @throws InputError `project-field-not-finite` / `project-field-not-text` when the value is not a finite number
 */
export function optReal(value: unknown, field: string, owner: string): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' && Number.isNaN(value)) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InputError('project-field-not-finite', `${owner}: ${field} must be a finite number, got ${String(value)}`, { field, owner, value: String(value) });
  }
  return value;
}

/**
 * A required non-empty name (region code, variable, layer, weights or run kind).
 *
 * @throws InputError `project-empty-name` when empty or not a string
 */
export function requireName(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new InputError('project-empty-name', `${what} must be a non-empty text, got ${JSON.stringify(value) ?? String(value)}`, { what, value: JSON.stringify(value) ?? String(value) });
  }
  return value;
}

/** Compare strings by UTF-16 code units, the order of `Array.prototype.sort()` and `panelRegions`. */
export function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
