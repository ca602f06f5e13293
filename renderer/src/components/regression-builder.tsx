/**
 * The model builder: dependent variable (a variable or an expression), regressors (tick
 * variables and/or type expressions, one per line), model, effects, standard errors, and the
 * by-region-group option that adds East/Central/West/Northeast columns.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProjectSummary, RegressionRequest } from '../../../src/contract';
import { useLabels } from '../i18n/labels';
import { modelDefaults } from '../lib/sample-defaults';

/** Props of the builder. */
export interface RegressionBuilderProps {
  readonly project: ProjectSummary;
  readonly busy: boolean;
  readonly onRun: (req: RegressionRequest) => void;
}

type Model = NonNullable<RegressionRequest['model']>;
type Effects = NonNullable<RegressionRequest['effects']>;
type Se = NonNullable<RegressionRequest['se']>;

/** Splits the expressions box into one expression per non-empty line. */
export function expressionLines(text: string): string[] {
  return text.split(/\r?\n/).map((s) => s.trim()).filter((s) => s !== '');
}

/** The form. */
export function RegressionBuilder({ project, busy, onRun }: RegressionBuilderProps) {
  const { t } = useTranslation();
  const labels = useLabels(project);
  const names = project.variables.map((v) => v.name);
  // The starting model of this project (src: lib/sample-defaults.ts; issue 13, defect 11).
  const [start] = useState(() => modelDefaults(project));
  const [y, setY] = useState(start.y);
  const [ticked, setTicked] = useState<Set<string>>(() => new Set(start.ticked));
  const [extra, setExtra] = useState(start.expressions.join('\n'));
  const [model, setModel] = useState<Model>('fe');
  const [effects, setEffects] = useState<Effects | 'auto'>('auto');
  const [se, setSe] = useState<Se>('cluster');
  const [byGroup, setByGroup] = useState(false);
  const hasGroups = project.regionGroups.length > 0;

  const toggle = (name: string) => {
    const next = new Set(ticked);
    if (next.has(name)) next.delete(name); else next.add(name);
    setTicked(next);
  };

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const x = [...names.filter((n) => ticked.has(n) && n !== y), ...expressionLines(extra)];
    onRun({ y: y.trim(), x, model, se, byGroup: byGroup && hasGroups, ...(effects === 'auto' ? {} : { effects }) });
  };

  return (
    <form className="regression-builder" onSubmit={submit} aria-label={t('regression.builder')}>
      <h3>{t('regression.model')}</h3>
      <label htmlFor="r-y">{t('regression.y')}</label>
      <input id="r-y" type="text" list="r-variables" value={y} onChange={(e) => setY(e.target.value)} placeholder={t('regression.yPlaceholder')} />
      <datalist id="r-variables">
        {names.map((n) => <option key={n} value={n} label={labels.variable(project.variables.find((v) => v.name === n), n).label} />)}
      </datalist>
      <fieldset className="regression-x">
        <legend>{t('regression.x')}</legend>
        {names.filter((n) => n !== y).map((n) => (
          <label key={n} className="check" title={labels.variable(project.variables.find((v) => v.name === n), n).label}>
            <input type="checkbox" checked={ticked.has(n)} onChange={() => toggle(n)} /> {n}
          </label>
        ))}
      </fieldset>
      <label htmlFor="r-extra">{t('regression.expressions')}</label>
      <textarea id="r-extra" rows={Math.max(2, Math.min(6, extra.split('\n').length))} value={extra} onChange={(e) => setExtra(e.target.value)} placeholder="log(pgdp)&#10;digital^2" />
      <div className="form-grid">
        <label htmlFor="r-model">{t('regression.estimator')}</label>
        <select id="r-model" value={model} onChange={(e) => setModel(e.target.value as Model)}>
          <option value="fe">{t('regression.fe')}</option>
          <option value="re">{t('regression.re')}</option>
          <option value="pooled">{t('regression.pooled')}</option>
        </select>
        <label htmlFor="r-effects">{t('regression.effects')}</label>
        <select id="r-effects" value={effects} onChange={(e) => setEffects(e.target.value as Effects | 'auto')}>
          <option value="auto">{t('regression.effectsDefault', { effects: model === 'fe' ? t('regression.effectsTwoWay') : model === 're' ? t('regression.effectsIndividual') : t('regression.effectsNone') })}</option>
          <option value="twoways">{t('regression.twoways')}</option>
          <option value="individual">{t('regression.individual')}</option>
          <option value="time">{t('regression.time')}</option>
          <option value="none">{t('regression.none')}</option>
        </select>
        <label htmlFor="r-se">{t('regression.se')}</label>
        <select id="r-se" value={se} onChange={(e) => setSe(e.target.value as Se)}>
          <option value="cluster">{t('regression.cluster')}</option>
          <option value="hc1">{t('regression.hc1')}</option>
          <option value="driscoll-kraay">{t('regression.driscollKraay')}</option>
          <option value="classical">{t('regression.classical')}</option>
        </select>
      </div>
      <label className="check" title={hasGroups ? '' : t('regression.noGroups')}>
        <input type="checkbox" checked={byGroup} disabled={!hasGroups} onChange={(e) => setByGroup(e.target.checked)} /> {t('regression.byGroup')}
        {hasGroups && <span className="muted small"> ({labels.orderGroups(project.regionGroups).map(labels.group).join(t('common.listSeparator'))})</span>}
      </label>
      <button type="submit" className="primary" disabled={busy || !y.trim()}>{busy ? t('regression.fitting') : t('regression.run')}</button>
    </form>
  );
}
