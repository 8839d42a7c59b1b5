// One error type for everything the muxer refuses, with a code the caller can branch on (restart ingest, drop the
// audio track, log) without matching message text.

export type Fmp4MuxErrorCode =
  /** A parameter set (SPS/VPS) or AudioSpecificConfig we cannot read: no init can be written from it. */
  | 'bad-parameter-set'
  | 'bad-audio-config'
  /** DTS not strictly increasing, negative, or after the PTS: the caller's timing is wrong, not the stream. */
  | 'dts-not-monotonic'
  | 'dts-after-pts'
  | 'bad-timestamp'
  /** G.711 (or anything but AAC) offered as audio: the caller must transcode it (ffmpeg) or drop it. */
  | 'unsupported-audio'
  /** An access unit whose codec differs from the muxer's, an empty one, an oversized one. */
  | 'bad-input';

export class Fmp4MuxError extends Error {
  readonly code: Fmp4MuxErrorCode;

  constructor(code: Fmp4MuxErrorCode, message: string) {
    super(message);
    this.name = 'Fmp4MuxError';
    this.code = code;
  }
}
