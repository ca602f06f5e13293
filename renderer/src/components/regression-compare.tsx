/**
 * Group comparison under the current specification: the interaction-based Chow test and the
 * Fisher permutation test of each coefficient gap β_A − β_B (seeded; the seed is stored with
 * the run). It runs as a job on the main side; the tab polls its progress and can cancel it.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegressionRequest, ResponseOf } from '../../../src/contract';
import { api } from '../api';
import { toProblem, type Problem } from '../i18n/problem';
import { formatCount } from '../lib/format';
import { runJob } from '../lib/jobs';
import { ErrorBanner } from './error-banner';

/** Props of the comparison box. */
export interface RegressionCompareProps {
  /** The specification of the table on screen. */
  readonly spec: RegressionRequest;
  /** Region groups of the project. */
  readonly groups: readonly string[];
  /** A group value for display (East → 东部 in Chinese). */
  readonly groupLabel: (group: string) => string;
  /** The groups in display order (NBS order first). */
  readonly orderGroups: (groups: readonly string[]) => string[];
}

type Compare = ResponseOf<'regression:compare'>;

const fmt = (v: number | null, d = 3) => (v === null ? '.' : v.toFixed(d));

/** Two group pickers, permutations and seed, and the table of gaps. */
export function RegressionCompare({ spec, groups, groupLabel, orderGroups }: RegressionCompareProps) {
  const { t } = useTranslation();
  const [a, setA] = useState(groups.includes('East') ? 'East' : (groups[0] ?? ''));
  const [b, setB] = useState(groups.includes('West') ? 'West' : (groups[1] ?? ''));
  const [permutations, setPermutations] = useState(499);
  const [seed, setSeed] = useState(1);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Problem | null>(null);
  const [result, setResult] = useState<Compare | null>(null);

  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);

  const run = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    setProgress({ done: 0, total: permutations });
    try {
      setResult(await runJob('permutation-gap', { y: spec.y, x: spec.x, model: spec.model, effects: spec.effects, se: spec.se, a, b, permutations, seed },
        { onJob: setJobId, onProgress: setProgress, failed: 'compare-failed', cancelled: 'compare-cancelled' }));
    } catch (e) {
      setError(toProblem(e));
    } finally {
      setBusy(false);
      setJobId(null);
      setProgress(null);
    }
  };

  const cancel = () => {
    if (jobId) api['job:cancel']({ jobId }).catch((e: unknown) => setError(toProblem(e)));
  };

  return (
    <section className="regression-compare" data-testid="regression-compare">
      <h3>{t('compare.title')}</h3>
      <div className="inline">
        <select aria-label={t('compare.groupA')} value={a} onChange={(e) => setA(e.target.value)}>
          {orderGroups(groups).map((g) => <option key={g} value={g}>{groupLabel(g)}</option>)}
        </select>
        <span>{t('compare.vs')}</span>
        <select aria-label={t('compare.groupB')} value={b} onChange={(e) => setB(e.target.value)}>
          {orderGroups(groups).map((g) => <option key={g} value={g}>{groupLabel(g)}</option>)}
        </select>
        <label className="muted small" htmlFor="r-perm">{t('compare.permutations')}</label>
        <input id="r-perm" type="number" min={0} max={100000} step={100} value={permutations} onChange={(e) => setPermutations(Number(e.target.value))} />
        <label className="muted small" htmlFor="r-seed">{t('compare.seed')}</label>
        <input id="r-seed" type="number" min={0} value={seed} onChange={(e) => setSeed(Number(e.target.value))} />
        <button type="button" disabled={busy || !a || !b} onClick={() => void run()}>{t('compare.run')}</button>
        {busy && <button type="button" onClick={cancel} disabled={!jobId}>{t('common.cancel')}</button>}
      </div>
      {busy && progress && (
        <div className="regression-progress" data-testid="compare-progress">
          <progress max={Math.max(1, progress.total)} value={progress.done} />
          <span className="muted small"> {t('compare.progress', { done: formatCount(progress.done), total: formatCount(progress.total) })}</span>
        </div>
      )}
      <ErrorBanner error={error} onClose={() => setError(null)} />
      {result && (
        <>
          <table className="regression-gaps">
            <thead>
              {/* Each gap beside its own test (issue 13, defect 3): pooled interaction gap | p(Chow), separate-fit gap | p(permutation). */}
              <tr>
                <th className="label" rowSpan={2}>{t('compare.coefficient')}</th>
                <th colSpan={2} scope="colgroup">{t('compareGaps.pooled')}</th>
                <th colSpan={2} scope="colgroup">{t('compareGaps.separate')}</th>
              </tr>
              <tr>
                <th>{t('compare.gap', { a: groupLabel(result.a), b: groupLabel(result.b) })}</th><th>{t('compare.pChow')}</th>
                <th>{t('compare.gap', { a: groupLabel(result.a), b: groupLabel(result.b) })}</th><th>{t('compare.pPermutation')}</th>
              </tr>
            </thead>
            <tbody>
              {result.gaps.map((g) => (
                <tr key={g.name} data-gap={g.name}>
                  <td className="label">{g.name}</td>
                  <td data-col="diff">{fmt(g.diff)}</td><td data-col="pChow">{fmt(g.pChow)}</td>
                  <td data-col="diffSeparate">{fmt(g.diffSeparate)}</td><td data-col="pPermutation">{fmt(g.pPermutation)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted small">
            {t('compare.chow', { df1: result.chow.df1, df2: result.chow.df2, statistic: fmt(result.chow.statistic), p: fmt(result.chow.p) })}
            {result.permutations > 0 && t('compare.fisher', { valid: formatCount(result.valid), permutations: formatCount(result.permutations), seed: result.seed })}
            {result.runId !== null && t('compare.savedRun', { id: result.runId })}
          </p>
          <p className="muted small" data-testid="compare-gaps-note">{t('compareGaps.note')}</p>
        </>
      )}
    </section>
  );
}
