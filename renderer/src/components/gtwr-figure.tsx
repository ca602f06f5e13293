/**
 * One figure of a GTWR result, drawn on the main side by `gwr:figure` (the same SVG the export
 * writes) and shown inline; region paths of the maps are clickable.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobResultOf } from '../../../src/contract';
import type { GWR_FIGURE_KINDS } from '../../../src/contract/gwr';
import { api } from '../api';
import { toProblem, type Problem } from '../i18n/problem';
import { ErrorBanner } from './error-banner';
import { FigureView } from './figure-view';

/** What a GTWR figure draws. */
export type GtwrFigureKind = (typeof GWR_FIGURE_KINDS)[number];

/** Props of a GTWR figure. */
export interface GtwrFigureProps {
  readonly result: JobResultOf<'gtwr'>;
  readonly kind: GtwrFigureKind;
  readonly coefficient: string;
  readonly layer: string | null;
  readonly lang: 'en' | 'zh';
  readonly label: string;
  readonly testId: string;
  readonly selected?: string | null;
  readonly onSelect?: (code: string | null) => void;
  /** Full width (the period maps) rather than one of the charts side by side. */
  readonly wide?: boolean;
  /** The maps' significance overlay. */
  readonly significance?: 'off' | 'uncorrected' | 'corrected';
}

/** The figure. */
export function GtwrFigure({ result, kind, coefficient, layer, lang, label, testId, selected = null, onSelect, wide = false, significance = 'off' }: GtwrFigureProps) {
  const { t } = useTranslation();
  const [drawn, setDrawn] = useState<{ svg: string; key: string } | null>(null);
  // what the shown SVG was drawn for: `data-ready` only once the current request has been drawn
  const key = JSON.stringify([kind, coefficient, lang, significance, wide, layer]);
  const svg = drawn?.svg ?? null;
  const [error, setError] = useState<Problem | null>(null);
  useEffect(() => {
    let live = true;
    setError(null);
    const size = wide ? { widthMm: 260, heightMm: 110, dpi: 300 } : { widthMm: 150, heightMm: 105, dpi: 300 };
    api['gwr:figure']({ result, kind, ...(coefficient ? { coefficient } : {}), lang, size, ...(kind === 'coefficient-maps' ? { significance } : {}), ...(layer ? { layer } : {}) })
      .then((r) => live && setDrawn({ svg: r.svg, key }))
      .catch((e: unknown) => live && setError(toProblem(e)));
    return () => { live = false; };
  }, [result, kind, coefficient, layer, lang, wide, significance]);
  return (
    <div className={wide ? 'gtwr-figure wide' : 'gtwr-figure'} data-testid={testId} data-ready={drawn !== null && drawn.key === key ? 'true' : 'false'} data-significance={kind === 'coefficient-maps' ? significance : undefined}>
      <ErrorBanner error={error} onClose={() => setError(null)} />
      {svg ? <FigureView svg={svg} label={label} selected={selected} {...(onSelect ? { onSelect } : {})} /> : !error && <p className="muted small">{t('gtwr.drawing')}</p>}
    </div>
  );
}
