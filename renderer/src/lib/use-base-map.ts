/**
 * What both maps share: a MapLibre map with NO remote content (a style holding only a
 * background layer; no tiles, glyphs or sprites), the GeoJSON region source fitted into view,
 * fill colours matched on the region code, and the `data-map-ready` marker the browser tests
 * wait for.
 */
import { Map as MapLibreMap, setWorkerUrl, type GeoJSONSourceSpecification } from 'maplibre-gl';
import type { ExpressionSpecification } from '@maplibre/maplibre-gl-style-spec';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { AreaCollection } from '../../../src/contract';
import { geometryBounds } from './geometry-bounds';

setWorkerUrl(new URL(workerUrl, window.location.href).href);

/** How to start the map. Read once, when the component mounts. */
export interface BaseMapOptions {
  /** Background colour of the style's only layer. */
  readonly background: string;
  /** Registers the component's own handlers on the new map (hover, click, …). */
  readonly setup?: (map: MapLibreMap, container: HTMLDivElement) => void;
}

/** A started map: the container to render, the map once created, and whether its style loaded. */
export interface BaseMap {
  readonly container: RefObject<HTMLDivElement | null>;
  readonly map: RefObject<MapLibreMap | null>;
  readonly loaded: boolean;
  /** Why the map could not start (the browser's reason, e.g. WebGL unavailable); shown through `map.failed`. */
  readonly failure: string | null;
}

/**
 * Starts a MapLibre map in the returned container (centred on China, no rotation, no world
 * copies, no attribution), resizes it with its container and removes it on unmount.
 */
export function useBaseMap(options: BaseMapOptions): BaseMap {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<MapLibreMap | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const start = useRef(options);

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    let m: MapLibreMap;
    try {
      m = new MapLibreMap({
        container: el,
        style: {
          version: 8,
          sources: {},
          layers: [{ id: 'background', type: 'background', paint: { 'background-color': start.current.background } }],
        },
        center: [105, 35],
        zoom: 2.5,
        attributionControl: false,
        dragRotate: false,
        pitchWithRotate: false,
        renderWorldCopies: false,
      });
    } catch (e) {
      setFailure(e instanceof Error ? e.message : String(e));
      return;
    }
    map.current = m;
    m.on('load', () => setLoaded(true));
    m.on('error', (e) => console.warn('map error', e.error));
    start.current.setup?.(m, el);
    const resize = new ResizeObserver(() => m.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      m.remove();
      map.current = null;
    };
  }, []);

  return { container, map, loaded, failure };
}

/** Replaces the data of GeoJSON source `id` if the map has it; returns whether it did. */
export function setSourceData(map: MapLibreMap, id: string, data: GeoJSONSourceSpecification['data']): boolean {
  const src = map.getSource(id);
  if (src && 'setData' in src && typeof src.setData === 'function') {
    src.setData(data);
    return true;
  }
  return false;
}

/** Options of {@link useRegionSource}. */
export interface RegionSourceOptions {
  /**
   * Feature property promoted to the feature id (MapLibre's `promoteId`), so that colours can
   * be set per region with `setFeatureState` (the choropleth keys them by `code`).
   */
  readonly promoteId?: string;
}

const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };

/**
 * Keeps GeoJSON source `sourceId` holding `geometry` and fits the view to it. The first time,
 * adds the source and then calls `addLayers` (read once, at mount). Clears `data-map-ready`
 * while the regions change. When `geometry` becomes null (a project without boundaries) the
 * source is emptied, so the previous project's regions are not left on the map.
 */
export function useRegionSource(
  base: BaseMap,
  geometry: AreaCollection | null,
  sourceId: string,
  addLayers: (map: MapLibreMap) => void,
  options: RegionSourceOptions = {},
): void {
  const add = useRef(addLayers);
  const promoteId = useRef(options.promoteId);
  const { map: mapRef, container, loaded } = base;
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    if (!geometry) {
      setSourceData(map, sourceId, EMPTY);
      return;
    }
    if (container.current) container.current.dataset.mapReady = 'false';
    const data = geometry as unknown as GeoJSON.FeatureCollection;
    if (!setSourceData(map, sourceId, data)) {
      map.addSource(sourceId, { type: 'geojson', data, ...(promoteId.current ? { promoteId: promoteId.current } : {}) });
      add.current(map);
    }
    const b = geometryBounds(geometry);
    if (b) map.fitBounds([[b[0], b[1]], [b[2], b[3]]], { padding: 24, animate: false });
  }, [geometry, loaded, mapRef, container, sourceId]);
}

/**
 * Sets `data-map-ready="false"` on the container now and `"true"` once the map is idle
 * (after a forced repaint). Returns the clean-up for an effect.
 */
export function markReadyWhenIdle(map: MapLibreMap, el: HTMLElement | null): () => void {
  if (el) el.dataset.mapReady = 'false';
  const ready = () => {
    if (el) el.dataset.mapReady = 'true';
  };
  map.once('idle', ready);
  map.triggerRepaint();
  return () => {
    map.off('idle', ready);
  };
}

/**
 * A paint expression choosing a value by the feature's `code` property.
 * Formula: `['match', ['to-string', ['get', 'code']], code₁, value₁, …, fallback]`.
 */
export function matchByCode(pairs: readonly unknown[], fallback: string | number): ExpressionSpecification {
  return ['match', ['to-string', ['get', 'code']], ...pairs, fallback] as ExpressionSpecification;
}
