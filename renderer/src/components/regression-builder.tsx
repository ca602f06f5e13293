/**
 * The model builder: dependent variable (a variable or an expression), regressors (tick
 * variables and/or type expressions, one per line), model, effects, standard errors, and the
 * by-region-group option that adds East/Central/West/Northeast columns.
 */
import { useState } from 'react';
import type { ProjectSummary, RegressionRequest } from '../../../src/contract';

/** Props of the builder. */
export interface RegressionBuilderProps {
  readonly project: ProjectSummary;
  readonly busy: boolean;
  readonly onRun: (req: RegressionRequest) => void;
}

type Model = NonNullable<RegressionRequest['model']>;
type Effects = NonNullable<RegressionRequest['effects']>;
type Se = NonNullable<RegressionRequest['se']>;

/** Controls of the resilience studies' baseline, ticked by default when the project has them (the China sample does). */
const USUAL_CONTROLS = ['digital', 'fin_dev', 'industry', 'open', 'gov', 'urban'];

function initialY(p: ProjectSummary): string {
  return p.variables.find((v) => v.name === 'resilience')?.name ?? p.variables[0]?.name ?? '';
}

/** Splits the expressions box into one expression per non-empty line. */
export function expressionLines(text: string): string[] {
  return text.split(/\r?\n/).map((s) => s.trim()).filter((s) => s !== '');
}

/** The form. */
export function RegressionBuilder({ project, busy, onRun }: RegressionBuilderProps) {
  const names = project.variables.map((v) => v.name);
  const [y, setY] = useState(() => initialY(project));
  const [ticked, setTicked] = useState<Set<string>>(() => new Set(USUAL_CONTROLS.filter((n) => names.includes(n))));
  const [extra, setExtra] = useState(() => (names.includes('pgdp') && USUAL_CONTROLS.some((n) => names.includes(n)) ? 'log(pgdp)' : ''));
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
    <form className="regression-builder" onSubmit={submit} aria-label="Model builder">
      <h3>Model</h3>
      <label htmlFor="r-y">Dependent variable</label>
      <input id="r-y" type="text" list="r-variables" value={y} onChange={(e) => setY(e.target.value)} placeholder="variable or expression, e.g. log(gdp)" />
      <datalist id="r-variables">
        {names.map((n) => <option key={n} value={n} />)}
      </datalist>
      <fieldset className="regression-x">
        <legend>Regressors</legend>
        {names.filter((n) => n !== y).map((n) => (
          <label key={n} className="check">
            <input type="checkbox" checked={ticked.has(n)} onChange={() => toggle(n)} /> {n}
          </label>
        ))}
      </fieldset>
      <label htmlFor="r-extra">Expressions (one per line)</label>
      <textarea id="r-extra" rows={2} value={extra} onChange={(e) => setExtra(e.target.value)} placeholder="log(pgdp)&#10;digital^2" />
      <div className="form-grid">
        <label htmlFor="r-model">Estimator</label>
        <select id="r-model" value={model} onChange={(e) => setModel(e.target.value as Model)}>
          <option value="fe">Fixed effects (within)</option>
          <option value="re">Random effects (Swamy–Arora)</option>
          <option value="pooled">Pooled OLS</option>
        </select>
        <label htmlFor="r-effects">Effects</label>
        <select id="r-effects" value={effects} onChange={(e) => setEffects(e.target.value as Effects | 'auto')}>
          <option value="auto">default ({model === 'fe' ? 'two-way' : model === 're' ? 'individual' : 'none'})</option>
          <option value="twoways">two-way (region + year)</option>
          <option value="individual">region</option>
          <option value="time">year</option>
          <option value="none">none</option>
        </select>
        <label htmlFor="r-se">Standard errors</label>
        <select id="r-se" value={se} onChange={(e) => setSe(e.target.value as Se)}>
          <option value="cluster">clustered by region</option>
          <option value="hc1">robust (HC1)</option>
          <option value="driscoll-kraay">Driscoll–Kraay</option>
          <option value="classical">classical</option>
        </select>
      </div>
      <label className="check" title={hasGroups ? '' : 'The project\'s regions have no region groups.'}>
        <input type="checkbox" checked={byGroup} disabled={!hasGroups} onChange={(e) => setByGroup(e.target.checked)} /> By region group
        {hasGroups && <span className="muted small"> ({project.regionGroups.join(', ')})</span>}
      </label>
      <button type="submit" className="primary" disabled={busy || !y.trim()}>{busy ? 'Fitting…' : 'Run regression'}</button>
    </form>
  );
}
