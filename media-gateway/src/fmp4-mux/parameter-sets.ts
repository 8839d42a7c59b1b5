// Sorting an access unit's NAL units (ITU-T H.264 Table 7-1, H.265 Table 7-1) into what the init segment takes
// (parameter sets), what is dropped (access unit delimiters, filler data: both mean nothing inside an MP4 sample), and
// what the sample keeps (slices, SEI), and turning the latest parameter sets into an avc1/hvc1 track description.
import { buildAvcC } from './avcc';
import { avcCodecString, hevcCodecString } from './codec-strings';
import { Fmp4MuxError } from './errors';
import { parseH264Sps } from './h264-sps';
import { H265_NAL_PPS, H265_NAL_SPS, H265_NAL_VPS, h265NalType, parseH265Sps, parseH265Vps } from './h265-ps';
import { buildHvcC } from './hvcc';
import type { VideoTrackDescription } from './init-segment';

export type VideoCodec = 'h264' | 'h265';
type SetKind = 'vps' | 'sps' | 'pps';

const H264_KINDS: Record<number, SetKind | 'drop'> = { 7: 'sps', 8: 'pps', 9: 'drop', 12: 'drop' };
const H265_KINDS: Record<number, SetKind | 'drop'> = {
  [H265_NAL_VPS]: 'vps',
  [H265_NAL_SPS]: 'sps',
  [H265_NAL_PPS]: 'pps',
  35: 'drop', // AUD
  38: 'drop', // FD (filler data)
};

export function classifyNal(codec: VideoCodec, nal: Uint8Array): SetKind | 'drop' | 'sample' {
  const kinds = codec === 'h264' ? H264_KINDS : H265_KINDS;
  return kinds[codec === 'h264' ? (nal[0] ?? 0) & 0x1f : h265NalType(nal)] ?? 'sample';
}

export interface ParameterSets {
  codec: VideoCodec;
  vps: Uint8Array[];
  sps: Uint8Array[];
  pps: Uint8Array[];
}

export interface VideoTrack {
  description: VideoTrackDescription;
  codec: string;
}

/**
 * The latest parameter sets of the stream: the sets of one kind that arrive together in an access unit replace that
 * kind (a camera repeats all its SPS/PPS in front of every IDR; one that changes resolution sends new ones).
 */
export class ParameterSetTracker {
  private sets: ParameterSets | null = null;

  get current(): ParameterSets | null {
    return this.sets;
  }

  /**
   * The sets after taking the kinds present in `found`, and whether they differ from the current ones. Nothing is
   * stored until accept(): sets that turn out unreadable must not replace working ones.
   */
  propose(codec: VideoCodec, found: Partial<Record<SetKind, Uint8Array[]>>): { sets: ParameterSets; changed: boolean } {
    const prev: ParameterSets = this.sets?.codec === codec ? this.sets : { codec, vps: [], sps: [], pps: [] };
    // Copied: parameter sets outlive the access unit whose buffers the caller may reuse.
    const take = (k: SetKind): Uint8Array[] => found[k]?.map((n) => Uint8Array.from(n)) ?? prev[k];
    const sets: ParameterSets = { codec, vps: take('vps'), sps: take('sps'), pps: take('pps') };
    const changed = this.sets?.codec !== codec || (['vps', 'sps', 'pps'] as const).some((k) => !sameNals(prev[k], sets[k]));
    return { sets, changed };
  }

  accept(sets: ParameterSets): void {
    this.sets = sets;
  }
}

/** All the kinds the codec needs are there. */
export const isComplete = (s: ParameterSets): boolean => s.sps.length > 0 && s.pps.length > 0 && (s.codec === 'h264' || s.vps.length > 0);

function sameNals(a: readonly Uint8Array[], b: readonly Uint8Array[]): boolean {
  return a.length === b.length && a.every((n, i) => Buffer.compare(n, b[i] ?? new Uint8Array()) === 0);
}

/** Parses the parameter sets: throws Fmp4MuxError('bad-parameter-set') when they are unusable. */
export function describeVideoTrack(sets: ParameterSets): VideoTrack {
  const [sps] = sets.sps;
  if (!sps) throw new RangeError('no SPS');
  // The configuration records count SPS in 5 bits (avcC), PPS in 8, and give every set a 16-bit length.
  const all = [...sets.vps, ...sets.sps, ...sets.pps];
  if (sets.sps.length > 31 || sets.pps.length > 255 || sets.vps.length > 16 || all.some((n) => n.length > 0xffff)) {
    throw new Fmp4MuxError('bad-parameter-set', 'too many or too large parameter sets for a decoder configuration record');
  }
  if (sets.codec === 'h264') {
    const parsed = parseH264Sps(sps);
    return {
      description: { sampleEntry: 'avc1', config: buildAvcC(parsed, sets.sps, sets.pps), width: parsed.width, height: parsed.height },
      codec: avcCodecString(parsed),
    };
  }
  const parsed = parseH265Sps(sps);
  for (const vps of sets.vps) parseH265Vps(vps); // a VPS we cannot read is as fatal for a decoder as a bad SPS
  return {
    description: { sampleEntry: 'hvc1', config: buildHvcC(parsed, sets), width: parsed.width, height: parsed.height },
    codec: hevcCodecString(parsed.ptl),
  };
}
