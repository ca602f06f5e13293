/**
 * The Index tab's shock-based measures and coupling coordination (`index:measure`): relative
 * growth against a base year and a reference series, Martin's resistance / recovery sensitivity
 * indices for a shock period, and the coupling coordination degree C, T, D (with its level) of
 * two or three indices — as a table of regions for one year.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProjectSummary, RequestInputOf, ResponseOf } from '../../../src/contract';
import { api } from '../api';
import { toProblem, type Problem } from '../i18n/problem';
import { useLabels } from '../i18n/labels';
import { ErrorBanner } from './error-banner';

type Measure = 'relative-growth' | 'martin' | 'coupling';
type Result = ResponseOf<'index:measure'>;

const fix = (v: number | null, d = 4) => (v === null || !Number.isFinite(v) ? '—' : v.toFixed(d));

/** The section. */
export function IndexMeasures({ project, onSaved }: { readonly project: ProjectSummary; readonly onSaved: (variable: string) => void }) {
  const { t } = useTranslation();
  const labels = useLabels(project);
  const names = project.variables.map((v) => v.name);
  const years = project.periods;
  const [measure, setMeasure] = useState<Measure>('relative-growth');
  const [variable, setVariable] = useState(names.find((n) => n === 'pgdp') ?? names[0] ?? '');
  const [reference, setReference] = useState('');
  const [base, setBase] = useState(years[0] ?? 0);
  const [start, setStart] = useState(years[0] ?? 0);
  const [trough, setTrough] = useState(years[Math.min(1, years.length - 1)] ?? 0);
  const [end, setEnd] = useState(years[years.length - 1] ?? 0);
  const [indices, setIndices] = useState<string[]>([names[1] ?? '', names[2] ?? '', '']);
  const [result, setResult] = useState<Result | null>(null);
  const [year, setYear] = useState<number | null>(null);
  const [error, setError] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [saveName, setSaveName] = useState('');
  const [savedAs, setSavedAs] = useState<string | null>(null);

  const request = (): RequestInputOf<'index:measure'> => {
    const ref = reference === '' ? null : reference;
    return measure === 'relative-growth'
      ? { measure, variable, base, reference: ref }
      : measure === 'martin'
        ? { measure, variable, start, trough, end, reference: ref }
        : { measure, indices: indices.filter((x) => x !== '') };
  };
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const name = saveName.trim();
      const r = await api['index:saveMeasure']({ name, request: request(), replace: project.variables.some((v) => v.name === name) });
      setSavedAs(r.name);
      onSaved(r.name);
    } catch (e) {
      setError(toProblem(e));
    } finally {
      setBusy(false);
    }
  };
  const compute = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    const req = request();
    try {
      const r = await api['index:measure'](req);
      setResult(r);
      setYear(years[years.length - 1] ?? null);
    } catch (e) {
      setError(toProblem(e));
    } finally {
      setBusy(false);
    }
  };

  const rows = useMemo(() => (result ? result.rows.filter((r) => r.time === null || r.time === year) : []), [result, year]);
  const name = (code: string) => labels.regionName(project.regions.find((r) => r.code === code), code);
  const yearSelect = (id: string, value: number, set: (y: number) => void, label: string) => (
    <>
      <label className="muted small" htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => set(Number(e.target.value))}>{years.map((y) => <option key={y} value={y}>{y}</option>)}</select>
    </>
  );
  const variableSelect = (id: string, value: string, set: (v: string) => void, label: string, none?: string) => (
    <>
      <label className="muted small" htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => set(e.target.value)}>
        {none !== undefined && <option value="">{none}</option>}
        {names.map((n) => <option key={n} value={n}>{labels.variable(project.variables.find((v) => v.name === n), n).label}</option>)}
      </select>
    </>
  );
  const heads = measure === 'martin'
    ? [t('index.measureCols.region'), t('index.measureCols.resistance'), t('index.measureCols.recovery')]
    : measure === 'coupling'
      ? [t('index.measureCols.region'), 'C', 'T', 'D', t('index.measureCols.level')]
      : [t('index.measureCols.region'), 'RE', 'GR', t('index.measureCols.resilience')];

  return (
    <div className="index-measures" data-testid="index-measures">
      <h4>{t('index.measuresTitle')}</h4>
      <ErrorBanner error={error} onClose={() => setError(null)} />
      <div className="inline">
        <label className="muted small" htmlFor="index-measure">{t('index.measure')}</label>
        <select id="index-measure" value={measure} onChange={(e) => { setMeasure(e.target.value as Measure); setResult(null); }}>
          {(['relative-growth', 'martin', 'coupling'] as const).map((m) => <option key={m} value={m}>{t(`index.measures.${m}`)}</option>)}
        </select>
        {measure !== 'coupling' && variableSelect('index-measure-var', variable, setVariable, t('index.measureVariable'))}
        {measure !== 'coupling' && variableSelect('index-measure-ref', reference, setReference, t('index.reference'), t('index.referenceSum'))}
        {measure === 'relative-growth' && yearSelect('index-base', base, setBase, t('index.base'))}
        {measure === 'martin' && yearSelect('index-start', start, setStart, t('index.shockStart'))}
        {measure === 'martin' && yearSelect('index-trough', trough, setTrough, t('index.shockTrough'))}
        {measure === 'martin' && yearSelect('index-end', end, setEnd, t('index.shockEnd'))}
        {measure === 'coupling' && [0, 1, 2].map((k) => (
          <span key={k}>{variableSelect(`index-u${k + 1}`, indices[k], (v) => setIndices(indices.map((x, j) => (j === k ? v : x))), `U${k + 1}`, k === 2 ? t('index.none') : undefined)}</span>
        ))}
        <button type="button" onClick={compute} disabled={busy}>{t('index.compute')}</button>
        {measure !== 'martin' && (
          <>
            <label className="muted small" htmlFor="index-measure-name">{t('index.variableName')}</label>
            <input id="index-measure-name" value={saveName} placeholder={measure === 'coupling' ? 'ccd' : 'shock_res'} onChange={(e) => setSaveName(e.target.value)} />
            <button type="button" onClick={save} disabled={busy || saveName.trim() === ''}>{t('index.saveVariable')}</button>
          </>
        )}
        {savedAs && <span className="muted small" data-testid="index-measure-saved">{t('index.measureSaved', { variable: savedAs })}</span>}
      </div>
      {result && (
        <>
          {measure !== 'martin' && <div className="inline">{yearSelect('index-measure-year', year ?? 0, setYear, t('index.year'))}</div>}
          <table className="stats-table" data-testid="index-measure-table">
            <thead><tr>{heads.map((h) => <th key={h}>{h}</th>)}</tr></thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.id}-${r.time ?? ''}`}>
                  <td>{name(r.id)}</td>
                  {measure === 'coupling'
                    ? <><td>{fix(r.second)}</td><td>{fix(r.third)}</td><td>{fix(r.value)}</td><td>{r.level ? t(`index.levels.${r.level}`, { defaultValue: r.level }) : '—'}</td></>
                    : measure === 'martin'
                      ? <><td>{fix(r.value)}</td><td>{fix(r.second)}</td></>
                      : <><td>{fix(r.second)}</td><td>{fix(r.third)}</td><td>{fix(r.value)}</td></>}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted small">{t(`index.measureNotes.${measure}`, { reference: result.reference ?? '' })}</p>
        </>
      )}
    </div>
  );
}
