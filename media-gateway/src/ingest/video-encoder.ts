/**
 * Which H.264 encoder a transcode uses, and its exact arguments. Pure: the probe's facts come in (what
 * `ffmpeg -hide_banner -encoders` printed, which device nodes exist), the choice and the argument array go out.
 *
 * Why device presence as well as the encoder list: Debian's ffmpeg is built with h264_vaapi, h264_qsv and
 * h264_nvenc whatever the machine has, so the list alone says nothing about a GPU.
 */
export type H264Encoder = 'libx264' | 'h264_vaapi' | 'h264_qsv' | 'h264_nvenc';

export const H264_ENCODERS: readonly H264Encoder[] = ['libx264', 'h264_vaapi', 'h264_qsv', 'h264_nvenc'];

/** `streams.transcodeEncoder`: `auto` takes the first usable hardware encoder, else libx264. */
export type EncoderPreference = 'auto' | H264Encoder;

export const VAAPI_DEVICE = '/dev/dri/renderD128';
export const NVIDIA_DEVICE = '/dev/nvidia0';

export interface EncoderProbeFacts {
  /** stdout of `ffmpeg -hide_banner -encoders`; empty when the probe failed. */
  encodersText: string;
  /** Device nodes that exist (VAAPI_DEVICE, NVIDIA_DEVICE). */
  devices: ReadonlySet<string>;
}

export interface EncoderChoice {
  encoder: H264Encoder;
  /** Why, for the start-up log line. */
  why: string;
}

/** Encoder names listed by ffmpeg (` V....D h264_vaapi   H.264/AVC (VAAPI) ...`). */
export function listedEncoders(encodersText: string): Set<string> {
  const names = new Set<string>();
  for (const line of encodersText.split('\n')) {
    const m = /^\s*V[A-Z.]{5}\s+([a-z0-9_]+)\s/.exec(line);
    if (m?.[1]) names.add(m[1]);
  }
  return names;
}

/** What each hardware encoder needs besides being listed. QSV runs on Intel's render node, like VAAPI. */
const HARDWARE: readonly { encoder: Exclude<H264Encoder, 'libx264'>; device: string }[] = [
  { encoder: 'h264_nvenc', device: NVIDIA_DEVICE },
  { encoder: 'h264_qsv', device: VAAPI_DEVICE },
  { encoder: 'h264_vaapi', device: VAAPI_DEVICE },
];

function usable(encoder: H264Encoder, listed: Set<string>, devices: ReadonlySet<string>): string | null {
  if (!listed.has(encoder)) return `${encoder} not in ffmpeg -encoders`;
  const hw = HARDWARE.find((h) => h.encoder === encoder);
  if (hw && !devices.has(hw.device)) return `${encoder} listed but ${hw.device} absent`;
  return null;
}

export function chooseEncoder(facts: EncoderProbeFacts, preference: EncoderPreference = 'auto'): EncoderChoice {
  const listed = listedEncoders(facts.encodersText);
  if (preference !== 'auto') {
    const missing = usable(preference, listed, facts.devices);
    if (!missing) return { encoder: preference, why: 'configured' };
    if (preference !== 'libx264') return { encoder: 'libx264', why: `configured ${preference} unusable (${missing}); software fallback` };
  }
  const skipped: string[] = [];
  for (const { encoder } of HARDWARE) {
    const missing = usable(encoder, listed, facts.devices);
    if (!missing) return { encoder, why: 'hardware encoder listed and its device present' };
    skipped.push(missing);
  }
  return { encoder: 'libx264', why: `no usable hardware encoder (${skipped.join('; ')})` };
}

/** Output size and rate limits of one transcode. */
export interface TranscodeCaps {
  maxWidth: number;
  maxHeight: number;
  /** Peak bitrate (`-maxrate`), kbit/s; the VBV buffer is one second of it. */
  maxrateKbps: number;
}

/** Grid tiles watch the sub profile, large tiles the main one: transcodes never exceed what the tile shows. */
export const TRANSCODE_CAPS = {
  sub: { maxWidth: 640, maxHeight: 360, maxrateKbps: 600 },
  main: { maxWidth: 1280, maxHeight: 720, maxrateKbps: 1500 },
} as const satisfies Record<'main' | 'sub', TranscodeCaps>;

/** Floor of an input-derived cap: below this H.264 falls apart at any of the cap sizes. */
export const MIN_MAXRATE_KBPS = 200;

/**
 * The caps of a transcode whose input rate is known (the same camera's passthrough pipeline measures it): at most
 * 90 % of the input, so the H.264 output is never bigger than the H.265 it came from.
 */
export function capsForInput(caps: TranscodeCaps, inputBps: number | null): TranscodeCaps {
  if (inputBps === null || !Number.isFinite(inputBps) || inputBps <= 0) return caps;
  const fromInput = Math.max(MIN_MAXRATE_KBPS, Math.floor((inputBps * 0.9) / 1000));
  return fromInput < caps.maxrateKbps ? { ...caps, maxrateKbps: fromInput } : caps;
}

/** Keyframe each second: segments (target 1 s) can only start at one, and a new viewer waits for one. */
const KEYFRAMES = ['-force_key_frames', 'expr:gte(t,n_forced*1)'];

/**
 * Fit inside the box keeping the aspect ratio, never upscaling, even dimensions (4:2:0). `min(iw,W)` stops the
 * upscale; force_divisible_by keeps the encoders happy.
 */
function scaleFilter(c: TranscodeCaps): string {
  return `scale=w='min(iw,${c.maxWidth})':h='min(ih,${c.maxHeight})':force_original_aspect_ratio=decrease:force_divisible_by=2`;
}

/** The `-c:v …` half of a transcode: filter, encoder, rate control, keyframes. */
export function transcodeVideoArgs(encoder: H264Encoder, caps: TranscodeCaps): string[] {
  const rate = ['-maxrate', `${caps.maxrateKbps}k`, '-bufsize', `${caps.maxrateKbps}k`];
  const scale = scaleFilter(caps);
  switch (encoder) {
    case 'libx264':
      // Capped CRF: quality-driven below the cap, never above it (uncapped veryfast turned 3.1 Mbit/s H.265 into 12.4).
      return ['-vf', `${scale},format=yuv420p`, '-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency', '-profile:v', 'high', '-crf', '26', ...rate, ...KEYFRAMES];
    case 'h264_vaapi':
      // Scale in software (force_original_aspect_ratio is not in scale_vaapi of ffmpeg 5.1), then upload.
      return ['-vaapi_device', VAAPI_DEVICE, '-vf', `${scale},format=nv12,hwupload`, '-c:v', 'h264_vaapi', '-profile:v', 'high', '-rc_mode', 'VBR', '-b:v', `${Math.round(caps.maxrateKbps * 0.8)}k`, ...rate, ...KEYFRAMES];
    case 'h264_qsv':
      return ['-vf', `${scale},format=nv12`, '-c:v', 'h264_qsv', '-preset', 'veryfast', '-profile:v', 'high', '-b:v', `${Math.round(caps.maxrateKbps * 0.8)}k`, ...rate, ...KEYFRAMES];
    case 'h264_nvenc':
      return ['-vf', `${scale},format=yuv420p`, '-c:v', 'h264_nvenc', '-preset', 'p4', '-tune', 'll', '-profile:v', 'high', '-rc', 'vbr', '-b:v', `${Math.round(caps.maxrateKbps * 0.8)}k`, ...rate, '-forced-idr', '1', ...KEYFRAMES];
  }
}
