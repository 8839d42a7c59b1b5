import type { StreamProfile } from './camera';

export type PipelineState = 'starting' | 'live' | 'reconnecting' | 'offline';

/** Why a pipeline is not live, as a code the console can translate (the text is the gateway's English fallback). */
export type PipelineReasonCode =
  | 'auth-failed'
  | 'connection-refused'
  | 'unreachable'
  | 'timeout'
  | 'stream-not-found'
  | 'invalid-data'
  | 'protocol-blocked'
  | 'camera-error'
  | 'stalled'
  | 'exited'
  | 'config';

/** One running pipeline, as `GET /api/v1/streams` and the `streams` WebSocket topic report it. */
export interface PipelineStatus {
  cameraId: string;
  profile: StreamProfile;
  state: PipelineState;
  reasonCode: PipelineReasonCode | null;
  reason: string | null;
  viewers: number;
  fps: number | null;
  bitrateBps: number | null;
  lastFragmentAgeMs: number | null;
  restarts: number;
  consecutiveFailures: number;
  startedAt: string;
  liveSince: string | null;
  pid: number | null;
  codec: string | null;
  width: number | null;
  height: number | null;
}
