import { useCallback, useEffect, useRef, useState } from 'react';
import { toGatewayError } from '../../gateway/gateway-error';
import type { CameraMarkerLayer } from './camera-marker-layer';
import { roundCoord } from './camera-positions';
import type { LatLng } from './geo-select';
import type { MapApi } from './map-api';

export interface PendingMove {
  cameraId: string;
  from: LatLng;
  to: LatLng;
  saving: boolean;
}

export interface CameraMoveDeps {
  api: MapApi;
  layer: CameraMarkerLayer | null;
  /** False when the adjust mode ends: a move not yet confirmed is put back. */
  enabled: boolean;
  onSaved: (cameraId: string, at: LatLng) => void;
  onFailed: (cameraId: string, message: string) => void;
}

/** A dropped marker waits for confirmation; Save PATCHes lat/lng, Cancel or a failure puts the marker back. */
export function useCameraMove({ api, layer, enabled, onSaved, onFailed }: CameraMoveDeps) {
  const [pending, setPendingState] = useState<PendingMove | null>(null);
  const pendingRef = useRef<PendingMove | null>(null);
  const setPending = useCallback((p: PendingMove | null) => {
    pendingRef.current = p;
    setPendingState(p);
  }, []);

  const onDragEnd = useCallback(
    (cameraId: string, from: LatLng, to: LatLng) => {
      const prev = pendingRef.current;
      if (prev?.saving) {
        layer?.moveMarker(cameraId, from);
        return;
      }
      if (prev && prev.cameraId !== cameraId) layer?.moveMarker(prev.cameraId, prev.from);
      setPending({ cameraId, from: prev?.cameraId === cameraId ? prev.from : from, to, saving: false });
    },
    [layer, setPending],
  );

  const cancel = useCallback(() => {
    const p = pendingRef.current;
    if (!p || p.saving) return;
    layer?.moveMarker(p.cameraId, p.from);
    setPending(null);
  }, [layer, setPending]);

  const confirm = useCallback(async () => {
    const p = pendingRef.current;
    if (!p || p.saving) return;
    setPending({ ...p, saving: true });
    const at = { lat: roundCoord(p.to.lat), lng: roundCoord(p.to.lng) };
    try {
      await api.moveCamera(p.cameraId, at.lat, at.lng);
      onSaved(p.cameraId, at);
    } catch (error) {
      layer?.moveMarker(p.cameraId, p.from);
      onFailed(p.cameraId, toGatewayError(error).message);
    }
    setPending(null);
  }, [api, layer, onSaved, onFailed, setPending]);

  useEffect(() => {
    if (!enabled) cancel();
  }, [enabled, cancel]);

  return { pending, onDragEnd, confirm, cancel };
}
