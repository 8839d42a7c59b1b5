// H.265 video and sequence parameter sets (ITU-T H.265 §7.3.2.1, §7.3.2.2, §7.3.3): the general profile_tier_level
// that hvcC and the RFC 6381 codec string copy, the displayed size after the conformance window, chroma format, bit
// depths, temporal layers and the reorder depth. Parsing stops where nothing we need follows.
import { BitReader, nalToRbsp } from './bit-reader';
import { Fmp4MuxError } from './errors';

export const H265_NAL_VPS = 32;
export const H265_NAL_SPS = 33;
export const H265_NAL_PPS = 34;

/** general_* fields of profile_tier_level() (§7.3.3), as hvcC stores them. */
export interface H265ProfileTierLevel {
  profileSpace: number;
  tierFlag: number;
  profileIdc: number;
  /** general_profile_compatibility_flag[0..31], flag 0 in the most significant bit. */
  compatibilityFlags: number;
  /** The 48 bits from general_progressive_source_flag on: 6 bytes, as in hvcC. */
  constraintFlags: Uint8Array;
  levelIdc: number;
}

export interface H265Vps {
  vpsId: number;
  maxSubLayers: number;
  temporalIdNesting: boolean;
  ptl: H265ProfileTierLevel;
}

export interface H265Sps {
  vpsId: number;
  spsId: number;
  maxSubLayers: number;
  temporalIdNesting: boolean;
  ptl: H265ProfileTierLevel;
  chromaFormatIdc: number;
  bitDepthLuma: number;
  bitDepthChroma: number;
  width: number;
  height: number;
  /** sps_max_num_reorder_pics of the highest temporal sub-layer. */
  maxNumReorderPics: number;
}

export const h265NalType = (nal: Uint8Array): number => ((nal[0] ?? 0) >> 1) & 0x3f;

function readRbsp(nal: Uint8Array, type: number, what: string): BitReader {
  if (nal.length < 4 || h265NalType(nal) !== type) throw new Fmp4MuxError('bad-parameter-set', `not an H.265 ${what}`);
  return new BitReader(nalToRbsp(nal.subarray(2)));
}

function readProfileTierLevel(r: BitReader, maxSubLayersMinus1: number): H265ProfileTierLevel {
  const profileSpace = r.u(2);
  const tierFlag = r.u(1);
  const profileIdc = r.u(5);
  const compatibilityFlags = r.u(32);
  const constraintFlags = new Uint8Array(6);
  for (let i = 0; i < 6; i++) constraintFlags[i] = r.u(8);
  const levelIdc = r.u(8);
  const subProfile: boolean[] = [];
  const subLevel: boolean[] = [];
  for (let i = 0; i < maxSubLayersMinus1; i++) {
    subProfile.push(r.flag());
    subLevel.push(r.flag());
  }
  if (maxSubLayersMinus1 > 0) r.skip(2 * (8 - maxSubLayersMinus1)); // reserved_zero_2bits
  for (let i = 0; i < maxSubLayersMinus1; i++) {
    if (subProfile[i]) r.skip(88);
    if (subLevel[i]) r.skip(8);
  }
  return { profileSpace, tierFlag, profileIdc, compatibilityFlags, constraintFlags, levelIdc };
}

export function parseH265Vps(nal: Uint8Array): H265Vps {
  const r = readRbsp(nal, H265_NAL_VPS, 'VPS');
  const vpsId = r.u(4);
  r.skip(8); // base_layer_internal, base_layer_available, max_layers_minus1
  const maxSubLayersMinus1 = r.u(3);
  const temporalIdNesting = r.flag();
  r.skip(16); // vps_reserved_0xffff_16bits
  if (maxSubLayersMinus1 > 6) throw new Fmp4MuxError('bad-parameter-set', 'H.265 VPS: max_sub_layers_minus1 > 6');
  return { vpsId, maxSubLayers: maxSubLayersMinus1 + 1, temporalIdNesting, ptl: readProfileTierLevel(r, maxSubLayersMinus1) };
}

export function parseH265Sps(nal: Uint8Array): H265Sps {
  const r = readRbsp(nal, H265_NAL_SPS, 'SPS');
  const vpsId = r.u(4);
  const maxSubLayersMinus1 = r.u(3);
  const temporalIdNesting = r.flag();
  if (maxSubLayersMinus1 > 6) throw new Fmp4MuxError('bad-parameter-set', 'H.265 SPS: max_sub_layers_minus1 > 6');
  const ptl = readProfileTierLevel(r, maxSubLayersMinus1);
  const spsId = r.ue();
  const chromaFormatIdc = r.ue();
  if (spsId > 15 || chromaFormatIdc > 3) throw new Fmp4MuxError('bad-parameter-set', 'H.265 SPS: field out of range');
  const separateColourPlane = chromaFormatIdc === 3 ? r.flag() : false;
  const codedWidth = r.ue();
  const codedHeight = r.ue();
  const window = r.flag() ? [r.ue(), r.ue(), r.ue(), r.ue()] : [0, 0, 0, 0];
  const bitDepthLuma = r.ue() + 8;
  const bitDepthChroma = r.ue() + 8;
  if (bitDepthLuma > 16 || bitDepthChroma > 16) throw new Fmp4MuxError('bad-parameter-set', 'H.265 SPS: bit depth out of range');
  r.ue(); // log2_max_pic_order_cnt_lsb_minus4
  const orderingForAll = r.flag();
  let maxNumReorderPics = 0;
  for (let i = orderingForAll ? 0 : maxSubLayersMinus1; i <= maxSubLayersMinus1; i++) {
    r.ue(); // sps_max_dec_pic_buffering_minus1
    maxNumReorderPics = r.ue();
    r.ue(); // sps_max_latency_increase_plus1
  }
  // §7.4.3.2.1: the conformance window counts in chroma samples (SubWidthC × SubHeightC), luma for 4:4:4/mono.
  const chromaArrayType = separateColourPlane ? 0 : chromaFormatIdc;
  const subWidthC = chromaArrayType === 1 || chromaArrayType === 2 ? 2 : 1;
  const subHeightC = chromaArrayType === 1 ? 2 : 1;
  const [left = 0, right = 0, top = 0, bottom = 0] = window;
  const width = codedWidth - subWidthC * (left + right);
  const height = codedHeight - subHeightC * (top + bottom);
  if (width <= 0 || height <= 0 || width > 16888 || height > 16888) {
    throw new Fmp4MuxError('bad-parameter-set', `H.265 SPS: picture size ${width}x${height} out of range`);
  }
  return {
    vpsId,
    spsId,
    maxSubLayers: maxSubLayersMinus1 + 1,
    temporalIdNesting,
    ptl,
    chromaFormatIdc,
    bitDepthLuma,
    bitDepthChroma,
    width,
    height,
    maxNumReorderPics,
  };
}
