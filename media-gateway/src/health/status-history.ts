import type { CameraStatusHistory } from '../../../contracts/src/camera-status-history';
import type { Db } from '../db/connection';
import { computeAvailability, rate, type StatusEvent } from './availability';

interface EventRow extends StatusEvent {
  reasonCode: string | null;
  reason: string | null;
}

/**
 * Reads camera_status_events (written by CameraStatusService): the availability ranking's input for all cameras,
 * and one camera's changes over a period with its uptime, computed by the same computeAvailability.
 */
export class StatusHistory {
  constructor(private readonly db: Db) {}

  /** Each camera's last change before `from` (its status when the period starts); one camera's when given. */
  lastBefore(from: number, cameraId?: string): StatusEvent[] {
    const one = cameraId === undefined ? '' : 'AND camera_id = @cameraId';
    return this.db
      .prepare(
        `SELECT e.camera_id AS cameraId, e.status, e.at FROM camera_status_events e
         JOIN (SELECT camera_id, MAX(id) AS id FROM camera_status_events WHERE at < @from ${one} GROUP BY camera_id) l ON l.id = e.id`,
      )
      .all({ from, cameraId }) as StatusEvent[];
  }

  /** Changes in [from, to), oldest first (by id within the same millisecond: the order they were recorded). */
  within(from: number, to: number, cameraId?: string): EventRow[] {
    const one = cameraId === undefined ? '' : 'AND camera_id = @cameraId';
    return this.db
      .prepare(`SELECT camera_id AS cameraId, status, at, reason_code AS reasonCode, reason FROM camera_status_events WHERE at >= @from AND at < @to ${one} ORDER BY at, id`)
      .all({ from, to, cameraId }) as EventRow[];
  }

  forCamera(cameraId: string, from: number, to: number): CameraStatusHistory {
    const before = this.lastBefore(from, cameraId);
    const within = this.within(from, to, cameraId);
    const a = computeAvailability(before, within, from, to).get(cameraId) ?? { online: 0, known: 0 };
    return {
      cameraId,
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      initialStatus: before[0]?.status ?? 'unknown',
      events: within.map((e) => ({ status: e.status, at: new Date(e.at).toISOString(), reasonCode: e.reasonCode, reason: e.reason })),
      onlineMs: a.online,
      knownMs: a.known,
      uptime: rate(a),
    };
  }
}
