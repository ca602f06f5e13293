/**
 * The model a project's Regression tab starts from (issue 13, defect 11): before, the US
 * sample defaulted to y = `region` (a census code) with no regressor ticked.
 *
 * - The US productivity panel (Munnell 1990, `produc`): log(gsp) on log(pcap), log(pc),
 *   log(emp) and unemp — the public-capital production function of Munnell (1990) as estimated
 *   in Baltagi, Econometric Analysis of Panel Data (the plm `Produc` example).
 * - The China resilience panel: resilience on the studies' usual controls (digital, fin_dev,
 *   industry, open, gov, urban) and log(pgdp).
 * - Any other project: the first measured variable (not a code, id or year) as y, the other
 *   measured variables (at most {@link MAX_DEFAULT_REGRESSORS}) ticked.
 *
 * Chosen by the variables present, so a copy of a sample (Save As) starts the same way.
 */
import type { ProjectSummary } from '../../../src/contract';

/** Names that are codes rather than measurements (produc's census `region` number, ids, years). */
export const CODE_LIKE = /^(id|code|region|region_?code|region_?group|state|state_?name|fips|adcode|year|period|time|name(_zh|_en)?)$/i;

/** At most this many variables are ticked by default in a project without a known model. */
export const MAX_DEFAULT_REGRESSORS = 6;

/** Controls of the resilience studies' baseline (the China sample has them). */
export const USUAL_CONTROLS = ['digital', 'fin_dev', 'industry', 'open', 'gov', 'urban'] as const;

/** A starting model: the dependent variable (a name or expression), ticked variables and extra expressions. */
export interface ModelDefaults {
  readonly y: string;
  readonly ticked: readonly string[];
  readonly expressions: readonly string[];
}

/** The model the Regression tab starts from for `p`. */
export function modelDefaults(p: Pick<ProjectSummary, 'variables'>): ModelDefaults {
  const names = p.variables.map((v) => v.name);
  const has = (...n: string[]) => n.every((x) => names.includes(x));
  if (has('gsp', 'pcap', 'pc', 'emp', 'unemp')) {
    return { y: 'log(gsp)', ticked: ['unemp'], expressions: ['log(pcap)', 'log(pc)', 'log(emp)'] };
  }
  if (has('resilience')) {
    const controls = USUAL_CONTROLS.filter((n) => names.includes(n));
    return { y: 'resilience', ticked: controls, expressions: has('pgdp') && controls.length > 0 ? ['log(pgdp)'] : [] };
  }
  const measured = p.variables.filter((v) => !CODE_LIKE.test(v.name)).map((v) => v.name);
  const y = measured[0] ?? names[0] ?? '';
  return { y, ticked: measured.filter((n) => n !== y).slice(0, MAX_DEFAULT_REGRESSORS), expressions: [] };
}
