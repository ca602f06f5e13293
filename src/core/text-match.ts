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
 * Latin letters without their accents: `Querétaro` → `Queretaro`, `Nuevo León` → `Nuevo Leon`
 * (canonical decomposition, combining marks of the Latin range U+0300–U+036F dropped, then
 * recomposed; CJK text is unchanged).
 */
export function foldAccents(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC');
}

/**
 * Normalize a region name for comparison.
 *
 * Steps: Unicode NFKC (folds full-width letters, digits and punctuation to ASCII), accents
 * dropped (`foldAccents`), lower case,
 * underscores/hyphens/punctuation/spaces removed, then one Chinese administrative suffix
 * (省, 市, 自治区, 壮族自治区, 回族自治区, 维吾尔自治区, 特别行政区, 地区, 自治州, 盟) stripped
 * when something remains, so `内蒙古自治区` → `内蒙古` and `广西壮族自治区` → `广西`.
 */
export function normalizeName(name: string): string {
  let s = foldAccents(name.normalize('NFKC')).toLowerCase();
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
 * (≤ 4 characters), then a quarter of the longer length, at most 3 — so `Tennesse` →
 * `Tennessee` (1 of 9) and `Mississipi` → `Mississippi` (1 of 11) pass, but `Michoacan` is not
 * taken for `Michigan` (3 of 9).
 */
function threshold(a: string, b: string): number {
  const len = Math.max([...a].length, [...b].length);
  if (len <= 4) return 1;
  return Math.min(3, Math.max(1, Math.floor(len / 4)));
}

/** Words of a name: accents folded, lower case, split at anything that is not a letter or digit. */
export function nameTokens(name: string): string[] {
  return foldAccents(name.normalize('NFKC'))
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0);
}

/** Two words are the same word: equal, or (both of 5 letters or more) one edit apart (`Quertaro` / `Queretaro`). */
function sameToken(a: string, b: string): boolean {
  if (a === b) return true;
  return [...a].length >= 5 && [...b].length >= 5 && damerauLevenshtein(a, b) <= 1;
}

/**
 * How many words longer `b` is than `a` when the words of the shorter name begin the longer one
 * (an official long form: `Coahuila` / `Coahuila De Zaragoza`, `Veracruz` / `Veracruz-Llave`,
 * `Baja California` / `Baja California Norte`); `undefined` when they do not. A name that only
 * ends the other (`California` / `Baja California`, `Mexico` / `New Mexico`) is not a long form.
 */
export function longFormExtra(a: string, b: string): number | undefined {
  const ta = nameTokens(a);
  const tb = nameTokens(b);
  const [short, long] = ta.length <= tb.length ? [ta, tb] : [tb, ta];
  if (short.length === 0 || short.length === long.length) return undefined;
  for (let i = 0; i < short.length; i++) if (!sameToken(short[i], long[i])) return undefined;
  return long.length - short.length;
}

/**
 * Up to `max` candidates that closely match `name`, best first, in three tiers; only the best
 * non-empty tier is returned:
 *
 * 1. the same normalized form (case, accents, spaces, hyphens, full-width characters and
 *    Chinese administrative suffixes ignored: `内蒙古自治区` / `内蒙古`, `NEW YORK` / `New York`);
 * 2. an official long form (`longFormExtra`: `Coahuila` → `Coahuila De Zaragoza`,
 *    `Quertaro` → `Queretaro de Arteaga`), fewer extra words first;
 * 3. a spelling slip: Damerau–Levenshtein distance of the normalized forms within a
 *    length-relative threshold (`Tennesse` → `Tennessee`), closer first.
 *
 * Nothing is offered rather than a far guess (`Michoacan` is not `Michigan`, `Baja California`
 * is not `California`). Ties keep candidate order; a candidate identical to `name` is skipped.
 */
export function suggestMatches(name: string, candidates: readonly string[], max = 3): string[] {
  const n = normalizeName(name);
  if (n.length === 0) return [];
  const tiers: { c: string; d: number; k: number }[][] = [[], [], []];
  const seen = new Set<string>();
  candidates.forEach((c, k) => {
    if (c === name || seen.has(c)) return;
    seen.add(c);
    const cn = normalizeName(c);
    if (cn.length === 0) return;
    if (cn === n) {
      tiers[0].push({ c, d: 0, k });
      return;
    }
    const extra = longFormExtra(name, c);
    if (extra !== undefined) {
      tiers[1].push({ c, d: extra, k });
      return;
    }
    const d = damerauLevenshtein(n, cn);
    if (d <= threshold(n, cn)) tiers[2].push({ c, d, k });
  });
  const best = tiers.find((t) => t.length > 0) ?? [];
  best.sort((x, y) => x.d - y.d || x.k - y.k);
  return best.slice(0, max).map((s) => s.c);
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
 * regions resolve to none (they are listed in `unknown`). `aliases` (id as written → code: the
 * names a user chose for a yearbook's spellings, kept in the project) come right after the codes.
 */
export function resolveRegionIds(
  ids: readonly string[],
  regions: readonly RegionAlias[],
  aliases: ReadonlyMap<string, string> = new Map(),
): IdResolution {
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
    const chosen = aliases.get(id.trim());
    if (chosen !== undefined && codes.has(chosen)) {
      codeOf.set(id, chosen);
      byName.push({ id, code: chosen, name: id });
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
