/** Small column statistics shared by the weighting methods (sample moments, Pearson r). */

/** Mean of a column. */
export function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}

/** Sample standard deviation (divisor n − 1, as R `sd`). */
export function sd(x: ArrayLike<number>): number {
  const m = mean(x);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] - m) ** 2;
  return Math.sqrt(s / (x.length - 1));
}

/** Pearson correlation matrix of columns (row-major m×m nested arrays), as R `cor`. */
export function correlationMatrix(cols: readonly ArrayLike<number>[]): number[][] {
  const m = cols.length;
  const n = m > 0 ? cols[0].length : 0;
  const centred = cols.map((c) => {
    const mu = mean(c);
    const d = new Float64Array(n);
    for (let i = 0; i < n; i++) d[i] = c[i] - mu;
    return d;
  });
  const ss = centred.map((d) => { let s = 0; for (let i = 0; i < n; i++) s += d[i] * d[i]; return Math.sqrt(s); });
  const r: number[][] = Array.from({ length: m }, () => new Array<number>(m).fill(0));
  for (let j = 0; j < m; j++) {
    r[j][j] = 1;
    for (let k = j + 1; k < m; k++) {
      let s = 0;
      const a = centred[j], b = centred[k];
      for (let i = 0; i < n; i++) s += a[i] * b[i];
      r[j][k] = r[k][j] = s / (ss[j] * ss[k]);
    }
  }
  return r;
}

/** Ranks 1..n with ties given their average rank (R `rank(ties.method = "average")`). */
export function averageRanks(x: ArrayLike<number>): Float64Array {
  const n = x.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a] - x[b]);
  const r = new Float64Array(n);
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && x[order[j + 1]] === x[order[i]]) j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) r[order[k]] = avg;
    i = j + 1;
  }
  return r;
}

/** Spearman's rank correlation: Pearson's r of the average ranks (R `cor(method = "spearman")`). */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  return correlationMatrix([averageRanks(x), averageRanks(y)])[0][1];
}
