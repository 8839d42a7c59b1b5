import type { Db } from '../db/connection';
import type { CameraRepository } from '../db/camera-repository';
import type { EventHub } from '../realtime/event-hub';

export type ObservedStatus = 'online' | 'offline';

/**
 * The one place a camera's status changes, whoever observed it (a viewer's pipeline or the background health
 * check): the row, the status history (for availability figures) and the `cameras` topic move together.
 */
export class CameraStatusService {
  private readonly insertEvent;

  constructor(
    private readonly db: Db,
    private readonly cameras: CameraRepository,
    private readonly hub: EventHub,
    private readonly now: () => number,
  ) {
    this.insertEvent = db.prepare('INSERT INTO camera_status_events (camera_id, status, reason, at) VALUES (?, ?, ?, ?)');
  }

  /** Returns true when the status (or its reason) changed. */
  record(cameraId: string, status: ObservedStatus, reason: string | null): boolean {
    const before = this.cameras.get(cameraId);
    if (!before) return false;
    const changed = this.db.transaction(() => {
      if (!this.cameras.setStatus(cameraId, status, reason)) return false;
      if (before.status !== status) this.insertEvent.run(cameraId, status, reason, this.now());
      return true;
    })();
    if (changed) {
      const after = this.cameras.get(cameraId)!;
      this.hub.publish('cameras', { id: cameraId, status, reason, since: new Date(after.statusSince ?? this.now()).toISOString(), previous: before.status }, after.orgUnitId);
    }
    return changed;
  }
}
