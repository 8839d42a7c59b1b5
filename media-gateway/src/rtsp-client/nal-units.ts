/** NAL unit types that matter to an RTSP client (H.264 Table 7-1, H.265 Table 7-1) and the size limits on them. */
import type { VideoCodec } from './track-config';

/** One NAL unit reassembled from fragments may not exceed this (a 4K intra frame is ~1–2 MiB). */
export const MAX_NAL_BYTES = 8 * 1024 * 1024;
export const MAX_AU_BYTES = 16 * 1024 * 1024;
export const MAX_AU_NALUS = 1024;

export type ParamSetKind = 'vps' | 'sps' | 'pps';

export interface NalTraits {
  type(nal: Uint8Array): number;
  isVcl(type: number): boolean;
  /** IDR (H.264) or IRAP (H.265): decoding can start here. */
  isKey(type: number): boolean;
  paramSet(type: number): ParamSetKind | null;
  /** Access unit delimiters and filler data: dropped, the muxer writes its own framing. */
  isDropped(type: number): boolean;
  /** A VCL NAL unit that starts a picture (H.264 first_mb_in_slice = 0, H.265 first_slice_segment_in_pic_flag). */
  startsPicture(nal: Uint8Array): boolean;
}

const H264: NalTraits = {
  type: (n) => n[0]! & 0x1f,
  isVcl: (t) => t >= 1 && t <= 5,
  isKey: (t) => t === 5,
  paramSet: (t) => (t === 7 ? 'sps' : t === 8 ? 'pps' : null),
  isDropped: (t) => t === 9 || t === 12,
  // first_mb_in_slice is ue(v): the value 0 is the single bit '1'.
  startsPicture: (n) => n.length > 1 && (n[1]! & 0x80) !== 0,
};

const H265: NalTraits = {
  type: (n) => (n[0]! >> 1) & 0x3f,
  isVcl: (t) => t <= 31,
  isKey: (t) => t >= 16 && t <= 23,
  paramSet: (t) => (t === 32 ? 'vps' : t === 33 ? 'sps' : t === 34 ? 'pps' : null),
  isDropped: (t) => t === 35 || t === 38,
  startsPicture: (n) => n.length > 2 && (n[2]! & 0x80) !== 0,
};

export const NAL_TRAITS: Record<VideoCodec, NalTraits> = { h264: H264, h265: H265 };
