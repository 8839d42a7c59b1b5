/**
 * A loopable clip in memory: access units ready to send (AUDs dropped, SPS/PPS in front of every IDR) with their
 * RTP-interleaved templates, plus the parameter sets for the SDP. Built once per camera/profile, shared by sessions.
 */
import { NAL_TYPE, groupAccessUnits, nalType, splitAnnexB } from './h264-annexb';
import { DEFAULT_MAX_PAYLOAD, H264_CLOCK_RATE, buildInterleavedTemplate, type InterleavedTemplate } from './rtp-h264';

export const SIM_PROFILES = ['main', 'sub'] as const;
export type SimProfile = (typeof SIM_PROFILES)[number];

export interface ProfileSpec {
  width: number;
  height: number;
  /** x264 average bitrate target (kbit/s); solid-colour pictures usually come in under it. */
  bitrateKbps: number;
  titleFontSize: number;
  clockFontSize: number;
  margin: number;
  marker: { width: number; height: number };
}

export const CLIP_FPS = 25;
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
  template: InterleavedTemplate;
}

export interface Clip {
  profile: SimProfile;
  width: number;
  height: number;
  fps: number;
  sps: Buffer;
  pps: Buffer;
  accessUnits: ClipAccessUnit[];
  /** Clip length in 90 kHz ticks (frames × 3600). */
  durationTicks: number;
  /** Approximate bytes held in memory for this clip (encoded data + RTP templates). */
  bytes: number;
}

export class ClipFormatError extends Error {}

/** Parse an encoded Annex-B clip and check it has the shape the pacer relies on. */
export function clipFromAnnexB(
  data: Buffer,
  meta: { profile: SimProfile; width: number; height: number; fps: number; gop?: number; maxPayload?: number },
): Clip {
  const units = groupAccessUnits(splitAnnexB(data));
  let sps: Buffer | undefined;
  let pps: Buffer | undefined;
  for (const u of units) {
    for (const n of u.nals) {
      if (!sps && nalType(n) === NAL_TYPE.SPS) sps = Buffer.from(n);
      if (!pps && nalType(n) === NAL_TYPE.PPS) pps = Buffer.from(n);
    }
  }
  if (!sps || !pps) throw new ClipFormatError('clip has no SPS/PPS');
  if (units.length === 0 || !units[0]?.keyframe) throw new ClipFormatError('clip does not start with an IDR picture');
  if (meta.gop !== undefined) {
    units.forEach((u, i) => {
      if (u.keyframe !== (i % (meta.gop ?? 1) === 0)) throw new ClipFormatError(`unexpected keyframe layout at frame ${i}`);
    });
  }
  const paramSets = [sps, pps];
  let bytes = data.length;
  const accessUnits = units.map((u): ClipAccessUnit => {
    const body = u.nals.filter((n) => {
      const t = nalType(n);
      return t !== NAL_TYPE.AUD && !(u.keyframe && (t === NAL_TYPE.SPS || t === NAL_TYPE.PPS));
    });
    const nals = u.keyframe ? [...paramSets, ...body] : body;
    const template = buildInterleavedTemplate(nals, meta.maxPayload ?? DEFAULT_MAX_PAYLOAD);
    bytes += template.bytes.length;
    return { nals, keyframe: u.keyframe, template };
  });
  return {
    profile: meta.profile,
    width: meta.width,
    height: meta.height,
    fps: meta.fps,
    sps,
    pps,
    accessUnits,
    durationTicks: accessUnits.length * (H264_CLOCK_RATE / meta.fps),
    bytes,
  };
}
