import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { CameraPoint } from './camera-positions';
import { mergeSelection, retainSelection, selectInShape, type SelectionShape } from './geo-select';
import { L } from './leaflet-setup';
import type * as Lf from 'leaflet';
import { SelectionTool, type SelectMode } from './selection-tool';

const SHOWN_STYLE: Lf.PolylineOptions = { color: '#3d8bfd', weight: 1.5, dashArray: '4 4', fillColor: '#3d8bfd', fillOpacity: 0.06, interactive: false };

function shapeLayer(shape: SelectionShape): Lf.Layer {
  if (shape.kind === 'rect') {
    const r = shape.rect;
    return L.rectangle(L.latLngBounds([r.south, r.west], [r.north, r.east]), SHOWN_STYLE);
  }
  return L.polygon(shape.points.map((p) => [p.lat, p.lng] as [number, number]), SHOWN_STYLE);
}

export interface AreaSelection {
  mode: SelectMode;
  setMode: (mode: SelectMode) => void;
  /** Selected camera ids that are still on the map. */
  selected: ReadonlySet<string>;
  clear: () => void;
  /** The selection tool is on the map: from then on `mode` is what a drag on the map does. */
  ready: boolean;
}

/** Box / lasso selection: a finished shape selects the cameras inside it (Ctrl adds) and ends the mode. */
export function useAreaSelection(map: Lf.Map | null, points: readonly CameraPoint[]): AreaSelection {
  const [mode, setMode] = useState<SelectMode>('none');
  const [state, setState] = useState<{ ids: ReadonlySet<string>; shapes: readonly SelectionShape[] }>({ ids: new Set(), shapes: [] });
  const pointsRef = useRef(points);
  const [tool, setTool] = useState<SelectionTool | null>(null);

  useEffect(() => {
    pointsRef.current = points;
  }, [points]);

  useEffect(() => {
    if (!map) return;
    const t = new SelectionTool(map, (shape, additive) => {
      const ids = selectInShape(pointsRef.current, shape);
      setState((prev) => ({ ids: mergeSelection(prev.ids, ids, additive), shapes: additive ? [...prev.shapes, shape] : [shape] }));
      setMode('none');
    });
    setTool(t);
    return () => {
      t.destroy();
      setTool(null);
    };
  }, [map]);

  // In the same commit as the pressed tool button: a drag that follows the click already draws the shape.
  useLayoutEffect(() => tool?.setMode(mode), [tool, mode]);

  useEffect(() => {
    if (!map || state.shapes.length === 0) return;
    const group = L.layerGroup(state.shapes.map(shapeLayer)).addTo(map);
    return () => {
      group.remove();
    };
  }, [map, state.shapes]);

  const present = useMemo(() => new Set(points.map((p) => p.id)), [points]);
  const selected = useMemo(() => retainSelection(state.ids, present), [state.ids, present]);
  const clear = useCallback(() => setState({ ids: new Set(), shapes: [] }), []);
  return { mode, setMode, selected, clear, ready: tool !== null };
}
