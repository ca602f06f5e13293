/**
 * Output helpers for `rwb`: exactly one JSON document for `--json`, aligned text tables
 * otherwise, and warnings on stderr.
 */
import { toJsonSafe } from '../core/json';
import type { CliIo } from './command';

/** One JSON scalar as JSON.stringify writes it (numbers, strings, true, false, null). */
const SCALAR = String.raw`(?:-?\d[\d.eE+-]*|"(?:[^"\\]|\\.)*"|true|false|null)`;
/** An array of scalars as `JSON.stringify(v, null, 2)` lays it out: one item per line. */
const SCALAR_ARRAY = new RegExp(String.raw`\[\n(?: +${SCALAR},\n)* +${SCALAR}\n *\]`, 'g');

/** `[\n  1,\n  2\n]` → `[1, 2]` (JSON strings hold no raw newline, so ",\n" splits items). */
function oneLine(block: string): string {
  return `[${block.slice(1, block.lastIndexOf('\n')).split(',\n').map((item) => item.trim()).join(', ')}]`;
}

/**
 * JSON text of `value` with a trailing newline: non-finite numbers become `null`, typed
 * arrays become arrays, objects are indented two spaces, arrays of plain values stay on one line.
 */
export function toJsonText(value: unknown): string {
  // Native JSON.stringify, then arrays of scalars folded onto one line: 4× faster than laying
  // the tree out in script (a 3,000-region LISA document: ~9 ms instead of ~35 ms). Native
  // stringify already follows toJsonSafe's rules (non-finite → null, toJSON, undefined) except
  // for typed arrays, so the copy is made only when the value holds one (a 5,000-row GTWR
  // document: ~60 ms less), and the folding pass only when it holds an array of scalars.
  let flags = shape(value, 0);
  let plain = value;
  if (flags & NEEDS_COPY) { plain = toJsonSafe(value); flags = shape(plain, 0); }
  const text = JSON.stringify(plain, null, 2);
  return (flags & SCALAR_ARRAYS ? text.replace(SCALAR_ARRAY, oneLine) : text) + '\n';
}

/** {@link shape}: native JSON.stringify could write the value differently from toJsonSafe (a typed array, a toJSON method, or very deep). */
const NEEDS_COPY = 1;
/** {@link shape}: the value holds a non-empty array of scalars (laid out on one line). */
const SCALAR_ARRAYS = 2;

/**
 * NEEDS_COPY and SCALAR_ARRAYS of `v`, conservatively (own and inherited enumerable keys are
 * visited, so a flag may be set that Object.keys would not; never the other way round).
 */
function shape(v: unknown, depth: number): number {
  if (typeof v !== 'object' || v === null) return 0;
  if (depth > 100 || ArrayBuffer.isView(v) || typeof (v as { toJSON?: unknown }).toJSON === 'function') return NEEDS_COPY;
  let flags = 0;
  if (Array.isArray(v)) {
    let scalars = v.length > 0;
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      if (typeof x !== 'object' || x === null) continue;
      scalars = false;
      flags |= shape(x, depth + 1);
      if (flags & NEEDS_COPY) return flags;
    }
    return scalars ? flags | SCALAR_ARRAYS : flags;
  }
  for (const k in v) {
    flags |= shape((v as Record<string, unknown>)[k], depth + 1);
    if (flags & NEEDS_COPY) return flags;
  }
  return flags;
}

/** Print one JSON document on stdout (the whole `--json` output of a command). */
export function printJson(io: CliIo, value: unknown): void {
  io.stdout(toJsonText(value));
}

/** Print a warning line on stderr (`warning: …`). */
export function warn(io: CliIo, message: string): void {
  io.stderr(`warning: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
}

/**
 * A number for a table cell: `NA` when missing, integers in full up to 1e15, otherwise
 * `digits` significant digits (scientific outside 1e-4 … 1e9), trailing zeros trimmed.
 */
export function formatNumber(x: number, digits = 6): string {
  if (Number.isNaN(x)) return 'NA';
  if (!Number.isFinite(x)) return x > 0 ? 'Inf' : '-Inf';
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-4 || a >= 1e9)) {
    const [m, e] = x.toExponential(digits - 1).split('e');
    return `${m.replace(/\.?0+$/, '')}e${e}`;
  }
  const s = x.toPrecision(digits);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** Display width of a string in a terminal: East Asian wide/full-width characters count 2. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    const wide =
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      (c >= 0x20000 && c <= 0x3fffd);
    w += wide ? 2 : 1;
  }
  return w;
}

function pad(s: string, width: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return right ? fill + s : s + fill;
}

/** A table cell: text is left-aligned, numbers right-aligned and formatted by `formatNumber`. */
export type Cell = string | number;

/**
 * An aligned text table: header line, a rule, then one line per row. Columns are separated
 * by two spaces; numeric columns are right-aligned.
 */
export function formatTable(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const text = rows.map((r) => r.map((c) => (typeof c === 'number' ? formatNumber(c) : c)));
  const numeric = headers.map((_, j) => rows.length > 0 && rows.every((r) => typeof r[j] === 'number'));
  const widths = headers.map((h, j) => Math.max(displayWidth(h), ...text.map((r) => displayWidth(r[j] ?? ''))));
  const line = (cells: readonly string[]): string =>
    cells.map((c, j) => pad(c, widths[j], numeric[j])).join('  ').replace(/\s+$/, '');
  const out = [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...text.map(line)];
  return out.join('\n') + '\n';
}
