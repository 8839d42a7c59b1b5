// The camera layer on a Leaflet map: one marker per located camera inside a marker cluster group, plus a
// view-direction wedge for each camera that is shown on its own (not clustered) at close zooms. Updates are diffs:
// a status change re-icons one marker, a poll with nothing new touches nothing.
import type { CameraStatus } from '../../../../contracts/src/camera';
import type { CameraPoint } from './camera-positions';
import type { LatLng } from './geo-select';
import { L } from './leaflet-setup';
import type * as Lf from 'leaflet';
import { CameraIcon, clusterIcon } from './marker-icons';
import { countStatuses, statusColour, type StatusCounts } from './marker-style';
import { showWedges, wedgePolygon, wedgeRadiusMeters } from './view-wedge';

export const WEDGE_PANE = 'camera-wedges';
const RELEASE_EVENTS = ['pointerup', 'pointercancel', 'blur'] as const;

export interface CameraLayerCallbacks {
  onClick(cameraId: string): void;
  /** A technician dropped a marker; the layer leaves it there until told to move it back. */
  onDragEnd(cameraId: string, from: LatLng, to: LatLng): void;
}

export interface CameraLayerLabels {
  markerTitle(point: CameraPoint): string;
  clusterTitle(counts: StatusCounts): string;
}

interface Entry {
  marker: Lf.Marker;
  point: CameraPoint;
}

export class CameraMarkerLayer {
  private readonly cluster: Lf.MarkerClusterGroup;
  private readonly wedges = L.layerGroup();
  private readonly entries = new Map<string, Entry>();
  private readonly ids = new WeakMap<Lf.Marker, string>();
  private selected: ReadonlySet<string> = new Set();
  private draggable = false;
  private dragFrom: LatLng | null = null;
  /**
   * The camera whose marker is pressed (button down, drag not yet started) or dragged. Leaflet's setIcon replaces the
   * icon element and the marker's drag handler, which drops a press or a drag in progress; status pushes arrive at any
   * time, so that marker's restyle waits for the release.
   */
  private pressed: string | null = null;
  private dragging: string | null = null;
  private readonly restyleOnRelease = new Set<string>();

  constructor(
    private readonly map: Lf.Map,
    private readonly callbacks: CameraLayerCallbacks,
    private labels: CameraLayerLabels,
  ) {
    if (!map.getPane(WEDGE_PANE)) map.createPane(WEDGE_PANE).style.zIndex = '450';
    this.cluster = L.markerClusterGroup({
      showCoverageOnHover: false,
      spiderfyOnMaxZoom: true,
      disableClusteringAtZoom: 16,
      maxClusterRadius: 48,
      chunkedLoading: true,
      iconCreateFunction: (cluster) => this.clusterIconFor(cluster),
    });
    map.addLayer(this.cluster);
    this.wedges.addTo(map);
    map.on('zoomend moveend', this.updateWedges);
    this.cluster.on('animationend', this.updateWedges);
    // Capture phase: the press is known before Leaflet's own mousedown/touchstart handlers run.
    map.getContainer().addEventListener('pointerdown', this.onPointerDown, true);
    for (const type of RELEASE_EVENTS) window.addEventListener(type, this.onRelease, true);
  }

  get size(): number {
    return this.entries.size;
  }

  has(cameraId: string): boolean {
    return this.entries.has(cameraId);
  }

  position(cameraId: string): LatLng | null {
    const e = this.entries.get(cameraId);
    return e ? { lat: e.marker.getLatLng().lat, lng: e.marker.getLatLng().lng } : null;
  }

  setPoints(points: readonly CameraPoint[]): void {
    const seen = new Set<string>();
    const added: Lf.Marker[] = [];
    const restyled: Lf.Marker[] = [];
    for (const point of points) {
      seen.add(point.id);
      const entry = this.entries.get(point.id);
      if (!entry) {
        const marker = this.createMarker(point);
        this.entries.set(point.id, { marker, point });
        added.push(marker);
        continue;
      }
      const prev = entry.point;
      entry.point = point;
      // A marker in the technician's hand stays where the hand is; the drop decides its position.
      if ((prev.lat !== point.lat || prev.lng !== point.lng) && this.dragging !== point.id) entry.marker.setLatLng([point.lat, point.lng]);
      if ((prev.status !== point.status || prev.name !== point.name || prev.direction !== point.direction) && this.restyle(entry)) restyled.push(entry.marker);
    }
    const removed: Lf.Marker[] = [];
    for (const [id, entry] of this.entries) {
      if (seen.has(id)) continue;
      removed.push(entry.marker);
      this.entries.delete(id);
    }
    if (removed.length) this.cluster.removeLayers(removed);
    if (added.length) this.cluster.addLayers(added);
    if (restyled.length) this.cluster.refreshClusters(restyled);
    this.updateWedges();
  }

  setSelected(selected: ReadonlySet<string>): void {
    const before = this.selected;
    this.selected = selected;
    const changed: Lf.Marker[] = [];
    for (const [id, entry] of this.entries) {
      if (before.has(id) === selected.has(id)) continue;
      if (this.restyle(entry)) changed.push(entry.marker);
    }
    if (changed.length) this.cluster.refreshClusters(changed);
  }

  setLabels(labels: CameraLayerLabels): void {
    this.labels = labels;
    for (const entry of this.entries.values()) this.restyle(entry);
    this.cluster.refreshClusters();
  }

  /** Adjust-positions mode: markers become draggable (those on the map now, and any shown later). */
  setDraggable(on: boolean): void {
    if (this.draggable === on) return;
    this.draggable = on;
    for (const entry of this.entries.values()) {
      entry.marker.options.draggable = on;
      this.syncDragging(entry.marker);
      entry.marker.setIcon(this.iconFor(entry.point));
    }
  }

  /** Puts a marker back (cancelled or failed move). */
  moveMarker(cameraId: string, to: LatLng): void {
    this.entries.get(cameraId)?.marker.setLatLng([to.lat, to.lng]);
    this.updateWedges();
  }

  /** Zooms or un-clusters until the camera's own marker is visible, then calls back with it. */
  reveal(cameraId: string, then: (marker: Lf.Marker) => void): boolean {
    const entry = this.entries.get(cameraId);
    if (!entry) return false;
    this.cluster.zoomToShowLayer(entry.marker, () => then(entry.marker));
    return true;
  }

  destroy(): void {
    this.map.getContainer().removeEventListener('pointerdown', this.onPointerDown, true);
    for (const type of RELEASE_EVENTS) window.removeEventListener(type, this.onRelease, true);
    this.map.off('zoomend moveend', this.updateWedges);
    this.cluster.off('animationend', this.updateWedges);
    this.map.removeLayer(this.cluster);
    this.map.removeLayer(this.wedges);
    this.entries.clear();
  }

  private createMarker(point: CameraPoint): Lf.Marker {
    const marker = L.marker([point.lat, point.lng], { icon: this.iconFor(point), draggable: this.draggable, keyboard: true, riseOnHover: true, autoPanOnFocus: false });
    this.ids.set(marker, point.id);
    marker.on('click', () => this.callbacks.onClick(point.id));
    // Leaflet re-creates the drag handler on every add with its previous enabled state: re-apply the mode.
    marker.on('add', () => this.syncDragging(marker));
    marker.on('dragstart', () => {
      const at = marker.getLatLng();
      this.dragFrom = { lat: at.lat, lng: at.lng };
      this.dragging = point.id;
    });
    marker.on('dragend', () => {
      const from = this.dragFrom ?? { lat: point.lat, lng: point.lng };
      this.dragFrom = null;
      this.dragging = null;
      this.pressed = null;
      this.flushDeferredRestyles();
      const to = marker.getLatLng();
      this.callbacks.onDragEnd(point.id, from, { lat: to.lat, lng: to.lng });
      this.updateWedges();
    });
    return marker;
  }

  /** Re-icons a marker now, or after the release when it is pressed or dragged; true when it was re-iconed now. */
  private restyle(entry: Entry): boolean {
    const id = entry.point.id;
    if (this.dragging === id || this.pressed === id) {
      this.restyleOnRelease.add(id);
      return false;
    }
    entry.marker.setIcon(this.iconFor(entry.point));
    return true;
  }

  private flushDeferredRestyles(): void {
    const markers: Lf.Marker[] = [];
    for (const id of this.restyleOnRelease) {
      const entry = this.entries.get(id);
      if (!entry) continue;
      entry.marker.setIcon(this.iconFor(entry.point));
      markers.push(entry.marker);
    }
    this.restyleOnRelease.clear();
    if (markers.length) this.cluster.refreshClusters(markers);
  }

  private readonly onPointerDown = (e: PointerEvent): void => {
    const el = e.target instanceof Element ? e.target.closest<HTMLElement>('.map-camera[data-camera-id]') : null;
    this.pressed = el?.dataset.cameraId ?? null;
  };

  /** A release that started no drag (a click, or a press that never moved): dragend does the rest otherwise. */
  private readonly onRelease = (e: Event): void => {
    // blur is captured from every element losing focus, which a press on a marker causes; only the window's counts.
    if (e.type === 'blur' && e.target !== window) return;
    if (this.pressed === null || this.dragging !== null) return;
    this.pressed = null;
    this.flushDeferredRestyles();
  };

  private syncDragging(marker: Lf.Marker): void {
    if (!marker.dragging || !marker.getElement()) return;
    if (this.draggable) marker.dragging.enable();
    else marker.dragging.disable();
  }

  private iconFor(point: CameraPoint): CameraIcon {
    return new CameraIcon({
      cameraId: point.id,
      status: point.status,
      direction: point.direction,
      selected: this.selected.has(point.id),
      draggable: this.draggable,
      title: this.labels.markerTitle(point),
    });
  }

  private clusterIconFor(cluster: Lf.MarkerCluster): Lf.DivIcon {
    const statuses: CameraStatus[] = [];
    let hasSelected = false;
    for (const m of cluster.getAllChildMarkers()) {
      const id = this.ids.get(m);
      const entry = id ? this.entries.get(id) : undefined;
      statuses.push(entry?.point.status ?? 'unknown');
      if (id && this.selected.has(id)) hasSelected = true;
    }
    const counts = countStatuses(statuses);
    return clusterIcon(counts, hasSelected, this.labels.clusterTitle(counts));
  }

  private readonly updateWedges = (): void => {
    this.wedges.clearLayers();
    const zoom = this.map.getZoom();
    if (!showWedges(zoom)) return;
    const view = this.map.getBounds().pad(0.2);
    for (const { marker, point } of this.entries.values()) {
      if (point.direction === null || this.cluster.getVisibleParent(marker) !== marker) continue;
      const at = marker.getLatLng();
      if (!view.contains(at)) continue;
      const ring = wedgePolygon({ lat: at.lat, lng: at.lng }, point.direction, wedgeRadiusMeters(at.lat, zoom));
      const colour = statusColour(point.status);
      L.polygon(
        ring.map((p) => [p.lat, p.lng] as [number, number]),
        { pane: WEDGE_PANE, interactive: false, color: colour, weight: 1, opacity: 0.55, fillColor: colour, fillOpacity: 0.2 },
      ).addTo(this.wedges);
    }
  };
}
