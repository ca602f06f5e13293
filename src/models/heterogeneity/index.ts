/** Regional heterogeneity: sub-sample fits, interaction Chow test, Fisher permutation test. */
export { medianSplit, subsetDesign, parameterCount, fitByGroup, type MedianBasis, type MedianSplit, type GroupFit } from './groups';
export { chowTest, interactionName, type ChowTest, type CoefficientGap } from './chow';
export { permutationGapTest, permutationGapTestAsync, type PermutationOptions, type PermutationTest, type PermutationGap } from './permutation';
