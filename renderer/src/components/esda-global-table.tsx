/**
 * The per-year global statistic as papers print it: years down, one column per matrix, the
 * statistic with stars (p < 0.01 ***, 0.05 **, 0.1 *; pseudo p when permutations ran), its z-value
 * under randomisation in parentheses, and the notes line.
 */
import { useTranslation } from 'react-i18next';
import type { JobResultOf } from '../../../src/contract';

type Result = JobResultOf<'esda-global'>;

const stars = (p: number | null) => (p === null || !(p >= 0) ? '' : p < 0.01 ? '***' : p < 0.05 ? '**' : p < 0.1 ? '*' : '');

/** The table. */
export function EsdaGlobalTable({ result }: { readonly result: Result }) {
  const { t } = useTranslation();
  const stat = (['moran', 'geary', 'getis', 'bivariate-moran'] as const).find((s) => s === result.stat) ?? 'moran';
  const columns = [...new Set(result.rows.map((r) => r.weights))];
  const years = [...new Set(result.rows.map((r) => r.year))].sort((a, b) => a - b);
  const at = new Map(result.rows.map((r) => [`${r.weights}\u0000${r.year}`, r]));
  const notes = result.permutations > 0
    ? t('esda.tableNotesPerm', { permutations: result.permutations, seed: result.seed })
    : t('esda.tableNotes');
  return (
    <div className="esda-table-wrap">
      <table className="regression-table esda-table" data-testid="esda-global-table">
        <thead>
          <tr><th className="label" />{columns.map((c) => <th key={c}>{t(`esda.stat.${stat}`)}</th>)}</tr>
          <tr><th className="label">{t('esda.year')}</th>{columns.map((c) => <th key={c}>{c}</th>)}</tr>
        </thead>
        <tbody>
          {years.map((y) => (
            <tr key={y} data-year={y}>
              <td className="label">{y}</td>
              {columns.map((c) => {
                const r = at.get(`${c}\u0000${y}`);
                if (!r) return <td key={c} />;
                const p = r.pSim ?? r.pRand;
                return (
                  <td key={c} title={t('esda.cellTitle', { n: r.n, p: p === null ? '.' : p.toFixed(4) })}>
                    {r.value.toFixed(3)}{stars(p)}
                    <br />
                    <span className="muted">({r.zRand === null ? '.' : r.zRand.toFixed(3)})</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">{notes}</p>
    </div>
  );
}
