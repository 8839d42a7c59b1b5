// HEVCDecoderConfigurationRecord (ISO/IEC 14496-15 §8.3.3.1): the `hvcC` payload of an `hvc1` sample entry. With
// hvc1 every parameter set lives here (array_completeness = 1), so the muxer removes them from the samples.
import { H265_NAL_PPS, H265_NAL_SPS, H265_NAL_VPS } from './h265-ps';
import type { H265Sps } from './h265-ps';

function nalArray(type: number, nals: readonly Uint8Array[]): Buffer[] {
  const head = Buffer.alloc(3);
  head[0] = 0x80 | type; // array_completeness = 1, reserved 0, NAL_unit_type
  head.writeUInt16BE(nals.length, 1);
  return [
    head,
    ...nals.flatMap((n) => {
      const len = Buffer.alloc(2);
      len.writeUInt16BE(n.length);
      return [len, Buffer.from(n.buffer, n.byteOffset, n.length)];
    }),
  ];
}

export function buildHvcC(sps: H265Sps, sets: { vps: readonly Uint8Array[]; sps: readonly Uint8Array[]; pps: readonly Uint8Array[] }): Buffer {
  const { ptl } = sps;
  const head = Buffer.alloc(23);
  head[0] = 1; // configurationVersion
  head[1] = (ptl.profileSpace << 6) | (ptl.tierFlag << 5) | ptl.profileIdc;
  head.writeUInt32BE(ptl.compatibilityFlags >>> 0, 2);
  head.set(ptl.constraintFlags, 6);
  head[12] = ptl.levelIdc;
  head.writeUInt16BE(0xf000, 13); // reserved 1111 + min_spatial_segmentation_idc 0 (not signalled)
  head[15] = 0xfc; // reserved + parallelismType 0 (unknown)
  head[16] = 0xfc | sps.chromaFormatIdc;
  head[17] = 0xf8 | (sps.bitDepthLuma - 8);
  head[18] = 0xf8 | (sps.bitDepthChroma - 8);
  head.writeUInt16BE(0, 19); // avgFrameRate: unspecified
  // constantFrameRate 0, numTemporalLayers, temporalIdNested, lengthSizeMinusOne = 3
  head[21] = (sps.maxSubLayers << 3) | ((sps.temporalIdNesting ? 1 : 0) << 2) | 3;
  head[22] = 3; // numOfArrays: VPS, SPS, PPS
  return Buffer.concat([
    head,
    ...nalArray(H265_NAL_VPS, sets.vps),
    ...nalArray(H265_NAL_SPS, sets.sps),
    ...nalArray(H265_NAL_PPS, sets.pps),
  ]);
}
