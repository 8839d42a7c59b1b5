import type { HealthAlarmType } from '../../../contracts/src/alarm';
import type { CameraReasonCode, PipelineStatus } from '../../../contracts/src/stream-status';
import type { CameraStatusTransition } from '../health/camera-status-service';
import { FAILURE_TEXT } from '../ingest/ffmpeg-errors';
import type { Logger } from '../platform/logger';
import type { AlarmService } from './alarm-service';

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
 * - online again, or a pipeline live again → its open health alarms are resolved with a `camera-online` event.
 * Errors are logged and swallowed: an alarm problem must never stop status recording or streaming.
 */
export class CameraHealthAlarmSource {
  constructor(
    private readonly alarms: Pick<AlarmService, 'raiseHealth' | 'recoverHealth'>,
    private readonly log: Logger,
  ) {}

  onStatusChange(t: CameraStatusTransition): void {
    this.guard(t.cameraId, () => {
      if (t.status === 'offline') this.alarms.raiseHealth(t.cameraId, healthAlarmType(t.reasonCode), t.reason ?? 'offline');
      else if (t.status === 'online') this.alarms.recoverHealth(t.cameraId, 'camera is back online');
    });
  }

  onPipeline(s: PipelineStatus): void {
    this.guard(s.cameraId, () => {
      if (s.state === 'live') this.alarms.recoverHealth(s.cameraId, `${s.profile} stream is live again`);
      else if ((s.state === 'reconnecting' || s.state === 'offline') && s.reasonCode === 'stalled') this.alarms.raiseHealth(s.cameraId, 'stream-stalled', s.reason ?? FAILURE_TEXT.stalled);
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
