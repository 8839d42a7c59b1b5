// What the in-process RTSP client (media-gateway/src/rtsp-client) hands to the fMP4 muxer
// (media-gateway/src/fmp4-mux): one definition, so the glue between the two is a loop.

export interface VideoAccessUnit {
  track: 'video';
  codec: 'h264' | 'h265';
  /** Presentation time, 90 kHz (RTP video clock), unwrapped, 0 at PLAY start; non-monotonic with B-frames. */
  pts90k: number;
  /** NAL units without start codes, in decode order within the access unit; a keyframe carries its parameter sets. */
  nalus: Uint8Array[];
  /** An IDR / IRAP access unit: a fragment (and so an HLS part) may start here. */
  key: boolean;
}

export interface AudioFrame {
  track: 'audio';
  codec: 'aac' | 'pcma' | 'pcmu';
  /** Presentation time in `clockRate` ticks, unwrapped, on the same time line (same zero) as the video's pts90k. */
  ptsClock: number;
  clockRate: number;
  /** One raw AAC access unit (no ADTS header, no RFC 3640 AU headers), or G.711 samples as received. */
  data: Uint8Array;
}
