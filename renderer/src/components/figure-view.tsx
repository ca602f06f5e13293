/**
 * A figure's SVG shown inline (see lib/figure-svg.ts): scaled into its box, hover and click on
 * the paths that carry `data-region`, and the selected region outlined.
 */
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { toProblem, useProblemText } from '../i18n/problem';
import { adoptFigureSvg, regionAt } from '../lib/figure-svg';

/** What the pointer is over: the region, its figure panel (0-based, small multiples) and the position in the box. */
export interface FigureHover {
  readonly code: string;
  readonly panel: number;
  /** The path's own `data-value`, when the figure writes one. */
  readonly value: number | null;
  readonly x: number;
  readonly y: number;
}

/** Props of a figure view. */
export interface FigureViewProps {
  readonly svg: string;
  /** Accessible name of the figure. */
  readonly label: string;
  readonly selected?: string | null;
  readonly onHover?: (hover: FigureHover | null) => void;
  readonly onSelect?: (code: string | null) => void;
  readonly testId?: string;
}

/**
 * The panel a region path belongs to: the index of its nearest ancestor marked as a panel
 * (`data-panel` or `data-role="panel"`) among all such groups, or 0 when the figure has none.
 */
function panelOf(el: Element, root: Element): number {
  const panel = el.closest('[data-panel], [data-role="panel"]');
  if (!panel || !root.contains(panel)) return 0;
  const n = panel.getAttribute('data-panel');
  if (n !== null && /^\d+$/.test(n)) return Number(n);
  return Array.from(root.querySelectorAll('[data-role="panel"]')).indexOf(panel);
}

/** The figure, exactly the document an export writes, inline. */
export function FigureView({ svg, label, selected = null, onHover, onSelect, testId }: FigureViewProps) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const box = useRef<HTMLDivElement>(null);
  const parsed = useMemo(() => {
    try {
      return { el: adoptFigureSvg(svg), error: null };
    } catch (e) {
      return { el: null, error: toProblem(e) };
    }
  }, [svg]);

  useEffect(() => {
    const host = box.current;
    if (!host || !parsed.el) return;
    host.replaceChildren(parsed.el);
    return () => host.replaceChildren();
  }, [parsed]);

  useEffect(() => {
    const root = parsed.el;
    if (!root) return;
    for (const el of Array.from(root.querySelectorAll('.figure-selected'))) el.classList.remove('figure-selected');
    if (selected) for (const el of Array.from(root.querySelectorAll(`[data-region="${CSS.escape(selected)}"]`))) el.classList.add('figure-selected');
  }, [parsed, selected]);

  if (parsed.error) return <div className="figure-view figure-error">{problemText(parsed.error)}</div>;
  return (
    <div
      className={onSelect ? 'figure-view interactive' : 'figure-view'}
      ref={box}
      role="img"
      aria-label={label || t('figure.figure')}
      data-testid={testId}
      onMouseMove={(e) => {
        if (!onHover || !parsed.el) return;
        const hit = regionAt(e.target);
        const r = e.currentTarget.getBoundingClientRect();
        const raw = hit?.el.getAttribute('data-value');
        const value = raw === null || raw === undefined || raw === '' ? null : Number(raw);
        onHover(hit ? { code: hit.code, panel: panelOf(hit.el, parsed.el), value: Number.isFinite(value) ? value : null, x: e.clientX - r.left, y: e.clientY - r.top } : null);
      }}
      onMouseLeave={() => onHover?.(null)}
      onClick={(e) => {
        if (!onSelect) return;
        const hit = regionAt(e.target);
        onSelect(hit ? hit.code : null);
      }}
    />
  );
}
