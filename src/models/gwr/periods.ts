/**
 * Period summaries of local coefficients: for each coefficient, the mean, minimum, maximum and
 * share significant of the local estimates of each region over user-defined periods (e.g.
 * 2008–2012, 2013–2017, 2018–2022), and the same over the regions of each group (E/C/W/NE).
 */

/** A period: inclusive years. */
export interface Period {
  readonly from: number;
  readonly to: number;
  /** Heading, e.g. "2008–2012". */
  readonly label: string;
}

/** One summary cell. */
export interface PeriodCell {
  readonly period: string;
  readonly n: number;
  readonly mean: number;
  readonly min: number;
  readonly max: number;
  /** Share of the local p values below alpha. */
  readonly shareSignificant: number;
}

/** Summaries of one coefficient. */
export interface CoefficientPeriods {
  readonly name: string;
  readonly byRegion: readonly (PeriodCell & { readonly id: string })[];
  readonly byGroup: readonly (PeriodCell & { readonly group: string })[];
  /** Over all regions of a period. */
  readonly overall: readonly PeriodCell[];
}

/** Input: the fit's observation ids and times, local β and p (row-major n×p). */
export interface PeriodInput {
  readonly ids: readonly string[];
  readonly times: ArrayLike<number>;
  readonly names: readonly string[];
  readonly beta: ArrayLike<number>;
  readonly p: ArrayLike<number>;
}

function cell(period: string, vals: number[], sig: number[]): PeriodCell {
  let s = 0, lo = Infinity, hi = -Infinity, k = 0;
  for (let q = 0; q < vals.length; q++) { const v = vals[q]; s += v; if (v < lo) lo = v; if (v > hi) hi = v; if (sig[q]) k++; }
  const n = vals.length;
  return { period, n, mean: n ? s / n : NaN, min: n ? lo : NaN, max: n ? hi : NaN, shareSignificant: n ? k / n : NaN };
}

/**
 * Summaries by region and by group for each period. Observations outside every period are
 * ignored; regions without a group are left out of `byGroup`.
 */
export function periodSummaries(input: PeriodInput, periods: readonly Period[], opts: { alpha?: number; groups?: ReadonlyMap<string, string> } = {}): CoefficientPeriods[] {
  const alpha = opts.alpha ?? 0.05;
  const P = input.names.length;
  const regions = [...new Set(input.ids)];
  const groups = opts.groups ? [...new Set(regions.map((r) => opts.groups?.get(r)).filter((g): g is string => g !== undefined))] : [];
  return input.names.map((name, a) => {
    const byRegion: (PeriodCell & { id: string })[] = [];
    const byGroup: (PeriodCell & { group: string })[] = [];
    const overall: PeriodCell[] = [];
    for (const per of periods) {
      const reg = new Map<string, { v: number[]; s: number[] }>();
      const grp = new Map<string, { v: number[]; s: number[] }>();
      const all = { v: [] as number[], s: [] as number[] };
      for (let i = 0; i < input.ids.length; i++) {
        const t = input.times[i];
        if (t < per.from || t > per.to) continue;
        const v = input.beta[i * P + a], s = input.p[i * P + a] < alpha ? 1 : 0;
        const id = input.ids[i];
        let r = reg.get(id);
        if (!r) { r = { v: [], s: [] }; reg.set(id, r); }
        r.v.push(v); r.s.push(s);
        all.v.push(v); all.s.push(s);
        const g = opts.groups?.get(id);
        if (g !== undefined) {
          let e = grp.get(g);
          if (!e) { e = { v: [], s: [] }; grp.set(g, e); }
          e.v.push(v); e.s.push(s);
        }
      }
      for (const id of regions) { const r = reg.get(id); if (r) byRegion.push({ id, ...cell(per.label, r.v, r.s) }); }
      for (const g of groups) { const e = grp.get(g); if (e) byGroup.push({ group: g, ...cell(per.label, e.v, e.s) }); }
      overall.push(cell(per.label, all.v, all.s));
    }
    return { name, byRegion, byGroup, overall };
  });
}

/**
 * Parse "2008-2012,2013-2017,2018-2022" (also "2008..2012", a single year "2010").
 * Returns null when the text does not have that form (the caller words the error).
 */
export function parsePeriods(text: string): Period[] | null {
  const out: Period[] = [];
  for (const part of text.split(',')) {
    const m = /^\s*(-?\d+)\s*(?:\.\.|-|–|:)\s*(-?\d+)\s*$/.exec(part) ?? /^\s*(-?\d+)\s*$/.exec(part);
    if (!m) return null;
    const from = Number(m[1]), to = m[2] !== undefined ? Number(m[2]) : from;
    if (to < from) return null;
    out.push({ from, to, label: from === to ? String(from) : `${from}–${to}` });
  }
  return out.length ? out : null;
}
