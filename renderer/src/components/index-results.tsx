/**
 * The Index tab's tables of a built index: the weights table as studies print it (criterion
 * layer, indicator, direction, weight), descriptive statistics, the PCA checks (KMO, Bartlett),
 * the mean obstacle degree of each indicator and the rank-correlation robustness table.
 */
import { useTranslation } from 'react-i18next';
import type { JobResultOf } from '../../../src/contract';
import { formatNumber } from '../lib/format';

type View = JobResultOf<'index-build'>;

const fix = (v: number | null, d = 4) => (v === null || !Number.isFinite(v) ? '—' : v.toFixed(d));

/** The weights table. */
export function IndexWeightsTable({ view }: { readonly view: View }) {
  const { t } = useTranslation();
  const twoLevel = view.dimensions.length > 1 || (view.dimensions[0]?.name ?? '') !== '';
  const seen = new Set<string>();
  return (
    <table className="regression-table index-weights" data-testid="index-weights-table">
      <thead>
        <tr>
          <th className="label">{t('index.criterionLayer')}</th>
          <th>{t('index.indicator')}</th>
          <th>{t('index.direction')}</th>
          {twoLevel && <th>{t('index.localWeight')}</th>}
          <th>{t('index.weight')}</th>
        </tr>
      </thead>
      <tbody>
        {view.table.map((r) => {
          const first = !seen.has(r.dimension);
          seen.add(r.dimension);
          return (
            <tr key={r.indicator} data-indicator={r.indicator}>
              <td className="label">{twoLevel && first ? `${r.dimension || '—'} (${fix(r.dimensionWeight)})` : ''}</td>
              <td>{r.indicator}</td>
              <td>{r.direction === '+' ? '+' : '−'}</td>
              {twoLevel && <td>{fix(r.localWeight)}</td>}
              <td>{fix(r.weight)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Descriptive statistics of the index, its layers and the raw indicators. */
export function IndexDescribe({ view }: { readonly view: View }) {
  const { t } = useTranslation();
  return (
    <table className="stats-table" data-testid="index-describe">
      <thead>
        <tr>{(['variable', 'n', 'mean', 'sd', 'min', 'median', 'max', 'missing'] as const).map((k) => <th key={k}>{t(`describe.${k}`)}</th>)}</tr>
      </thead>
      <tbody>
        {view.describe.map((d, k) => (
          <tr key={`${d.name}-${k}`}>
            <td>{k === 0 ? t('index.indexRow') : d.name}</td>
            <td>{d.n}</td>
            <td>{formatNumber(d.mean)}</td>
            <td>{formatNumber(d.sd)}</td>
            <td>{formatNumber(d.min)}</td>
            <td>{formatNumber(d.median)}</td>
            <td>{formatNumber(d.max)}</td>
            <td>{d.missing}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** PCA checks, obstacle degrees and the robustness table. */
export function IndexDiagnostics({ view }: { readonly view: View }) {
  const { t } = useTranslation();
  return (
    <div className="index-diagnostics">
      {view.pca && (
        <p className="muted small" data-testid="index-pca">
          {t('index.pcaChecks', { kmo: fix(view.pca.kmo, 3), chisq: fix(view.pca.chisq, 2), df: view.pca.df, p: view.pca.p === null ? '—' : view.pca.p.toExponential(2), retained: view.pca.retained })}
        </p>
      )}
      <h4>{t('index.obstacleTitle')}</h4>
      <table className="stats-table" data-testid="index-obstacle">
        <thead><tr><th>{t('index.indicator')}</th><th>{t('index.obstacle')}</th></tr></thead>
        <tbody>{view.obstacle.map((o) => <tr key={o.indicator}><td>{o.indicator}</td><td>{fix(o.mean)}</td></tr>)}</tbody>
      </table>
      {view.robustness && (
        <>
          <h4>{t('index.robustnessTitle')}</h4>
          <table className="regression-table" data-testid="index-robustness">
            <thead><tr><th className="label" />{view.robustness.labels.map((l) => <th key={l}>{t(`index.methods.${l}`, { defaultValue: l })}</th>)}</tr></thead>
            <tbody>
              {view.robustness.rho.map((row, j) => (
                <tr key={j}>
                  <td className="label">{t(`index.methods.${view.robustness?.labels[j] ?? ''}`, { defaultValue: view.robustness?.labels[j] ?? '' })}</td>
                  {row.map((x, k) => <td key={k}>{fix(x, 3)}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted small">{t('index.robustnessNote')}</p>
        </>
      )}
    </div>
  );
}
