import { useEffect, useLayoutEffect, useState, type RefObject } from 'react';
import { CameraMarkerLayer, type CameraLayerCallbacks, type CameraLayerLabels } from './camera-marker-layer';
import type { CameraPoint } from './camera-positions';
import type * as Lf from 'leaflet';

export interface CameraLayerInput {
  points: readonly CameraPoint[];
  selected: ReadonlySet<string>;
  draggable: boolean;
  labels: CameraLayerLabels;
}

/** Keeps a CameraMarkerLayer in step with React state. `events` is read at call time, so it may change freely. */
export function useCameraLayer(map: Lf.Map | null, events: RefObject<CameraLayerCallbacks>, input: CameraLayerInput): { layer: CameraMarkerLayer | null; count: number } {
  const [layer, setLayer] = useState<CameraMarkerLayer | null>(null);
  const [count, setCount] = useState(0);
  const { points, selected, draggable, labels } = input;

  useEffect(() => {
    if (!map) return;
    const l = new CameraMarkerLayer(
      map,
      { onClick: (id) => events.current.onClick(id), onDragEnd: (id, from, to) => events.current.onDragEnd(id, from, to) },
      labels,
    );
    setLayer(l);
    return () => {
      l.destroy();
      setLayer(null);
      setCount(0);
    };
    // labels: applied by the effect below; creating the layer once per map is the point.
  }, [map, events]);

  useEffect(() => {
    if (!layer) return;
    layer.setPoints(points);
    setCount(layer.size);
  }, [layer, points]);
  useEffect(() => layer?.setSelected(selected), [layer, selected]);
  // In the same commit as the toolbar's pressed state: once the button shows adjust mode, markers can be dragged.
  useLayoutEffect(() => layer?.setDraggable(draggable), [layer, draggable]);
  useEffect(() => layer?.setLabels(labels), [layer, labels]);
  return { layer, count };
}
