/** Public surface of the in-process RTSP client (a protocol leaf: imports nothing from the rest of the gateway). */
export { RtspClient, type RtspClientOptions, type RtspTransport, type StreamInfo } from './rtsp-session';
export { RtspClientError, type RtspFailureReason } from './errors';
export type { Credentials } from './rtsp-auth';
export type { AudioFrame, DiscontinuityEvent, ErrorEvent, LossEvent, VideoAccessUnit, TrackKind } from './types';
export type { AudioTrackConfig, VideoTrackConfig, AacLayout } from './track-config';
export type { TrackStats, VideoParamSets } from './track-receiver';
