/**
 * One-dimensional maximisation of a concentrated log-likelihood on an open interval: Brent's
 * golden-section / parabolic search (Brent 1973, ch. 5; R's `optimize`), then, when the score
 * (derivative) is available, Brent's zero finder on the score (Brent 1973, ch. 4; R's
 * `uniroot`) to polish the optimum: the likelihood itself is flat at its maximum, so its values
 * pin the argument down only to about √ε, while the score locates it to the requested tolerance.
 */

/** Result of `maximize1d`. */
export interface Maximum1d {
  readonly x: number;
  readonly value: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** Width of the final bracket of the argument. */
  readonly tolerance: number;
  /**
   * f″ at the first stage's optimum estimated from the parabola through Brent's last three
   * points (NaN when they do not determine one): a scale for the polishing window.
   */
  readonly curvature?: number;
}

const GOLD = 0.3819660112501051; // (3 − √5)/2

/**
 * Brent's minimiser of −f on [a, b] with absolute tolerance `tol` (plus 1e-10 relative).
 * Non-finite values count as −Infinity (outside the feasible set).
 */
function brentMax(f: (x: number) => number, a: number, b: number, tol: number, maxIter: number): Maximum1d {
  const g = (x: number): number => { const v = f(x); return Number.isFinite(v) ? -v : Infinity; };
  const eps = 1e-10;
  let v = a + GOLD * (b - a), w = v, x = v;
  let fx = g(x), fv = fx, fw = fx;
  let d = 0, e = 0;
  let it = 0;
  for (; it < maxIter; it++) {
    const xm = 0.5 * (a + b);
    const tol1 = eps * Math.abs(x) + tol / 3, tol2 = 2 * tol1;
    if (Math.abs(x - xm) <= tol2 - 0.5 * (b - a)) return { x, value: -fx, iterations: it, converged: true, tolerance: b - a, curvature: parabolaCurvature(x, -fx, w, -fw, v, -fv) };
    let golden = true;
    if (Math.abs(e) > tol1) {
      let r = (x - w) * (fx - fv), q = (x - v) * (fx - fw), p = (x - v) * q - (x - w) * r;
      q = 2 * (q - r);
      if (q > 0) p = -p; else q = -q;
      r = e; e = d;
      if (Math.abs(p) < Math.abs(0.5 * q * r) && p > q * (a - x) && p < q * (b - x)) {
        d = p / q;
        const u = x + d;
        if (u - a < tol2 || b - u < tol2) d = x < xm ? tol1 : -tol1;
        golden = false;
      }
    }
    if (golden) { e = (x < xm ? b : a) - x; d = GOLD * e; }
    const u = x + (Math.abs(d) >= tol1 ? d : d > 0 ? tol1 : -tol1);
    const fu = g(u);
    if (fu <= fx) {
      if (u < x) b = x; else a = x;
      v = w; fv = fw; w = x; fw = fx; x = u; fx = fu;
    } else {
      if (u < x) a = u; else b = u;
      if (fu <= fw || w === x) { v = w; fv = fw; w = u; fw = fu; } else if (fu <= fv || v === x || v === w) { v = u; fv = fu; }
    }
  }
  return { x, value: -fx, iterations: it, converged: false, tolerance: b - a, curvature: parabolaCurvature(x, -fx, w, -fw, v, -fv) };
}

/** Second derivative of the parabola through (x, fx), (w, fw), (v, fv): twice their second divided difference; NaN unless finite and the points distinct. */
function parabolaCurvature(x: number, fx: number, w: number, fw: number, v: number, fv: number): number {
  if (x === w || x === v || w === v) return NaN;
  const c = (2 * ((fw - fx) / (w - x) - (fv - fx) / (v - x))) / (w - v);
  return Number.isFinite(c) ? c : NaN;
}

/** Brent's zero finder on [a, b] with f(a)·f(b) ≤ 0, absolute tolerance `tol`. */
function brentZero(f: (x: number) => number, a: number, b: number, fa: number, fb: number, tol: number, maxIter: number): { x: number; iterations: number; converged: boolean } {
  let c = a, fc = fa, d = b - a, e = d;
  for (let it = 0; it < maxIter; it++) {
    if (Math.abs(fc) < Math.abs(fb)) { a = b; b = c; c = a; fa = fb; fb = fc; fc = fa; }
    const tol1 = 2 * Number.EPSILON * Math.abs(b) + 0.5 * tol;
    const xm = 0.5 * (c - b);
    if (Math.abs(xm) <= tol1 || fb === 0) return { x: b, iterations: it, converged: true };
    if (Math.abs(e) >= tol1 && Math.abs(fa) > Math.abs(fb)) {
      let p: number, q: number;
      const s = fb / fa;
      if (a === c) { p = 2 * xm * s; q = 1 - s; } else {
        const qq = fa / fc, r = fb / fc;
        p = s * (2 * xm * qq * (qq - r) - (b - a) * (r - 1));
        q = (qq - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q; else p = -p;
      if (2 * p < Math.min(3 * xm * q - Math.abs(tol1 * q), Math.abs(e * q))) { e = d; d = p / q; } else { d = xm; e = d; }
    } else { d = xm; e = d; }
    a = b; fa = fb;
    b += Math.abs(d) > tol1 ? d : xm > 0 ? tol1 : -tol1;
    fb = f(b);
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) { c = a; fc = fa; d = b - a; e = d; }
  }
  return { x: b, iterations: maxIter, converged: false };
}

/**
 * Maximise f on the open interval (lower, upper): Brent's search on [lower + δ, upper − δ]
 * (δ = 1e-9 of the width), then, with `score` = f′ (or `scoreNear(x₁, f″(x₁) estimate)`, a
 * score valid near the first optimum x₁), the score's zero in a bracket around the first optimum, to absolute
 * tolerance `tol`. The first stage stops at 1e-7 of the width, or at `coarseTol` when that is
 * larger (a polishing score valid on x₁ ± h needs x₁ only to a fraction of h).
 */
export function maximize1d(f: (x: number) => number, lower: number, upper: number,
  opts: { tol?: number; maxIter?: number; score?: (x: number) => number; scoreNear?: (x: number, curvature: number) => (x: number) => number; coarseTol?: number } = {}): Maximum1d {
  const tol = opts.tol ?? 1e-12;
  const maxIter = opts.maxIter ?? 200;
  const delta = 1e-9 * (upper - lower);
  const a = lower + delta, b = upper - delta;
  // with a score to polish on, the first stage only has to land near the optimum
  const polish = !!(opts.score || opts.scoreNear);
  const first = brentMax(f, a, b, polish ? Math.max(1e-7 * (b - a), opts.coarseTol ?? 0) : Math.max(tol, 1e-10 * (b - a)), maxIter);
  const score = opts.score ?? (opts.scoreNear && Number.isFinite(first.value) ? opts.scoreNear(first.x, first.curvature ?? NaN) : undefined);
  if (!score) return first;
  // bracket the score's sign change around the first optimum
  let h = Math.max(1e-7 * (b - a), 1e-9);
  for (let k = 0; k < 30; k++, h *= 4) {
    const lo = Math.max(a, first.x - h), hi = Math.min(b, first.x + h);
    const slo = score(lo), shi = score(hi);
    if (slo >= 0 && shi <= 0) {
      const z = brentZero(score, lo, hi, slo, shi, tol, maxIter);
      const value = f(z.x);
      if (Number.isFinite(value) && value >= first.value - 1e-9 * Math.max(1, Math.abs(first.value))) {
        return { x: z.x, value, iterations: first.iterations + z.iterations, converged: first.converged && z.converged, tolerance: tol };
      }
      return first;
    }
    if (lo === a && hi === b) break;
  }
  return first;
}
