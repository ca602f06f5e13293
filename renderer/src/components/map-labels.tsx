/**
 * Region names over the interactive map without a glyph server: an HTML layer of spans placed
 * with `map.project` on every move, largest regions first, a name dropped where it would
 * overlap one already placed. The page's own font draws them (Chinese included), so they work
 * offline. Positions are written straight to the spans (no React render per frame).
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import { placeLabels, type LabelPoint } from '../lib/label-points';

/** Props of the label layer. */
export interface MapLabelsProps {
  readonly map: MapLibreMap | null;
  readonly points: readonly LabelPoint[];
  /** The text of each code (absent = no label). */
  readonly text: ReadonlyMap<string, string>;
}

const FONT_PX = 11;

/** The label layer (absolutely positioned over the map container). */
export function MapLabels({ map, points, text }: MapLabelsProps) {
  const layer = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const host = layer.current;
    if (!host || !map) return;
    const items = points.filter((p) => text.has(p.code)).map((p) => {
      const span = document.createElement('span');
      span.className = 'map-label';
      span.textContent = text.get(p.code) ?? '';
      span.dataset.region = p.code;
      host.appendChild(span);
      return { p, span, w: 0 };
    });
    // Widths once (the text does not change while the layer lives).
    for (const it of items) it.w = it.span.offsetWidth || it.span.textContent!.length * FONT_PX;
    let frame = 0;
    const place = () => {
      frame = 0;
      const width = host.clientWidth;
      const height = host.clientHeight;
      const boxes = items.map((it) => {
        const q = map.project([it.p.lon, it.p.lat]);
        return { x: q.x - it.w / 2, y: q.y - FONT_PX / 2 - 2, width: it.w, height: FONT_PX + 4 };
      });
      const keep = new Set(placeLabels(boxes, width, height));
      items.forEach((it, i) => {
        if (keep.has(i)) {
          it.span.style.transform = `translate(${Math.round(boxes[i].x)}px, ${Math.round(boxes[i].y)}px)`;
          it.span.style.visibility = 'visible';
        } else it.span.style.visibility = 'hidden';
      });
      host.dataset.labelsShown = String(keep.size);
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(place);
    };
    place();
    map.on('move', schedule);
    map.on('resize', schedule);
    return () => {
      map.off('move', schedule);
      map.off('resize', schedule);
      if (frame) cancelAnimationFrame(frame);
      host.replaceChildren();
    };
  }, [map, points, text]);

  return <div className="map-labels" ref={layer} aria-hidden="true" data-testid="map-labels" />;
}
