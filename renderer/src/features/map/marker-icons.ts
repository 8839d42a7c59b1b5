// Marker and cluster icons built as DOM nodes (textContent only, never HTML strings). The marker's own element
// carries data-camera-id and data-status, so tests and assistive tech can find it.
import type { CameraStatus } from '../../../../contracts/src/camera';
import { L } from './leaflet-setup';
import type * as Lf from 'leaflet';
import { CLUSTER_DIAMETER, clusterClassName, clusterSize, markerClassName, statusColour, type StatusCounts } from './marker-style';

export interface CameraIconSpec {
  cameraId: string;
  status: CameraStatus;
  direction: number | null;
  selected: boolean;
  draggable: boolean;
  title: string;
}

const MARKER_SIZE = 18;

export class CameraIcon extends L.DivIcon {
  constructor(readonly spec: CameraIconSpec) {
    super({
      className: markerClassName(spec.status, spec.selected, spec.draggable),
      iconSize: [MARKER_SIZE, MARKER_SIZE],
      iconAnchor: [MARKER_SIZE / 2, MARKER_SIZE / 2],
      popupAnchor: [0, -MARKER_SIZE / 2],
    });
  }

  override createIcon(oldIcon?: HTMLElement): HTMLElement {
    const el = super.createIcon(oldIcon);
    const { cameraId, status, direction, title } = this.spec;
    el.dataset.cameraId = cameraId;
    el.dataset.status = status;
    el.title = title;
    el.setAttribute('aria-label', title);
    const children: HTMLElement[] = [];
    if (direction !== null) {
      // A small pointer on the rim, turned to the view direction (0 = north, clockwise).
      const nub = document.createElement('span');
      nub.className = 'map-camera-nub';
      nub.style.transform = `rotate(${direction}deg)`;
      children.push(nub);
    }
    const dot = document.createElement('span');
    dot.className = 'map-camera-dot';
    dot.style.backgroundColor = statusColour(status);
    children.push(dot);
    el.replaceChildren(...children);
    return el;
  }
}

/** A ring split by status share (online green, offline red, unknown grey) around the count. */
export function clusterIcon(counts: StatusCounts, hasSelected: boolean, title: string): Lf.DivIcon {
  const size = CLUSTER_DIAMETER[clusterSize(counts.total)];
  const root = document.createElement('div');
  root.className = 'map-cluster-ring';
  const total = Math.max(1, counts.total);
  const on = (counts.online / total) * 360;
  const off = on + (counts.offline / total) * 360;
  root.style.background = `conic-gradient(${statusColour('online')} 0deg ${on}deg, ${statusColour('offline')} ${on}deg ${off}deg, ${statusColour('unknown')} ${off}deg 360deg)`;
  root.title = title;
  const count = document.createElement('span');
  count.className = 'map-cluster-count';
  count.textContent = String(counts.total);
  root.append(count);
  return L.divIcon({ html: root, className: clusterClassName(counts, hasSelected), iconSize: [size, size] });
}
