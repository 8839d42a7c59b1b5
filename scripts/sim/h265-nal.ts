/** H.265 NAL unit headers (ITU-T H.265 §7.3.1.2): the two-byte header, types the simulator cares about. */

export const H265_NAL = {
  IDR_W_RADL: 19,
  IDR_N_LP: 20,
  CRA: 21,
  VPS: 32,
  SPS: 33,
  PPS: 34,
  AUD: 35,
  PREFIX_SEI: 39,
  /** RTP only (RFC 7798 §4.4.3): fragmentation unit. */
  FU: 49,
} as const;

export function h265NalType(nal: Uint8Array): number {
  return ((nal[0] ?? 0) >> 1) & 0x3f;
}

export const h265IsVcl = (type: number): boolean => type < 32;
/** IRAP pictures (BLA, IDR, CRA): a decoder can start here given VPS/SPS/PPS. */
export const h265IsIrap = (type: number): boolean => type >= 16 && type <= 23;
export const h265IsParamSet = (type: number): boolean => type === H265_NAL.VPS || type === H265_NAL.SPS || type === H265_NAL.PPS;
