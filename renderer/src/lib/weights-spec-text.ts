/**
 * A saved matrix's canonical spec text (`queen:std=row:links=460000|440000`, `knn:k=4:std=row`,
 * `file:w.gal:std=row`), made by the service in the CLI's `--weights-spec` syntax, described in
 * the UI language: `Queen 邻接 · 行标准化 · 1 条手动连接`. The canonical text itself stays
 * available (as a tooltip) since it is what `rwb --weights-spec` takes.
 */
import type { TFunction } from 'i18next';

type Std = 'row' | 'none' | 'binary' | 'spectral' | 'minmax';
const STD_KEYS: Record<Std, 'weights.stdRow' | 'weights.stdNone' | 'weights.stdBinary' | 'weights.stdSpectral' | 'weights.stdMinmax'> = {
  row: 'weights.stdRow', none: 'weights.stdNone', binary: 'weights.stdBinary', spectral: 'weights.stdSpectral', minmax: 'weights.stdMinmax',
};
const TYPES = ['queen', 'rook', 'knn', 'idw', 'band', 'econ'] as const;

/** The parts of a spec text described in the UI language, joined with ` · `. */
export function describeWeightsSpec(specText: string, t: TFunction): string {
  const [head, ...rest] = specText.split(':');
  const parts: string[] = [];
  let options = rest;
  if (head === 'file') {
    // `file:<name>:std=…` — the name may itself hold colons; options are the trailing k=v parts.
    const firstOption = rest.findIndex((p) => /^[a-z]+=/.test(p));
    const name = (firstOption < 0 ? rest : rest.slice(0, firstOption)).join(':');
    options = firstOption < 0 ? [] : rest.slice(firstOption);
    parts.push(t('weights.specFile', { file: name }));
  } else {
    parts.push((TYPES as readonly string[]).includes(head) ? t(`weights.${head as (typeof TYPES)[number]}`) : head);
  }
  for (const o of options) {
    const eq = o.indexOf('=');
    const key = eq < 0 ? o : o.slice(0, eq);
    const value = eq < 0 ? '' : o.slice(eq + 1);
    if (key === 'std' && value in STD_KEYS) parts.push(t(STD_KEYS[value as Std]));
    else if (key === 'k') parts.push(`k=${value}`);
    else if (key === 'order') parts.push(t('weights.specOrder', { order: value }));
    else if (key === 'power') parts.push(t('weights.specPower', { power: value }));
    else if (key === 'km') parts.push(value === 'min' ? t('weights.minKm') : t('weights.specKm', { km: value }));
    else if (key === 'var') parts.push(t('weights.specVariable', { variable: value }));
    else if (key === 'links') parts.push(t('weights.specLinks', { count: value.split(';').filter(Boolean).length }));
    // Other fields are notes a sample stored with its matrix (`points=provincial capitals`):
    // not part of the spec syntax and not in the UI language, so left out of the description.
  }
  return parts.join(' · ');
}

/** Option keys of the canonical spec syntax (`formatWeightsSpec`). */
const SPEC_KEYS = new Set(['k', 'power', 'km', 'order', 'cumulative', 'snap', 'kernel', 'var', 'from', 'to', 'metric', 'std', 'links']);

/**
 * The spec text as a tooltip when it is canonical `--weights-spec` syntax (what `rwb` takes);
 * undefined for a matrix stored with free-text notes (a sample's), whose notes are English.
 */
export function specTooltip(specText: string): string | undefined {
  const [head, ...rest] = specText.split(':');
  if (head === 'file') return specText;
  return rest.every((o) => SPEC_KEYS.has(o.split('=')[0])) ? specText : undefined;
}
