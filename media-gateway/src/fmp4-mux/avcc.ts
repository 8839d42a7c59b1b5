// AVCDecoderConfigurationRecord (ISO/IEC 14496-15 §5.3.3.1): the `avcC` payload of an `avc1` sample entry.
import type { H264Sps } from './h264-sps';

/** profile_idc values for which the record carries chroma format and bit depths (§5.3.3.1.2). */
const HIGH_PROFILES = new Set([100, 110, 122, 144]);

function lengthPrefixed(nals: readonly Uint8Array[]): Buffer[] {
  return nals.flatMap((n) => {
    const len = Buffer.alloc(2);
    len.writeUInt16BE(n.length);
    return [len, Buffer.from(n.buffer, n.byteOffset, n.length)];
  });
}

/** NAL units keep their emulation-prevention bytes: the record holds them exactly as they appear in the stream. */
export function buildAvcC(sps: H264Sps, spsNals: readonly Uint8Array[], ppsNals: readonly Uint8Array[]): Buffer {
  const head = Buffer.of(
    1, // configurationVersion
    sps.profileIdc,
    sps.constraintFlags,
    sps.levelIdc,
    0xfc | 3, // reserved 6 bits, lengthSizeMinusOne = 3: 4-byte NAL lengths in the samples
    0xe0 | spsNals.length,
  );
  const parts = [head, ...lengthPrefixed(spsNals), Buffer.of(ppsNals.length), ...lengthPrefixed(ppsNals)];
  if (HIGH_PROFILES.has(sps.profileIdc)) {
    parts.push(
      Buffer.of(0xfc | sps.chromaFormatIdc, 0xf8 | (sps.bitDepthLuma - 8), 0xf8 | (sps.bitDepthChroma - 8), 0), // no SPS extensions
    );
  }
  return Buffer.concat(parts);
}
