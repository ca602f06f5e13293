/**
 * The choropleth: MapLibre with NO remote content — a style holding only a background layer
 * and our GeoJSON source (no tiles, no glyphs, no sprites, so no text labels). Fill colours
 * come from a `match` expression built from the current classes; regions outside the
 * selected region group are drawn in a neutral grey. The container gets `data-map-ready="true"` once the map
 * is idle with the current colours (the browser test waits for it).
 */
import { Map as MapLibreMap, setWorkerUrl, type MapLayerMouseEvent } from 'maplibre-gl';
import type { ExpressionSpecification } from '@maplibre/maplibre-gl-style-spec';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef, useState } from 'react';
import type { AreaCollection } from '../../../src/contract';
import { MISSING_COLOR, OUTSIDE_COLOR } from '../lib/classify';

setWorkerUrl(new URL(workerUrl, window.location.href).href);

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

function bbox(fc: AreaCollection): [number, number, number, number] | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      const [x, y] = c as number[];
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    } else if (Array.isArray(c)) for (const d of c) visit(d);
  };
  for (const f of fc.features) visit(f.geometry.coordinates);
  return Number.isFinite(minX) ? [minX, minY, maxX, maxY] : null;
}

/** The map panel. */
export function MapView({ geometry, colors, faded, onHover }: MapViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const hoverRef = useRef(onHover);
  hoverRef.current = onHover;

  useEffect(() => {
    if (!container.current) return;
    let map: MapLibreMap;
    try {
      map = new MapLibreMap({
        container: container.current,
        style: {
          version: 8,
          sources: {},
          layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#f4f6f8' } }],
        },
        center: [105, 35],
        zoom: 2.5,
        attributionControl: false,
        dragRotate: false,
        pitchWithRotate: false,
        renderWorldCopies: false,
      });
    } catch (e) {
      setFailure(`The map could not start (${e instanceof Error ? e.message : String(e)}). WebGL may be unavailable.`);
      return;
    }
    mapRef.current = map;
    map.touchZoomRotate.disableRotation();
    map.on('load', () => setLoaded(true));
    map.on('error', (e) => console.warn('map error', e.error));
    const move = (e: MapLayerMouseEvent) => {
      const code = e.features?.[0]?.properties?.code;
      map.getCanvas().style.cursor = code === undefined ? '' : 'default';
      hoverRef.current(code === undefined ? null : { code: String(code), x: e.point.x, y: e.point.y });
    };
    map.on('mousemove', 'regions-fill', move);
    map.on('mouseleave', 'regions-fill', () => hoverRef.current(null));
    const resize = new ResizeObserver(() => map.resize());
    resize.observe(container.current);
    return () => {
      resize.disconnect();
      map.remove();
      mapRef.current = null;
    };
  }, []);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded || !geometry) return;
    if (container.current) container.current.dataset.mapReady = 'false';
    const src = map.getSource(SOURCE);
    if (src && 'setData' in src && typeof src.setData === 'function') {
      src.setData(geometry as unknown as GeoJSON.FeatureCollection);
    } else {
      map.addSource(SOURCE, { type: 'geojson', data: geometry as unknown as GeoJSON.FeatureCollection });
      map.addLayer({ id: 'regions-fill', type: 'fill', source: SOURCE, paint: { 'fill-color': MISSING_COLOR, 'fill-opacity': 0.95 } });
      map.addLayer({ id: 'regions-line', type: 'line', source: SOURCE, paint: { 'line-color': '#ffffff', 'line-width': 0.8 } });
    }
    const b = bbox(geometry);
    if (b) map.fitBounds([[b[0], b[1]], [b[2], b[3]]], { padding: 24, animate: false });
  }, [geometry, loaded]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded || !geometry || !map.getLayer('regions-fill')) return;
    const el = container.current;
    if (el) el.dataset.mapReady = 'false';
    const pairs: string[] = [];
    for (const [code, color] of colors) if (!faded.has(code)) pairs.push(code, color);
    for (const code of faded) pairs.push(code, OUTSIDE_COLOR);
    map.setPaintProperty(
      'regions-fill',
      'fill-color',
      pairs.length ? (['match', ['to-string', ['get', 'code']], ...pairs, MISSING_COLOR] as ExpressionSpecification) : MISSING_COLOR,
    );
    map.setPaintProperty(
      'regions-fill',
      'fill-opacity',
      faded.size ? (['match', ['to-string', ['get', 'code']], [...faded], 0.7, 0.95] as ExpressionSpecification) : 0.95,
    );
    const ready = () => {
      if (el) el.dataset.mapReady = 'true';
    };
    map.once('idle', ready);
    map.triggerRepaint();
    return () => {
      map.off('idle', ready);
    };
  }, [colors, faded, geometry, loaded]);

  return (
    <div className="map-view" ref={container} data-map-ready="false" data-testid="map">
      {failure && <div className="map-failure">{failure}</div>}
    </div>
  );
}
