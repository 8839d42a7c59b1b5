/**
 * Pure builder for the ingest command line, table-tested as exact arrays. ffmpeg is always spawned with an
 * argument array (never a shell); the input URL has been validated (rtsp/rtsps only, no leading '-', no
 * whitespace) before it gets here, and the protocol whitelist stops a hostile SDP from pulling in file:/concat:.
 * The URL itself, with its credentials, and the options of its demuxer go to ffmpeg's stdin (secret-input.ts).
 *
 * The one other input is the gateway's own RTMP server (RTMP push cameras, see rtmp/): an rtmp:// URL on loopback
 * with an internal play token, read with its own whitelist (rtmp,tcp) and `rw_timeout` (for rtmp, `timeout`
 * would turn ffmpeg into a listening server; `user_agent` does not exist there).
 */
import type { WireTransport } from '../../../contracts/src/camera';
import { orphanTagEnv } from './orphan-sweeper';
import { secretInput, type SecretInput } from './secret-input';

export interface IngestArgsInput {
  /** rtsp:// or rtsps:// URL with credentials already inserted, or the internal rtmp://127.0.0.1:<port>/live/<id>?key=… pull. */
  inputUrl: string;
  /** Socket I/O timeout: an unreachable or silent camera makes ffmpeg exit instead of hanging. */
  ioTimeoutSec: number;
  /** H.265 does not play in Chromium's MSE: transcode to H.264 for such viewers; otherwise (and for HEVC-capable ones) copy. */
  videoMode: 'copy' | 'transcode-h264';
  /** Copying H.265: tag the sample entry hvc1 (parameter sets in hvcC), which Safari and Chromium-with-HEVC require. */
  copyHevc?: boolean;
  /** Encoder and caps of a transcode (default: libx264 within the main-profile caps). */
  transcode?: { encoder: H264Encoder; caps: TranscodeCaps };
  /** What to do with the camera's first audio track (if it has one); default `transcode-aac`. See audioArgs(). */
  audioMode?: AudioMode;
  /** Fragment length for LL-HLS parts. */
  fragmentMs: number;
  /** Tags our children so orphans from a crashed gateway (same data dir) can be found at start. */
  userAgent: string;
  /** RTSP lower transport for this run (default tcp); ignored for the internal rtmp pull. */
  transport?: WireTransport;
}

import { type H264Encoder, TRANSCODE_CAPS, type TranscodeCaps, transcodeVideoArgs } from './video-encoder';
/**
 * `copy`: the camera sends AAC, which browsers decode: passed through untouched. `transcode-aac`: anything else
 * (G.711 A-law/µ-law at 8 kHz from most cameras) becomes AAC-LC. `none`: no audio track (its decoding failed).
 */
export type AudioMode = 'copy' | 'transcode-aac' | 'none';

/**
 * AAC-LC mono at 32 kbit/s (libavcodec's native encoder): G.711 carries 8 kHz speech, more bits buy nothing.
 * The encoder's first packet is 1024 samples of priming with a negative timestamp; in an fMP4 written before any
 * packet (empty_moov) ffmpeg can only keep it by stretching the first video frame (128 ms at 8 kHz: a 1 s GOP
 * then makes a 1.128 s first segment and TARGETDURATION 2), so the priming packet is dropped instead: audio then
 * starts at 0 like the video and the video timeline stays exactly as without audio.
 */
const AAC_ARGS = ['-c:a', 'aac', '-ac', '1', '-b:a', '32k', '-bsf:a', 'noise=drop=eq(n\\,0)'];

/**
 * Audio is optional (`0:a:0?`): a camera without audio, or with audio disabled, still plays video. Video is mapped
 * first, so in the fMP4 the audio is always the second track (output stream 0:1, see audio-failure.ts).
 */
export function audioArgs(mode: AudioMode): string[] {
  if (mode === 'none') return ['-an'];
  return ['-map', '0:a:0?', ...(mode === 'copy' ? ['-c:a', 'copy'] : AAC_ARGS)];
}

export const RTSP_PROTOCOL_WHITELIST = 'rtsp,rtsps,tcp,tls';
/** RTP over UDP: ffmpeg's RTSP demuxer opens an rtp:// (on udp://) input per track, under the same whitelist. */
export const RTSP_UDP_PROTOCOL_WHITELIST = `${RTSP_PROTOCOL_WHITELIST},rtp,udp`;
export const RTMP_PROTOCOL_WHITELIST = 'rtmp,tcp';

/** Only the gateway's own RTMP server on loopback, one camera stream, one token: nothing else is an rtmp input. */
const INTERNAL_RTMP_URL = /^rtmp:\/\/(127\.0\.0\.1|\[::1\]):\d{1,5}\/live\/[A-Za-z0-9_-]{1,64}\?key=[A-Za-z0-9_-]{16,128}$/;

/**
 * RTSP probing kept minimal: the SDP already tells every stream's codec and parameters (sprop-parameter-sets,
 * rtpmap/fmtp for G.711 and AAC), so ffmpeg's defaults (2 s / 1 MB, plus ~20 frames for a frame-rate guess that
 * `-c copy` into fMP4 never uses) only delay the first fragment, by ≈ 1 s measured. 0.5 s / 32 KiB still
 * finds the audio parameters (checked with G.711 A-law and AAC cameras), and reads at least one whole frame.
 */
export const RTSP_PROBE_ARGS = ['-analyzeduration', '500000', '-probesize', '32768', '-fpsprobesize', '0'];
/** The internal RTMP pull keeps ffmpeg's defaults: FLV announces audio only when its first tag arrives. */
const RTMP_PROBE_ARGS = ['-analyzeduration', '2000000', '-probesize', '1000000'];

/**
 * The input half of the command line and the script for stdin (secret-input.ts: the URL never is an argument):
 * the protocol's own transport, timeout and whitelist, then `-i pipe:0`. One RTSP transport per run, never ffmpeg's
 * own list: given several it tries UDP first (bit order), and we want TCP first (NAT-friendly, lossless) with a
 * remembered fallback (streams/transport-choice.ts).
 */
export function buildInputArgs(inputUrl: string, ioTimeoutSec: number, userAgent: string, transport: WireTransport = 'tcp'): SecretInput {
  const timeoutUs = String(Math.round(ioTimeoutSec * 1_000_000));
  if (/^rtsps?:\/\//.test(inputUrl)) {
    const whitelist = transport === 'udp' ? RTSP_UDP_PROTOCOL_WHITELIST : RTSP_PROTOCOL_WHITELIST;
    return secretInput(inputUrl, [['user_agent', userAgent], ['rtsp_transport', transport], ['timeout', timeoutUs], ...pairs(RTSP_PROBE_ARGS)], whitelist, RTSP_PROBE_ARGS);
  }
  if (INTERNAL_RTMP_URL.test(inputUrl)) {
    // No user_agent: ffmpeg's rtmp input has no such option and refuses to start with it. The play token in the
    // URL is a credential too, so it takes the same way in.
    return secretInput(inputUrl, [['rw_timeout', timeoutUs], ...pairs(RTMP_PROBE_ARGS)], RTMP_PROTOCOL_WHITELIST, RTMP_PROBE_ARGS);
  }
  throw new Error('ingest input must be an rtsp:// or rtsps:// URL (or the internal rtmp://127.0.0.1 pull)');
}

/** `['-a', '1', '-b', '2']` → `[['a', '1'], ['b', '2']]`. */
function pairs(args: readonly string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i + 1 < args.length; i += 2) out.push([args[i]!.slice(1), args[i + 1]!]);
  return out;
}

/** What to spawn: the argument array, the input script for stdin, and the orphan tag for the environment. */
export interface IngestCommand extends SecretInput {
  env: Record<string, string>;
}

export function buildIngestArgs(input: IngestArgsInput): IngestCommand {
  const { args: inputArgs, stdin } = buildInputArgs(input.inputUrl, input.ioTimeoutSec, input.userAgent, input.transport);
  const video = input.videoMode === 'copy' ? copyVideoArgs(input.copyHevc === true) : transcodeVideoArgs(input.transcode?.encoder ?? 'libx264', input.transcode?.caps ?? TRANSCODE_CAPS.main);
  const args = [
    '-hide_banner',
    '-nostdin',
    '-nostats',
    '-loglevel', 'level+warning',
    ...inputArgs,
    '-map', '0:v:0',
    ...audioArgs(input.audioMode ?? 'transcode-aac'),
    '-sn', '-dn',
    ...video,
    '-f', 'mp4',
    '-movflags', '+frag_keyframe+empty_moov+default_base_moof',
    '-frag_duration', String(Math.round(input.fragmentMs * 1000)),
    'pipe:1',
  ];
  return { args, stdin, env: orphanTagEnv(input.userAgent) };
}

/** ffmpeg's mp4 muxer tags HEVC `hev1` by default; `hvc1` is what Apple's and Chromium's HEVC players accept. */
function copyVideoArgs(hevc: boolean): string[] {
  return hevc ? ['-c:v', 'copy', '-tag:v', 'hvc1'] : ['-c:v', 'copy'];
}

/** Inserts credentials into a validated stream URL for ffmpeg's eyes only. */
export function withCredentials(streamUrl: string, username: string | null, password: string | null): string {
  if (!username) return streamUrl;
  const url = new URL(streamUrl);
  url.username = encodeURIComponent(username);
  url.password = password ? encodeURIComponent(password) : '';
  return url.toString();
}
