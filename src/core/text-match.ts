/**
 * Close-match suggestions for region names: used when a panel id has no region or geometry
 * ("did you mean `Tennessee`?") and when geometry has no data.
 */

/**
 * Chinese administrative suffixes, longest first so that `广西壮族自治区` loses the whole
 * `壮族自治区` rather than only `自治区`.
 */
const ZH_SUFFIXES: readonly string[] = [
  '维吾尔自治区',
  '壮族自治区',
  '回族自治区',
  '特别行政区',
  '自治区',
  '自治州',
  '地区',
  '省',
  '市',
  '盟',
];

/**
 * Normalize a region name for comparison.
 *
 * Steps: Unicode NFKC (folds full-width letters, digits and punctuation to ASCII), lower case,
 * underscores/hyphens/punctuation/spaces removed, then one Chinese administrative suffix
 * (省, 市, 自治区, 壮族自治区, 回族自治区, 维吾尔自治区, 特别行政区, 地区, 自治州, 盟) stripped
 * when something remains, so `内蒙古自治区` → `内蒙古` and `广西壮族自治区` → `广西`.
 */
export function normalizeName(name: string): string {
  let s = name.normalize('NFKC').toLowerCase();
  s = s.replace(/[\s_\-.,;:'"`()[\]{}/\\·・、，。（）]+/gu, '');
  for (const suf of ZH_SUFFIXES) {
    if (s.length > suf.length && s.endsWith(suf)) {
      s = s.slice(0, s.length - suf.length);
      break;
    }
  }
  return s;
}

/**
 * Damerau–Levenshtein distance (optimal string alignment variant): the least number of
 * insertions, deletions, substitutions and transpositions of adjacent characters turning `a`
 * into `b`. Works on code points, so each Chinese character counts once.
 *
 * Reference: Damerau (1964), Commun. ACM 7(3); the restricted "OSA" recurrence.
 */
export function damerauLevenshtein(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  const m = s.length;
  const n = t.length;
  if (m === 0) return n;
  if (n === 0) return m;
  const d: number[][] = [];
  for (let i = 0; i <= m; i++) {
    d.push(new Array<number>(n + 1).fill(0));
    d[i][0] = i;
  }
  for (let j = 0; j <= n; j++) d[0][j] = j;
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) {
        v = Math.min(v, d[i - 2][j - 2] + 1);
      }
      d[i][j] = v;
    }
  }
  return d[m][n];
}

/**
 * Largest edit distance accepted between two normalized names: one edit for short names
 * (≤ 4 characters), then about a third of the longer length, at most 4.
 */
function threshold(a: string, b: string): number {
  const len = Math.max([...a].length, [...b].length);
  if (len <= 4) return 1;
  return Math.min(4, Math.max(1, Math.floor(len / 3)));
}

/**
 * Up to `max` candidates that closely match `name`, best first.
 *
 * A candidate whose normalized form equals the normalized name ranks first (distance 0, e.g.
 * `内蒙古自治区` vs `内蒙古`, `NEW YORK` vs `New York`); otherwise the Damerau–Levenshtein
 * distance of the normalized forms must be within a length-relative threshold
 * (`Tennesse` → `Tennessee`, `Mississipi` → `Mississippi`). When some candidates normalize to
 * the same form as `name`, only those are returned. Ties keep candidate order.
 * A candidate identical to `name` itself is not suggested.
 */
export function suggestMatches(name: string, candidates: readonly string[], max = 3): string[] {
  const n = normalizeName(name);
  if (n.length === 0) return [];
  const scored: { c: string; d: number; k: number }[] = [];
  const seen = new Set<string>();
  candidates.forEach((c, k) => {
    if (c === name || seen.has(c)) return;
    seen.add(c);
    const cn = normalizeName(c);
    if (cn.length === 0) return;
    const d = damerauLevenshtein(n, cn);
    if (d === 0 || d <= threshold(n, cn)) scored.push({ c, d, k });
  });
  scored.sort((x, y) => x.d - y.d || x.k - y.k);
  // An equal normalized form is unambiguous: then only such candidates are offered.
  const exact = scored.filter((s) => s.d === 0);
  return (exact.length ? exact : scored).slice(0, max).map((s) => s.c);
}

/** A region's code and the names an import may use for it. */
export interface RegionAlias {
  readonly code: string;
  /** Chinese name, English name, ... (null/empty entries are ignored). */
  readonly names: readonly (string | null | undefined)[];
}

/** How panel ids map to region codes. */
export interface IdResolution {
  /** id → region code, for every id that could be resolved. */
  readonly codeOf: ReadonlyMap<string, string>;
  /** Ids resolved through a name rather than the code itself, in first-seen order. */
  readonly byName: readonly { id: string; code: string; name: string }[];
  /** Ids that match no region (or several equally), in first-seen order. */
  readonly unknown: readonly string[];
}

/**
 * Resolve ids (as written in a data file) to region codes: the code itself; else a region's
 * name exactly (`北京市` → `110000`); else a unique match of normalized forms (case, spaces,
 * underscores, full-width characters and Chinese administrative suffixes ignored:
 * `NEW_YORK` → `New York`, `内蒙古` → the region named `内蒙古自治区`). Names shared by several
 * regions resolve to none (they are listed in `unknown`).
 */
export function resolveRegionIds(ids: readonly string[], regions: readonly RegionAlias[]): IdResolution {
  const codes = new Set(regions.map((r) => r.code));
  const exact = new Map<string, Set<string>>();
  const normal = new Map<string, Set<string>>();
  const add = (m: Map<string, Set<string>>, key: string, code: string) => {
    if (!key) return;
    let s = m.get(key);
    if (!s) m.set(key, (s = new Set()));
    s.add(code);
  };
  for (const r of regions) {
    for (const n of [r.code, ...r.names]) {
      if (n === null || n === undefined || n.trim() === '') continue;
      if (n !== r.code) add(exact, n.trim(), r.code);
      add(normal, normalizeName(n), r.code);
    }
  }
  const codeOf = new Map<string, string>();
  const byName: { id: string; code: string; name: string }[] = [];
  const unknown: string[] = [];
  for (const id of ids) {
    if (codeOf.has(id) || unknown.includes(id)) continue;
    if (codes.has(id)) {
      codeOf.set(id, id);
      continue;
    }
    const hit = exact.get(id.trim()) ?? normal.get(normalizeName(id));
    if (hit && hit.size === 1) {
      const code = [...hit][0];
      codeOf.set(id, code);
      byName.push({ id, code, name: id });
    } else unknown.push(id);
  }
  return { codeOf, byName, unknown };
}
