/**
 * The GTWR builder's further options, those `rwb gtwr --help` offers beyond the kernel,
 * bandwidth and τ: the locations (area-weighted centroids or the project's stored points, e.g.
 * provincial capitals), the years, the one-sided past-only variant, the exhaustive adaptive
 * search and its k range, the significance level of the summaries, the Leung–Mei–Zhang F test
 * and the Monte Carlo test of non-stationarity (permutations and seed).
 */
import { useTranslation } from 'react-i18next';

/** The options' values. */
export interface GtwrMoreOptions {
  readonly locations: 'centroids' | 'points';
  readonly from: number;
  readonly to: number;
  readonly pastOnly: boolean;
  readonly exhaustive: boolean;
  readonly kMin: number | null;
  readonly kMax: number | null;
  readonly alpha: number;
  readonly fTest: boolean;
  readonly monteCarlo: number;
  readonly seed: number;
}

/** Defaults over the project's years. */
export function defaultMoreOptions(periods: readonly number[]): GtwrMoreOptions {
  return {
    locations: 'centroids', from: periods[0] ?? 0, to: periods[periods.length - 1] ?? 0, pastOnly: false, exhaustive: false,
    kMin: null, kMax: null, alpha: 0.05, fTest: true, monteCarlo: 0, seed: 1,
  };
}

/** Props of the options block. */
export interface GtwrOptionsProps {
  readonly value: GtwrMoreOptions;
  readonly onChange: (v: GtwrMoreOptions) => void;
  /** Regions with a stored point; 0 disables the points choice. */
  readonly pointRegions: number;
  readonly periods: readonly number[];
  /** The adaptive bandwidth is searched (the exhaustive search and k range apply). */
  readonly adaptiveSearch: boolean;
}

const intOrNull = (s: string): number | null => (s.trim() === '' ? null : Math.round(Number(s)));

/** The block, folded by default. */
export function GtwrOptions({ value: v, onChange, pointRegions, periods, adaptiveSearch }: GtwrOptionsProps) {
  const { t } = useTranslation();
  const set = (p: Partial<GtwrMoreOptions>) => onChange({ ...v, ...p });
  const first = periods[0], last = periods[periods.length - 1];
  return (
    <details className="gtwr-options" data-testid="gtwr-options">
      <summary className="small">{t('gtwr.options')}</summary>
      <div className="inline">
        <label className="muted small" htmlFor="gtwr-locations">{t('gtwr.locations')}</label>
        <select id="gtwr-locations" value={v.locations} onChange={(e) => set({ locations: e.target.value as GtwrMoreOptions['locations'] })}>
          <option value="centroids">{t('gtwr.locationsCentroids')}</option>
          <option value="points" disabled={pointRegions === 0}>{t('gtwr.locationsPoints')}{pointRegions === 0 ? ` (${t('gtwr.locationsNoPoints')})` : ''}</option>
        </select>
        <label className="muted small" htmlFor="gtwr-from">{t('gtwr.years')}</label>
        <input id="gtwr-from" type="number" min={first} max={last} step={1} value={v.from} onChange={(e) => set({ from: Number(e.target.value) })} />
        <span className="muted small">{t('gtwr.yearsTo')}</span>
        <input id="gtwr-to" aria-label={t('gtwr.yearsTo')} type="number" min={first} max={last} step={1} value={v.to} onChange={(e) => set({ to: Number(e.target.value) })} />
        <label className="small"><input id="gtwr-past-only" type="checkbox" checked={v.pastOnly} onChange={(e) => set({ pastOnly: e.target.checked })} /> {t('gtwr.pastOnly')}</label>
      </div>
      {adaptiveSearch && (
        <div className="inline">
          <label className="small"><input id="gtwr-exhaustive" type="checkbox" checked={v.exhaustive} onChange={(e) => set({ exhaustive: e.target.checked })} /> {t('gtwr.exhaustive')}</label>
          <label className="muted small" htmlFor="gtwr-kmin">{t('gtwr.kRange')}</label>
          <input id="gtwr-kmin" type="number" min={2} step={1} value={v.kMin ?? ''} placeholder="10" onChange={(e) => set({ kMin: intOrNull(e.target.value) })} />
          <span className="muted small">{t('gtwr.kRangeTo')}</span>
          <input id="gtwr-kmax" aria-label={t('gtwr.kRangeTo')} type="number" min={2} step={1} value={v.kMax ?? ''} placeholder="n" onChange={(e) => set({ kMax: intOrNull(e.target.value) })} />
        </div>
      )}
      <div className="inline">
        <label className="muted small" htmlFor="gtwr-alpha">{t('gtwr.alpha')}</label>
        <input id="gtwr-alpha" type="number" min={0.001} max={0.5} step={0.01} value={v.alpha} onChange={(e) => set({ alpha: Number(e.target.value) })} />
        <label className="small"><input id="gtwr-ftest" type="checkbox" checked={v.fTest} onChange={(e) => set({ fTest: e.target.checked })} /> {t('gtwr.fTestOption')}</label>
      </div>
      <div className="inline">
        <label className="muted small" htmlFor="gtwr-mc">{t('gtwr.monteCarlo')}</label>
        <input id="gtwr-mc" type="number" min={0} max={999} step={1} value={v.monteCarlo} onChange={(e) => set({ monteCarlo: Math.max(0, Math.round(Number(e.target.value))) })} />
        <label className="muted small" htmlFor="gtwr-seed">{t('gtwr.seed')}</label>
        <input id="gtwr-seed" type="number" step={1} value={v.seed} onChange={(e) => set({ seed: Math.round(Number(e.target.value)) })} />
        <span className="muted small">{t('gtwr.monteCarloHint')}</span>
      </div>
    </details>
  );
}
