/**
 * Hausman specification test of fixed against random effects.
 */
import { InputError } from '../../core/errors';
import { createMatrix } from '../../linalg/matrix';
import { lu } from '../../linalg/lu';
import { chisqUpperP } from '../../stats/distributions';
import type { PanelFit } from './types';

/**
 * H = (b_FE − b_RE)' (V_FE − V_RE)⁻¹ (b_FE − b_RE) ~ χ²(q) over the q slopes both models
 * estimate (matched by name; the intercept excluded). Uses each fit's own `vcov`, so fit both
 * with `se: 'classical'` for the classical test.
 * Reference: Hausman (1978); `plm::phtest(fe, re)` (method "chisq").
 * @throws InputError `panel-hausman-needs-fe-re` / `panel-hausman-no-common` when the fits are not FE and RE or share no slope;
 *   `singular-design` when V_FE − V_RE is singular.
 */
export function hausmanTest(fe: PanelFit, re: PanelFit): { statistic: number; df: number; p: number } {
  if (fe.model !== 'fe' || re.model !== 're') {
    throw new InputError('panel-hausman-needs-fe-re', `The Hausman test compares a fixed-effects fit with a random-effects fit (got "${fe.model}" and "${re.model}").`, { feModel: fe.model, reModel: re.model });
  }
  const reIndex = new Map(re.coefficients.map((c, j) => [c.name, j]));
  const pairs: [number, number][] = [];
  fe.coefficients.forEach((c, j) => {
    const r = reIndex.get(c.name);
    if (r !== undefined && c.name !== '(Intercept)') pairs.push([j, r]);
  });
  const q = pairs.length;
  if (q === 0) throw new InputError('panel-hausman-no-common', 'The fixed- and random-effects fits have no coefficient in common.');
  const d = Float64Array.from(pairs, ([a, b]) => fe.coefficients[a].estimate - re.coefficients[b].estimate);
  const dv = createMatrix(q, q);
  for (let i = 0; i < q; i++) {
    for (let j = 0; j < q; j++) {
      dv.data[i + j * q] = fe.vcov[pairs[i][0] * fe.k + pairs[j][0]] - re.vcov[pairs[i][1] * re.k + pairs[j][1]];
    }
  }
  const f = lu(dv);
  if (f.isSingular()) {
    throw new InputError('singular-hausman', 'The Hausman test is undefined: the difference of the two covariance matrices is singular.');
  }
  const x = f.solve(d);
  let statistic = 0;
  for (let i = 0; i < q; i++) statistic += d[i] * x[i];
  return Object.freeze({ statistic, df: q, p: chisqUpperP(statistic, q) });
}
