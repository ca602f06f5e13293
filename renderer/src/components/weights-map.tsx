/**
 * Connectivity view of a weights matrix on MapLibre (no remote content): region fills, lines
 * between the centroids of linked regions (manual links dashed red), islands tinted red; a
 * click selects a region and highlights it and its neighbours. The container gets
 * `data-map-ready="true"` once the map is idle with the current layers (the browser test waits for it).
 */
import { Map as MapLibreMap, setWorkerUrl, type MapLayerMouseEvent, type MapMouseEvent } from 'maplibre-gl';
import type { ExpressionSpecification } from '@maplibre/maplibre-gl-style-spec';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { AreaCollection, WeightsView } from '../../../src/contract';

setWorkerUrl(new URL(workerUrl, window.location.href).href);

/** Props of the connectivity map. */
export interface WeightsMapProps {
  readonly geometry: AreaCollection | null;
  readonly view: WeightsView | null;
  readonly selected: string | null;
  readonly onSelect: (code: string | null) => void;
}

const COLORS = { base: '#dfe6ee', selected: '#f28c28', neighbor: '#ffd59e', island: '#f4b4ae', missing: '#f1f3f5' };

/** GeoJSON lines between the centroids of each linked pair (one line per unordered pair). */
export function linkLines(view: WeightsView | null): GeoJSON.FeatureCollection {
  const features: GeoJSON.Feature[] = [];
  if (view) {
    const manual = new Set(view.links.map(([a, b]) => (a < b ? `${a}|${b}` : `${b}|${a}`)));
    const seen = new Set<string>();
    for (const i of view.ids) {
      for (const j of view.neighbors[i] ?? []) {
        const key = i < j ? `${i}|${j}` : `${j}|${i}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const p = view.centroids[i];
        const q = view.centroids[j];
        if (!p || !q) continue;
        features.push({ type: 'Feature', properties: { i, j, manual: manual.has(key) }, geometry: { type: 'LineString', coordinates: [p, q] } });
      }
    }
  }
  return { type: 'FeatureCollection', features };
}

function centroidPoints(view: WeightsView | null): GeoJSON.FeatureCollection {
  const features: GeoJSON.Feature[] = [];
  if (view) for (const id of view.ids) {
    const c = view.centroids[id];
    if (c) features.push({ type: 'Feature', properties: { code: id, island: view.islands.includes(id) }, geometry: { type: 'Point', coordinates: c } });
  }
  return { type: 'FeatureCollection', features };
}

function bbox(fc: AreaCollection): [number, number, number, number] | null {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      const [x, y] = c as number[];
      minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
    } else if (Array.isArray(c)) for (const d of c) visit(d);
  };
  for (const f of fc.features) visit(f.geometry.coordinates);
  return Number.isFinite(minX) ? [minX, minY, maxX, maxY] : null;
}

/** The map. */
export function WeightsMap({ geometry, view, selected, onSelect }: WeightsMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const selectRef = useRef(onSelect);
  selectRef.current = onSelect;

  useEffect(() => {
    if (!container.current) return;
    let map: MapLibreMap;
    try {
      map = new MapLibreMap({
        container: container.current,
        style: { version: 8, sources: {}, layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#f8fafc' } }] },
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
    map.on('load', () => setLoaded(true));
    map.on('error', (e) => console.warn('map error', e.error));
    let hit = false;
    map.on('click', 'w-fill', (e: MapLayerMouseEvent) => {
      const code = e.features?.[0]?.properties?.code;
      hit = true;
      selectRef.current(code === undefined ? null : String(code));
    });
    map.on('click', (_e: MapMouseEvent) => {
      if (!hit) selectRef.current(null);
      hit = false;
    });
    // The visible bounds [west, south, east, north], so tests can turn lon/lat into a click position.
    map.on('moveend', () => {
      if (container.current) container.current.dataset.bounds = JSON.stringify(map.getBounds().toArray().flat());
    });
    map.on('mousemove', 'w-fill', () => { map.getCanvas().style.cursor = 'pointer'; });
    map.on('mouseleave', 'w-fill', () => { map.getCanvas().style.cursor = ''; });
    const resize = new ResizeObserver(() => map.resize());
    resize.observe(container.current);
    return () => {
      resize.disconnect();
      map.remove();
      mapRef.current = null;
    };
  }, []);

  const lines = useMemo(() => linkLines(view), [view]);
  const points = useMemo(() => centroidPoints(view), [view]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded || !geometry) return;
    const src = map.getSource('w-regions');
    if (src && 'setData' in src && typeof src.setData === 'function') {
      src.setData(geometry as unknown as GeoJSON.FeatureCollection);
    } else {
      map.addSource('w-regions', { type: 'geojson', data: geometry as unknown as GeoJSON.FeatureCollection });
      map.addSource('w-links', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      map.addSource('w-points', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      map.addLayer({ id: 'w-fill', type: 'fill', source: 'w-regions', paint: { 'fill-color': COLORS.base, 'fill-opacity': 0.95 } });
      map.addLayer({ id: 'w-outline', type: 'line', source: 'w-regions', paint: { 'line-color': '#ffffff', 'line-width': 0.8 } });
      map.addLayer({ id: 'w-links-line', type: 'line', source: 'w-links', filter: ['!', ['get', 'manual']], paint: { 'line-color': '#1f4e79', 'line-width': 1.1, 'line-opacity': 0.75 } });
      map.addLayer({ id: 'w-links-manual', type: 'line', source: 'w-links', filter: ['get', 'manual'], paint: { 'line-color': '#d93025', 'line-width': 2, 'line-dasharray': [2, 1.5] } });
      map.addLayer({ id: 'w-points', type: 'circle', source: 'w-points', paint: { 'circle-radius': 2.5, 'circle-color': ['case', ['get', 'island'], '#d93025', '#1f4e79'], 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 0.8 } });
    }
    const b = bbox(geometry);
    if (b) map.fitBounds([[b[0], b[1]], [b[2], b[3]]], { padding: 24, animate: false });
  }, [geometry, loaded]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded || !geometry || !map.getLayer('w-fill')) return;
    const el = container.current;
    if (el) el.dataset.mapReady = 'false';
    const linkSrc = map.getSource('w-links');
    if (linkSrc && 'setData' in linkSrc && typeof linkSrc.setData === 'function') linkSrc.setData(lines);
    const pointSrc = map.getSource('w-points');
    if (pointSrc && 'setData' in pointSrc && typeof pointSrc.setData === 'function') pointSrc.setData(points);
    const color = new Map<string, string>();
    if (view) {
      for (const id of view.ids) color.set(id, COLORS.base);
      for (const id of view.islands) color.set(id, COLORS.island);
      if (selected && view.neighbors[selected]) {
        for (const j of view.neighbors[selected]) color.set(j, COLORS.neighbor);
        color.set(selected, COLORS.selected);
      }
    }
    const pairs: string[] = [];
    for (const [code, c] of color) pairs.push(code, c);
    map.setPaintProperty('w-fill', 'fill-color', pairs.length ? (['match', ['to-string', ['get', 'code']], ...pairs, COLORS.missing] as ExpressionSpecification) : COLORS.base);
    const ready = () => {
      if (el) el.dataset.mapReady = 'true';
    };
    map.once('idle', ready);
    map.triggerRepaint();
    return () => {
      map.off('idle', ready);
    };
  }, [geometry, loaded, lines, points, view, selected]);

  return (
    <div className="map-view weights-map" ref={container} data-map-ready="false" data-testid="weights-map">
      {failure && <div className="map-failure">{failure}</div>}
    </div>
  );
}
