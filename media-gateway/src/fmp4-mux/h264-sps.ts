// H.264 sequence parameter set (ITU-T H.264 §7.3.2.1.1 and Annex E VUI): what the init segment and the codec string
// need (profile, constraint flags, level, chroma format, bit depths, the displayed size after cropping), and the
// timing/reordering facts a caller deriving DTS may want (VUI timing, max_num_reorder_frames).
import { BitReader, nalToRbsp } from './bit-reader';
import { Fmp4MuxError } from './errors';

export interface H264Sps {
  profileIdc: number;
  /** constraint_set0..5 flags and the 2 reserved bits, as the byte between profile and level. */
  constraintFlags: number;
  levelIdc: number;
  spsId: number;
  chromaFormatIdc: number;
  bitDepthLuma: number;
  bitDepthChroma: number;
  /** Displayed size: coded macroblocks minus the frame cropping (§7.4.2.1.1). */
  width: number;
  height: number;
  frameMbsOnly: boolean;
  /** pic_order_cnt_type: 2 means output order is decode order (no B-frame reordering). */
  pocType: number;
  /** VUI timing_info, when present: frames per second = timeScale / (2 × numUnitsInTick) for frame-coded video. */
  timing: { numUnitsInTick: number; timeScale: number; fixedFrameRate: boolean } | null;
  /** VUI bitstream_restriction max_num_reorder_frames, when present (0: no B-frame reordering). */
  maxNumReorderFrames: number | null;
  maxDecFrameBuffering: number | null;
}

/** Profiles whose SPS carries chroma format, bit depth and scaling matrices (§7.3.2.1.1). */
const HIGH_PROFILES = new Set([100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135]);
const NAL_SPS = 7;

function skipScalingList(r: BitReader, size: number): void {
  let last = 8;
  let next = 8;
  for (let j = 0; j < size; j++) {
    if (next !== 0) next = (last + r.se() + 256) % 256;
    last = next === 0 ? last : next;
  }
}

function skipHrd(r: BitReader): void {
  const cpbCount = r.ue() + 1;
  if (cpbCount > 32) throw new Fmp4MuxError('bad-parameter-set', 'H.264 SPS: cpb_cnt_minus1 > 31');
  r.skip(8); // bit_rate_scale, cpb_size_scale
  for (let i = 0; i < cpbCount; i++) {
    r.ue();
    r.ue();
    r.skip(1);
  }
  r.skip(20); // four 5-bit delay/offset lengths
}

function readVui(r: BitReader): Pick<H264Sps, 'timing' | 'maxNumReorderFrames' | 'maxDecFrameBuffering'> {
  if (r.flag() && r.u(8) === 255) r.skip(32); // aspect_ratio_idc = Extended_SAR: sar_width, sar_height
  if (r.flag()) r.skip(1); // overscan_appropriate
  if (r.flag()) {
    r.skip(4); // video_format, video_full_range
    if (r.flag()) r.skip(24); // colour primaries, transfer, matrix
  }
  if (r.flag()) {
    r.ue(); // chroma_sample_loc_type_top/bottom
    r.ue();
  }
  let timing: H264Sps['timing'] = null;
  if (r.flag()) timing = { numUnitsInTick: r.u(32), timeScale: r.u(32), fixedFrameRate: r.flag() };
  const nalHrd = r.flag();
  if (nalHrd) skipHrd(r);
  const vclHrd = r.flag();
  if (vclHrd) skipHrd(r);
  if (nalHrd || vclHrd) r.skip(1); // low_delay_hrd
  r.skip(1); // pic_struct_present
  if (!r.flag()) return { timing, maxNumReorderFrames: null, maxDecFrameBuffering: null };
  r.skip(1); // motion_vectors_over_pic_boundaries
  for (let i = 0; i < 4; i++) r.ue(); // max_bytes_per_pic_denom, max_bits_per_mb_denom, log2_max_mv_length ×2
  return { timing, maxNumReorderFrames: r.ue(), maxDecFrameBuffering: r.ue() };
}

/** Parses an SPS NAL unit (with its 1-byte header, emulation-prevention bytes still in). */
export function parseH264Sps(nal: Uint8Array): H264Sps {
  if (nal.length < 4 || ((nal[0] ?? 0) & 0x1f) !== NAL_SPS) throw new Fmp4MuxError('bad-parameter-set', 'not an H.264 SPS');
  const r = new BitReader(nalToRbsp(nal.subarray(1)));
  const profileIdc = r.u(8);
  const constraintFlags = r.u(8);
  const levelIdc = r.u(8);
  const spsId = r.ue();
  let chromaFormatIdc = 1;
  let separateColourPlane = false;
  let bitDepthLuma = 8;
  let bitDepthChroma = 8;
  if (HIGH_PROFILES.has(profileIdc)) {
    chromaFormatIdc = r.ue();
    if (chromaFormatIdc === 3) separateColourPlane = r.flag();
    bitDepthLuma = r.ue() + 8;
    bitDepthChroma = r.ue() + 8;
    r.skip(1); // qpprime_y_zero_transform_bypass
    if (r.flag()) {
      const lists = chromaFormatIdc === 3 ? 12 : 8;
      for (let i = 0; i < lists; i++) if (r.flag()) skipScalingList(r, i < 6 ? 16 : 64);
    }
  }
  if (chromaFormatIdc > 3 || spsId > 31 || bitDepthLuma > 14 || bitDepthChroma > 14) {
    throw new Fmp4MuxError('bad-parameter-set', 'H.264 SPS: field out of range');
  }
  r.ue(); // log2_max_frame_num_minus4
  const pocType = r.ue();
  if (pocType === 0) r.ue();
  else if (pocType === 1) {
    r.skip(1);
    r.se();
    r.se();
    const cycle = r.ue();
    if (cycle > 255) throw new Fmp4MuxError('bad-parameter-set', 'H.264 SPS: num_ref_frames_in_pic_order_cnt_cycle > 255');
    for (let i = 0; i < cycle; i++) r.se();
  }
  r.ue(); // max_num_ref_frames
  r.skip(1); // gaps_in_frame_num_value_allowed
  const widthMbs = r.ue() + 1;
  const heightMapUnits = r.ue() + 1;
  const frameMbsOnly = r.flag();
  if (!frameMbsOnly) r.skip(1); // mb_adaptive_frame_field
  r.skip(1); // direct_8x8_inference
  const crop = r.flag() ? [r.ue(), r.ue(), r.ue(), r.ue()] : [0, 0, 0, 0];
  const vui = r.flag() ? readVui(r) : { timing: null, maxNumReorderFrames: null, maxDecFrameBuffering: null };

  // §7.4.2.1.1: crop offsets count in chroma sample units (luma samples for monochrome / separate planes).
  const chromaArrayType = separateColourPlane ? 0 : chromaFormatIdc;
  const subWidthC = chromaArrayType === 3 ? 1 : 2;
  const subHeightC = chromaArrayType === 1 ? 2 : 1;
  const cropUnitX = chromaArrayType === 0 ? 1 : subWidthC;
  const cropUnitY = (chromaArrayType === 0 ? 1 : subHeightC) * (frameMbsOnly ? 1 : 2);
  const [left = 0, right = 0, top = 0, bottom = 0] = crop;
  const width = widthMbs * 16 - cropUnitX * (left + right);
  const height = (frameMbsOnly ? 1 : 2) * heightMapUnits * 16 - cropUnitY * (top + bottom);
  if (width <= 0 || height <= 0 || width > 16384 || height > 16384) {
    throw new Fmp4MuxError('bad-parameter-set', `H.264 SPS: picture size ${width}x${height} out of range`);
  }
  return {
    profileIdc,
    constraintFlags,
    levelIdc,
    spsId,
    chromaFormatIdc,
    bitDepthLuma,
    bitDepthChroma,
    width,
    height,
    frameMbsOnly,
    pocType,
    ...vui,
  };
}
