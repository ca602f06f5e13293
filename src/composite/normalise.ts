/**
 * Normalisation of indicator columns, pooled over all region-years or within each year, with
 * the direction applied so that larger normalised values are always better.
 */
import { InputError } from '../core/errors';
import type { Direction, Normalisation, Scope } from './types';

/** Row groups of a scope: `group[i]` is the scope of row i (0 for pooled), `count` groups. */
export interface ScopeGroups {
  readonly group: Int32Array;
  readonly count: number;
  /** Label of each group for messages (`all region-years` or the year). */
  readonly labels: readonly string[];
}

/**
 * The scope groups of a panel's rows: one group (pooled) or one per year (in ascending order).
 */
export function scopeGroups(times: readonly number[], scope: Scope): ScopeGroups {
  const group = new Int32Array(times.length);
  if (scope === 'pooled') return Object.freeze({ group, count: 1, labels: ['all region-years'] });
  const years = [...new Set(times)].sort((a, b) => a - b);
  const index = new Map(years.map((y, k) => [y, k]));
  times.forEach((t, i) => { group[i] = index.get(t) as number; });
  return Object.freeze({ group, count: years.length, labels: years.map(String) });
}

/** Options of `normaliseColumn`. */
export interface NormaliseOptions {
  readonly method: Normalisation;
  /** Added to every normalised value (e.g. 0.0001, so that ln p exists in the entropy method). */
  readonly shift?: number;
  /** Indicator name, for messages. */
  readonly name?: string;
}

/**
 * Normalise one indicator column within each scope group (rows with NaN stay NaN: every
 * formula propagates it; they are ignored in the group statistics). With s the shift:
 *
 * - `minmax`: `+`: (x − min)/(max − min) + s; `−`: (max − x)/(max − min) + s
 *   (the forms of docs/cli-contract.md `rwb index`).
 * - `zscore`: `+`: (x − mean)/sd + s; `−`: (mean − x)/sd + s, sd with divisor n − 1 (R `scale`).
 * - `vector`: `+`: x/√(Σx²) + s; `−`: 1 − x/√(Σx²) + s.
 *
 * Min–max and z-scores are unchanged when x is multiplied by a positive constant; flipping the
 * direction mirrors a min–max column (x⁺ + x⁻ = 1 + 2s).
 *
 * @throws InputError `composite-constant-indicator` when the column has one value (or zero spread,
 *   or a zero vector norm) in a group: it cannot be normalised and carries no information.
 */
export function normaliseColumn(values: ArrayLike<number>, direction: Direction, groups: ScopeGroups, opts: NormaliseOptions): Float64Array {
  const n = values.length;
  const k = groups.count;
  const g = groups.group;
  const shift = opts.shift ?? 0;
  const out = new Float64Array(n);
  const a = new Float64Array(k); // min | mean | norm
  const b = new Float64Array(k); // max | sd
  const cnt = new Float64Array(k);
  if (opts.method === 'minmax') {
    a.fill(Infinity); b.fill(-Infinity);
    for (let i = 0; i < n; i++) {
      const x = values[i];
      if (Number.isNaN(x)) continue;
      if (x < a[g[i]]) a[g[i]] = x;
      if (x > b[g[i]]) b[g[i]] = x;
      cnt[g[i]]++;
    }
  } else if (opts.method === 'zscore') {
    for (let i = 0; i < n; i++) { const x = values[i]; if (!Number.isNaN(x)) { a[g[i]] += x; cnt[g[i]]++; } }
    for (let j = 0; j < k; j++) a[j] /= cnt[j];
    for (let i = 0; i < n; i++) { const x = values[i]; if (!Number.isNaN(x)) b[g[i]] += (x - a[g[i]]) ** 2; }
    for (let j = 0; j < k; j++) b[j] = Math.sqrt(b[j] / (cnt[j] - 1));
  } else {
    for (let i = 0; i < n; i++) { const x = values[i]; if (!Number.isNaN(x)) { a[g[i]] += x * x; cnt[g[i]]++; } }
    for (let j = 0; j < k; j++) a[j] = Math.sqrt(a[j]);
  }
  for (let j = 0; j < k; j++) {
    const spread = opts.method === 'minmax' ? b[j] - a[j] : opts.method === 'zscore' ? b[j] : a[j];
    if (cnt[j] > 0 && !(spread > 0)) {
      const name = opts.name ?? 'an indicator';
      throw new InputError(
        'composite-constant-indicator',
        `indicator "${name}" is constant over ${groups.labels[j]} (${cnt[j]} values): it cannot be normalised; leave it out or change the scope`,
        { indicator: name, scope: groups.labels[j], count: cnt[j] },
      );
    }
  }
  // One loop per method and direction (no branching on the method inside the hot loop).
  const sign = direction === '+' ? 1 : -1;
  if (opts.method === 'minmax') {
    for (let i = 0; i < n; i++) {
      const x = values[i];
      const j = g[i];
      const r = b[j] - a[j];
      out[i] = (sign > 0 ? (x - a[j]) / r : (b[j] - x) / r) + shift;
    }
  } else if (opts.method === 'zscore') {
    for (let i = 0; i < n; i++) { const j = g[i]; out[i] = (sign * (values[i] - a[j])) / b[j] + shift; }
  } else {
    for (let i = 0; i < n; i++) { const v = values[i] / a[g[i]]; out[i] = (sign > 0 ? v : 1 - v) + shift; }
  }
  return out;
}
