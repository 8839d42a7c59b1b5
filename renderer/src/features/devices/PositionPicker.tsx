// A small map to pick a camera's position (lazy: Leaflet loads only when the technician opens it). Reuses the map
// feature's base layer and map setup; a click sets the position, the line shows the view direction.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type * as Lf from 'leaflet';
import { useI18n } from '../../i18n/use-t';
import { L, createMapApi, useLeafletMap, usePlaceLabels, useMapData, offsetByBearing } from '../map';

export interface PositionPickerProps {
  lat: number | null;
  lng: number | null;
  direction: number | null;
  onPick: (lat: number, lng: number) => void;
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

export default function PositionPicker({ lat, lng, direction, onPick }: PositionPickerProps) {
  const { t, lang } = useI18n();
  const [api] = useState(() => createMapApi());
  const data = useMapData(api);
  const ref = useRef<HTMLDivElement>(null);
  const start = useRef({ lat, lng });
  const map = useLeafletMap(ref, data, () => (start.current.lat !== null && start.current.lng !== null ? { south: start.current.lat - 0.01, north: start.current.lat + 0.01, west: start.current.lng - 0.01, east: start.current.lng + 0.01 } : null));
  usePlaceLabels(map, data, lang);
  const pick = useRef(onPick);
  useEffect(() => {
    pick.current = onPick;
  }, [onPick]);

  // A layout effect: the click handler is in place in the same commit that marks the map ready (data-ready).
  useLayoutEffect(() => {
    if (!map) return;
    const onClick = (e: Lf.LeafletMouseEvent) => pick.current(round6(e.latlng.lat), round6(e.latlng.lng));
    map.on('click', onClick);
    if (start.current.lat !== null && start.current.lng !== null) map.setView([start.current.lat, start.current.lng], Math.max(map.getZoom(), 14));
    return () => {
      map.off('click', onClick);
    };
  }, [map]);

  useEffect(() => {
    if (!map || lat === null || lng === null) return;
    const group = L.layerGroup().addTo(map);
    L.circleMarker([lat, lng], { radius: 7, color: '#fff', weight: 2, fillColor: '#3d8bfd', fillOpacity: 1, interactive: false }).addTo(group);
    if (direction !== null) {
      const tip = offsetByBearing({ lat, lng }, direction, 120);
      L.polyline([[lat, lng], [tip.lat, tip.lng]], { color: '#3d8bfd', weight: 3, interactive: false }).addTo(group);
    }
    return () => {
      group.remove();
    };
  }, [map, lat, lng, direction]);

  return (
    <div className="dev-picker">
      <div className="dev-picker-map" ref={ref} data-testid="camera-form-map" data-ready={map ? 'true' : 'false'} />
      <div className="dev-hint">{data.status === 'loading' ? t('map.loading') : t('form.mapHint')}</div>
    </div>
  );
}
