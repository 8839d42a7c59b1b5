import { useCallback, useEffect, useState } from 'react';
import type { CameraMarkerLayer } from './camera-marker-layer';
import { L } from './leaflet-setup';
import type * as Lf from 'leaflet';

export interface OpenPreview {
  cameraId: string;
  /** The DOM node we created for the popup; React renders the preview into it through a portal. */
  node: HTMLElement;
  popup: Lf.Popup;
}

/** One preview popup at a time. Closing the popup (×, map click, Esc, another camera) unmounts the player. */
export function useMapPreview(map: Lf.Map | null, layer: CameraMarkerLayer | null) {
  const [preview, setPreview] = useState<OpenPreview | null>(null);

  const open = useCallback(
    (cameraId: string): boolean => {
      if (!map || !layer) return false;
      return layer.reveal(cameraId, (marker) => {
        const node = document.createElement('div');
        node.className = 'map-preview-host';
        const popup = L.popup({ closeButton: false, minWidth: 320, maxWidth: 340, offset: [0, -6], autoPanPadding: [40, 60], className: 'map-popup' })
          .setLatLng(marker.getLatLng())
          .setContent(node);
        popup.on('remove', () => setPreview((p) => (p?.node === node ? null : p)));
        popup.openOn(map);
        setPreview({ cameraId, node, popup });
      });
    },
    [map, layer],
  );

  const close = useCallback(() => {
    map?.closePopup();
    setPreview(null);
  }, [map]);

  // The popup measured an empty node when it opened; once React has filled it, lay it out (and auto-pan) again.
  useEffect(() => {
    if (!preview) return;
    const frame = requestAnimationFrame(() => preview.popup.update());
    return () => cancelAnimationFrame(frame);
  }, [preview]);

  // The camera left the map (deleted, out of scope, lost its position): close its preview.
  useEffect(() => {
    if (preview && layer && !layer.has(preview.cameraId)) close();
  });

  return { preview, open, close };
}
