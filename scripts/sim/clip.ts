/**
 * A loopable clip in memory: access units in decode order ready to send (AUDs dropped, parameter sets in front of
 * every IDR) with their RTP-interleaved templates and presentation offsets, plus the parameter sets for the SDP. Built
 * once per camera/stream, shared by sessions.
 */
import { NAL_TYPE, groupAccessUnits, nalType, splitAnnexB } from './h264-annexb';
import { H265_NAL, h265IsIrap, h265IsParamSet, h265IsVcl, h265NalType } from './h265-nal';
import { DEFAULT_MAX_PAYLOAD, H264_CLOCK_RATE, RTP_PAYLOAD_TYPE, buildInterleavedTemplate, payloadsForNal, type InterleavedTemplate } from './rtp-h264';
import { payloadsForH265Nal } from './rtp-h265';

export const SIM_PROFILES = ['main', 'sub'] as const;
export type SimProfile = (typeof SIM_PROFILES)[number];

export interface ProfileSpec {
  width: number;
  height: number;
  /** Encoder average bitrate target (kbit/s); solid-colour pictures usually come in under it. */
  bitrateKbps: number;
  titleFontSize: number;
  clockFontSize: number;
  margin: number;
  marker: { width: number; height: number };
}

export const CLIP_FPS = 25;
/** The uniform profile's GOP (1 s); other profiles use gopSec × CLIP_FPS. */
export const CLIP_GOP = 25;
export const CLIP_SECONDS = 4;
export const CLIP_FRAMES = CLIP_FPS * CLIP_SECONDS;
export const FRAME_TICKS = H264_CLOCK_RATE / CLIP_FPS; // 3600

export const PROFILE_SPECS: Record<SimProfile, ProfileSpec> = {
  main: { width: 1280, height: 720, bitrateKbps: 1000, titleFontSize: 36, clockFontSize: 30, margin: 20, marker: { width: 40, height: 24 } },
  sub: { width: 640, height: 360, bitrateKbps: 300, titleFontSize: 20, clockFontSize: 18, margin: 12, marker: { width: 24, height: 16 } },
};

export interface ClipAccessUnit {
  nals: Buffer[];
  keyframe: boolean;
  /** Presentation index minus decode index (B-frames: negative for a B, positive for the anchor sent ahead of it). */
  ptsOffset: number;
  template: InterleavedTemplate;
}

export interface Clip {
  profile: SimProfile;
  codec: 'h264' | 'h265';
  width: number;
  height: number;
  fps: number;
  /** IDR interval in frames. */
  gop: number;
  /** H.265 only. */
  vps?: Buffer;
  sps: Buffer;
  pps: Buffer;
  accessUnits: ClipAccessUnit[];
  /** Clip length in 90 kHz ticks (frames × 3600). */
  durationTicks: number;
  /** Approximate bytes held in memory for this clip (encoded data + RTP templates). */
  bytes: number;
}

export class ClipFormatError extends Error {}

export interface ClipMeta {
  profile: SimProfile;
  width: number;
  height: number;
  fps: number;
  gop?: number;
  maxPayload?: number;
  codec?: 'h264' | 'h265';
  /** Presentation index of each access unit in decode order (video-encode.ts presentationOrder); default: identity. */
  presentationOrder?: readonly number[];
}

interface CodecNals {
  type(nal: Uint8Array): number;
  paramSetTypes: readonly number[];
  isParamSet(type: number): boolean;
  isAud(type: number): boolean;
  payloadsFor(nal: Uint8Array, maxPayload: number): Buffer[];
  group(nals: Buffer[]): Array<{ nals: Buffer[]; keyframe: boolean }>;
}

/** H.265 access units from a stream with AUDs (x265 `aud=1`): each AUD starts one; IRAP slices mark keyframes. */
function groupH265(nals: Buffer[]): Array<{ nals: Buffer[]; keyframe: boolean }> {
  const units: Array<{ nals: Buffer[]; keyframe: boolean }> = [];
  let current: { nals: Buffer[]; keyframe: boolean } | null = null;
  for (const nal of nals) {
    const t = h265NalType(nal);
    if (t === H265_NAL.AUD || !current) {
      current = { nals: [], keyframe: false };
      units.push(current);
    }
    current.nals.push(nal);
    if (h265IsIrap(t)) current.keyframe = true;
  }
  return units.filter((u) => u.nals.some((n) => h265IsVcl(h265NalType(n))));
}

const CODECS: Record<'h264' | 'h265', CodecNals> = {
  h264: {
    type: nalType,
    paramSetTypes: [NAL_TYPE.SPS, NAL_TYPE.PPS],
    isParamSet: (t) => t === NAL_TYPE.SPS || t === NAL_TYPE.PPS,
    isAud: (t) => t === NAL_TYPE.AUD,
    payloadsFor: payloadsForNal,
    group: groupAccessUnits,
  },
  h265: {
    type: h265NalType,
    paramSetTypes: [H265_NAL.VPS, H265_NAL.SPS, H265_NAL.PPS],
    isParamSet: h265IsParamSet,
    isAud: (t) => t === H265_NAL.AUD,
    payloadsFor: payloadsForH265Nal,
    group: groupH265,
  },
};

/** Parse an encoded Annex-B clip and check it has the shape the pacer relies on. */
export function clipFromAnnexB(data: Buffer, meta: ClipMeta): Clip {
  const codec = meta.codec ?? 'h264';
  const c = CODECS[codec];
  const units = c.group(splitAnnexB(data));
  const params = new Map<number, Buffer>();
  for (const u of units) for (const n of u.nals) if (c.isParamSet(c.type(n)) && !params.has(c.type(n))) params.set(c.type(n), Buffer.from(n));
  const paramSets = c.paramSetTypes.map((t) => params.get(t));
  if (paramSets.some((p) => !p)) throw new ClipFormatError(`clip has no ${codec === 'h265' ? 'VPS/SPS/PPS' : 'SPS/PPS'}`);
  if (units.length === 0 || !units[0]?.keyframe) throw new ClipFormatError('clip does not start with an IDR picture');
  if (meta.gop !== undefined) {
    units.forEach((u, i) => {
      if (u.keyframe !== (i % (meta.gop ?? 1) === 0)) throw new ClipFormatError(`unexpected keyframe layout at frame ${i}`);
    });
  }
  const order = meta.presentationOrder;
  if (order && order.length !== units.length) throw new ClipFormatError(`frame listing has ${order.length} entries for ${units.length} access units`);
  let bytes = data.length;
  const accessUnits = units.map((u, i): ClipAccessUnit => {
    const body = u.nals.filter((n) => {
      const t = c.type(n);
      return !c.isAud(t) && !(u.keyframe && c.isParamSet(t));
    });
    // Parameter sets in-band before every IRAP, as cameras send them (RFC 6184 / RFC 7798 both allow it).
    const nals = u.keyframe ? [...(paramSets as Buffer[]), ...body] : body;
    const template = buildInterleavedTemplate(nals, meta.maxPayload ?? DEFAULT_MAX_PAYLOAD, RTP_PAYLOAD_TYPE, c.payloadsFor);
    bytes += template.bytes.length;
    return { nals, keyframe: u.keyframe, ptsOffset: (order?.[i] ?? i) - i, template };
  });
  const [first, second, third] = paramSets as Buffer[];
  return {
    profile: meta.profile,
    codec,
    width: meta.width,
    height: meta.height,
    fps: meta.fps,
    gop: meta.gop ?? accessUnits.length,
    ...(codec === 'h265' ? { vps: first, sps: second!, pps: third! } : { sps: first!, pps: second! }),
    accessUnits,
    durationTicks: accessUnits.length * (H264_CLOCK_RATE / meta.fps),
    bytes,
  };
}
