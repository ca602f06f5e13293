/** Linear algebra over `Float64Array`: dense column-major matrices, decompositions, sparse CSR. */
export * from './matrix';
export * from './qr';
export * from './cholesky';
export * from './lu';
export * from './eigen';
export * from './sparse';
export * from './envelope';
export * from './tridiagonal-eigen';
