import type { Db } from '../db/connection';
import type { CameraReasonCode, CameraStatusReason } from '../../../contracts/src/stream-status';
import type { CameraRepository } from '../db/camera-repository';
import type { EventHub } from '../realtime/event-hub';
import type { StorageGuard } from '../db/storage-guard';

export type ObservedStatus = 'online' | 'offline';

/** A change of a camera's status or reason, as listeners (the camera-health alarm source) receive it. */
export interface CameraStatusTransition {
  cameraId: string;
  orgUnitId: string;
  status: ObservedStatus;
  reasonCode: CameraReasonCode | null;
  /** The English wording of reasonCode (for alarm details and logs). */
  reason: string | null;
  previousStatus: 'online' | 'offline' | 'unknown';
  previousReason: string | null;
}

/**
 * The one place a camera's status changes, whoever observed it (a viewer's pipeline or the background health
 * check): the row, the status history (for availability figures) and the `cameras` topic move together.
 */
export class CameraStatusService {
  private readonly insertEvent;
  private readonly listeners = new Set<(t: CameraStatusTransition) => void>();

  constructor(
    private readonly db: Db,
    private readonly cameras: CameraRepository,
    private readonly hub: EventHub,
    private readonly now: () => number,
    /** Without it a locked database throws out of pipeline and health-check callbacks and ends the process. */
    private readonly guard?: StorageGuard,
  ) {
    this.insertEvent = db.prepare('INSERT INTO camera_status_events (camera_id, status, reason, reason_code, at) VALUES (?, ?, ?, ?, ?)');
  }

  /** Called after each recorded change (never for a repeated observation); a throwing listener is ignored. */
  onTransition(listener: (t: CameraStatusTransition) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Returns true when the status (or its reason) changed. An offline camera has a reason; an online one none. */
  record(cameraId: string, status: 'online', reason: null): boolean;
  record(cameraId: string, status: 'offline', reason: CameraStatusReason): boolean;
  record(cameraId: string, status: ObservedStatus, reason: CameraStatusReason | null): boolean {
    if (!this.guard) return this.recordNow(cameraId, status, reason);
    // A status that waits for the database is replaced by a newer observation of the same camera.
    let changed = false;
    this.guard.run(`camera-status:${cameraId}`, () => (changed = this.recordNow(cameraId, status, reason)));
    return changed;
  }

  private recordNow(cameraId: string, status: ObservedStatus, reason: CameraStatusReason | null): boolean {
    const before = this.cameras.get(cameraId);
    if (!before) return false;
    const changed = this.db.transaction(() => {
      if (!this.cameras.setStatus(cameraId, status, reason)) return false;
      if (before.status !== status) this.insertEvent.run(cameraId, status, reason?.text ?? null, reason?.code ?? null, this.now());
      return true;
    })();
    if (changed) {
      const after = this.cameras.get(cameraId)!;
      const reasonCode = reason?.code ?? null;
      const text = reason?.text ?? null;
      const since = new Date(after.statusSince ?? this.now()).toISOString();
      this.hub.publish('cameras', { kind: 'status', id: cameraId, status, reasonCode, reason: text, since, previous: before.status }, after.orgUnitId);
      const t: CameraStatusTransition = { cameraId, orgUnitId: after.orgUnitId, status, reasonCode, reason: text, previousStatus: before.status, previousReason: before.statusReason };
      for (const l of this.listeners) {
        try {
          l(t);
        } catch {
          // a listener's failure must not undo or block status recording
        }
      }
    }
    return changed;
  }
}
