/**
 * The fonts every exported figure uses: Noto Sans SC (SIL Open Font License 1.1, the LICENSE file
 * of @fontsource/noto-sans-sc), shipped as ~100 unicode-range subsets per weight. For a figure we
 * pick only the subsets that cover its characters (plus the Latin subset, always), decode them
 * from WOFF 1.0 to sfnt (./woff.ts) and cache the result — in memory (pdfkit takes buffers) and as
 * files in a cache directory (resvg-js 2.6 loads fonts only from paths). Nothing depends on the
 * system's fonts, so text is never drawn as empty boxes on a machine without CJK fonts.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { InputError } from '../../core/errors';
import { nameTable, woffToSfnt } from './woff';

/** Weights the figures use (FontWeight 'normal' → 400, 'bold' → 700). */
export type FontWeightNumber = 400 | 700;

/** One subset file of a weight and the code points it covers. */
export interface FontSubset {
  /** File name under the package's files/ folder, e.g. `noto-sans-sc-latin-400-normal.woff`. */
  readonly file: string;
  readonly weight: FontWeightNumber;
  /** Inclusive code point ranges [lo, hi] from the CSS unicode-range. */
  readonly ranges: readonly (readonly [number, number])[];
  /** True for the Latin subset (always included). */
  readonly latin: boolean;
}

/** A decoded subset ready for a renderer. */
export interface LoadedFont extends FontSubset {
  /**
   * The subset's own family name (its 'name' table is rewritten to it), e.g.
   * `RWB Noto Sans SC 700 latin`: the PNG writer points each run of text at the one subset
   * that covers it, because resvg's glyph fallback ignores the weight (it takes the first font
   * with the glyph), which drew bold Latin text in the regular subset.
   */
  readonly family: string;
  /** The sfnt bytes (TrueType/OpenType). */
  readonly data: Uint8Array;
  /** Path of the decoded file in the cache directory (for resvg). */
  readonly path: string;
}

const PACKAGE = '@fontsource/noto-sans-sc';

/** Directory of the installed @fontsource/noto-sans-sc package (resolved from node_modules, also from the CLI bundle). */
export function fontPackageDir(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve(`${PACKAGE}/package.json`));
}

/**
 * Parse a fontsource CSS file: every @font-face's `.woff` source and unicode-range.
 * @throws InputError `figure-font-css` when it lists no WOFF source.
 */
export function parseFontCss(css: string, weight: FontWeightNumber, cssName = `${weight}.css`): FontSubset[] {
  const out: FontSubset[] = [];
  for (const block of css.split('@font-face').slice(1)) {
    const woff = /url\(\.\/files\/([^)]+\.woff)\)\s*format\('woff'\)/.exec(block);
    const range = /unicode-range:\s*([^;]+);/.exec(block);
    if (!woff || !range) continue;
    const ranges: [number, number][] = [];
    for (const part of range[1].split(',')) {
      const m = /U\+([0-9a-f?]+)(?:-([0-9a-f]+))?/i.exec(part.trim());
      if (!m) continue;
      if (m[1].includes('?')) {
        ranges.push([parseInt(m[1].replace(/\?/g, '0'), 16), parseInt(m[1].replace(/\?/g, 'f'), 16)]);
      } else {
        const lo = parseInt(m[1], 16);
        ranges.push([lo, m[2] ? parseInt(m[2], 16) : lo]);
      }
    }
    out.push({ file: woff[1], weight, ranges, latin: /-latin-\d+-normal\.woff$/.test(woff[1]) });
  }
  if (out.length === 0) throw new InputError('figure-font-css', `The font list ${cssName} names no WOFF font file.`, { file: cssName });
  return out;
}

const subsetsByWeight = new Map<FontWeightNumber, FontSubset[]>();

/** The subsets of one weight, from the package's `<weight>.css` (read once). */
export function fontSubsets(weight: FontWeightNumber): readonly FontSubset[] {
  let list = subsetsByWeight.get(weight);
  if (!list) {
    const css = readFileSync(join(fontPackageDir(), `${weight}.css`), 'utf8');
    list = parseFontCss(css, weight);
    subsetsByWeight.set(weight, list);
  }
  return list;
}

/** True when `subset` covers code point `cp`. */
export function covers(subset: FontSubset, cp: number): boolean {
  for (const [lo, hi] of subset.ranges) if (cp >= lo && cp <= hi) return true;
  return false;
}

/**
 * The subsets needed for `text` in `weight`: Latin, plus each subset that covers a character of
 * the text (the first one in CSS order that covers it). Characters no subset covers are left out
 * (they are control or space characters in practice).
 */
export function subsetsFor(text: string, weight: FontWeightNumber): FontSubset[] {
  const all = fontSubsets(weight);
  const chosen = new Set<FontSubset>(all.filter((s) => s.latin));
  const seen = new Set<number>();
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x80 || seen.has(cp)) continue;
    seen.add(cp);
    const s = all.find((f) => covers(f, cp));
    if (s) chosen.add(s);
  }
  return all.filter((s) => chosen.has(s));
}

/** Cache directory for decoded fonts: `RWB_FONT_CACHE` or `<os tmp>/rwb-font-cache`. */
export function fontCacheDir(): string {
  return process.env.RWB_FONT_CACHE || join(tmpdir(), 'rwb-font-cache');
}

const loaded = new Map<string, LoadedFont>();

/** Version of the decoded files' layout (bumped when the decoding changes, so old cache files are not reused). */
const CACHE_LAYOUT = 'n1';

/** The family name a subset is given: `RWB Noto Sans SC <weight> <subset>`. */
export function subsetFamily(subset: FontSubset): string {
  const key = /^noto-sans-sc-(.+)-\d+-normal\.woff$/.exec(subset.file)?.[1] ?? subset.file;
  return `RWB Noto Sans SC ${subset.weight} ${key}`;
}

/**
 * Decode one subset (memory cache, then disk cache keyed by a hash of the WOFF bytes, then
 * decoding) and make sure its sfnt file exists in the cache directory.
 * @throws InputError `figure-font-missing` when the shipped WOFF file is absent; `figure-font-bad-woff`.
 */
export function loadSubset(subset: FontSubset): LoadedFont {
  const hit = loaded.get(subset.file);
  if (hit && existsSync(hit.path)) return hit;
  const src = join(fontPackageDir(), 'files', subset.file);
  if (!existsSync(src)) {
    throw new InputError('figure-font-missing', `The shipped font file ${subset.file} is missing; reinstall the app.`, { file: subset.file });
  }
  const woff = readFileSync(src);
  const hash = createHash('sha256').update(woff).digest('hex').slice(0, 16);
  const dir = fontCacheDir();
  const family = subsetFamily(subset);
  const path = join(dir, `${subset.file.replace(/\.woff$/, '')}-${hash}-${CACHE_LAYOUT}.ttf`);
  let data: Uint8Array;
  if (existsSync(path)) data = readFileSync(path);
  else {
    data = woffToSfnt(woff, subset.file, { name: nameTable(family, subset.weight === 700 ? 'Bold' : 'Regular') });
    mkdirSync(dir, { recursive: true });
    const tmp = `${path}.${process.pid}-${threadId}.tmp`;
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  }
  const font: LoadedFont = { ...subset, family, data, path };
  loaded.set(subset.file, font);
  return font;
}

/** Decoded fonts for `text` in the given weights (regular always). */
export function fontsForText(text: string, weights: readonly FontWeightNumber[] = [400, 700]): LoadedFont[] {
  const out: LoadedFont[] = [];
  for (const w of weights) for (const s of subsetsFor(text, w)) out.push(loadSubset(s));
  return out;
}

/**
 * Runs of `text` with the subset that draws each character (the Latin subset when it covers
 * it, else the first of `fonts` whose range covers it); a character no subset covers stays in
 * the current run.
 */
export function fontRuns(text: string, fonts: readonly LoadedFont[]): { text: string; font: LoadedFont }[] {
  const latin = fonts.find((f) => f.latin) ?? fonts[0];
  // Latin first: several CJK subsets also list some ASCII, but the Latin subset is the one meant for it.
  const order = [latin, ...fonts.filter((f) => f !== latin)];
  const runs: { text: string; font: LoadedFont }[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    const last = runs[runs.length - 1];
    const font = order.find((f) => covers(f, cp)) ?? last?.font ?? latin;
    if (last && last.font === font) last.text += ch;
    else runs.push({ text: ch, font });
  }
  return runs;
}
