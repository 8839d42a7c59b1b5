// RFC 6381 `codecs` values from the parameter sets themselves (ISO/IEC 14496-15 Annex E), so the caller knows what it
// muxed without parsing its own init back: `avc1.64001f`, `hvc1.1.6.L93.B0`, `mp4a.40.2`.
import type { AacConfig } from './aac-config';
import type { H264Sps } from './h264-sps';
import type { H265ProfileTierLevel } from './h265-ps';

const hex2 = (n: number): string => n.toString(16).padStart(2, '0');

export const avcCodecString = (sps: Pick<H264Sps, 'profileIdc' | 'constraintFlags' | 'levelIdc'>): string =>
  `avc1.${hex2(sps.profileIdc)}${hex2(sps.constraintFlags)}${hex2(sps.levelIdc)}`;

/** The compatibility flags in reverse bit order (flag 0 least significant), as Annex E asks; lower-case hex like hls.js and mediacommon. */
function reversed32(n: number): number {
  let out = 0;
  for (let i = 0; i < 32; i++) out = out * 2 + ((n >>> i) & 1);
  return out;
}

export function hevcCodecString(ptl: H265ProfileTierLevel): string {
  const space = ['', 'A', 'B', 'C'][ptl.profileSpace] ?? '';
  const constraints = [...ptl.constraintFlags];
  while (constraints.length > 0 && constraints[constraints.length - 1] === 0) constraints.pop(); // trailing zero bytes omitted
  const tail = constraints.map((c) => `.${c.toString(16).toUpperCase()}`).join('');
  return `hvc1.${space}${ptl.profileIdc}.${reversed32(ptl.compatibilityFlags).toString(16)}.${ptl.tierFlag ? 'H' : 'L'}${ptl.levelIdc}${tail}`;
}

export const aacCodecString = (config: Pick<AacConfig, 'audioObjectType'>): string => `mp4a.40.${config.audioObjectType}`;
