/**
 * ln|I − ρW| by every method against a dense LU (linalg's `lu(...).logAbsDet()`, ml-matrix's
 * LuDecomposition), the envelope factorisations against dense ones (property tests), the
 * reverse Cuthill–McKee ordering, Lanczos' extreme eigenvalues and the symmetric form.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cheapestEnvelope, Envelope, EnvelopeCholesky, EnvelopeLu, envelopeWork, gibbsPooleStockmeyer, reverseCuthillMcKee } from '../../../src/linalg/envelope';
import { symmetricEigen } from '../../../src/linalg/eigen';
import { symmetricEigenFast } from '../../../src/linalg/tridiagonal-eigen';
import { lu } from '../../../src/linalg/lu';
import { cholesky } from '../../../src/linalg/cholesky';
import { createMatrix } from '../../../src/linalg/matrix';
import { CsrMatrix } from '../../../src/linalg/sparse';
import { createLogDet, LANCZOS_RTOL, lanczosExtremes, symmetricForm } from '../../../src/models/spatial-panel/log-determinant';
import { effectTraces, infoTraces, logDetEffectTraces, logDetWindow, WINDOW_NODES, windowCovering } from '../../../src/models/spatial-panel/traces';
import { ALGEBRA_TOL } from '../../tolerances';

/** Row-standardised rook or queen contiguity of an r × c grid (cells row by row). */
export function gridW(r: number, c: number, queen: boolean): CsrMatrix {
  const I: number[] = [], J: number[] = [], V: number[] = [];
  for (let a = 0; a < r; a++) {
    for (let b = 0; b < c; b++) {
      const nb: number[] = [];
      for (let da = -1; da <= 1; da++) {
        for (let db = -1; db <= 1; db++) {
          if ((da === 0 && db === 0) || (!queen && da !== 0 && db !== 0)) continue;
          const x = a + da, y = b + db;
          if (x >= 0 && x < r && y >= 0 && y < c) nb.push(x * c + y);
        }
      }
      for (const j of nb) { I.push(a * c + b); J.push(j); V.push(1 / nb.length); }
    }
  }
  return CsrMatrix.fromTriplets(r * c, r * c, I, J, V);
}

function denseLogDet(w: CsrMatrix, rho: number): number {
  const a = w.toDense();
  const n = w.rows;
  for (let k = 0; k < a.data.length; k++) a.data[k] *= -rho;
  for (let i = 0; i < n; i++) a.data[i + i * n] += 1;
  return lu(a).logAbsDet();
}

describe('ln|I − ρW|', () => {
  const w = gridW(9, 11, true);
  it('all four methods agree with a dense LU on a 9 × 11 queen grid', () => {
    for (const method of ['eigen-symmetric', 'eigen-general', 'sparse-cholesky', 'sparse-lu'] as const) {
      const ld = createLogDet(w, { method });
      expect(ld.method).toBe(method);
      for (const rho of [-0.9, -0.3, 0.2, 0.7, 0.97]) expect(Math.abs(ld.value(rho) - denseLogDet(w, rho))).toBeLessThan(1e-10);
    }
  });
  it('solves with I − ρW and its transpose', () => {
    for (const method of ['eigen-symmetric', 'sparse-cholesky', 'sparse-lu'] as const) {
      const s = createLogDet(w, { method }).solver(0.6);
      const b = Float64Array.from({ length: w.rows }, (_, i) => Math.cos(i));
      const x = s.solve(b), wx = w.matVec(x);
      const xt = s.solveTranspose(b), wtx = w.transposeMatVec(xt);
      for (let i = 0; i < b.length; i++) {
        expect(Math.abs(x[i] - 0.6 * wx[i] - b[i])).toBeLessThan(ALGEBRA_TOL);
        expect(Math.abs(xt[i] - 0.6 * wtx[i] - b[i])).toBeLessThan(ALGEBRA_TOL);
      }
    }
  });
  it('defaults: symmetric eigen for a moderate symmetric-similar W, general eigen otherwise, sparse for large W', () => {
    expect(createLogDet(w).method).toBe('eigen-symmetric');
    expect(createLogDet(w, { symmetricSimilar: false }).method).toBe('eigen-general');
    const big = gridW(33, 33, false);
    expect(createLogDet(big).method).toBe('sparse-cholesky');
    expect(createLogDet(big, { symmetricSimilar: false }).method).toBe('sparse-lu');
  });
  it('the interval: ω_max = 1 and Lanczos ω_min below the exact smallest eigenvalue (rook grid: bipartite, ω_min = −1)', () => {
    const rook = gridW(33, 33, false);
    const ld = createLogDet(rook, { method: 'sparse-cholesky' });
    expect(ld.omegaMax).toBe(1);
    expect(ld.omegaMin).toBeLessThanOrEqual(-1 + 1e-12);
    // Lanczos stops once the bound is within LANCZOS_RTOL (0.1 %) of the Ritz value
    expect(ld.omegaMin).toBeGreaterThan(-1 - 1.01 * LANCZOS_RTOL);
  });
  it('Lanczos stops early once the bound of ω_min is within LANCZOS_RTOL, and that bound still holds (40 × 40 queen grid)', () => {
    const q = gridW(40, 40, true);
    const sym = symmetricForm(q)!;
    const full = lanczosExtremes(sym.s);
    const early = lanczosExtremes(sym.s, 120, { rtol: LANCZOS_RTOL, want: 'min' });
    expect(early.steps).toBeLessThan(full.steps);
    expect(early.minBound).toBeLessThanOrEqual(LANCZOS_RTOL * Math.abs(early.min));
    // the full run's Ritz value is within its own bound of ω_min; the early lower bound lies below it
    expect(early.min - early.minBound).toBeLessThanOrEqual(full.min + 1e-12);
    expect(early.min).toBeGreaterThanOrEqual(full.min - 1e-12); // Ritz values approach ω_min from above
  });
  it('Lanczos extremes match the symmetric eigen-decomposition on a 20 × 20 queen grid', () => {
    const q = gridW(20, 20, true);
    const sym = symmetricForm(q)!;
    const e = symmetricEigenFast(sym.s.toDense());
    const l = lanczosExtremes(sym.s);
    expect(Math.abs(l.min - e.values[0])).toBeLessThan(1e-8);
    expect(Math.abs(l.max - e.values[399])).toBeLessThan(1e-8);
    expect(l.min - l.minBound).toBeLessThanOrEqual(e.values[0] + 1e-12);
  });
});

describe('the symmetric form of W = D⁻¹C', () => {
  it('is found for a row-standardised symmetric W and has W’s eigenvalues', () => {
    const w = gridW(6, 7, true);
    const s = symmetricForm(w)!;
    expect(s.s.isSymmetric(1e-12)).toBe(true);
    const a = createLogDet(w, { method: 'eigen-general' }).eigenvalues!.slice().sort();
    const b = symmetricEigen(s.s.toDense()).values;
    for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-10);
  });
  it('is null for a W that is not similar to a symmetric matrix (asymmetric pattern or inconsistent ratios)', () => {
    expect(symmetricForm(CsrMatrix.fromTriplets(3, 3, [0, 1, 2], [1, 2, 0], [1, 1, 1]))).toBeNull();
    // a 3-cycle in both directions with ratios whose product is not 1
    expect(symmetricForm(CsrMatrix.fromTriplets(3, 3, [0, 1, 1, 2, 2, 0], [1, 0, 2, 1, 0, 2], [0.5, 0.5, 0.5, 0.5, 0.25, 0.75]))).toBeNull();
  });
});

describe('envelope factorisations (property)', () => {
  const sparseSym = fc.integer({ min: 2, max: 40 }).chain((n) => fc.tuple(
    fc.constant(n),
    fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 }), fc.double({ min: 0.1, max: 1, noNaN: true })), { maxLength: 3 * n }),
  ));
  it('L·Lᵀ solves and log-determinants equal the dense Cholesky’s for diagonally dominant symmetric matrices', () => {
    fc.assert(fc.property(sparseSym, ([n, links]) => {
      const I: number[] = [], J: number[] = [], V: number[] = [];
      const seen = new Set<string>();
      for (const [i, j, v] of links) {
        if (i === j || seen.has(`${i},${j}`)) continue;
        seen.add(`${i},${j}`); seen.add(`${j},${i}`);
        I.push(i, j); J.push(j, i); V.push(v, v);
      }
      const a = CsrMatrix.fromTriplets(n, n, I, J, V);
      const rs = a.rowSums();
      const c = 1 + Math.max(0, ...rs); // c·I + A is diagonally dominant, so positive definite
      const env = new Envelope(a);
      const ch = new EnvelopeCholesky(env, a, 1, c);
      const dense = a.toDense();
      for (let i = 0; i < n; i++) dense.data[i + i * n] += c;
      expect(Math.abs(ch.logDet() - cholesky(createMatrix(n, n, Float64Array.from(dense.data))).logDet())).toBeLessThan(1e-9);
      const luf = new EnvelopeLu(env, a, 1, c);
      expect(Math.abs(luf.logDet() - ch.logDet())).toBeLessThan(1e-9);
      const b = Float64Array.from({ length: n }, (_, i) => i - n / 2);
      const x = ch.solve(b);
      const ax = a.matVec(x);
      for (let i = 0; i < n; i++) expect(Math.abs(ax[i] + c * x[i] - b[i])).toBeLessThan(1e-9 * (1 + Math.abs(b[i])));
    }), { numRuns: 60, seed: 11 });
  });
  it('reverse Cuthill–McKee is a permutation that restores a shuffled path to bandwidth 1', () => {
    const n = 50;
    const shuffle = Array.from({ length: n }, (_, i) => (i * 17) % n); // 17 is coprime with 50
    const I: number[] = [], J: number[] = [];
    for (let k = 0; k + 1 < n; k++) { I.push(shuffle[k], shuffle[k + 1]); J.push(shuffle[k + 1], shuffle[k]); }
    const a = CsrMatrix.fromTriplets(n, n, I, J, I.map(() => 1));
    const p = reverseCuthillMcKee(a);
    expect([...p].sort((x, y) => x - y)).toEqual(Array.from({ length: n }, (_, i) => i));
    const env = new Envelope(a, p);
    for (let i = 1; i < n; i++) expect(i - env.first[i]).toBeLessThanOrEqual(1);
  });
  it('Gibbs–Poole–Stockmeyer is a permutation (several components, isolated vertices) whose envelope factorises like the original', () => {
    fc.assert(fc.property(sparseSym, ([n, links]) => {
      const I: number[] = [], J: number[] = [];
      for (const [i, j] of links) if (i !== j) { I.push(i, j); J.push(j, i); }
      const a = CsrMatrix.fromTriplets(n, n, I, J, I.map(() => 1));
      const p = gibbsPooleStockmeyer(a);
      expect([...p].sort((x, y) => x - y)).toEqual(Array.from({ length: n }, (_, i) => i));
      const c = 1 + Math.max(0, ...a.rowSums());
      const dense = a.toDense();
      for (let i = 0; i < n; i++) dense.data[i + i * n] += c;
      expect(Math.abs(new EnvelopeCholesky(new Envelope(a, p), a, 1, c).logDet() - cholesky(createMatrix(n, n, Float64Array.from(dense.data))).logDet())).toBeLessThan(1e-9);
    }), { numRuns: 60, seed: 12 });
  });
  it('envelopeWork counts the multiply–adds of a band; cheapestEnvelope keeps a raster order, reorders a shuffled one (GPS beats RCM)', () => {
    // tridiagonal (a path in order): row i has one entry left of the diagonal, no overlap → n − 1
    const n = 30;
    const I: number[] = [], J: number[] = [];
    for (let k = 0; k + 1 < n; k++) { I.push(k, k + 1); J.push(k + 1, k); }
    const path = CsrMatrix.fromTriplets(n, n, I, J, I.map(() => 1));
    expect(envelopeWork(new Envelope(path, Int32Array.from({ length: n }, (_, i) => i)))).toBe(n - 1);
    // a 20 × 20 queen grid numbered row by row: the given band (width 21) beats RCM's diagonal levels
    const w = symmetricForm(gridW(20, 20, true))!.s;
    const env = cheapestEnvelope(w);
    expect([...env.perm]).toEqual(Array.from({ length: 400 }, (_, i) => i));
    expect(envelopeWork(env)).toBeLessThan(envelopeWork(new Envelope(w)));
    // both orders factor I − 0.4·S to the same log-determinant (dense LU reference)
    const dense = w.toDense();
    const a = createMatrix(400, 400, Float64Array.from(dense.data, (v, q) => (q % 401 === 0 ? 1 : 0) - 0.4 * v));
    const ref = lu(a).logAbsDet();
    expect(Math.abs(new EnvelopeCholesky(env, w, -0.4, 1).logDet() - ref)).toBeLessThan(1e-10);
    expect(Math.abs(new EnvelopeCholesky(new Envelope(w), w, -0.4, 1).logDet() - ref)).toBeLessThan(1e-10);
    // the same grid under a scrambled numbering: RCM wins
    const perm = Array.from({ length: 400 }, (_, i) => (i * 37) % 400); // 37 is coprime with 400
    const inv = new Int32Array(400);
    perm.forEach((o, k) => { inv[o] = k; });
    const Is: number[] = [], Js: number[] = [], Vs: number[] = [];
    for (let i = 0; i < 400; i++) for (let p = w.rowPtr[i]; p < w.rowPtr[i + 1]; p++) { Is.push(inv[i]); Js.push(inv[w.colIndex[p]]); Vs.push(w.values[p]); }
    const scrambled = CsrMatrix.fromTriplets(400, 400, Is, Js, Vs);
    const e2 = cheapestEnvelope(scrambled);
    const rcmWork = envelopeWork(new Envelope(scrambled, reverseCuthillMcKee(scrambled)));
    const gpsWork = envelopeWork(new Envelope(scrambled, gibbsPooleStockmeyer(scrambled)));
    // GPS's combined levels are narrower than RCM's L-shaped ones from a corner; the cheapest is kept
    expect(gpsWork).toBeLessThan(rcmWork);
    expect(envelopeWork(e2)).toBe(Math.min(rcmWork, gpsWork));
    expect(Math.abs(new EnvelopeCholesky(e2, scrambled, -0.4, 1).logDet() - ref)).toBeLessThan(1e-10);
  });
});

/** Row-standardised rook contiguity of an r × c torus: every cell has 4 neighbours, W = C/4 symmetric. */
function torusW(r: number, c: number): CsrMatrix {
  const I: number[] = [], J: number[] = [], V: number[] = [];
  for (let a = 0; a < r; a++) {
    for (let b = 0; b < c; b++) {
      for (const [da, db] of [[1, 0], [-1, 0], [0, 1], [0, -1]]) { I.push(a * c + b); J.push(((a + da + r) % r) * c + ((b + db + c) % c)); V.push(0.25); }
    }
  }
  return CsrMatrix.fromTriplets(r * c, r * c, I, J, V);
}

describe('traces', () => {
  it('Hutchinson information traces and the trace series on a 40 × 40 torus against its closed-form eigenvalues', () => {
    // eigenvalues of the torus W: (cos(2πa/r) + cos(2πb/c))/2
    const r = 40, c = 40, rho = 0.5;
    const w = torusW(r, c);
    const om: number[] = [];
    for (let a = 0; a < r; a++) for (let b = 0; b < c; b++) om.push((Math.cos((2 * Math.PI * a) / r) + Math.cos((2 * Math.PI * b) / c)) / 2);
    let t1 = 0, t2 = 0, a0 = 0, a1 = 0, ld0 = 0;
    for (const x of om) { const f = x / (1 - rho * x); t1 += f; t2 += f * f; a0 += 1 / (1 - rho * x); a1 += f; ld0 += Math.log(1 - rho * x); }
    const ld = createLogDet(w);
    expect(ld.method).toBe('sparse-cholesky');
    expect(Math.abs(ld.value(rho) - ld0)).toBeLessThan(1e-9);
    const t = infoTraces(ld, w, rho); // n = 1600 > the exact limit: stochastic traces
    expect(t.method).toBe('hutchinson');
    // t₁, t₂ from derivatives of the exact log-determinant; W symmetric: tr(W̃ᵀW̃) = tr(W̃²) exactly
    expect(Math.abs(t.t1 - t1) / Math.abs(t1)).toBeLessThan(1e-7);
    expect(Math.abs(t.t2 - t2) / t2).toBeLessThan(1e-7);
    expect(Math.abs(t.t3 - t2) / t2).toBeLessThan(1e-7);
    expect(t.relativeError).toBeLessThan(1e-7);
    const tr = effectTraces(ld, w);
    expect(tr.method).toBe('series');
    expect(Math.abs(tr.a0(rho) - a0 / om.length)).toBeLessThan(tr.errorBound(rho));
    expect(Math.abs(tr.a1(rho) - a1 / om.length)).toBeLessThan(tr.errorBound(rho));
    expect(tr.errorBound(rho)).toBeLessThan(1e-2);
    // from the exact log-determinant: a₁ = −(1/n) d/dρ ln|I − ρW|, a₀ = 1 + ρa₁
    const ch = logDetEffectTraces(ld, rho - 0.05, rho + 0.05);
    expect(ch.method).toBe('chebyshev');
    expect(ch.errorBound(rho)).toBeLessThan(1e-9);
    for (const r of [rho - 0.05, rho - 0.013, rho, rho + 0.05, rho + 0.2]) { // the last is outside the interpolation range
      let b0 = 0, b1 = 0;
      for (const x of om) { b0 += 1 / (1 - r * x); b1 += x / (1 - r * x); }
      expect(Math.abs(ch.a0(r) - b0 / om.length)).toBeLessThan(1e-9);
      expect(Math.abs(ch.a1(r) - b1 / om.length)).toBeLessThan(1e-9);
    }
  });
  it('the window interpolant of ln|I − ρW| (12 nodes) and the traces that use it, on a 40 × 40 torus against its closed-form eigenvalues', () => {
    const r = 40, c = 40, rho = 0.45;
    const w = torusW(r, c);
    const om: number[] = [];
    for (let a = 0; a < r; a++) for (let b = 0; b < c; b++) om.push((Math.cos((2 * Math.PI * a) / r) + Math.cos((2 * Math.PI * b) / c)) / 2);
    const exact = (x: number) => {
      let f = 0, d1 = 0, d2 = 0;
      for (const o of om) { const q = o / (1 - x * o); f += Math.log(1 - x * o); d1 -= q; d2 -= q * q; }
      return { f, d1, d2 };
    };
    const ld = createLogDet(w);
    const win = logDetWindow(ld, rho - 0.06, rho + 0.06);
    expect(win.nodes).toBe(WINDOW_NODES);
    for (const x of [rho - 0.06, rho - 0.02, rho, rho + 0.037, rho + 0.06]) {
      const e = exact(x);
      expect(Math.abs(win.value(x) - e.f)).toBeLessThan(1e-9);
      expect(Math.abs(win.d1(x) - e.d1)).toBeLessThan(Math.max(win.d1Error, 1e-9));
      expect(Math.abs(win.d2(x) - e.d2) / Math.abs(e.d2)).toBeLessThan(1e-7);
    }
    expect(win.d1Error / om.length).toBeLessThan(1e-9);
    expect(windowCovering(ld, rho - 0.05, rho + 0.05)).toBe(win);
    expect(windowCovering(ld, rho - 0.07, rho)).toBeNull();
    // the information and effect traces at ρ take the window's derivatives
    const t = infoTraces(ld, w, rho);
    const e = exact(rho);
    expect(Math.abs(t.t1 + e.d1) / Math.abs(e.d1)).toBeLessThan(1e-9);
    expect(Math.abs(t.t2 + e.d2) / Math.abs(e.d2)).toBeLessThan(1e-7);
    const tr = logDetEffectTraces(ld, rho - 0.05, rho + 0.05);
    expect(tr.errorBound(rho)).toBeLessThan(1e-9);
    expect(Math.abs(tr.a1(rho) + e.d1 / om.length)).toBeLessThan(1e-9);
  });
  it('large-W traces on a 40 × 40 queen grid (W not symmetric) against the exact sparse-solve traces', () => {
    const w = gridW(40, 40, true);
    const ld = createLogDet(w);
    const approx = infoTraces(ld, w, 0.45);
    const exact = infoTraces(ld, w, 0.45, Infinity);
    expect(approx.method).toBe('hutchinson');
    expect(exact.method).toBe('exact');
    expect(Math.abs(approx.t1 - exact.t1) / Math.abs(exact.t1)).toBeLessThan(1e-7);
    expect(Math.abs(approx.t2 - exact.t2) / exact.t2).toBeLessThan(1e-7);
    expect(approx.relativeError).toBeGreaterThan(0);
    expect(approx.relativeError).toBeLessThan(1e-2);
    expect(Math.abs(approx.t3 - exact.t3) / exact.t3).toBeLessThan(4 * approx.relativeError);
  });
  it('exact information traces from sparse solves equal the eigenvalue formulas (9 × 11 queen grid)', () => {
    const w = gridW(9, 11, true);
    const sym = symmetricForm(w)!;
    const om = symmetricEigen(sym.s.toDense()).values;
    const general = infoTraces(createLogDet(w, { method: 'sparse-lu' }), w, 0.4); // no eigenvalues: t₁, t₂ from W̃ itself
    const eig = infoTraces(createLogDet(w), w, 0.4);
    let t1 = 0, t2 = 0;
    for (const x of om) { const f = x / (1 - 0.4 * x); t1 += f; t2 += f * f; }
    for (const t of [general, eig]) {
      expect(t.method).toBe('exact');
      expect(Math.abs(t.t1 - t1)).toBeLessThan(1e-10);
      expect(Math.abs(t.t2 - t2)).toBeLessThan(1e-10);
    }
    expect(Math.abs(general.t3 - eig.t3)).toBeLessThan(1e-10);
  });
});
