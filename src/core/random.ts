/**
 * Seeded pseudo-random numbers. Every simulation, permutation or draw in the workbench takes
 * an `Rng` created here, and the seed is stored with the result, so runs are reproducible.
 * Generator: xoshiro128** (Blackman & Vigna 2018) seeded through splitmix32; normals by the
 * polar Box–Muller method.
 */
export interface Rng {
  /** The seed this generator was created with. */
  readonly seed: number;
  /** Uniform on [0, 1). */
  uniform(): number;
  /** Standard normal N(0, 1). */
  normal(): number;
  /** Uniform integer on [0, n). */
  int(n: number): number;
  /**
   * Uniform integer on [0, n) from one 32-bit draw (n ≤ 2³²; bias below n / 2³², negligible for
   * permutations of up to millions of regions) — half the cost of `int`, for permutation tests.
   */
  below(n: number): number;
  /** Fisher–Yates shuffle of `a` in place; returns `a`. */
  shuffle<T>(a: T[]): T[];
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Create a seeded generator. @throws RangeError when `seed` is not a finite integer. */
export function createRng(seed: number): Rng {
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const sm = splitmix32(seed);
  // The four 32-bit words live in an Int32Array (the same bits as unsigned words): closure
  // variables above 2³¹ would be boxed numbers, one allocation per draw.
  const st = Int32Array.of(sm(), sm(), sm(), sm());
  const next = (): number => {
    const a = st[0], b = st[1];
    const b5 = Math.imul(b, 5);
    const r = Math.imul((b5 << 7) | (b5 >>> 25), 9);
    const c = st[2] ^ a;
    const d = st[3] ^ b;
    st[1] = b ^ c;
    st[0] = a ^ d;
    st[2] = c ^ (b << 9);
    st[3] = (d << 11) | (d >>> 21);
    return r >>> 0;
  };
  let spare: number | null = null;
  const uniform = (): number => {
    // 53-bit resolution from two 32-bit outputs.
    const hi = next() >>> 5, lo = next() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  };
  return {
    seed,
    uniform,
    normal(): number {
      if (spare !== null) { const s = spare; spare = null; return s; }
      let u = 0, v = 0, s = 0;
      do { u = 2 * uniform() - 1; v = 2 * uniform() - 1; s = u * u + v * v; } while (s >= 1 || s === 0);
      const m = Math.sqrt((-2 * Math.log(s)) / s);
      spare = v * m;
      return u * m;
    },
    int(n: number): number { return Math.floor(uniform() * n); },
    below(n: number): number { return Math.floor((next() / 4294967296) * n); },
    shuffle<T>(arr: T[]): T[] {
      for (let i = arr.length - 1; i > 0; i--) {
        const j = Math.floor(uniform() * (i + 1));
        const tmp = arr[i]; arr[i] = arr[j]; arr[j] = tmp;
      }
      return arr;
    },
  };
}
