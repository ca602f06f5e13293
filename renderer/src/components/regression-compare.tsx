/**
 * Group comparison under the current specification: the interaction-based Chow test and the
 * Fisher permutation test of each coefficient gap β_A − β_B (seeded; the seed is stored with
 * the run). It runs as a job on the main side; the tab polls its progress and can cancel it.
 */
import { useState } from 'react';
import type { JobResultOf, RegressionRequest, ResponseOf } from '../../../src/contract';
import { api, errorText } from '../api';
import { ErrorBanner } from './error-banner';

/** Props of the comparison box. */
export interface RegressionCompareProps {
  /** The specification of the table on screen. */
  readonly spec: RegressionRequest;
  /** Region groups of the project. */
  readonly groups: readonly string[];
}

type Compare = ResponseOf<'regression:compare'>;

const fmt = (v: number | null, d = 3) => (v === null ? '.' : v.toFixed(d));

/** Two group pickers, permutations and seed, and the table of gaps. */
export function RegressionCompare({ spec, groups }: RegressionCompareProps) {
  const [a, setA] = useState(groups.includes('East') ? 'East' : (groups[0] ?? ''));
  const [b, setB] = useState(groups.includes('West') ? 'West' : (groups[1] ?? ''));
  const [permutations, setPermutations] = useState(499);
  const [seed, setSeed] = useState(1);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<Compare | null>(null);

  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);

  const run = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    setProgress({ done: 0, total: permutations });
    try {
      const job = await api['job:start']({ task: 'permutation-gap', input: { y: spec.y, x: spec.x, model: spec.model, effects: spec.effects, se: spec.se, a, b, permutations, seed } });
      setJobId(job.jobId);
      for (;;) {
        const s = await api['job:status'](job);
        setProgress(s.progress);
        if (s.state === 'done') { setResult(s.result as JobResultOf<'permutation-gap'>); break; }
        if (s.state === 'failed') { setError(s.error?.message ?? 'The comparison failed.'); break; }
        if (s.state === 'cancelled') { setError('The comparison was cancelled.'); break; }
        await new Promise((r) => setTimeout(r, 200));
      }
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
      setJobId(null);
      setProgress(null);
    }
  };

  const cancel = () => {
    if (jobId) api['job:cancel']({ jobId }).catch((e: unknown) => setError(errorText(e)));
  };

  return (
    <section className="regression-compare" data-testid="regression-compare">
      <h3>Compare two groups</h3>
      <div className="inline">
        <select aria-label="Group A" value={a} onChange={(e) => setA(e.target.value)}>
          {groups.map((g) => <option key={g} value={g}>{g}</option>)}
        </select>
        <span>vs</span>
        <select aria-label="Group B" value={b} onChange={(e) => setB(e.target.value)}>
          {groups.map((g) => <option key={g} value={g}>{g}</option>)}
        </select>
        <label className="muted small" htmlFor="r-perm">Permutations</label>
        <input id="r-perm" type="number" min={0} max={100000} step={100} value={permutations} onChange={(e) => setPermutations(Number(e.target.value))} />
        <label className="muted small" htmlFor="r-seed">Seed</label>
        <input id="r-seed" type="number" min={0} value={seed} onChange={(e) => setSeed(Number(e.target.value))} />
        <button type="button" disabled={busy || !a || !b} onClick={() => void run()}>Compare</button>
        {busy && <button type="button" onClick={cancel} disabled={!jobId}>Cancel</button>}
      </div>
      {busy && progress && (
        <div className="regression-progress" data-testid="compare-progress">
          <progress max={Math.max(1, progress.total)} value={progress.done} />
          <span className="muted small"> {progress.done} of {progress.total} permutations</span>
        </div>
      )}
      <ErrorBanner message={error} onClose={() => setError(null)} />
      {result && (
        <>
          <table className="regression-gaps">
            <thead>
              <tr><th className="label">Coefficient</th><th>Gap ({result.a} − {result.b})</th><th>p (Chow)</th><th>p (permutation)</th></tr>
            </thead>
            <tbody>
              {result.gaps.map((g) => (
                <tr key={g.name}><td className="label">{g.name}</td><td>{fmt(g.diff)}</td><td>{fmt(g.pChow)}</td><td>{fmt(g.pPermutation)}</td></tr>
              ))}
            </tbody>
          </table>
          <p className="muted small">
            Chow test of all gaps: F({result.chow.df1}, {result.chow.df2}) = {fmt(result.chow.statistic)}, p = {fmt(result.chow.p)}.
            {result.permutations > 0 && ` Fisher permutation test: ${result.valid} of ${result.permutations} reshuffles of regions fitted, seed ${result.seed}.`}
            {result.runId !== null && ` Saved as run #${result.runId}.`}
          </p>
        </>
      )}
    </section>
  );
}
