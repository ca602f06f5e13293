/**
 * How LISA clusters move over time: transition counts between consecutive years (pooled) and
 * between a chosen start and end year, for the four Moran-scatterplot quadrants (Rey's LISA
 * Markov, PySAL giddy `LISA_Markov`: quadrants whatever their significance) or for the five
 * cluster-map classes (quadrant when significant, else not significant), plus each region's history.
 */
import { LISA_CLASSES, type LisaClass, type Quadrant } from './local';

/** Quadrant order of the transition tables (giddy's order: HH, LH, LL, HL). */
export const QUADRANT_ORDER: readonly Quadrant[] = ['high-high', 'low-high', 'low-low', 'high-low'];

/** A square transition table over `states`. */
export interface TransitionTable<S extends string> {
  readonly states: readonly S[];
  /** counts[a][b]: regions in state a in one year and b in the next. */
  readonly counts: readonly (readonly number[])[];
  /** Row shares (counts over the row total; 0 for an empty row). */
  readonly probabilities: readonly (readonly number[])[];
  /** Regions that changed state / all region-year pairs counted. */
  readonly moved: number;
  readonly total: number;
}

/** Regions' states by year: one array per year, aligned with `ids`; null = not in that year's sample. */
export interface StateHistory<S extends string> {
  readonly ids: readonly string[];
  readonly years: readonly number[];
  readonly states: readonly (readonly (S | null)[])[];
}

function table<S extends string>(states: readonly S[], pairs: Iterable<[S, S]>): TransitionTable<S> {
  const k = states.length;
  const at = new Map(states.map((s, i) => [s, i]));
  const counts = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let moved = 0, total = 0;
  for (const [a, b] of pairs) {
    counts[at.get(a) as number][at.get(b) as number]++;
    total++;
    if (a !== b) moved++;
  }
  const probabilities = counts.map((row) => {
    const sum = row.reduce((s, v) => s + v, 0);
    return row.map((v) => (sum > 0 ? v / sum : 0));
  });
  return { states, counts, probabilities, moved, total };
}

function* consecutive<S extends string>(h: StateHistory<S>): Generator<[S, S]> {
  for (let t = 1; t < h.years.length; t++) {
    const before = h.states[t - 1], after = h.states[t];
    for (let i = 0; i < h.ids.length; i++) {
      const a = before[i], b = after[i];
      if (a !== null && b !== null) yield [a, b];
    }
  }
}

function* between<S extends string>(h: StateHistory<S>, from: number, to: number): Generator<[S, S]> {
  const a = h.years.indexOf(from), b = h.years.indexOf(to);
  if (a < 0 || b < 0) return;
  for (let i = 0; i < h.ids.length; i++) {
    const x = h.states[a][i], y = h.states[b][i];
    if (x !== null && y !== null) yield [x, y];
  }
}

/** Pooled transitions between consecutive years, over the four quadrants (LISA Markov). */
export function quadrantTransitions(h: StateHistory<Quadrant>): TransitionTable<Quadrant> {
  return table(QUADRANT_ORDER, consecutive(h));
}

/** Pooled transitions between consecutive years, over the five cluster-map classes. */
export function clusterTransitions(h: StateHistory<LisaClass>): TransitionTable<LisaClass> {
  return table(LISA_CLASSES, consecutive(h));
}

/** Transitions from year `from` to year `to` (regions present in both). */
export function transitionsBetween<S extends string>(h: StateHistory<S>, states: readonly S[], from: number, to: number): TransitionTable<S> {
  return table(states, between(h, from, to));
}

/** Each region's states over the years, as `{ id, states }` rows (for the cluster-history table). */
export function histories<S extends string>(h: StateHistory<S>): { id: string; states: (S | null)[] }[] {
  return h.ids.map((id, i) => ({ id, states: h.states.map((year) => year[i]) }));
}
