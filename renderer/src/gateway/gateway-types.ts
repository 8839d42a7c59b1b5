// Shapes the renderer reads from the gateway that contracts/ does not define (or that the console reads loosely).
import type { AlarmSeverity, AlarmState } from '../../../contracts/src/alarm';
import type { StreamProfile } from '../../../contracts/src/camera';
import type { LayoutDto, PushedCells, TourDto } from '../../../contracts/src/layout';
import type { PipelineStatus, StreamVideo } from '../../../contracts/src/stream-status';

export type PipelineState = PipelineStatus['state'];

/**
 * The part of contracts' PipelineStatus the console reads. `reasonCode` is read as any string (a newer gateway may
 * send codes this build does not know; tile-reason.ts shows those as the gateway's text).
 */
export type PipelineStatusDto = Pick<PipelineStatus, 'cameraId' | 'profile' | 'state' | 'reason' | 'viewers' | 'fps' | 'bitrateBps' | 'lastFragmentAgeMs' | 'restarts'> & {
  reasonCode?: string | null;
  /** Absent from older gateways: copy. */
  video?: StreamVideo;
  lagSec?: number | null;
  /** The stream's audio (absent from gateways before audio support): the speaker toggle shows only when set. */
  audio?: PipelineStatus['audio'];
};

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

/** A camera/profile can run two pipelines (H.265 untouched, and transcoded to H.264): the transcode has its own key. */
export function streamKey(cameraId: string, profile: StreamProfile, video: StreamVideo = 'copy'): string {
  return video === 'transcode' ? `${cameraId}/${profile}/transcode` : `${cameraId}/${profile}`;
}

/** GET /api/v1/walls: a display (or group of displays) that follows commands pushed through the gateway. */
export interface WallDto {
  id: string;
  name: string;
  /** The layout the wall shows (the last one pushed), null when none yet. */
  layoutId: string | null;
  /** What a console pushed of its own screen (show-cells), shown instead of a saved layout; null when none. */
  cells?: PushedCells | null;
  /** The org unit that owns the wall (its users drive it); null = the county's. */
  orgUnitId: string | null;
  updatedAt: string;
}

/** GET /api/v1/walls/{id}/state: the wall, the layout it shows and the tour it runs (whoever pushed them). */
export interface WallStateDto {
  wall: WallDto & { tourId?: string | null };
  layout: LayoutDto | null;
  tour: TourDto | null;
}

/** GET /api/v1/alarms filters (lists are comma-joined). */
export interface AlarmListParams {
  state?: readonly AlarmState[];
  type?: readonly string[];
  severity?: readonly AlarmSeverity[];
  orgUnit?: string;
  cameraId?: string;
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}
