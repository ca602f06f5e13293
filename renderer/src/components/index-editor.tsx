/**
 * The Index tab's recipe editor: indicators (expression, direction + / −, criterion layer),
 * normalisation, scope and shift, the weighting method (with G1 order and ratios, user weights,
 * subjective × objective combination) and the aggregation. Edits a recipe as the contract
 * writes it (`indexRecipeSchema`); the panel builds and saves it.
 */
import { useTranslation } from 'react-i18next';
import type { JobInputOf } from '../../../src/contract';
import { INDEX_AGGREGATIONS, INDEX_COMBINE_RULES, INDEX_NORMALISATIONS, INDEX_OBJECTIVE_METHODS, INDEX_SCOPES } from '../../../src/contract/constants';

/** A recipe as the editor holds it (the contract's input shape, every field present). */
export type Recipe = Required<Omit<JobInputOf<'index-build'>['recipe'], 'weights'>> & { weights: NonNullable<JobInputOf<'index-build'>['recipe']['weights']> };
type Indicator = Recipe['indicators'][number];

/** The methods the editor offers (pca-variance is PCA with mode variance). */
export const EDITOR_METHODS = ['entropy', 'critic', 'cv', 'pca', 'pca-variance', 'equal', 'user', 'g1', 'g1-sd', 'combined'] as const;
type EditorMethod = (typeof EDITOR_METHODS)[number];

/** The text fields behind the weighting method (kept while the method changes). */
export interface WeightFields {
  readonly method: EditorMethod;
  /** G1 / SD-modified G1: indicators most important first, "a > b > c". */
  readonly order: string;
  /** G1 ratios r_2..r_m: "1.2, 1.4". */
  readonly ratios: string;
  /** User weights "a=0.3, b=0.7". */
  readonly user: string;
  /** Combined: the subjective part. */
  readonly subjective: 'g1' | 'equal' | 'user';
  readonly objective: (typeof INDEX_OBJECTIVE_METHODS)[number];
  readonly rule: (typeof INDEX_COMBINE_RULES)[number];
  readonly alpha: number;
  /** Dimension weights "economy=0.6, society=0.4"; empty: each layer weighs the sum of its indicators. */
  readonly dimensionWeights: string;
}

/** The default fields. */
export const DEFAULT_WEIGHT_FIELDS: WeightFields = {
  method: 'entropy', order: '', ratios: '', user: '', subjective: 'g1', objective: 'entropy', rule: 'linear', alpha: 0.5, dimensionWeights: '',
};

/** "a=0.3, b=0.7" → { a: 0.3, b: 0.7 } (commas inside parentheses belong to the name). */
export function parsePairs(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  let depth = 0, start = 0;
  for (let i = 0; i <= text.length; i++) {
    const ch = text[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (i === text.length || ((ch === ',' || ch === '，') && depth === 0)) {
      const part = text.slice(start, i).trim();
      start = i + 1;
      if (part === '') continue;
      const k = part.lastIndexOf('=');
      out[part.slice(0, k).trim()] = Number(part.slice(k + 1));
    }
  }
  return out;
}

/** The weights spec of the fields (the contract validates it). */
export function weightsOf(f: WeightFields): Recipe['weights'] {
  const order = f.order.split('>').map((s) => s.trim()).filter(Boolean);
  const ratios = f.ratios.split(/[,，\s]+/).filter(Boolean).map(Number);
  const g1 = { method: 'g1' as const, order, ratios };
  const user = { method: 'user' as const, weights: parsePairs(f.user) };
  switch (f.method) {
    case 'pca-variance': return { method: 'pca', mode: 'variance' };
    case 'g1': return g1;
    case 'g1-sd': return { method: 'g1-sd', order };
    case 'user': return user;
    case 'combined': return {
      method: 'combined',
      subjective: f.subjective === 'g1' ? g1 : f.subjective === 'user' ? user : { method: 'equal' },
      objective: { method: f.objective }, rule: f.rule, ...(f.rule === 'linear' ? { alpha: f.alpha } : {}),
    };
    default: return { method: f.method };
  }
}

/** The fields of a saved recipe's weights (for re-opening it). */
export function fieldsOf(w: Recipe['weights'], dimensionWeights: Recipe['dimensionWeights']): WeightFields {
  const base = { ...DEFAULT_WEIGHT_FIELDS, dimensionWeights: dimensionWeights ? Object.entries(dimensionWeights).map(([k, v]) => `${k}=${v}`).join(', ') : '' };
  const g1Text = (g: { order: readonly string[]; ratios?: readonly number[] }) => ({ order: g.order.join(' > '), ratios: (g.ratios ?? []).join(', ') });
  const userText = (u: Readonly<Record<string, number>>) => Object.entries(u).map(([k, v]) => `${k}=${v}`).join(', ');
  switch (w.method) {
    case 'pca': return { ...base, method: w.mode === 'variance' ? 'pca-variance' : 'pca' };
    case 'g1': return { ...base, method: 'g1', ...g1Text(w) };
    case 'g1-sd': return { ...base, method: 'g1-sd', ...g1Text(w) };
    case 'user': return { ...base, method: 'user', user: userText(w.weights) };
    case 'combined': {
      const s = w.subjective;
      return {
        ...base, method: 'combined', objective: w.objective.method, rule: w.rule, alpha: w.alpha ?? 0.5,
        subjective: s.method, ...(s.method === 'g1' ? g1Text(s) : {}), ...(s.method === 'user' ? { user: userText(s.weights) } : {}),
      };
    }
    default: return { ...base, method: w.method };
  }
}

/** Props of the editor. */
export interface IndexEditorProps {
  readonly recipe: Recipe;
  readonly fields: WeightFields;
  readonly variables: readonly string[];
  readonly onRecipe: (r: Recipe) => void;
  readonly onFields: (f: WeightFields) => void;
}

/** The editor. */
export function IndexEditor({ recipe, fields, variables, onRecipe, onFields }: IndexEditorProps) {
  const { t } = useTranslation();
  const setIndicator = (k: number, patch: Partial<Indicator>) => onRecipe({ ...recipe, indicators: recipe.indicators.map((x, j) => (j === k ? { ...x, ...patch } : x)) });
  const usesOrder = fields.method === 'g1' || fields.method === 'g1-sd' || (fields.method === 'combined' && fields.subjective === 'g1');
  const usesRatios = fields.method === 'g1' || (fields.method === 'combined' && fields.subjective === 'g1');
  const usesUser = fields.method === 'user' || (fields.method === 'combined' && fields.subjective === 'user');
  return (
    <div className="index-editor" data-testid="index-editor">
      <datalist id="index-variables">{variables.map((v) => <option key={v} value={v} />)}</datalist>
      <table className="stats-table index-indicators" data-testid="index-indicators">
        <thead><tr><th>{t('index.criterionLayer')}</th><th>{t('index.indicator')}</th><th>{t('index.direction')}</th><th /></tr></thead>
        <tbody>
          {recipe.indicators.map((ind, k) => (
            <tr key={k} data-row={k}>
              <td><input aria-label={t('index.criterionLayer')} value={ind.dimension} placeholder={t('index.layerPlaceholder')} onChange={(e) => setIndicator(k, { dimension: e.target.value })} /></td>
              <td><input aria-label={t('index.indicator')} list="index-variables" value={ind.expr} onChange={(e) => setIndicator(k, { expr: e.target.value })} /></td>
              <td>
                <select aria-label={t('index.direction')} value={ind.direction} onChange={(e) => setIndicator(k, { direction: e.target.value as '+' | '-' })}>
                  <option value="+">{t('index.positive')}</option>
                  <option value="-">{t('index.negative')}</option>
                </select>
              </td>
              <td><button type="button" onClick={() => onRecipe({ ...recipe, indicators: recipe.indicators.filter((_, j) => j !== k) })}>{t('index.remove')}</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => onRecipe({ ...recipe, indicators: [...recipe.indicators, { expr: variables[0] ?? '', direction: '+', dimension: recipe.indicators[recipe.indicators.length - 1]?.dimension ?? '' }] })}>
        {t('index.addIndicator')}
      </button>
      <div className="inline index-methods">
        <label className="muted small" htmlFor="index-normalisation">{t('index.normalisation')}</label>
        <select id="index-normalisation" value={recipe.normalisation} onChange={(e) => onRecipe({ ...recipe, normalisation: e.target.value as Recipe['normalisation'] })}>
          {INDEX_NORMALISATIONS.map((m) => <option key={m} value={m}>{t(`index.normalisations.${m}`)}</option>)}
        </select>
        <label className="muted small" htmlFor="index-scope">{t('index.scope')}</label>
        <select id="index-scope" value={recipe.scope} onChange={(e) => onRecipe({ ...recipe, scope: e.target.value as Recipe['scope'] })}>
          {INDEX_SCOPES.map((m) => <option key={m} value={m}>{t(`index.scopes.${m}`)}</option>)}
        </select>
        <label className="muted small" htmlFor="index-shift">{t('index.shift')}</label>
        <input id="index-shift" type="number" min={0} max={1} step={0.0001} value={recipe.shift} onChange={(e) => onRecipe({ ...recipe, shift: Number(e.target.value) || 0 })} />
        <label className="muted small" htmlFor="index-weights">{t('index.weights')}</label>
        <select id="index-weights" value={fields.method} onChange={(e) => onFields({ ...fields, method: e.target.value as EditorMethod })}>
          {EDITOR_METHODS.map((m) => <option key={m} value={m}>{t(`index.methods.${m}`)}</option>)}
        </select>
        <label className="muted small" htmlFor="index-aggregate">{t('index.aggregate')}</label>
        <select id="index-aggregate" value={recipe.aggregate} onChange={(e) => onRecipe({ ...recipe, aggregate: e.target.value as Recipe['aggregate'] })}>
          {INDEX_AGGREGATIONS.map((m) => <option key={m} value={m}>{t(`index.aggregations.${m}`)}</option>)}
        </select>
      </div>
      {fields.method === 'combined' && (
        <div className="inline">
          <label className="muted small" htmlFor="index-subjective">{t('index.subjective')}</label>
          <select id="index-subjective" value={fields.subjective} onChange={(e) => onFields({ ...fields, subjective: e.target.value as WeightFields['subjective'] })}>
            {(['g1', 'equal', 'user'] as const).map((m) => <option key={m} value={m}>{t(`index.methods.${m}`)}</option>)}
          </select>
          <label className="muted small" htmlFor="index-objective">{t('index.objective')}</label>
          <select id="index-objective" value={fields.objective} onChange={(e) => onFields({ ...fields, objective: e.target.value as WeightFields['objective'] })}>
            {INDEX_OBJECTIVE_METHODS.map((m) => <option key={m} value={m}>{t(`index.methods.${m}`)}</option>)}
          </select>
          <label className="muted small" htmlFor="index-rule">{t('index.rule')}</label>
          <select id="index-rule" value={fields.rule} onChange={(e) => onFields({ ...fields, rule: e.target.value as WeightFields['rule'] })}>
            {INDEX_COMBINE_RULES.map((m) => <option key={m} value={m}>{t(`index.rules.${m}`)}</option>)}
          </select>
          {fields.rule === 'linear' && (
            <>
              <label className="muted small" htmlFor="index-alpha">{t('index.alpha')}</label>
              <input id="index-alpha" type="number" min={0} max={1} step={0.05} value={fields.alpha} onChange={(e) => onFields({ ...fields, alpha: Number(e.target.value) })} />
            </>
          )}
        </div>
      )}
      {(usesOrder || usesUser) && (
        <div className="inline">
          {usesOrder && (
            <>
              <label className="muted small" htmlFor="index-order">{t('index.order')}</label>
              <input id="index-order" className="wide" value={fields.order} placeholder="pgdp > digital > urban" onChange={(e) => onFields({ ...fields, order: e.target.value })} />
            </>
          )}
          {usesRatios && (
            <>
              <label className="muted small" htmlFor="index-ratios">{t('index.ratios')}</label>
              <input id="index-ratios" value={fields.ratios} placeholder="1.2, 1.4" onChange={(e) => onFields({ ...fields, ratios: e.target.value })} />
            </>
          )}
          {usesUser && (
            <>
              <label className="muted small" htmlFor="index-user">{t('index.userWeights')}</label>
              <input id="index-user" className="wide" value={fields.user} placeholder="pgdp=0.4, digital=0.6" onChange={(e) => onFields({ ...fields, user: e.target.value })} />
            </>
          )}
        </div>
      )}
      <div className="inline">
        <label className="muted small" htmlFor="index-dimension-weights">{t('index.dimensionWeights')}</label>
        <input id="index-dimension-weights" className="wide" value={fields.dimensionWeights} placeholder={t('index.dimensionWeightsPlaceholder')} onChange={(e) => onFields({ ...fields, dimensionWeights: e.target.value })} />
      </div>
    </div>
  );
}
