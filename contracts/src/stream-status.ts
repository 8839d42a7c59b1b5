import type { StreamProfile, WireTransport } from './camera';

/**
 * `lagging`: frames arrive, but the output's media timeline has fallen behind real time since the pipeline started
 * (an overloaded transcode); `lagSec` says by how much.
 */
export type PipelineState = 'starting' | 'live' | 'lagging' | 'reconnecting' | 'offline';

/** How a pipeline delivers video: the camera's stream untouched, or transcoded to H.264 for browsers without HEVC. */
export type StreamVideo = 'copy' | 'transcode';

/**
 * What a viewer asks for (`video` on `GET /api/v1/cameras/{id}/live` and the playlist URL): `original` when it can
 * decode the camera's codec (HEVC via MediaSource.isTypeSupported), `compatible` (default) for H.264 only.
 */
export const VIDEO_REQUESTS = ['compatible', 'original'] as const;
export type VideoRequest = (typeof VIDEO_REQUESTS)[number];

/**
 * Why a pipeline is not live, as a code the console can translate (the text is the gateway's English fallback).
 * Classified from facts: `connection-refused` / `unreachable` / `timeout` (no TCP connection), `stalled` (connected,
 * then nothing: no RTSP answer within the I/O timeout, or video stopped), `disconnected` (the camera closed the
 * connection), `exited` (the ffmpeg process itself died: a gateway-side fault, never counted against the camera),
 * `unsupported-transport` (the camera refused every allowed RTSP transport: 461 Unsupported Transport),
 * `not-responding` (a fresh connection was accepted but nothing was answered within the I/O timeout; the text says
 * how long: `not responding (timed out after 5 s)`).
 */
export type PipelineReasonCode =
  | 'auth-failed'
  | 'connection-refused'
  | 'unreachable'
  | 'timeout'
  | 'stream-not-found'
  | 'invalid-data'
  | 'protocol-blocked'
  | 'camera-error'
  | 'unsupported-transport'
  | 'not-responding'
  | 'stalled'
  | 'disconnected'
  | 'exited'
  | 'config'
  | 'transcode-capacity';

/**
 * Why a camera counts as offline, as a code: a pipeline's or the health probe's failure, or an RTMP camera whose
 * publisher went away. The console words it; the gateway's English text travels beside it for logs and old clients.
 */
export type CameraReasonCode = PipelineReasonCode | 'no-publisher';

/** A reason as the gateway records it: the code, and its English wording for logs, alarm details and API clients. */
export interface CameraStatusReason {
  code: CameraReasonCode;
  text: string;
}

export const CAMERA_REASON_CODES: readonly CameraReasonCode[] = [
  'auth-failed',
  'connection-refused',
  'unreachable',
  'timeout',
  'stream-not-found',
  'invalid-data',
  'protocol-blocked',
  'camera-error',
  'unsupported-transport',
  'not-responding',
  'stalled',
  'disconnected',
  'exited',
  'config',
  'transcode-capacity',
  'no-publisher',
];

/** An audio codec as a camera sends it: G.711 A-law / µ-law, AAC, or anything else (`other`). */
export const RECEIVED_AUDIO_CODECS = ['pcma', 'pcmu', 'aac', 'other'] as const;
export type ReceivedAudioCodec = (typeof RECEIVED_AUDIO_CODECS)[number];

/** A stream's audio: what the camera sends and what the console gets (always AAC: passed through or transcoded). */
export interface StreamAudioStatus {
  /** null when not known (the camera was never stream-tested, or changed its codec since). */
  received: ReceivedAudioCodec | null;
  delivered: 'aac';
  /** RFC 6381 codec of the delivered track, e.g. `mp4a.40.2`. */
  codec: string;
}

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
  /** RTSP transport of the current (or last) run; null for RTMP push cameras or before the first start. */
  transport: WireTransport | null;
  codec: string | null;
  width: number | null;
  height: number | null;
  video: StreamVideo;
  /** The H.264 encoder of a transcode (libx264, h264_vaapi, …); null for copy. */
  encoder: string | null;
  /** How far the output's media time is behind the wall clock since this run started, seconds; null before video. */
  lagSec: number | null;
  /** The audio muxed with the video; null when the stream has none (or it could not be decoded) or before it starts. */
  audio: StreamAudioStatus | null;
  /** RFC 6381 codecs of every delivered track, as in a CODECS attribute: `avc1.4d401f,mp4a.40.2`. */
  codecs: string | null;
}
