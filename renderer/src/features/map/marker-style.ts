// Pure colour and class rules for camera markers and their clusters.
import type { CameraStatus } from '../../../../contracts/src/camera';

/** Same hues as the console's status dots (styles.css --live / --bad / --unknown). */
export const STATUS_COLOURS: Readonly<Record<CameraStatus, string>> = {
  online: '#2fbf71',
  offline: '#e5484d',
  unknown: '#8b939e',
};

export function statusColour(status: CameraStatus): string {
  return STATUS_COLOURS[status] ?? STATUS_COLOURS.unknown;
}

export interface StatusCounts {
  online: number;
  offline: number;
  unknown: number;
  total: number;
}

export function countStatuses(statuses: Iterable<CameraStatus>): StatusCounts {
  const counts: StatusCounts = { online: 0, offline: 0, unknown: 0, total: 0 };
  for (const s of statuses) {
    counts.total++;
    if (s === 'online' || s === 'offline') counts[s]++;
    else counts.unknown++;
  }
  return counts;
}

/**
 * A cluster is an alert (red-ish) as soon as one member is offline: an operator zoomed out must still see a dead
 * camera. Otherwise green when at least one member is online, grey when nothing is known.
 */
export type ClusterTone = 'alert' | 'ok' | 'unknown';

export function clusterTone(counts: StatusCounts): ClusterTone {
  if (counts.offline > 0) return 'alert';
  if (counts.online > 0) return 'ok';
  return 'unknown';
}

export type ClusterSize = 'small' | 'medium' | 'large';

export function clusterSize(total: number): ClusterSize {
  return total < 10 ? 'small' : total < 100 ? 'medium' : 'large';
}

/** Diameter in px of a cluster bubble, by size class. */
export const CLUSTER_DIAMETER: Readonly<Record<ClusterSize, number>> = { small: 34, medium: 40, large: 46 };

export function clusterClassName(counts: StatusCounts, hasSelected: boolean): string {
  return ['map-cluster', `tone-${clusterTone(counts)}`, `size-${clusterSize(counts.total)}`, hasSelected ? 'has-selected' : ''].filter(Boolean).join(' ');
}

export function markerClassName(status: CameraStatus, selected: boolean, draggable: boolean): string {
  return ['map-camera', `status-${status}`, selected ? 'selected' : '', draggable ? 'draggable' : ''].filter(Boolean).join(' ');
}
