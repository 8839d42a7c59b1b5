import type { RtspTransport, StreamProfile, WireTransport } from '../../../contracts/src/camera';
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
  /** A pushed camera (RTMP): read in-process from the gateway's RTMP server when the pipeline has it. */
  push?: { cameraId: string };
  /** The camera's ingest setting: `ffmpeg` forces the ffmpeg path (absent: auto). */
  ingest?: 'auto' | 'ffmpeg';
  /** RTSP inputs: the camera's transport setting and the transport that last worked (absent for the RTMP pull). */
  rtsp?: { transport: RtspTransport; inUse: WireTransport | null };
}

/** Where the transport that worked for a camera is kept (cameras.transport_in_use); null forgets it. */
export interface TransportMemory {
  remember(cameraId: string, transport: WireTransport | null): void;
}

export type StreamInputResolution = { ok: true; input: StreamInput } | { ok: false; reason: string };

export interface StreamInputResolver {
  /** A promise when the host is resolved first (its addresses checked against the stream address policy). */
  resolve(cameraId: string, profile: StreamProfile): StreamInputResolution | Promise<StreamInputResolution>;
  /**
   * Whether the camera/profile needs a transcode for H.264-only viewers, from the registration alone (no DNS, no
   * connection): the stream manager picks the pipeline with it before anything starts. null: unknown now.
   */
  videoModeOf?(cameraId: string, profile: StreamProfile): StreamInput['videoMode'] | null;
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
