/** Kept for tests that import the design from here; the loader lives in tests/helpers/produc.ts. */
export { producDesign } from '../../helpers/produc';
