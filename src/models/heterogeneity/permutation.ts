/**
 * Fisher permutation test of a coefficient gap between two groups of regions.
 */
import { CancelledError, InputError, isInputError } from '../../core/errors';
import { createRng } from '../../core/random';
import { fitPanel } from '../panel/fit';
import type { FitOptions, PanelDesign } from '../panel/types';
import { inGroup, subsetDesign } from './groups';

/** Options of the permutation test. */
export interface PermutationOptions {
  /** Number of permutations B (default 1000). */
  readonly permutations?: number;
  /** Seed of the generator (default 1); stored in the result. */
  readonly seed?: number;
  /** Coefficients to test (default: all regressors). */
  readonly coefficients?: readonly string[];
  /** Called after each permutation with (done, total). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Aborting stops the loop with `CancelledError`. */
  readonly signal?: AbortSignal;
}

/**
 * Hand the thread back to the host's event loop for one macrotask, so messages and UI events
 * (an abort) run. Every host the engine runs in (Node, Electron, browsers, workers) has
 * `setTimeout`; it is looked up on `globalThis` so the engine compiles without DOM or Node types.
 */
function nextMacrotask(): Promise<void> {
  const host = globalThis as unknown as { setTimeout(callback: () => void, ms: number): unknown };
  return new Promise<void>((resolve) => { host.setTimeout(resolve, 0); });
}

/** Per-coefficient result of the permutation test. */
export interface PermutationGap {
  readonly name: string;
  /** Observed gap β_A − β_B. */
  readonly gap: number;
  /** Permutations with |gap*| ≥ |gap|. */
  readonly extreme: number;
  /** Empirical two-sided p = (extreme + 1)/(valid + 1). */
  readonly p: number;
}

/** Result of `permutationGapTest`. */
export interface PermutationTest {
  readonly groupA: string;
  readonly groupB: string;
  readonly seed: number;
  readonly permutations: number;
  /** Permutations whose two fits succeeded (a shuffle can make a group singular). */
  readonly valid: number;
  readonly gaps: readonly PermutationGap[];
  readonly nRegionsA: number;
  readonly nRegionsB: number;
}

/**
 * Fisher permutation test of the coefficient gap d = β_A − β_B (the "Fisher's permutation
 * test" Chinese applied studies report after sub-sample regressions; Efron & Tibshirani 1993,
 * ch. 15). The regions of A and B keep their number per group, but which region belongs to
 * which group is shuffled (whole regions move, never single observations), both groups are
 * re-fitted (same model and effects; classical SEs, since only the estimates are used), and
 * p = (#{b : |d*_b| ≥ |d|} + 1)/(B_valid + 1). Randomness comes only from `createRng(seed)`.
 *
 * @throws InputError `hetero-empty-group` (A or B missing, or A = B); `hetero-region-in-both-groups` when a
 *   region has rows in both groups (naming it: use a region-level grouping such as a
 *   region-mean median split); `bad-permutations` when B is not a positive integer;
 *   `hetero-unknown-coefficient`; fit errors of the observed groups re-thrown with the group named.
 * @throws CancelledError when `signal` is aborted.
 */
export function permutationGapTest(
  design: PanelDesign, labels: readonly string[], groupA: string, groupB: string, options: FitOptions,
  perm: PermutationOptions = {},
): PermutationTest {
  const steps = permutationSteps(design, labels, groupA, groupB, options, perm);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * `permutationGapTest` that hands the thread back to the event loop about every
 * `sliceMs` milliseconds (default 20), so an `AbortSignal` aborted by a UI event or a message
 * can stop it and progress can be shown while it runs (`yieldControl` replaces the default
 * hand-back, a zero-delay timer). Same result as the synchronous function for the same seed.
 * @throws as `permutationGapTest` (as a rejected promise).
 */
export async function permutationGapTestAsync(
  design: PanelDesign, labels: readonly string[], groupA: string, groupB: string, options: FitOptions,
  perm: PermutationOptions & { readonly sliceMs?: number; readonly yieldControl?: () => Promise<void> } = {},
): Promise<PermutationTest> {
  const slice = perm.sliceMs ?? 20;
  const yieldControl = perm.yieldControl ?? nextMacrotask;
  const steps = permutationSteps(design, labels, groupA, groupB, options, perm);
  let t0 = Date.now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (Date.now() - t0 >= slice) {
      await yieldControl();
      if (perm.signal?.aborted) throw new CancelledError();
      t0 = Date.now();
    }
  }
}

/** The test as a generator that yields after each permutation (the count done so far). */
function* permutationSteps(
  design: PanelDesign, labels: readonly string[], groupA: string, groupB: string, options: FitOptions,
  perm: PermutationOptions,
): Generator<number, PermutationTest, void> {
  const B = perm.permutations ?? 1000;
  const seed = perm.seed ?? 1;
  if (!Number.isInteger(B) || B < 1) throw new InputError('hetero-bad-permutations', `The number of permutations must be a positive integer, got ${B}.`, { permutations: B });
  if (groupA === groupB) throw new InputError('hetero-permutation-same-group', `The permutation test needs two different groups, got "${groupA}" twice.`, { group: groupA });
  for (const g of [groupA, groupB]) {
    if (!labels.includes(g)) throw new InputError('hetero-empty-group', `No observations in group "${g}".`, { group: g });
  }
  const names = perm.coefficients ? [...perm.coefficients] : [...design.names];
  const bad = names.filter((n) => !design.names.includes(n));
  if (bad.length > 0) throw new InputError('hetero-unknown-coefficient', `Cannot test ${bad.map((b) => `"${b}"`).join(', ')}: not a regressor (regressors: ${design.names.join(', ')}).`, { coefficients: bad.map((b) => `"${b}"`).join(', '), regressors: design.names.join(', ') });
  if (perm.signal?.aborted) throw new CancelledError();

  const rows = labels.map((l) => l === groupA || l === groupB);
  const sub = subsetDesign(design, rows);
  const subLabels = labels.filter((l) => l === groupA || l === groupB);
  const regionGroup = new Map<string, string>();
  sub.ids.forEach((id, i) => {
    const g = regionGroup.get(id);
    if (g === undefined) regionGroup.set(id, subLabels[i]);
    else if (g !== subLabels[i]) {
      throw new InputError('hetero-region-in-both-groups', `Region "${id}" has rows in both "${groupA}" and "${groupB}"; the permutation test shuffles whole regions, so each region must stay in one group (use a region-level grouping, e.g. a median split by region means).`, { region: id, groupA, groupB });
    }
  });
  const regions = [...regionGroup.keys()].sort();
  const regionIndex = new Map(regions.map((r, i) => [r, i]));
  const rowRegion = sub.ids.map((id) => regionIndex.get(id) as number);
  const assigned = regions.map((r) => regionGroup.get(r) as string);
  const fitOpts: FitOptions = { ...options, se: 'classical' };
  const coefIdx = (fitNames: readonly string[]): number[] => names.map((n) => fitNames.indexOf(n));

  const gapsFor = (assignment: readonly string[], observed: boolean): number[] | null => {
    const est: number[][] = [];
    for (const g of [groupA, groupB]) {
      const d = subsetDesign(sub, rowRegion.map((r) => assignment[r] === g));
      try {
        const f = fitPanel(d, fitOpts);
        const idx = coefIdx(f.coefficients.map((c) => c.name));
        est.push(idx.map((i) => f.coefficients[i].estimate));
      } catch (e) {
        if (observed) throw inGroup(g, e);
        if (isInputError(e)) return null;
        throw e;
      }
    }
    return est[0].map((a, j) => a - est[1][j]);
  };

  const observed = gapsFor(assigned, true) as number[];
  const extreme = new Array<number>(names.length).fill(0);
  const rng = createRng(seed);
  const shuffled = [...assigned];
  let valid = 0;
  for (let b = 1; b <= B; b++) {
    if (perm.signal?.aborted) throw new CancelledError();
    rng.shuffle(shuffled);
    const g = gapsFor(shuffled, false);
    if (g) {
      valid++;
      g.forEach((d, j) => { if (Math.abs(d) >= Math.abs(observed[j])) extreme[j]++; });
    }
    perm.onProgress?.(b, B);
    yield b;
  }
  const nA = assigned.filter((g) => g === groupA).length;
  return Object.freeze({
    groupA, groupB, seed, permutations: B, valid, nRegionsA: nA, nRegionsB: regions.length - nA,
    gaps: Object.freeze(names.map((name, j) => Object.freeze({ name, gap: observed[j], extreme: extreme[j], p: (extreme[j] + 1) / (valid + 1) }))),
  });
}
