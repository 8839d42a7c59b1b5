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

/**
 * How a pipeline receives its camera: `in-process` (the gateway's own RTSP client and fMP4 muxer: no child process, no
 * password on any command line) or `ffmpeg` (a child process), with why ffmpeg was needed.
 */
export type IngestPath = 'in-process' | 'ffmpeg';
export const FFMPEG_INGEST_REASONS = [
  /** The camera's `ingest` setting is `ffmpeg` (the escape hatch for a camera the in-process client does not suit). */
  'camera-setting',
  /** The gateway's `streams.ingest` is `ffmpeg`. */
  'gateway-setting',
  /** H.265 → H.264 for viewers that cannot decode H.265. */
  'transcode',
  /** The camera's audio is not AAC (G.711 mostly), which HLS cannot carry: ffmpeg transcodes it to AAC. */
  'audio-transcode',
  /** The camera offered no track the in-process client can depacketise (e.g. H.265 with DONL). */
  'unsupported-media',
  /** Not an RTSP source (e.g. the RTMP push relay). */
  'not-rtsp',
] as const;
export type FfmpegIngestReason = (typeof FFMPEG_INGEST_REASONS)[number];

/** One running pipeline, as `GET /api/v1/streams` and the `streams` WebSocket topic report it. */
export interface PipelineStatus {
  cameraId: string;
  profile: StreamProfile;
  state: PipelineState;
  reasonCode: PipelineReasonCode | null;
  reason: string | null;
  viewers: number;
  /** What keeps the stream pulled besides viewers (`recording`); empty when only viewers do. */
  heldBy: string[];
  fps: number | null;
  bitrateBps: number | null;
  lastFragmentAgeMs: number | null;
  restarts: number;
  consecutiveFailures: number;
  startedAt: string;
  liveSince: string | null;
  /** The ffmpeg child's pid; null on the in-process path. */
  pid: number | null;
  ingest: IngestPath;
  /** Why this pipeline runs ffmpeg; null on the in-process path. */
  ingestReason: FfmpegIngestReason | null;
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
