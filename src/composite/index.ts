/** The composite-index module: see README.md. */
export * from './types';
export * from './normalise';
export * from './indicator-weights';
export * from './pca';
export * from './aggregate';
export * from './build';
export * from './shock';
export * from './coupling';
export * from './obstacle';
export * from './robustness';
export { spearman, averageRanks } from './column-stats';
