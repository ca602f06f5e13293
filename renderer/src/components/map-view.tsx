/**
 * The choropleth: MapLibre with NO remote content — a style holding only a background layer
 * and our GeoJSON source (no tiles, no glyphs, no sprites, so no text labels). Each region's
 * fill colour is its feature state (`fill`, `opacity`; the source promotes `code` to the
 * feature id), set on the main thread for every region of the current geometry whenever the
 * colours or the regions change; regions outside the selected region group are drawn in a
 * neutral grey.
 *
 * Why feature state (issue 13, "the map keeps the previous project's fill colours"): the fill
 * used to be a `match` expression on the code. Changing that data-driven paint property makes
 * MapLibre lay out every tile again in its worker, and until the worker answers it keeps drawing
 * the tiles it has, their old colours baked into the vertex buffers; on a loaded machine (the full
 * test run) the map of a project from the China template, opened after the coloured China
 * sample (same codes), was captured still in the sample's colours. Feature state is applied to
 * the tiles already drawn on the next frame, with no worker round trip. It outlives `setData`
 * (it is keyed by id), so it is cleared before every repaint; and a project without boundaries
 * empties the source (the map used to keep the previous project's regions).
 */
import type { MapLayerMouseEvent, MapMouseEvent, Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AreaCollection, ResponseOf } from '../../../src/contract';
import { MISSING_COLOR, OUTSIDE_COLOR } from '../lib/palette';
import { markReadyWhenIdle, setSourceData, useBaseMap, useRegionSource } from '../lib/use-base-map';

/** Dissolved outlines of the region groups (`geometry:groupOutlines`). */
export type GroupOutlines = ResponseOf<'geometry:groupOutlines'>;

/** What the map needs to draw. */
export interface MapViewProps {
  readonly geometry: AreaCollection | null;
  /**
   * The project has no boundaries at all: a null `geometry` is then final and the empty map is
   * ready; otherwise a null `geometry` is still loading and the map is not ready yet.
   */
  readonly noBoundaries?: boolean;
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
const FILL_OPACITY = 0.95;
const FADED_OPACITY = 0.7;
const OUTLINES = 'group-outlines';

/** The map panel. */
export function MapView({ geometry, noBoundaries = false, colors, faded, onHover, selected = null, onSelect, overlay, outlines = null, outlineGroup = null }: MapViewProps) {
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
    map.addLayer({
      id: 'regions-fill',
      type: 'fill',
      source: SOURCE,
      paint: {
        'fill-color': ['coalesce', ['feature-state', 'fill'], MISSING_COLOR],
        'fill-opacity': ['coalesce', ['feature-state', 'opacity'], FILL_OPACITY],
      },
    });
    map.addLayer({ id: 'regions-line', type: 'line', source: SOURCE, paint: { 'line-color': '#ffffff', 'line-width': 0.8 } });
    map.addLayer({ id: 'regions-selected', type: 'line', source: SOURCE, filter: ['==', ['to-string', ['get', 'code']], ''], paint: { 'line-color': '#111827', 'line-width': 2.5 } });
  }, { promoteId: 'code' });

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
    if (!map || !loaded) return;
    // No regions drawn yet: a project without boundaries is ready as it is; otherwise the regions
    // are still loading and the map becomes ready once they are painted (this effect runs again).
    if (!map.getSource(SOURCE)) return noBoundaries ? markReadyWhenIdle(map, container.current) : undefined;
    // Feature state is keyed by id and survives setData: forget every region's colour first.
    map.removeFeatureState({ source: SOURCE });
    const painted = new Map<string, number>();
    for (const f of geometry?.features ?? []) {
      const code = String(f.properties?.code ?? '');
      const out = faded.has(code);
      const fill = out ? OUTSIDE_COLOR : (colors.get(code) ?? MISSING_COLOR);
      map.setFeatureState({ source: SOURCE, id: code }, { fill, opacity: out ? FADED_OPACITY : FILL_OPACITY });
      if (!out && colors.has(code)) painted.set(fill, (painted.get(fill) ?? 0) + 1);
    }
    // For tests and tools: how many regions got each class colour (the pixels are the real check).
    if (container.current) container.current.dataset.fills = [...painted].map(([c, n]) => `${c}:${n}`).sort().join(' ');
    return markReadyWhenIdle(map, container.current);
  }, [base.map, colors, container, faded, geometry, loaded, noBoundaries]);

  return (
    <div className="map-view" ref={container} data-map-ready="false" data-testid="map">
      {failure && <div className="map-failure">{t('map.failed', { reason: failure })}</div>}
      {loaded && base.map.current && overlay?.(base.map.current)}
    </div>
  );
}
