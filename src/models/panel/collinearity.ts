/**
 * Clear messages for designs that cannot be estimated: regressors absorbed by the fixed
 * effects (or constant next to an intercept) and perfectly collinear sets, naming the
 * variables instead of returning NaN.
 */
import { SingularDesignError } from '../../core/errors';
import { HouseholderQr } from '../../linalg/qr';
import type { Effects } from './types';

/** ‖x̃‖ ≤ ABSORBED_RTOL·‖x‖ marks a regressor as absorbed by the transformation. */
export const ABSORBED_RTOL = 1e-10;

function norm(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}

/** Indices of columns whose transformed norm is negligible relative to the raw norm. */
export function absorbedColumns(raw: readonly ArrayLike<number>[], transformed: readonly ArrayLike<number>[]): number[] {
  const out: number[] = [];
  raw.forEach((x, j) => {
    const nr = norm(x);
    if (nr === 0 || norm(transformed[j]) <= ABSORBED_RTOL * nr) out.push(j);
  });
  return out;
}

/** The sentence explaining why `effects` absorbs a regressor. */
function absorbedReason(effects: Effects | 'intercept'): string {
  switch (effects) {
    case 'individual': return 'does not vary within regions, so the region fixed effects absorb it';
    case 'time': return 'does not vary across regions within a period, so the period fixed effects absorb it';
    case 'twoways': return 'is absorbed by the region and period fixed effects (it varies only by region and by period)';
    case 'intercept': return 'is constant, so it is collinear with the intercept';
    default: return 'is zero in every observation';
  }
}

/**
 * Throws when some regressors are absorbed.
 * @throws SingularDesignError naming every absorbed regressor.
 */
export function assertNotAbsorbed(names: readonly string[], absorbed: readonly number[], effects: Effects | 'intercept'): void {
  if (absorbed.length === 0) return;
  const list = absorbed.map((j) => `"${names[j]}"`);
  const verb = absorbed.length === 1 ? '' : ' each';
  throw new SingularDesignError(
    `${list.join(', ')}${verb} ${absorbedReason(effects)}; remove ${absorbed.length === 1 ? 'it' : 'them'} from the model.`,
    { variables: absorbed.map((j) => names[j]), reason: 'absorbed', effects, variableList: list.join(', '), absorbedBy: absorbedReason(effects) }, absorbed.length === 1 ? 'singular-absorbed-one' : 'singular-absorbed');
}

/**
 * Throws when the QR found aliased columns, naming each aliased regressor and the earlier
 * regressors it is a linear combination of.
 * @throws SingularDesignError with `details.variables` listing every regressor involved.
 */
export function assertNoAliasing(names: readonly string[], columns: readonly Float64Array[], qr: HouseholderQr): void {
  if (qr.aliased.length === 0) return;
  const kept = qr.kept;
  const keptQr = new HouseholderQr(kept.map((j) => columns[j]), { tol: 0 });
  const involved = new Set<string>();
  const sentences: string[] = [];
  const label = (nm: string): string => (nm === '(Intercept)' ? 'the intercept' : `"${nm}"`);
  for (const j of qr.aliased) {
    const c = keptQr.solve(columns[j]);
    const nj = norm(columns[j]);
    const partners: string[] = [];
    kept.forEach((p, q) => {
      if (Math.abs(c[q]) * norm(columns[p]) > 1e-6 * nj) partners.push(names[p]);
    });
    involved.add(names[j]);
    partners.forEach((p) => involved.add(p));
    sentences.push(partners.length > 0
      ? `${label(names[j])} is a linear combination of ${partners.map(label).join(', ')}`
      : `${label(names[j])} is collinear with the other regressors`);
  }
  throw new SingularDesignError(
    `Perfectly collinear regressors: ${sentences.join('; ')}. Remove one of them.`,
    { variables: [...involved], aliased: qr.aliased.map((j) => names[j]), reason: 'collinear', relations: sentences.join('; ') }, 'singular-collinear');
}
