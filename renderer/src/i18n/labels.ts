/**
 * Display names of project data in the UI language: region groups (the NBS four regions
 * arrive as `East` / `Central` / `West` / `Northeast` and are shown as 东部 / 中部 / 西部 / 东北
 * in Chinese; other group values are shown as they are), region names (the Chinese name field
 * in Chinese), the sample projects' titles and variable labels. The data keep their values:
 * only the display is translated.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import type { ProjectSummary, RegionInfo, VariableInfo } from '../../../src/contract';

/** Untyped lookup of a dynamic catalogue key (data values are not typed keys); null when absent. */
function lookup(i18n: I18n, key: string): string | null {
  const v: unknown = i18n.getResource(i18n.language, 'translation', key) ?? i18n.getResource('en', 'translation', key);
  return typeof v === 'string' ? v : null;
}

/** Chinese administrative suffixes dropped from short labels (海南省 → 海南). */
const ZH_SUFFIX = /(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区)$/u;

/** The NBS four regions in their customary order. */
const NBS_ORDER = ['East', 'Central', 'West', 'Northeast'];

/**
 * A sample variable's source sentence from the catalogue (`sampleSources.<sample>`, its
 * `{{seed}}` taken from the stored sentence), else the stored sentence.
 */
function sampleSource(i18n: I18n, sample: string | null, source: string | null): string | null {
  if (!sample || !source) return source;
  const seed = /\bseed (\d+)/.exec(source)?.[1];
  const template = lookup(i18n, `sampleSources.${sample}`);
  if (!template || seed === undefined) return source;
  return template.replace(/\{\{\s*seed\s*\}\}/g, seed);
}

/** The display helpers for one language. */
export interface Labels {
  /** The language they are for. */
  readonly language: string;
  /** A region group value for display (East → 东部 in Chinese). */
  group(g: string): string;
  /** A region's name: the Chinese name in Chinese, else the English name, else the code. */
  regionName(r: RegionInfo | undefined, code: string): string;
  /** A short label for pickers: `Hainan (海南)` in English, `海南` in Chinese. */
  regionShort(r: RegionInfo | undefined, code: string): string;
  /** Label, unit and source of a variable (a sample project's from the catalogue). */
  variable(v: VariableInfo | undefined, name: string): { label: string; unit: string | null; source: string | null };
  /** Region groups in display order: the NBS order (East, Central, West, Northeast) first, then the rest as given. */
  orderGroups(groups: readonly string[]): string[];
  /** Title of a sample project, or `fallback`. */
  sampleTitle(name: string, fallback: string): string;
  /** Description of a sample project, or `fallback`. */
  sampleDescription(name: string, fallback: string): string;
}

/** The display helpers for `i18n`'s current language and the open project's sample name. */
export function makeLabels(i18n: I18n, sample: string | null): Labels {
  const zh = i18n.language.startsWith('zh');
  return {
    language: i18n.language,
    group: (g) => lookup(i18n, `regionGroups.${g}`) ?? g,
    regionName: (r, code) => (zh ? (r?.nameZh ?? r?.nameEn) : (r?.nameEn ?? r?.nameZh)) ?? code,
    regionShort: (r, code) => {
      if (!r) return code;
      const short = r.nameZh?.replace(ZH_SUFFIX, '') ?? null;
      if (zh) return short ?? r.nameEn ?? code;
      return r.nameEn && short ? `${r.nameEn} (${short})` : (r.nameEn ?? r.nameZh ?? code);
    },
    variable: (v, name) => {
      const base = sample ? `sampleVariables.${sample}.${name}` : null;
      const label = (base && lookup(i18n, `${base}.label`)) || v?.label || name;
      const unit = (base && lookup(i18n, `${base}.unit`)) || v?.unit || null;
      return { label, unit, source: sampleSource(i18n, sample, v?.source ?? null) };
    },
    orderGroups: (groups) => [...NBS_ORDER.filter((g) => groups.includes(g)), ...groups.filter((g) => !NBS_ORDER.includes(g))],
    sampleTitle: (name, fallback) => lookup(i18n, `samples.${name}.title`) ?? fallback,
    sampleDescription: (name, fallback) => lookup(i18n, `samples.${name}.description`) ?? fallback,
  };
}

/** Hook: the display helpers for the current language (and the open project, for sample variables). */
export function useLabels(project?: Pick<ProjectSummary, 'sample'> | null): Labels {
  const { i18n } = useTranslation();
  const sample = project?.sample ?? null;
  const lang = i18n.language;
  return useMemo(() => makeLabels(i18n, sample), [i18n, sample, lang]);
}
