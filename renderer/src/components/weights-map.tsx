/**
 * Connectivity view of a weights matrix on MapLibre (no remote content): region fills, lines
 * between the centroids of linked regions (manual links dashed red), islands tinted red; a
 * click selects a region and highlights it and its neighbours. The container gets
 * `data-map-ready="true"` once the map is idle with the current layers (the browser test waits for it).
 */
import type { MapLayerMouseEvent, MapMouseEvent } from 'maplibre-gl';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { AreaCollection, WeightsView } from '../../../src/contract';
import { markReadyWhenIdle, matchByCode, setSourceData, useBaseMap, useRegionSource } from '../lib/use-base-map';

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

/** The map. */
export function WeightsMap({ geometry, view, selected, onSelect }: WeightsMapProps) {
  const selectRef = useRef(onSelect);
  selectRef.current = onSelect;
  const base = useBaseMap({
    background: '#f8fafc',
    setup: (map, el) => {
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
        el.dataset.bounds = JSON.stringify(map.getBounds().toArray().flat());
      });
      map.on('mousemove', 'w-fill', () => { map.getCanvas().style.cursor = 'pointer'; });
      map.on('mouseleave', 'w-fill', () => { map.getCanvas().style.cursor = ''; });
    },
  });
  const { container, failure, loaded } = base;
  const { t } = useTranslation();

  const lines = useMemo(() => linkLines(view), [view]);
  const points = useMemo(() => centroidPoints(view), [view]);

  useRegionSource(base, geometry, 'w-regions', (map) => {
    map.addSource('w-links', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    map.addSource('w-points', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    map.addLayer({ id: 'w-fill', type: 'fill', source: 'w-regions', paint: { 'fill-color': COLORS.base, 'fill-opacity': 0.95 } });
    map.addLayer({ id: 'w-outline', type: 'line', source: 'w-regions', paint: { 'line-color': '#ffffff', 'line-width': 0.8 } });
    map.addLayer({ id: 'w-links-line', type: 'line', source: 'w-links', filter: ['!', ['get', 'manual']], paint: { 'line-color': '#1f4e79', 'line-width': 1.1, 'line-opacity': 0.75 } });
    map.addLayer({ id: 'w-links-manual', type: 'line', source: 'w-links', filter: ['get', 'manual'], paint: { 'line-color': '#d93025', 'line-width': 2, 'line-dasharray': [2, 1.5] } });
    map.addLayer({ id: 'w-points', type: 'circle', source: 'w-points', paint: { 'circle-radius': 2.5, 'circle-color': ['case', ['get', 'island'], '#d93025', '#1f4e79'], 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 0.8 } });
  });

  useEffect(() => {
    const map = base.map.current;
    if (!map || !loaded || !geometry || !map.getLayer('w-fill')) return;
    setSourceData(map, 'w-links', lines);
    setSourceData(map, 'w-points', points);
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
    map.setPaintProperty('w-fill', 'fill-color', pairs.length ? matchByCode(pairs, COLORS.missing) : COLORS.base);
    return markReadyWhenIdle(map, container.current);
  }, [base.map, container, geometry, loaded, lines, points, view, selected]);

  return (
    <div className="map-view weights-map" ref={container} data-map-ready="false" data-testid="weights-map">
      {failure && <div className="map-failure">{t('map.failed', { reason: failure })}</div>}
    </div>
  );
}
