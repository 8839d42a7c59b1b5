/** The client's output: the shapes the fMP4 muxer consumes, and the events beside them. */
import type { RtspFailureReason } from './errors';

export interface VideoAccessUnit {
  track: 'video';
  codec: 'h264' | 'h265';
  /** 90 kHz, unwrapped, 0 at PLAY start (RTP-Info) or the first packet; non-monotonic with B-frames. */
  pts90k: number;
  /** No start codes; a keyframe carries its parameter sets. */
  nalus: Uint8Array[];
  key: boolean;
}

export interface AudioFrame {
  track: 'audio';
  codec: 'aac' | 'pcma' | 'pcmu';
  /** In clockRate units, unwrapped, 0 at PLAY start (RTP-Info) or the first packet. */
  ptsClock: number;
  clockRate: number;
  data: Uint8Array;
}

export type TrackKind = 'video' | 'audio';

export interface DiscontinuityEvent {
  track: TrackKind;
  kind: 'jump-forward' | 'jump-backward' | 'ssrc-change';
  /** The timestamp step in the track's clock units (0 for ssrc-change). */
  deltaClock: number;
  clockRate: number;
}

export interface LossEvent {
  track: TrackKind;
  /** Packets missing from the sequence (0 when only a unit was dropped). */
  packets: number;
  /** Access units / frames dropped because of it (or malformed / over-limit payloads). */
  droppedUnits: number;
}

export interface ErrorEvent {
  reason: RtspFailureReason;
  message: string;
}
