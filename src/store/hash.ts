/**
 * Fingerprint of the data an analysis ran on, stored with every run so a result can be
 * matched to (or flagged as stale against) the data it came from.
 */
import { createHash, type Hash } from 'node:crypto';
import { toJsonValue } from '../core/json';
import type { LongPanel } from '../core/panel';

/** Version tag hashed first: changing the encoding below means bumping it. */
const TAG = 'rwb-input-hash/1';

/**
 * SHA-256 (hex) over a panel's content and an optional JSON-able `extra` (model spec,
 * weights name, options).
 *
 * Encoding, each string as UTF-8 length (uint32 LE) + bytes: the tag; the row count; every
 * row id; the periods as float64; then per variable *sorted by name*: its name and its values
 * as float64, every NaN written as the one canonical NaN and -0 as 0; then text columns sorted
 * by name; then `extra` as JSON with object keys sorted (absent → the text `undefined`).
 * Row order matters; variable order, `source`, `rowNumbers` and the id/time column names do not.
 */
export function computeInputHash(panel: LongPanel, extra?: unknown): string {
  const h = createHash('sha256');
  str(h, TAG);
  u32(h, panel.ids.length);
  for (const id of panel.ids) str(h, id);
  h.update(new Uint8Array(Float64Array.from(panel.times, canonical).buffer));
  const variables = [...panel.variables].sort();
  u32(h, variables.length);
  for (const name of variables) {
    str(h, name);
    const v = panel.values[name];
    u32(h, v === undefined ? 0 : v.length);
    if (v !== undefined) h.update(new Uint8Array(Float64Array.from(v, canonical).buffer));
  }
  const text = panel.text ?? {};
  const textNames = Object.keys(text).sort();
  u32(h, textNames.length);
  for (const name of textNames) {
    str(h, name);
    u32(h, text[name].length);
    for (const s of text[name]) str(h, s);
  }
  str(h, extra === undefined ? 'undefined' : stableJson(extra));
  return h.digest('hex');
}

/**
 * JSON with object keys sorted at every depth and typed arrays as arrays, so equal values
 * give equal text whatever their key order.
 */
export function stableJson(value: unknown): string {
  const v = toJsonValue(value, { sortKeys: true });
  return v === undefined ? 'undefined' : JSON.stringify(v);
}

function canonical(x: number): number {
  return Number.isNaN(x) ? Number.NaN : x === 0 ? 0 : x;
}

function u32(h: Hash, n: number): void {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n, true);
  h.update(b);
}

const encoder = new TextEncoder();

function str(h: Hash, s: string): void {
  const bytes = encoder.encode(s);
  u32(h, bytes.length);
  h.update(bytes);
}
