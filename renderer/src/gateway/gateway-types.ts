// Shapes the renderer reads from the gateway that contracts/ does not define yet.
// TODO(contracts): PipelineStatus lives in media-gateway/src/streams/stream-types.ts; once it moves to contracts/,
// import it from there and delete this copy.
import type { StreamProfile } from '../../../contracts/src/camera';

export type PipelineState = 'starting' | 'live' | 'reconnecting' | 'offline';

export interface PipelineStatusDto {
  cameraId: string;
  profile: StreamProfile;
  state: PipelineState;
  /** Machine-readable failure (IngestFailure or 'config'), when the gateway knows it. */
  reasonCode?: string | null;
  reason: string | null;
  viewers: number;
  fps: number | null;
  bitrateBps: number | null;
  lastFragmentAgeMs: number | null;
  restarts: number;
}

export interface ListResponse<T> {
  items: T[];
}

export interface CameraListResponse<T> extends ListResponse<T> {
  total: number;
}

/** GET /api/v1/cameras/{id}/live, plus what the client observed when it arrived (for clock-skew-free timing). */
export interface LiveUrl {
  url: string;
  expiresAt: string;
  /** The response's Date header in ms since epoch, null when absent or unreadable. */
  serverDateMs: number | null;
  /** Client clock (Date.now()) when the response arrived. */
  receivedAtMs: number;
}

export function streamKey(cameraId: string, profile: StreamProfile): string {
  return `${cameraId}/${profile}`;
}

/** GET /api/v1/walls: a display (or group of displays) that follows commands pushed through the gateway. */
export interface WallDto {
  id: string;
  name: string;
  /** The layout the wall shows (the last one pushed), null when none yet. */
  layoutId: string | null;
  updatedAt: string;
}
