/**
 * What kind of camera a simulated camera is: GOP, B-frames, main-stream codec, audio, RTSP transports and misbehaviour.
 * Pure: the fleet, the CLI and tests derive every camera's profile from its index, the mix and explicit overrides.
 */
import { z } from 'zod';

export interface CameraProfile {
  gopSec: 1 | 2 | 4; // IDR interval
  bFrames: boolean; // main stream encoded with B-frames (2), composition offsets in RTP timestamps
  mainCodec: 'h264' | 'h265'; // the sub stream (/Streaming/Channels/102) is always H.264
  audio: 'none' | 'pcma' | 'pcmu' | 'aac'; // G.711 A-law/µ-law 8 kHz mono (RTP PT 8/0, RFC 3551), AAC-LC (mpeg4-generic, RFC 3640 AAC-hbr)
  transport: 'tcp-only' | 'udp-only' | 'tcp-and-udp'; // udp-only answers 461 Unsupported Transport to TCP SETUP
  behaviour: 'normal' | 'silent' | 'ts-jump'; // silent: accepts the TCP connection and never answers a byte; ts-jump: RTP timestamps jump forward once per loop
}

export const PROFILE_MIXES = ['uniform', 'realistic'] as const;
export type ProfileMix = (typeof PROFILE_MIXES)[number];

/** The simulator before profiles existed: what every existing test expects. */
export const UNIFORM_PROFILE: Readonly<CameraProfile> = Object.freeze({
  gopSec: 1,
  bFrames: false,
  mainCodec: 'h264',
  audio: 'none',
  transport: 'tcp-only',
  behaviour: 'normal',
});

export const cameraProfileSchema = z
  .object({
    gopSec: z.union([z.literal(1), z.literal(2), z.literal(4)], { error: 'must be 1, 2 or 4 (seconds)' }),
    bFrames: z.boolean(),
    mainCodec: z.enum(['h264', 'h265']),
    audio: z.enum(['none', 'pcma', 'pcmu', 'aac']),
    transport: z.enum(['tcp-only', 'udp-only', 'tcp-and-udp']),
    behaviour: z.enum(['normal', 'silent', 'ts-jump']),
  })
  .strict();

export const partialProfileSchema = cameraProfileSchema.partial();

/**
 * The profile of camera `index` (1-based) in a mix. `realistic` is deterministic by index and reads like a village
 * installation: mostly 2 s GOPs (every 5th camera 4 s, 1 in 10 at 1 s), ~30 % H.265 main streams, ~22 % with
 * B-frames on the main stream, ~half with G.711 (mostly A-law), ~5 % AAC, ~4 % UDP-only, the rest TCP and UDP. Each
 * trait cycles with its own modulus (5/10, 9, 21, 23: coprime with each other where it matters) so traits combine
 * (H.265 cameras with audio, UDP-only cameras with B-frames, …) and the first 25 cameras already hold every kind.
 * Nothing is silent or jumps: those are faults a test asks for explicitly.
 */
export function profileFor(index: number, mix: ProfileMix): CameraProfile {
  if (mix === 'uniform') return { ...UNIFORM_PROFILE };
  const r10 = index % 10;
  const r21 = index % 21;
  const gopSec = index % 5 === 0 ? 4 : r10 === 7 ? 1 : 2;
  const mainCodec = r10 === 2 || r10 === 5 || r10 === 8 ? 'h265' : 'h264';
  const bFrames = index % 9 === 3 || index % 9 === 7;
  const audio = [1, 3, 5, 8, 11, 13, 16, 19].includes(r21) ? 'pcma' : r21 === 6 || r21 === 15 ? 'pcmu' : r21 === 10 ? 'aac' : 'none';
  const transport = index % 23 === 12 ? 'udp-only' : 'tcp-and-udp';
  return { gopSec, bFrames, mainCodec, audio, transport, behaviour: 'normal' };
}

/** Mix default, then explicit overrides; throws (naming the field) when an override is invalid. */
export function resolveProfile(index: number, mix: ProfileMix, override?: Partial<CameraProfile>): CameraProfile {
  const merged = { ...profileFor(index, mix), ...(override ?? {}) };
  const parsed = cameraProfileSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RangeError(`camera ${index} profile: ${String(issue?.path.join('.') ?? '?')}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** Short stable text of the parts that change the encoded video, for cache keys and clip labels. */
export function videoProfileKey(p: Pick<CameraProfile, 'gopSec' | 'bFrames' | 'mainCodec'>, stream: 'main' | 'sub'): string {
  if (stream === 'sub') return `g${p.gopSec}-h264`;
  return `g${p.gopSec}-${p.mainCodec}${p.bFrames ? '-b2' : ''}`;
}

const PROFILE_KEYS = Object.keys(cameraProfileSchema.shape) as Array<keyof CameraProfile>;

/** `gopSec=4,mainCodec=h265` → a validated partial profile; errors name the field. */
export function parseProfileAssignments(spec: string): Partial<CameraProfile> {
  const raw: Record<string, unknown> = {};
  for (const part of spec.split(',')) {
    const m = /^\s*([A-Za-z]+)\s*=\s*([A-Za-z0-9-]+)\s*$/.exec(part);
    if (!m?.[1] || m[2] === undefined) throw new Error(`expected key=value, got "${part.trim()}"`);
    const key = m[1] as keyof CameraProfile;
    if (!PROFILE_KEYS.includes(key)) throw new Error(`unknown field "${key}" (fields: ${PROFILE_KEYS.join(', ')})`);
    if (key in raw) throw new Error(`${key}: given twice`);
    const v = m[2];
    raw[key] = key === 'gopSec' ? (/^\d+$/.test(v) ? Number(v) : v) : key === 'bFrames' ? (v === 'true' ? true : v === 'false' ? false : v) : v;
  }
  const parsed = partialProfileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${String(issue?.path.join('.') ?? '?')}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}
