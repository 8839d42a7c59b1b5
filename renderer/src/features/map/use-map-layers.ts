// The camera map's Leaflet layer control (issue 13): base layers — the offline vector map, the site's intranet tiles
// when configured, or a plain background — and overlays: cameras per category (一类/二类/三类点), township areas, place
// names, alarms. Everything is local: no base layer fetches from the internet. Choices survive a language switch
// (the control is rebuilt with translated names; Leaflet writes those names as HTML, so they are escaped here).
import { useEffect, useRef, useState } from 'react';
import { CAMERA_CATEGORIES, type CameraCategory } from '../../../../contracts/src/camera';
import type { Language, Translate } from '../../i18n/translate';
import { createLabelsLayer, createShapesLayer, createTownshipAreasLayer } from './leaflet-base-layer';
import { L } from './leaflet-setup';
import type { MapData } from './use-map-data';
import type * as Lf from 'leaflet';

type BaseKey = 'vector' | 'tiles' | 'plain';
type OverlayKey = `category-${CameraCategory}` | 'townships' | 'labels' | 'alarms';

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface MapLayersInput {
  data: MapData;
  lang: Language;
  t: Translate;
  /** The alarm markers' group (use-alarm-markers.ts): the 告警 overlay. */
  alarms: Lf.LayerGroup | null;
}

/** Builds the base layers, overlays and the control; returns the camera categories switched off. */
export function useMapLayers(map: Lf.Map | null, input: MapLayersInput): ReadonlySet<CameraCategory> {
  const { data, lang, t, alarms } = input;
  const ready = data.status === 'ready' ? data : null;
  const [hidden, setHidden] = useState<ReadonlySet<CameraCategory>>(() => new Set());
  const choice = useRef<{ base: BaseKey | null; off: Set<OverlayKey> }>({ base: null, off: new Set() });

  useEffect(() => {
    if (!map || !ready) return;
    const { config, baseLayer } = ready;
    const shapes = (overTiles: boolean) => (baseLayer ? createShapesLayer(baseLayer, overTiles, { townships: false }) : L.layerGroup());
    const bases = new Map<BaseKey, Lf.Layer>([['vector', shapes(false)]]);
    if (config.tileUrl) bases.set('tiles', L.layerGroup([L.tileLayer(config.tileUrl, { maxZoom: config.maxZoom, crossOrigin: false }), shapes(true)]));
    bases.set('plain', L.layerGroup());
    const overlays = new Map<OverlayKey, Lf.Layer>(CAMERA_CATEGORIES.map((c) => [`category-${c}` as const, L.layerGroup()]));
    if (baseLayer) {
      overlays.set('townships', createTownshipAreasLayer(baseLayer, config.tileUrl !== null));
      overlays.set('labels', createLabelsLayer(baseLayer, lang));
    }
    if (alarms) overlays.set('alarms', alarms);

    const base = choice.current.base && bases.has(choice.current.base) ? choice.current.base : config.tileUrl ? 'tiles' : 'vector';
    bases.get(base)!.addTo(map);
    for (const [key, layer] of overlays) if (!choice.current.off.has(key)) layer.addTo(map);

    const baseName: Record<BaseKey, string> = { vector: t('map.layers.vector'), tiles: t('map.layers.tiles'), plain: t('map.layers.plain') };
    const overlayName = (key: OverlayKey) =>
      key === 'townships' ? t('map.layers.townships') : key === 'labels' ? t('map.layers.labels') : key === 'alarms' ? t('map.layers.alarms') : t('map.layers.cameras', { category: t(`map.category.${key.slice('category-'.length) as '1' | '2' | '3'}`) });
    const control = L.control.layers(
      Object.fromEntries([...bases].map(([k, l]) => [escapeHtml(baseName[k]), l])),
      Object.fromEntries([...overlays].map(([k, l]) => [escapeHtml(overlayName(k)), l])),
      { collapsed: true, position: 'topright' },
    );
    control.addTo(map);
    const container = control.getContainer();
    if (container) {
      container.dataset.testid = 'map-layers';
      container.title = t('map.layers.title');
    }

    const keyOf = <K>(m: Map<K, Lf.Layer>, layer: Lf.Layer) => [...m].find(([, l]) => l === layer)?.[0];
    const syncHidden = () => setHidden(new Set(CAMERA_CATEGORIES.filter((c) => choice.current.off.has(`category-${c}`))));
    const onBase = (e: Lf.LayersControlEvent) => {
      choice.current.base = keyOf(bases, e.layer) ?? choice.current.base;
    };
    const onOverlay = (on: boolean) => (e: Lf.LayersControlEvent) => {
      const key = keyOf(overlays, e.layer);
      if (!key) return;
      if (on) choice.current.off.delete(key);
      else choice.current.off.add(key);
      syncHidden();
    };
    const onAdd = onOverlay(true);
    const onRemove = onOverlay(false);
    map.on('baselayerchange', onBase);
    map.on('overlayadd', onAdd);
    map.on('overlayremove', onRemove);
    syncHidden();
    return () => {
      map.off('baselayerchange', onBase);
      map.off('overlayadd', onAdd);
      map.off('overlayremove', onRemove);
      control.remove();
      // The alarm group belongs to use-alarm-markers and stays as the user left it.
      for (const [key, l] of [...bases, ...overlays]) if (key !== 'alarms') map.removeLayer(l);
    };
  }, [map, ready, lang, t, alarms]);

  return hidden;
}
