import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useGatewaySelector } from '../../gateway/use-gateway';
import { useI18n } from '../../i18n/use-t';
import type { CameraLayerCallbacks, CameraLayerLabels } from './camera-marker-layer';
import { cameraPoints, pruneOverrides, type CameraPoint } from './camera-positions';
import type { LatLng, LatLngRect } from './geo-select';
import { createMapApi } from './map-api';
import { MapLegend, MapNotice, MoveBar } from './MapOverlays';
import { MapPreview } from './MapPreview';
import { MapToolbar } from './MapToolbar';
import { countStatuses } from './marker-style';
import { useAlarmMarkers } from './use-alarm-markers';
import { useAreaSelection } from './use-area-selection';
import { useCameraLayer } from './use-camera-layer';
import { useCameraMove } from './use-camera-move';
import { fitTo, toBounds, useLeafletMap } from './use-leaflet-map';
import { MapSearch } from './MapSearch';
import { townshipsOf, type MapSearchHit } from './map-search';
import { useMapLayers } from './use-map-layers';
import type { MapFocus } from './use-main-view';
import { useMapData } from './use-map-data';
import { useMapPreview } from './use-map-preview';
import { useNotice } from './use-notice';

export interface MapViewProps {
  focus: MapFocus | null;
  /** camera.write: the technicians' adjust-positions mode. */
  canMove: boolean;
  onSendToWall: (cameraIds: readonly string[]) => void;
  onPlaceOne: (cameraId: string) => void;
}

/** Zoom a search flies to: clustering stops there (camera-marker-layer.ts), so the camera's own marker shows. */
const SEARCH_ZOOM = 16;

function boundsOfPoints(points: readonly CameraPoint[]): LatLngRect | null {
  if (points.length === 0) return null;
  const lats = points.map((p) => p.lat);
  const lngs = points.map((p) => p.lng);
  return { south: Math.min(...lats), west: Math.min(...lngs), north: Math.max(...lats), east: Math.max(...lngs) };
}

/**
 * The camera map. Test contract: data-testid="map" with data-markers (camera markers, clustered ones included),
 * data-adjusting="true" once markers can be dragged and data-select-mode (none/box/lasso) once a drag draws that
 * shape (each set in the same commit that arms the map),
 * map-demo-label, map-select-box, map-select-lasso, map-send-to-wall (data-count), map-adjust-positions,
 * markers with data-camera-id, and the preview popup map-preview (data-camera-id).
 */
export function MapView({ focus, canMove, onSendToWall, onPlaceOne }: MapViewProps) {
  const { t, lang } = useI18n();
  const [api] = useState(() => createMapApi());
  const data = useMapData(api);
  const cameras = useGatewaySelector((s) => s.cameras);
  const camerasById = useGatewaySelector((s) => s.camerasById);
  const inventoryLoaded = useGatewaySelector((s) => s.inventoryLoaded);
  const [overrides, setOverrides] = useState<ReadonlyMap<string, LatLng>>(() => new Map());
  useEffect(() => setOverrides((o) => pruneOverrides(o, camerasById)), [camerasById]);
  const { points, unplaced } = useMemo(() => cameraPoints(cameras, overrides), [cameras, overrides]);
  const pointsRef = useRef(points);
  useEffect(() => {
    pointsRef.current = points;
  }, [points]);

  const containerRef = useRef<HTMLDivElement>(null);
  const map = useLeafletMap(containerRef, data, () => boundsOfPoints(pointsRef.current), { baseLayers: false });
  const alarmMarkers = useAlarmMarkers(map);
  const flyToArea = useCallback((b: LatLngRect) => map?.flyToBounds(toBounds(b), { padding: [24, 24], duration: 0.8 }), [map]);
  // Base layers and overlays (layer control); cameras of a category switched off there leave the map.
  const hiddenCategories = useMapLayers(map, { data, lang, t, alarms: alarmMarkers.group });
  const shown = useMemo(() => (hiddenCategories.size ? points.filter((p) => !hiddenCategories.has(p.category)) : points), [points, hiddenCategories]);
  const { notice, notify, dismiss } = useNotice();
  const [adjusting, setAdjusting] = useState(false);
  const selection = useAreaSelection(map, shown);

  const labels = useMemo<CameraLayerLabels>(
    () => ({
      markerTitle: (p) => t('map.markerTitle', { name: p.name, status: t(`camera.status.${p.status}`) }),
      clusterTitle: (c) => t('map.clusterTitle', { total: c.total, online: c.online, offline: c.offline }),
    }),
    [t],
  );
  const events = useRef<CameraLayerCallbacks>({ onClick: () => undefined, onDragEnd: () => undefined });
  const { layer, count } = useCameraLayer(map, events, { points: shown, selected: selection.selected, draggable: canMove && adjusting, labels });
  const preview = useMapPreview(map, layer);
  const openPreview = preview.open;

  const nameOf = useCallback((id: string) => camerasById.get(id)?.name ?? id, [camerasById]);
  const onSaved = useCallback(
    (id: string, at: LatLng) => {
      setOverrides((o) => new Map(o).set(id, at));
      notify('info', t('map.moveSaved', { name: nameOf(id) }));
    },
    [notify, t, nameOf],
  );
  const onFailed = useCallback((id: string, message: string) => notify('error', t('map.moveFailed', { name: nameOf(id), message })), [notify, t, nameOf]);
  const move = useCameraMove({ api, layer, enabled: canMove && adjusting, onSaved, onFailed });

  useEffect(() => {
    events.current = { onClick: (id) => void openPreview(id), onDragEnd: move.onDragEnd };
  }, [openPreview, move.onDragEnd]);

  // Tree selection while the map is shown: reveal the camera and open its preview.
  const handledFocus = useRef(0);
  useEffect(() => {
    if (!focus || focus.seq === handledFocus.current || !layer || !inventoryLoaded) return;
    handledFocus.current = focus.seq;
    if (!layer.has(focus.cameraId)) notify('info', t('map.notPlaced', { name: nameOf(focus.cameraId) }));
    else openPreview(focus.cameraId);
  }, [focus, layer, count, inventoryLoaded, openPreview, notify, t, nameOf]);

  // Search: a camera → fly to it and open its preview (as a tree selection does); a township → its area.
  const townships = useMemo(() => townshipsOf(data.status === 'ready' ? data.baseLayer : null), [data]);
  const onSearch = useCallback(
    (hit: MapSearchHit) => {
      if (!map) return;
      if (hit.kind === 'township') {
        flyToArea(hit.bounds);
        return;
      }
      const at = layer?.position(hit.id);
      if (!at) {
        const hidden = points.some((p) => p.id === hit.id);
        notify('info', t(hidden ? 'map.searchHidden' : 'map.notPlaced', { name: hit.label }));
        return;
      }
      map.once('moveend', () => openPreview(hit.id));
      map.flyTo([at.lat, at.lng], Math.max(map.getZoom(), SEARCH_ZOOM), { duration: 0.8 });
    },
    [map, layer, points, flyToArea, openPreview, notify, t],
  );

  const statusCounts = useMemo(() => countStatuses(points.map((p) => p.status)), [points]);
  const ordered = useMemo(() => points.filter((p) => selection.selected.has(p.id)).map((p) => p.id), [points, selection.selected]);
  const baseLayer = data.status === 'ready' ? data.baseLayer : null;
  const fitBounds = baseLayer?.bounds ?? boundsOfPoints(points);
  const attribution = data.status === 'ready' && data.config.tileUrl && data.config.attribution ? data.config.attribution : null;

  return (
    <section className="map-view" aria-label={t('map.label')}>
      <div ref={containerRef} className="map-canvas" data-testid="map" data-markers={count} data-ready={layer ? 'true' : 'false'} data-adjusting={canMove && adjusting && layer ? 'true' : 'false'} data-select-mode={selection.ready ? selection.mode : 'none'} />
      {data.status === 'loading' && <div className="map-loading">{t('map.loading')}</div>}
      <MapToolbar
        mode={selection.mode}
        onMode={selection.setMode}
        selectedCount={ordered.length}
        onClear={selection.clear}
        onSend={() => onSendToWall(ordered)}
        canMove={canMove}
        adjusting={adjusting}
        onAdjust={setAdjusting}
        onZoom={(d) => (d > 0 ? map?.zoomIn() : map?.zoomOut())}
        onFit={map && fitBounds ? () => fitTo(map, fitBounds) : null}
      />
      <MapSearch cameras={cameras} townships={townships} onPick={onSearch} />
      <MapLegend counts={statusCounts} unplaced={unplaced} />
      <MapNotice notice={notice} onDismiss={dismiss} />
      {data.status === 'ready' && data.baseError && <div className="map-notice map-overlay error base-error">{t('map.baseLayerFailed', { message: data.baseError })}</div>}
      <MoveBar adjusting={canMove && adjusting} pending={move.pending} nameOf={nameOf} onConfirm={() => void move.confirm()} onCancel={move.cancel} />
      <div className="map-footer map-overlay">
        {baseLayer?.demo && (
          <span className="map-demo-label" data-testid="map-demo-label" title={t('map.demoTitle')}>
            {t('map.demo')}
          </span>
        )}
        {attribution && <span className="map-attribution">{t('map.attribution', { source: attribution })}</span>}
      </div>
      {preview.preview && createPortal(<MapPreview cameraId={preview.preview.cameraId} onClose={preview.close} onPlace={onPlaceOne} />, preview.preview.node)}
    </section>
  );
}
