/** Linear-algebra benchmarks (issue 3): least squares n = 10⁶, k = 20 in under 2 s. */
import type { BenchCase } from '../run';
import { createRng } from '../../src/core/random';
import { createMatrix } from '../../src/linalg/matrix';
import { leastSquares } from '../../src/linalg/qr';
import { cholesky } from '../../src/linalg/cholesky';
import { CsrMatrix } from '../../src/linalg/sparse';
import { symmetricEigen } from '../../src/linalg/eigen';

function tallDesign(n: number, k: number, seed: number) {
  const rng = createRng(seed);
  const a = createMatrix(n, k);
  for (let i = 0; i < a.data.length; i++) a.data[i] = rng.normal();
  for (let i = 0; i < n; i++) a.data[i] = 1; // intercept
  const y = new Float64Array(n);
  for (let j = 0; j < k; j++) for (let i = 0; i < n; i++) y[i] += (j + 1) * 0.1 * a.data[i + j * n];
  for (let i = 0; i < n; i++) y[i] += rng.normal();
  return { a, y };
}

export const cases: BenchCase[] = [
  {
    name: 'linalg-lstsq-qr-1e6x20',
    targetSeconds: 2,
    setup: () => {
      const { a, y } = tallDesign(1_000_000, 20, 1);
      return () => leastSquares(a, y);
    },
  },
  {
    name: 'linalg-cholesky-400',
    setup: () => {
      const rng = createRng(2);
      const n = 400;
      const b = createMatrix(n, n);
      for (let i = 0; i < b.data.length; i++) b.data[i] = rng.normal();
      const s = createMatrix(n, n);
      for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) {
        let v = 0;
        for (let p = 0; p < n; p++) v += b.data[i + p * n] * b.data[j + p * n];
        s.data[i + j * n] = v; s.data[j + i * n] = v;
      }
      for (let i = 0; i < n; i++) s.data[i + i * n] += n;
      return () => cholesky(s).logDet();
    },
  },
  {
    // ml-matrix EVD on a prefecture-city-sized symmetric matrix (e.g. for log|I − ρW| via eigenvalues)
    name: 'linalg-symmetric-eigen-300',
    setup: () => {
      const rng = createRng(4);
      const n = 300;
      const s = createMatrix(n, n);
      for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) { const v = rng.normal(); s.data[i + j * n] = v; s.data[j + i * n] = v; }
      return () => symmetricEigen(s).values;
    },
  },
  {
    name: 'linalg-csr-matvec-1e5-rows-x100',
    setup: () => {
      const rng = createRng(3);
      const n = 100_000;
      const ii: number[] = []; const jj: number[] = []; const vv: number[] = [];
      for (let i = 0; i < n; i++) for (let k = 0; k < 6; k++) { ii.push(i); jj.push(rng.int(n)); vv.push(1 / 6); }
      const w = CsrMatrix.fromTriplets(n, n, ii, jj, vv);
      const x = Float64Array.from({ length: n }, () => rng.normal());
      const out = new Float64Array(n);
      return () => { for (let r = 0; r < 100; r++) w.matVec(x, out); return out; };
    },
  },
];
