// The reason code behind a camera-health alarm's English detail. Alarms store the reason's words (the `detail` API
// field, kept for API clients); consoles word a code instead. No column holds the code (that would be a migration),
// so it is recovered here: the camera's current reason code when its reason is still this text (every open alarm:
// the detail follows reason changes), else the code whose fixed English wording this is.
import type { CameraReasonCode } from '../../../contracts/src/stream-status';
import { failureOfText } from '../ingest/ffmpeg-errors';

const FLAPPING = /^\d+ outages within the flap window; latest: ([\s\S]*)$/;

/** The detail of a `camera-flapping` alarm (parsed back by healthDetailCode). */
export const flappingDetail = (outages: number, latest: string): string => `${outages} outages within the flap window; latest: ${latest}`;

export function healthDetailCode(detail: string | null, cameraReason: string | null, cameraCode: CameraReasonCode | null): CameraReasonCode | null {
  if (!detail) return null;
  const reason = FLAPPING.exec(detail)?.[1] ?? detail;
  if (cameraCode && cameraReason === reason) return cameraCode;
  return failureOfText(reason);
}
