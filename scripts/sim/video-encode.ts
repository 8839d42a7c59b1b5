/**
 * The encoder half of every clip's ffmpeg command (plain and PTZ pictures alike), so all clips of a camera share GOP,
 * codec and frame structure and a PTZ session can switch between them at a keyframe.
 */
import type { CameraProfile } from './camera-profile';
import { CLIP_FPS } from './clip';

export type VideoCodec = CameraProfile['mainCodec'];

export interface VideoRecipe {
  codec: VideoCodec;
  /** IDR interval in frames. */
  gopFrames: number;
  /** Two B-frames between reference frames (no pyramid, fixed pattern), closed GOPs. */
  bFrames: boolean;
}

/** The video a camera sends on one stream: the sub stream is always H.264 without B-frames, as on Hikvision. */
export function videoRecipe(profile: Pick<CameraProfile, 'gopSec' | 'bFrames' | 'mainCodec'>, stream: 'main' | 'sub'): VideoRecipe {
  const gopFrames = profile.gopSec * CLIP_FPS;
  if (stream === 'sub') return { codec: 'h264', gopFrames, bFrames: false };
  return { codec: profile.mainCodec, gopFrames, bFrames: profile.bFrames };
}

/**
 * Encoder arguments from `-c:v` up to (not including) the output: closed GOPs with an IDR every gopFrames frames and
 * nowhere else, parameter sets repeated before every IDR, AUDs (clip.ts groups access units by them), BT.709 tags.
 */
export function videoEncoderArgs(v: VideoRecipe, kbps: number): string[] {
  const g = v.gopFrames;
  const rate = ['-b:v', `${kbps}k`, '-maxrate', `${Math.round(kbps * 1.2)}k`, '-bufsize', `${kbps}k`];
  const colour = ['-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-color_range', 'tv'];
  if (v.codec === 'h265') {
    const bf = v.bFrames ? 'bframes=2:b-adapt=0:b-pyramid=0' : 'bframes=0';
    return [
      '-c:v', 'libx265', '-preset', 'ultrafast', '-profile:v', 'main', '-pix_fmt', 'yuv420p',
      '-x265-params', `keyint=${g}:min-keyint=${g}:scenecut=0:open-gop=0:repeat-headers=1:aud=1:${bf}:log-level=error`,
      ...rate, ...colour,
    ];
  }
  const bf = v.bFrames ? ['-bf', '2'] : ['-bf', '0'];
  const bfParams = v.bFrames ? ':bframes=2:b-adapt=0:b-pyramid=none' : '';
  return [
    '-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', 'main', '-pix_fmt', 'yuv420p',
    ...bf, '-g', String(g), '-keyint_min', String(g), '-sc_threshold', '0',
    '-x264-params', `aud=1:scenecut=0:repeat-headers=1:keyint=${g}:min-keyint=${g}${bfParams}`,
    ...rate, ...colour,
  ];
}

/** The raw elementary-stream muxer name for ffmpeg's `-f`. */
export const elementaryFormat = (codec: VideoCodec): string => (codec === 'h265' ? 'hevc' : 'h264');

/** Sidecar written next to each clip: ffmpeg's framecrc of the encoded packets (decode order, with pts). */
export const FRAMES_SUFFIX = '.frames';

/**
 * Output arguments: one encode teed into the raw elementary stream and a framecrc listing of its packets, which is
 * where presentation times come from (a raw Annex-B stream has none, and B-frames need them). `outName` is a plain
 * file name in ffmpeg's working directory, so the tee syntax never sees a path with special characters.
 */
export function clipOutputArgs(v: VideoRecipe, outName: string): string[] {
  if (!/^[A-Za-z0-9._-]+$/.test(outName)) throw new Error(`clip output must be a plain file name: ${outName}`);
  return ['-f', 'tee', `[f=${elementaryFormat(v.codec)}]${outName}|[f=framecrc]${outName}${FRAMES_SUFFIX}`];
}

/**
 * Presentation index of each packet, in decode order, from a framecrc listing (`stream, dts, pts, duration, size,
 * crc…` lines). Ranks rather than raw pts so the time base does not matter.
 */
export function presentationOrder(framecrc: string): number[] {
  const pts: number[] = [];
  for (const line of framecrc.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const cols = line.split(',').map((c) => c.trim());
    const v = Number(cols[2]);
    if (cols.length < 5 || !Number.isFinite(v)) throw new Error(`bad framecrc line: ${line.slice(0, 80)}`);
    pts.push(v);
  }
  const sorted = [...pts].sort((a, b) => a - b);
  const rank = new Map(sorted.map((p, i) => [p, i]));
  if (rank.size !== pts.length) throw new Error('duplicate presentation times in clip');
  return pts.map((p) => rank.get(p) ?? 0);
}
