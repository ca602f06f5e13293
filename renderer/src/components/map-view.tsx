/**
 * The choropleth: MapLibre with NO remote content — a style holding only a background layer
 * and our GeoJSON source (no tiles, no glyphs, no sprites, so no text labels). Fill colours
 * come from a `match` expression built from the current classes; regions outside the
 * selected region group are drawn in a neutral grey. The container gets `data-map-ready="true"` once the map
 * is idle with the current colours (the browser test waits for it). A click selects a region
 * (outlined; shared with the Data and Groups tabs), and region names are an HTML layer
 * (map-labels.tsx), since the style has no glyphs.
 */
import type { MapLayerMouseEvent, MapMouseEvent, Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AreaCollection, ResponseOf } from '../../../src/contract';
import { MISSING_COLOR, OUTSIDE_COLOR } from '../lib/palette';
import { markReadyWhenIdle, matchByCode, setSourceData, useBaseMap, useRegionSource } from '../lib/use-base-map';

/** Dissolved outlines of the region groups (`geometry:groupOutlines`). */
export type GroupOutlines = ResponseOf<'geometry:groupOutlines'>;

/** What the map needs to draw. */
export interface MapViewProps {
  readonly geometry: AreaCollection | null;
  /** Fill colour per region code (regions not listed get the missing colour). */
  readonly colors: ReadonlyMap<string, string>;
  /** Codes to fade out (not in the selected region group); empty = none. */
  readonly faded: ReadonlySet<string>;
  /** Called with the hovered region code and the mouse position in the container, or null. */
  readonly onHover: (hover: { code: string; x: number; y: number } | null) => void;
  /** The selected region's code (outlined), or null. */
  readonly selected?: string | null;
  /** Called with the clicked region's code, or null for a click outside every region. */
  readonly onSelect?: (code: string | null) => void;
  /**
   * Dissolved group outlines to draw (null: none): every group thin, `outlineGroup` (the
   * chosen region group) thick.
   */
  readonly outlines?: GroupOutlines | null;
  readonly outlineGroup?: string | null;
  /** Overlays drawn over the map (labels), given the map once it has loaded. */
  readonly overlay?: (map: MapLibreMap) => ReactNode;
}

const SOURCE = 'regions';
const OUTLINES = 'group-outlines';

/** The map panel. */
export function MapView({ geometry, colors, faded, onHover, selected = null, onSelect, overlay, outlines = null, outlineGroup = null }: MapViewProps) {
  const hoverRef = useRef(onHover);
  hoverRef.current = onHover;
  const selectRef = useRef(onSelect);
  selectRef.current = onSelect;
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
      map.on('click', (e: MapMouseEvent) => {
        if (!map.getLayer('regions-fill')) return;
        const code = map.queryRenderedFeatures(e.point, { layers: ['regions-fill'] })[0]?.properties?.code;
        selectRef.current?.(code === undefined ? null : String(code));
      });
    },
  });
  const { container, failure, loaded } = base;
  const { t } = useTranslation();

  useRegionSource(base, geometry, SOURCE, (map) => {
    map.addLayer({ id: 'regions-fill', type: 'fill', source: SOURCE, paint: { 'fill-color': MISSING_COLOR, 'fill-opacity': 0.95 } });
    map.addLayer({ id: 'regions-line', type: 'line', source: SOURCE, paint: { 'line-color': '#ffffff', 'line-width': 0.8 } });
    map.addLayer({ id: 'regions-selected', type: 'line', source: SOURCE, filter: ['==', ['to-string', ['get', 'code']], ''], paint: { 'line-color': '#111827', 'line-width': 2.5 } });
  });

  useEffect(() => {
    const map = base.map.current;
    if (!map || !loaded || !map.getLayer('regions-selected')) return;
    const data = (outlines ?? { type: 'FeatureCollection', features: [] }) as unknown as GeoJSON.FeatureCollection;
    if (!setSourceData(map, OUTLINES, data)) {
      map.addSource(OUTLINES, { type: 'geojson', data });
      map.addLayer({ id: 'group-outlines', type: 'line', source: OUTLINES, paint: { 'line-color': '#374151', 'line-width': 1.2 } }, 'regions-selected');
      map.addLayer({ id: 'group-outline-chosen', type: 'line', source: OUTLINES, filter: ['==', ['get', 'group'], ''], paint: { 'line-color': '#111827', 'line-width': 2.6 } }, 'regions-selected');
    }
    map.setFilter('group-outline-chosen', ['==', ['get', 'group'], outlineGroup ?? '']);
    if (container.current) container.current.dataset.outlines = String(outlines?.features.length ?? 0);
  }, [base.map, container, geometry, loaded, outlines, outlineGroup]);

  useEffect(() => {
    const map = base.map.current;
    if (!map || !loaded || !map.getLayer('regions-selected')) return;
    map.setFilter('regions-selected', ['==', ['to-string', ['get', 'code']], selected ?? '']);
    if (container.current) container.current.dataset.selected = selected ?? '';
  }, [base.map, container, geometry, loaded, selected]);

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
      {loaded && base.map.current && overlay?.(base.map.current)}
    </div>
  );
}
