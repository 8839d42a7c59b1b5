/** The client's output: the shapes the fMP4 muxer consumes, and the events beside them. */
import type { RtspFailureReason } from './errors';

export type { AudioFrame, VideoAccessUnit } from '../../../contracts/src/media-units';

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
