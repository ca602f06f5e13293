/**
 * How LISA clusters move between consecutive years (Rey's LISA Markov): counts of regions moving
 * from each Moran-scatterplot quadrant to each, with the row shares, pooled over the years.
 */
import { useTranslation } from 'react-i18next';
import type { JobResultOf } from '../../../src/contract';

/** The transition table. */
export function EsdaTransitions({ result }: { readonly result: JobResultOf<'esda-local'> }) {
  const { t } = useTranslation();
  const q = result.transitions.quadrants;
  const first = result.years[0]?.year, last = result.years[result.years.length - 1]?.year;
  return (
    <div className="esda-transitions">
      <h4>{t('esda.transitionsTitle', { first, last })}</h4>
      <table className="regression-table" data-testid="esda-transitions">
        <thead>
          <tr><th className="label">{t('esda.fromTo')}</th>{q.states.map((s) => <th key={s}>{t(`esda.clusters.${s}`)}</th>)}</tr>
        </thead>
        <tbody>
          {q.states.map((s, i) => (
            <tr key={s}>
              <td className="label">{t(`esda.clusters.${s}`)}</td>
              {q.counts[i].map((c, j) => (
                <td key={q.states[j]} className={i === j ? 'diagonal' : ''}>
                  {c} <span className="muted small">({(q.probabilities[i][j] * 100).toFixed(1)}%)</span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">{t('esda.transitionsNote', { moved: q.moved, total: q.total })}</p>
    </div>
  );
}
