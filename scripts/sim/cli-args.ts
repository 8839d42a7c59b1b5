/** Command-line parsing for `npm run sim`, kept apart from main.ts so it can be unit-tested. */
import { z } from 'zod';
import { PROFILE_MIXES, parseProfileAssignments, type CameraProfile, type ProfileMix } from './camera-profile';
import { DEFAULT_CONTROL_PORT, DEFAULT_ONVIF_PORT, DEFAULT_RTSP_PORT, MAX_FLEET_CAMERAS, type AddressMode } from './fleet';

export interface CliOptions {
  cameras: number;
  port: number;
  /** undefined = the fleet default (8600, moved past shared-mode camera ports if needed). */
  controlPort: number | undefined;
  addressMode: AddressMode;
  /** false, true (every camera) or a list of camera indices. */
  prewarm: boolean | number[];
  cacheDir: string | undefined;
  /** ONVIF devices on: their HTTP port (0 = ephemeral); undefined = off. */
  onvif: { port: number } | undefined;
  /** Camera profiles: the mix (default realistic on the CLI) and overrides by 1-based camera index. */
  mix: ProfileMix;
  profiles: Record<number, Partial<CameraProfile>>;
}

export type CliParse = { kind: 'run'; options: CliOptions } | { kind: 'help' } | { kind: 'error'; message: string };

export const USAGE = `Usage: npm run sim -- [options]

Simulated RTSP camera fleet (H.264/H.265 clips and audio looped from a disk cache; RTP over RTSP/TCP or UDP).

Options:
  --cameras N                 number of cameras, 1..${MAX_FLEET_CAMERAS} (default 8)
  --port P                    RTSP port (default ${DEFAULT_RTSP_PORT}); shared mode: camera i on P+i
  --control-port P            control API port on 127.0.0.1 (default ${DEFAULT_CONTROL_PORT}; 0 = ephemeral)
  --address-mode MODE         per-camera (127.1.X.Y, default) or shared (127.0.0.1, one port per camera)
  --prewarm[=LIST]            encode clips ahead: all cameras, or e.g. --prewarm=1-16,20
  --cache-dir DIR             clip cache (default $SIM_CACHE_DIR or \${XDG_CACHE_HOME:-~/.cache}/county-video-sim)
  --onvif[=PORT]              also be ONVIF devices: WS-Discovery on UDP 3702 of each camera address, SOAP on
                              PORT (default ${DEFAULT_ONVIF_PORT}; 0 = ephemeral); per-camera address mode only
  --mix MIX                   camera profiles: realistic (default: mostly 2 s GOP, some 4 s, ~30% H.265 main,
                              ~half G.711 audio, a few AAC and UDP-only) or uniform (GOP 1 s H.264, no audio, TCP)
  --profile LIST:K=V,K=V      override profile fields of cameras in LIST (repeatable), e.g.
                              --profile 1-4:gopSec=4,mainCodec=h265 --profile 5:transport=udp-only
                              fields: gopSec 1|2|4, bFrames true|false, mainCodec h264|h265,
                              audio none|pcma|pcmu|aac, transport tcp-only|udp-only|tcp-and-udp,
                              behaviour normal|silent|ts-jump
  -h, --help                  show this help
`;

const port = (min: number) => z.coerce.number().int().min(min).max(65535);
const schema = z
  .object({
    cameras: z.coerce.number().int().min(1).max(MAX_FLEET_CAMERAS).default(8),
    port: port(0).default(DEFAULT_RTSP_PORT),
    'control-port': port(0).optional(),
    'address-mode': z.enum(['per-camera', 'shared']).default('per-camera'),
    'cache-dir': z.string().min(1).optional(),
    mix: z.enum(PROFILE_MIXES).default('realistic'),
  })
  .strict();

/** `1-16,20` → [1..16, 20], sorted and de-duplicated. */
export function parseIndexList(spec: string, max: number): number[] {
  const out = new Set<number>();
  for (const part of spec.split(',')) {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    if (!m) throw new Error(`bad camera list item "${part}"`);
    const a = Number(m[1]);
    const b = m[2] !== undefined ? Number(m[2]) : a;
    if (a < 1 || b < a || b > max) throw new Error(`camera range "${part.trim()}" outside 1..${max}`);
    for (let i = a; i <= b; i++) out.add(i);
  }
  return [...out].sort((x, y) => x - y);
}

const VALUE_OPTIONS = new Set(['cameras', 'port', 'control-port', 'address-mode', 'cache-dir', 'mix', 'profile']);

/** `--profile` values: `1-4,7:gopSec=4,mainCodec=h265` → overrides per camera (later flags win field by field). */
export function parseProfileFlags(specs: readonly string[], cameras: number): Record<number, Partial<CameraProfile>> {
  const out: Record<number, Partial<CameraProfile>> = {};
  for (const spec of specs) {
    const colon = spec.indexOf(':');
    if (colon < 0) throw new Error(`expected INDEXLIST:key=value, got "${spec}"`);
    const indices = parseIndexList(spec.slice(0, colon), cameras);
    const fields = parseProfileAssignments(spec.slice(colon + 1));
    for (const i of indices) out[i] = { ...out[i], ...fields };
  }
  return out;
}

export function parseCliArgs(argv: readonly string[]): CliParse {
  const raw: Record<string, string> = {};
  let prewarm: string | true | undefined;
  let onvif: string | true | undefined;
  const profileSpecs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '-h' || arg === '--help') return { kind: 'help' };
    const m = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg);
    if (!m?.[1]) return { kind: 'error', message: `unexpected argument "${arg}"` };
    const name = m[1];
    if (name === 'prewarm') {
      prewarm = m[2] ?? true;
      continue;
    }
    if (name === 'onvif') {
      onvif = m[2] ?? true;
      continue;
    }
    if (!VALUE_OPTIONS.has(name)) return { kind: 'error', message: `unknown option --${name}` };
    let value = m[2];
    if (value === undefined) {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) return { kind: 'error', message: `--${name} needs a value` };
      i++;
    }
    if (name === 'profile') {
      profileSpecs.push(value);
      continue;
    }
    if (name in raw) return { kind: 'error', message: `--${name} given twice` };
    raw[name] = value;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { kind: 'error', message: `--${String(issue?.path[0] ?? '?')}: ${issue?.message ?? 'invalid'}` };
  }
  const o = parsed.data;
  let prewarmOpt: boolean | number[] = false;
  if (prewarm === true) prewarmOpt = true;
  else if (prewarm !== undefined) {
    try {
      prewarmOpt = parseIndexList(prewarm, o.cameras);
    } catch (err) {
      return { kind: 'error', message: `--prewarm: ${(err as Error).message}` };
    }
  }
  let onvifOpt: { port: number } | undefined;
  if (onvif !== undefined) {
    const p = onvif === true ? DEFAULT_ONVIF_PORT : /^\d{1,5}$/.test(onvif) ? Number(onvif) : NaN;
    if (!(p >= 0 && p <= 65535)) return { kind: 'error', message: '--onvif: PORT must be 0..65535' };
    if (o['address-mode'] === 'shared') return { kind: 'error', message: '--onvif: needs --address-mode per-camera' };
    onvifOpt = { port: p };
  }
  let profiles: Record<number, Partial<CameraProfile>>;
  try {
    profiles = parseProfileFlags(profileSpecs, o.cameras);
  } catch (err) {
    return { kind: 'error', message: `--profile: ${(err as Error).message}` };
  }
  if (o['address-mode'] === 'shared' && o.port !== 0 && o.port + o.cameras > 65535) {
    return { kind: 'error', message: `--port: shared mode needs ports up to ${o.port + o.cameras}` };
  }
  return {
    kind: 'run',
    options: {
      cameras: o.cameras,
      port: o.port,
      controlPort: o['control-port'],
      addressMode: o['address-mode'],
      prewarm: prewarmOpt,
      cacheDir: o['cache-dir'],
      onvif: onvifOpt,
      mix: o.mix,
      profiles,
    },
  };
}
