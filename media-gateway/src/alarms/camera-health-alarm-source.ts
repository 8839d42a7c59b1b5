import type { HealthAlarmType } from '../../../contracts/src/alarm';
import type { CameraReasonCode, PipelineStatus } from '../../../contracts/src/stream-status';
import type { CameraStatusTransition } from '../health/camera-status-service';
import { FAILURE_TEXT } from '../ingest/ffmpeg-errors';
import type { Logger } from '../platform/logger';
import type { AlarmService } from './alarm-service';
import type { CameraFlapDetector } from './camera-flap-detector';
import { flappingDetail } from './health-detail-code';

/** The alarm type for an offline camera's reason code; a reason without a code (none given) is plain `camera-offline`. */
export function healthAlarmType(code: CameraReasonCode | null): HealthAlarmType {
  switch (code) {
    case 'auth-failed':
      return 'auth-failed';
    case 'stalled':
      return 'stream-stalled';
    default:
      return 'camera-offline';
  }
}

/**
 * Camera health as an alarm source. It listens to transitions only — CameraStatusService reports a change of
 * status or reason, never a repeated observation — so a retry, a backoff restart or the next health sweep of a
 * camera that is still down raises nothing new:
 * - offline (from the health check or a pipeline) → `camera-offline` / `auth-failed` / `stream-stalled`;
 * - a watched pipeline stalling (`reasonCode: stalled`) → `stream-stalled`, even before the camera counts as
 *   offline (the pipeline first reconnects; the camera's status may never change);
 * - online again, or a pipeline live again → its open health alarms are resolved with a `camera-online` event;
 * - a camera whose status changes too often (CameraFlapDetector) → one `camera-flapping` alarm counting its outages
 *   instead of an alarm per outage; it is resolved once the camera has held its status for the window (settle()).
 * Errors are logged and swallowed: an alarm problem must never stop status recording or streaming.
 */
export class CameraHealthAlarmSource {
  constructor(
    private readonly alarms: Pick<AlarmService, 'raiseHealth' | 'recoverHealth' | 'raiseFlapping' | 'resolveFlapping'>,
    private readonly flaps: CameraFlapDetector,
    private readonly now: () => number,
    private readonly log: Logger,
  ) {}

  onStatusChange(t: CameraStatusTransition): void {
    this.guard(t.cameraId, () => {
      // A first observation (unknown → …) is no change; a new reason for the same status is no flap either.
      if (t.previousStatus !== 'unknown' && t.previousStatus !== t.status) {
        const flap = this.flaps.record(t.cameraId, t.status, this.now());
        if (flap.flapping && (t.status === 'offline' || flap.started)) {
          this.alarms.raiseFlapping(t.cameraId, flap.outages, flappingDetail(flap.outages, t.reason ?? t.status));
        }
      }
      if (t.status === 'offline') {
        if (!this.flaps.isFlapping(t.cameraId)) this.alarms.raiseHealth(t.cameraId, healthAlarmType(t.reasonCode), t.reason ?? 'offline');
      } else if (t.status === 'online') this.alarms.recoverHealth(t.cameraId, 'camera is back online');
    });
  }

  /** Periodically: cameras that stopped flapping get their flapping alarm resolved. */
  settle(): void {
    for (const cameraId of this.flaps.settle(this.now())) this.guard(cameraId, () => this.alarms.resolveFlapping(cameraId, 'status held for the whole flap window'));
  }

  onPipeline(s: PipelineStatus): void {
    this.guard(s.cameraId, () => {
      if (s.state === 'live') this.alarms.recoverHealth(s.cameraId, `${s.profile} stream is live again`);
      else if ((s.state === 'reconnecting' || s.state === 'offline') && s.reasonCode === 'stalled' && !this.flaps.isFlapping(s.cameraId)) this.alarms.raiseHealth(s.cameraId, 'stream-stalled', s.reason ?? FAILURE_TEXT.stalled);
    });
  }

  private guard(cameraId: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.log.error({ cameraId, err: (err as Error).message }, 'camera health alarm failed');
    }
  }
}
