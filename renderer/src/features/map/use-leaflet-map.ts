import { useEffect, useState, type RefObject } from 'react';
import type { LatLngRect } from './geo-select';
import { L } from './leaflet-setup';
import type * as Lf from 'leaflet';
import { createLabelsLayer, createShapesLayer, ensureLabelPane } from './leaflet-base-layer';
import { labelMinZoom } from './base-layer';
import type { MapData } from './use-map-data';
import type { Language } from '../../i18n/translate';

/** Where to look when neither the base layer nor any camera says where the county is. */
const FALLBACK_VIEW = { center: [35.9, 104.2] as [number, number], zoom: 4 };
const FIT_PADDING: [number, number] = [24, 24];

export const toBounds = (r: LatLngRect) => L.latLngBounds([r.south, r.west], [r.north, r.east]);

/**
 * Creates the Leaflet map once data has arrived: vector base layer (and the intranet tile layer under it, when
 * configured), fitted to the base layer's bbox or, failing that, to the cameras. Returns null until it has a view.
 */
export function useLeafletMap(ref: RefObject<HTMLDivElement | null>, data: MapData, fallbackBounds: () => LatLngRect | null, opts: { baseLayers?: boolean } = {}): Lf.Map | null {
  // false: the caller manages tiles and shapes itself (the camera map's layer control, use-map-layers.ts).
  const withBase = opts.baseLayers !== false;
  const [map, setMap] = useState<Lf.Map | null>(null);
  const ready = data.status === 'ready' ? data : null;
  useEffect(() => {
    const el = ref.current;
    if (!el || !ready) return;
    const { config, baseLayer } = ready;
    const m = L.map(el, { zoomControl: false, attributionControl: false, boxZoom: false, minZoom: 5, maxZoom: config.maxZoom, zoomSnap: 0.5, wheelPxPerZoomLevel: 90 });
    ensureLabelPane(m);
    L.control.scale({ imperial: false, position: 'bottomright' }).addTo(m);
    if (withBase && config.tileUrl) L.tileLayer(config.tileUrl, { maxZoom: config.maxZoom, crossOrigin: false }).addTo(m);
    if (withBase && baseLayer) createShapesLayer(baseLayer, config.tileUrl !== null).addTo(m);
    const bounds = baseLayer?.bounds ?? fallbackBounds();
    if (bounds) m.fitBounds(toBounds(bounds), { padding: FIT_PADDING });
    else m.setView(FALLBACK_VIEW.center, FALLBACK_VIEW.zoom);
    // Town and village labels only once they can be read.
    const syncZoomClass = () => {
      for (const level of ['township', 'village'] as const) el.classList.toggle(`show-${level}`, m.getZoom() >= labelMinZoom(level));
    };
    m.on('zoomend', syncZoomClass);
    syncZoomClass();
    setMap(m);
    return () => {
      setMap(null);
      m.remove();
    };
    // fallbackBounds is read once, when the map is created.
  }, [ref, ready, withBase]);
  return map;
}

/** Place labels in the UI language; rebuilt when the language changes. */
export function usePlaceLabels(map: Lf.Map | null, data: MapData, lang: Language): void {
  const baseLayer = data.status === 'ready' ? data.baseLayer : null;
  useEffect(() => {
    if (!map || !baseLayer) return;
    const labels = createLabelsLayer(baseLayer, lang).addTo(map);
    return () => {
      labels.remove();
    };
  }, [map, baseLayer, lang]);
}

export function fitTo(map: Lf.Map, bounds: LatLngRect): void {
  map.fitBounds(toBounds(bounds), { padding: FIT_PADDING });
}
