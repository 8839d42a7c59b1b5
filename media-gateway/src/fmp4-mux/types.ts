// The muxer's input (the in-process RTSP client's output: contracts/src/media-units.ts) and its output.

export type { AudioFrame, VideoAccessUnit } from '../../../contracts/src/media-units';

export interface Fmp4MuxerOptions {
  /** The AAC AudioSpecificConfig (RFC 3640 `config=` from the SDP); absent: a video-only init. G.711 cannot be muxed. */
  audio?: { codec: 'aac' | 'pcma' | 'pcmu'; config?: Uint8Array } | null;
  /** Parameter sets known before the stream starts (SDP `sprop-parameter-sets`, `sprop-vps/sps/pps`). */
  parameterSets?: { codec: 'h264' | 'h265'; nalus: Uint8Array[] };
  /** A fragment is cut once it holds at least this much video (and always before a keyframe). Default 200. */
  fragmentDurationMs?: number;
}

export interface InitOutput {
  kind: 'init';
  /** ftyp + moov. */
  data: Buffer;
  /** `first`, or the stream's parameter sets changed: the caller treats this like an ingest restart. */
  reason: 'first' | 'parameter-sets-changed';
  videoCodec: string;
  audioCodec: string | null;
  /** RFC 8216 CODECS value: video, then audio. */
  codecs: string;
  width: number;
  height: number;
}

export interface FragmentOutput {
  kind: 'fragment';
  /** moof + mdat. */
  data: Buffer;
  sequence: number;
  /** Decode time of the first video sample and the fragment's video duration, 90 kHz. */
  dts90k: number;
  duration90k: number;
  videoSamples: number;
  audioSamples: number;
  /** The first video sample is a keyframe. */
  key: boolean;
}

export type MuxOutput = InitOutput | FragmentOutput;

export interface MuxerStats {
  inits: number;
  fragments: number;
  /** Access units dropped before the first keyframe with parameter sets. */
  droppedVideo: number;
  /** Audio frames dropped: before the first video, out of order, or over the bound while video stalled. */
  droppedAudio: number;
}
