/** Linear panel estimators: pooled OLS, fixed and random effects, robust covariances, Hausman. */
export * from './types';
export { fitPanel, INTERCEPT } from './fit';
export { hausmanTest } from './hausman';
export { indexPanel, factorize } from './panel-index';
export type { IndexedPanel, Factor } from './panel-index';
export { createWithinTransform, withinTransform } from './within';
export { defaultDkLag } from './vcov';
