/**
 * Spatial weights: one immutable sparse type, builders, readers/writers and inspection.
 */
export * from './spatial-weights';
export * from './contiguity';
export * from './distance-weights';
export * from './economic';
export * from './summary';
export * from './io/common';
export * from './io/gal';
export * from './io/gwt';
export * from './io/json';
export * from './io/json-read';
export * from './io/dense';
