/** The summary of a weights matrix: sizes, neighbour counts, islands (in red), symmetry, components, histogram. */
import { useTranslation } from 'react-i18next';
import type { WeightsView } from '../../../src/contract';
import { formatCount } from '../lib/format';
import { describeWeightsSpec, specTooltip } from '../lib/weights-spec-text';
import { ServiceText } from './service-text';
import { WeightsHistogram } from './weights-histogram';

/** Props of the summary. */
export interface WeightsSummaryProps {
  readonly view: WeightsView;
  /** Region code → "Hainan (海南)" ("海南" in Chinese). */
  readonly label: (code: string) => string;
}

/** Numbers of `summarizeWeights` plus plain sentences for islands. */
export function WeightsSummary({ view, label }: WeightsSummaryProps) {
  const { t } = useTranslation();
  const sep = t('common.listSeparator');
  const comps = view.componentSizes;
  const std: Record<string, string> = { R: t('weights.stdRow'), O: t('weights.stdNone'), B: t('weights.stdBinary'), S: t('weights.stdSpectral'), M: t('weights.stdMinmax') };
  return (
    <section className="weights-summary" data-testid="weights-summary">
      <h3>{t('weights.summary')}</h3>
      <div className="weights-title">
        <strong>{view.name}</strong> <span className="muted small" title={specTooltip(view.specText)} data-testid="w-spec">{describeWeightsSpec(view.specText, t)}</span>
      </div>
      {view.islands.length > 0 && (
        <ul className="weights-islands" data-testid="island-notes">
          {/* One sentence per island, made here (not the service's islandNotes) so it is in the UI language. */}
          {view.islands.map((id) => (
            <li key={id}>{t('weights.islandNote', { region: label(id) })}</li>
          ))}
          <li className="small">{t('weights.islandHint')}</li>
        </ul>
      )}
      <table className="weights-stats">
        <tbody>
          <tr><th className="left">{t('weights.n')}</th><td data-testid="w-n">{view.n}</td></tr>
          <tr><th className="left">{t('weights.nonzeros')}</th><td>{formatCount(view.nonzeros)}</td></tr>
          <tr><th className="left">{t('weights.percentNonzero')}</th><td>{view.percentNonzero.toFixed(2)}</td></tr>
          <tr><th className="left">{t('weights.neighboursRange')}</th><td>{view.minNeighbors} / {view.meanNeighbors.toFixed(2)} / {view.maxNeighbors}</td></tr>
          <tr><th className="left">{t('weights.islands')}</th><td className={view.islands.length ? 'weights-bad' : ''} data-testid="w-islands">{view.islands.length ? view.islands.map(label).join(sep) : t('common.none')}</td></tr>
          <tr><th className="left">{t('weights.symmetric')}</th><td>{view.symmetric ? t('common.yes') : t('common.no')}</td></tr>
          <tr><th className="left">{t('weights.components')}</th><td data-testid="w-components">{comps.length}{comps.length > 1 ? t('weights.componentSizes', { sizes: comps.join(', ') }) : ''}</td></tr>
          <tr><th className="left">{t('weights.standardisation')}</th><td>{std[view.transformation] ?? view.transformation}</td></tr>
          {view.links.length > 0 && (
            <tr><th className="left">{t('weights.manualLinks')}</th><td>{view.links.map(([a, b]) => `${label(a)} – ${label(b)}`).join('; ')}</td></tr>
          )}
        </tbody>
      </table>
      <WeightsHistogram histogram={view.histogram} />
      {view.warningItems.map((w) => (
        <p key={w.message} className="muted small"><ServiceText item={w} /></p>
      ))}
    </section>
  );
}
