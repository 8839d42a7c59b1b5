// Drawing a selection on the map: a rectangle (Box mode, or Shift+drag at any time) or a freehand lasso.
// Pointer events are taken in the capture phase on the map container, so Leaflet never starts a pan or a box zoom
// for the same gesture. The finished shape is handed to the caller; the drawing itself is removed.
import { rectFromCorners, type LatLng, type SelectionShape } from './geo-select';
import { L } from './leaflet-setup';
import type * as Lf from 'leaflet';

export type SelectMode = 'none' | 'box' | 'lasso';

const MIN_DRAG_PX = 6;
const LASSO_STEP_PX = 4;
const DRAW_STYLE: Lf.PolylineOptions = { color: '#3d8bfd', weight: 2, dashArray: '6 4', fillColor: '#3d8bfd', fillOpacity: 0.12, interactive: false };

interface Gesture {
  kind: 'rect' | 'polygon';
  pointerId: number;
  start: Lf.Point;
  points: Lf.Point[];
  shape: Lf.Rectangle | Lf.Polygon;
  dragging: boolean;
}

export class SelectionTool {
  private mode: SelectMode = 'none';
  private gesture: Gesture | null = null;
  private readonly container: HTMLElement;

  constructor(
    private readonly map: Lf.Map,
    private readonly onShape: (shape: SelectionShape, additive: boolean) => void,
  ) {
    this.container = map.getContainer();
    this.container.addEventListener('pointerdown', this.onDown, true);
    this.container.addEventListener('pointermove', this.onMove);
    this.container.addEventListener('pointerup', this.onUp);
    this.container.addEventListener('pointercancel', this.onCancel);
    document.addEventListener('keydown', this.onKey);
  }

  setMode(mode: SelectMode): void {
    this.mode = mode;
    this.container.classList.toggle('select-box', mode === 'box');
    this.container.classList.toggle('select-lasso', mode === 'lasso');
  }

  destroy(): void {
    this.finish(null);
    this.container.removeEventListener('pointerdown', this.onDown, true);
    this.container.removeEventListener('pointermove', this.onMove);
    this.container.removeEventListener('pointerup', this.onUp);
    this.container.removeEventListener('pointercancel', this.onCancel);
    document.removeEventListener('keydown', this.onKey);
  }

  private point(e: PointerEvent): Lf.Point {
    return this.map.mouseEventToContainerPoint(e as unknown as MouseEvent);
  }

  private latLng(p: Lf.Point): LatLng {
    const ll = this.map.containerPointToLatLng(p);
    return { lat: ll.lat, lng: ll.lng };
  }

  private readonly onDown = (e: PointerEvent): void => {
    if (this.gesture || e.button !== 0 || !e.isPrimary) return;
    const kind = this.mode === 'lasso' ? 'polygon' : this.mode === 'box' || e.shiftKey ? 'rect' : null;
    if (!kind) return;
    const target = e.target instanceof Element ? e.target : null;
    if (target?.closest('.leaflet-popup, .leaflet-control, .map-overlay')) return;
    // Our gesture, not Leaflet's: no pan, no box zoom, no compatibility mouse events.
    e.preventDefault();
    e.stopPropagation();
    const start = this.point(e);
    const ll = this.map.containerPointToLatLng(start);
    const shape = kind === 'rect' ? L.rectangle(L.latLngBounds(ll, ll), DRAW_STYLE) : L.polygon([ll], DRAW_STYLE);
    this.gesture = { kind, pointerId: e.pointerId, start, points: [start], shape, dragging: this.map.dragging.enabled() };
    this.map.dragging.disable();
    try {
      this.container.setPointerCapture(e.pointerId);
    } catch {
      // synthetic events may have no capturable pointer; moves still reach the container
    }
  };

  private readonly onMove = (e: PointerEvent): void => {
    const g = this.gesture;
    if (!g || e.pointerId !== g.pointerId) return;
    const p = this.point(e);
    if (!this.map.hasLayer(g.shape) && p.distanceTo(g.start) >= MIN_DRAG_PX) g.shape.addTo(this.map);
    if (g.kind === 'rect') {
      (g.shape as Lf.Rectangle).setBounds(L.latLngBounds(this.map.containerPointToLatLng(g.start), this.map.containerPointToLatLng(p)));
    } else if (p.distanceTo(g.points[g.points.length - 1]!) >= LASSO_STEP_PX) {
      g.points.push(p);
      g.shape.setLatLngs(g.points.map((q) => this.map.containerPointToLatLng(q)));
    }
  };

  private readonly onUp = (e: PointerEvent): void => {
    const g = this.gesture;
    if (!g || e.pointerId !== g.pointerId) return;
    const end = this.point(e);
    let shape: SelectionShape | null = null;
    if (g.kind === 'rect') {
      if (Math.abs(end.x - g.start.x) >= MIN_DRAG_PX && Math.abs(end.y - g.start.y) >= MIN_DRAG_PX) {
        shape = { kind: 'rect', rect: rectFromCorners(this.latLng(g.start), this.latLng(end)) };
      }
    } else {
      if (end.distanceTo(g.points[g.points.length - 1]!) > 0) g.points.push(end);
      if (g.points.length >= 3) shape = { kind: 'polygon', points: g.points.map((q) => this.latLng(q)) };
    }
    this.finish(shape ? { shape, additive: e.ctrlKey || e.metaKey } : null);
  };

  private readonly onCancel = (e: PointerEvent): void => {
    if (this.gesture && e.pointerId === this.gesture.pointerId) this.finish(null);
  };

  private readonly onKey = (e: KeyboardEvent): void => {
    if (e.key === 'Escape' && this.gesture) this.finish(null);
  };

  private finish(result: { shape: SelectionShape; additive: boolean } | null): void {
    const g = this.gesture;
    if (!g) return;
    this.gesture = null;
    g.shape.remove();
    if (g.dragging) this.map.dragging.enable();
    try {
      if (this.container.hasPointerCapture(g.pointerId)) this.container.releasePointerCapture(g.pointerId);
    } catch {
      // already released
    }
    if (result) this.onShape(result.shape, result.additive);
  }
}
