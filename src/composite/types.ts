/**
 * Shared types of the composite-index module: an indicator's direction, normalisation and
 * scope, the weighting and aggregation methods. Names follow docs/cli-contract.md `rwb index`.
 */

/** `+`: larger is better (benefit); `-`: smaller is better (cost). */
export type Direction = '+' | '-';

/** Normalisation methods (`--normalize`). */
export const NORMALISATIONS = ['minmax', 'zscore', 'vector'] as const;
export type Normalisation = (typeof NORMALISATIONS)[number];

/** Where min, max, mean, norm and the TOPSIS ideal are taken: all region-years, or each year. */
export const SCOPES = ['pooled', 'year'] as const;
export type Scope = (typeof SCOPES)[number];

/** Objective weighting methods computed from the normalised columns. */
export const OBJECTIVE_WEIGHTS = ['entropy', 'critic', 'cv', 'pca'] as const;
export type ObjectiveMethod = (typeof OBJECTIVE_WEIGHTS)[number];

/** Aggregation methods (`--aggregate`). */
export const AGGREGATIONS = ['sum', 'topsis'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

/** A PCA weighting: |loadings| of the first component, or variance-explained over retained ones. */
export type PcaMode = 'first' | 'variance';

/** How indicator weights are obtained. */
export type WeightSpec =
  | { readonly method: 'entropy' | 'critic' | 'cv' | 'equal' }
  | { readonly method: 'pca'; readonly mode?: PcaMode; readonly retain?: number }
  | { readonly method: 'user'; readonly weights: Readonly<Record<string, number>> }
  /** G1 (order-relation analysis): `order` most important first, `ratios[k-1]` = r_k = w_{k-1}/w_k for k = 2..m. */
  | { readonly method: 'g1'; readonly order: readonly string[]; readonly ratios: readonly number[] }
  /** Standard-deviation-modified G1: the expert order, r_k = σ_{k-1}/σ_k of the normalised columns. */
  | { readonly method: 'g1-sd'; readonly order: readonly string[] }
  /** A subjective and an objective weighting combined: multiplicative, or linear with coefficient `alpha` on the subjective part. */
  | {
      readonly method: 'combined';
      readonly subjective: WeightSpec;
      readonly objective: WeightSpec;
      readonly rule: 'multiplicative' | 'linear';
      readonly alpha?: number;
    };

export type WeightMethod = WeightSpec['method'];

/** A warning of the composite module (code + sentence + every value it names). */
export interface CompositeWarning {
  readonly code: string;
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
}
