import type { StreamProfile } from '../../../contracts/src/camera';
import type { CameraStatusReason, ReceivedAudioCodec } from '../../../contracts/src/stream-status';
import type { AudioMode } from '../ingest/ffmpeg-args';

export type { PipelineState, PipelineStatus } from '../../../contracts/src/stream-status';

/** Where a pipeline gets its input; resolved on every (re)start so credential or URL edits take effect. */
export interface StreamInput {
  /** URL with credentials, for ffmpeg only. */
  inputUrl: string;
  /** The same URL as it may appear in logs and the API. */
  displayUrl: string;
  secrets: string[];
  videoMode: 'copy' | 'transcode-h264';
  /** Default `transcode-aac` (safe for any audio ffmpeg decodes); `copy` only for what was measured as AAC. */
  audioMode?: AudioMode;
  /** The audio codec the stream test measured (null/absent: not tested; `none` was measured as no audio). */
  audioCodec?: ReceivedAudioCodec | 'none' | null;
}

export type StreamInputResolution = { ok: true; input: StreamInput } | { ok: false; reason: string };

export interface StreamInputResolver {
  resolve(cameraId: string, profile: StreamProfile): StreamInputResolution;
}

export interface CameraStatusSink {
  online(cameraId: string): void;
  offline(cameraId: string, reason: CameraStatusReason): void;
}

/** Cameras that refused our credentials. A blocked camera is not contacted with them again until it is cleared. */
export interface AuthFailureBlock {
  isBlocked(cameraId: string): boolean;
  block(cameraId: string): void;
  /** True when the camera was blocked. */
  clear(cameraId: string): boolean;
}

export interface ViewerMeta {
  userId: string;
  ip: string | null;
}

/** Records each viewer's watching (start on its first request, end when it stops asking). */
export interface ViewRecorder {
  start(cameraId: string, profile: StreamProfile, viewer: ViewerMeta, at: number): number;
  end(handle: number, at: number): void;
}
