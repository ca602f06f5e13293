/** The summary of a weights matrix: sizes, neighbour counts, islands (in red), symmetry, components, histogram. */
import type { WeightsView } from '../../../src/contract';
import { WeightsHistogram } from './weights-histogram';

/** Props of the summary. */
export interface WeightsSummaryProps {
  readonly view: WeightsView;
  /** Region code → "Hainan (海南)". */
  readonly label: (code: string) => string;
}

/** Numbers of `summarizeWeights` plus plain sentences for islands. */
export function WeightsSummary({ view, label }: WeightsSummaryProps) {
  const comps = view.componentSizes;
  return (
    <section className="weights-summary" data-testid="weights-summary">
      <h3>Summary</h3>
      <div className="weights-title">
        <strong>{view.name}</strong> <code className="muted small">{view.specText}</code>
      </div>
      {view.islandNotes.length > 0 && (
        <ul className="weights-islands" data-testid="island-notes">
          {view.islandNotes.map((s) => (
            <li key={s}>{s}</li>
          ))}
          <li className="small">Add a manual link below if that is not intended (an island has a zero row in W).</li>
        </ul>
      )}
      <table className="weights-stats">
        <tbody>
          <tr><th className="left">Regions (n)</th><td data-testid="w-n">{view.n}</td></tr>
          <tr><th className="left">Nonzero weights</th><td>{view.nonzeros}</td></tr>
          <tr><th className="left">% nonzero</th><td>{view.percentNonzero.toFixed(2)}</td></tr>
          <tr><th className="left">Neighbours min / mean / max</th><td>{view.minNeighbors} / {view.meanNeighbors.toFixed(2)} / {view.maxNeighbors}</td></tr>
          <tr><th className="left">Islands</th><td className={view.islands.length ? 'weights-bad' : ''} data-testid="w-islands">{view.islands.length ? view.islands.map(label).join(', ') : 'none'}</td></tr>
          <tr><th className="left">Symmetric</th><td>{view.symmetric ? 'yes' : 'no'}</td></tr>
          <tr><th className="left">Connected components</th><td data-testid="w-components">{comps.length}{comps.length > 1 ? ` (sizes ${comps.join(', ')})` : ''}</td></tr>
          <tr><th className="left">Standardisation</th><td>{({ R: 'row', O: 'none', B: 'binary', S: 'spectral', M: 'min–max' } as Record<string, string>)[view.transformation] ?? view.transformation}</td></tr>
          {view.links.length > 0 && (
            <tr><th className="left">Manual links</th><td>{view.links.map(([a, b]) => `${label(a)} – ${label(b)}`).join('; ')}</td></tr>
          )}
        </tbody>
      </table>
      <WeightsHistogram histogram={view.histogram} />
      {view.warnings.map((w) => (
        <p key={w} className="muted small">{w}</p>
      ))}
    </section>
  );
}
