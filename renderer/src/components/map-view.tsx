/**
 * The choropleth: MapLibre with NO remote content — a style holding only a background layer
 * and our GeoJSON source (no tiles, no glyphs, no sprites, so no text labels). Fill colours
 * come from a `match` expression built from the current classes; regions outside the
 * selected region group are drawn in a neutral grey. The container gets `data-map-ready="true"` once the map
 * is idle with the current colours (the browser test waits for it).
 */
import type { MapLayerMouseEvent } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { AreaCollection } from '../../../src/contract';
import { MISSING_COLOR, OUTSIDE_COLOR } from '../lib/palette';
import { markReadyWhenIdle, matchByCode, useBaseMap, useRegionSource } from '../lib/use-base-map';

/** What the map needs to draw. */
export interface MapViewProps {
  readonly geometry: AreaCollection | null;
  /** Fill colour per region code (regions not listed get the missing colour). */
  readonly colors: ReadonlyMap<string, string>;
  /** Codes to fade out (not in the selected region group); empty = none. */
  readonly faded: ReadonlySet<string>;
  /** Called with the hovered region code and the mouse position in the container, or null. */
  readonly onHover: (hover: { code: string; x: number; y: number } | null) => void;
}

const SOURCE = 'regions';

/** The map panel. */
export function MapView({ geometry, colors, faded, onHover }: MapViewProps) {
  const hoverRef = useRef(onHover);
  hoverRef.current = onHover;
  const base = useBaseMap({
    background: '#f4f6f8',
    setup: (map) => {
      map.touchZoomRotate.disableRotation();
      const move = (e: MapLayerMouseEvent) => {
        const code = e.features?.[0]?.properties?.code;
        map.getCanvas().style.cursor = code === undefined ? '' : 'default';
        hoverRef.current(code === undefined ? null : { code: String(code), x: e.point.x, y: e.point.y });
      };
      map.on('mousemove', 'regions-fill', move);
      map.on('mouseleave', 'regions-fill', () => hoverRef.current(null));
    },
  });
  const { container, failure, loaded } = base;
  const { t } = useTranslation();

  useRegionSource(base, geometry, SOURCE, (map) => {
    map.addLayer({ id: 'regions-fill', type: 'fill', source: SOURCE, paint: { 'fill-color': MISSING_COLOR, 'fill-opacity': 0.95 } });
    map.addLayer({ id: 'regions-line', type: 'line', source: SOURCE, paint: { 'line-color': '#ffffff', 'line-width': 0.8 } });
  });

  useEffect(() => {
    const map = base.map.current;
    if (!map || !loaded || !geometry || !map.getLayer('regions-fill')) return;
    const pairs: string[] = [];
    for (const [code, color] of colors) if (!faded.has(code)) pairs.push(code, color);
    for (const code of faded) pairs.push(code, OUTSIDE_COLOR);
    map.setPaintProperty('regions-fill', 'fill-color', pairs.length ? matchByCode(pairs, MISSING_COLOR) : MISSING_COLOR);
    map.setPaintProperty('regions-fill', 'fill-opacity', faded.size ? matchByCode([[...faded], 0.7], 0.95) : 0.95);
    return markReadyWhenIdle(map, container.current);
  }, [base.map, colors, container, faded, geometry, loaded]);

  return (
    <div className="map-view" ref={container} data-map-ready="false" data-testid="map">
      {failure && <div className="map-failure">{t('map.failed', { reason: failure })}</div>}
    </div>
  );
}
